"""A per-client rate limit on signing in, web and API together: 429 with Retry-After and a clear message,
each refused attempt audited; other clients are not held up (issue 10)."""

import pytest

from gateway.config import Settings, settings_from_env
from gateway.domain.council_file import load_council
from gateway.web.app import create_app
from tests.factories import write_yaml
from tests.web.conftest import PASSWORDS, web_council


@pytest.fixture
def app(tmp_path):
    settings = Settings(data_dir=tmp_path / "data", signin_rate_limit="3 per minute", trusted_proxies=1)
    app = create_app({"TESTING": True, "SESSION_COOKIE_SECURE": False, "WTF_CSRF_ENABLED": False,
                      "GATEWAY_SETTINGS": settings})
    with app.extensions["gateway"].sessions() as session:
        load_council(session, write_yaml(tmp_path / "council.yaml", web_council()))
    return app


def from_client(address: str) -> dict:
    return {"X-Forwarded-For": address}


def test_sign_in_and_token_requests_share_one_limit_per_client(app):
    client, spray = app.test_client(), from_client("203.0.113.9")
    assert client.post("/sign-in", data={"username": "cllr-ann", "password": "wrong"}, headers=spray).status_code != 429
    assert client.post("/api/v1/tokens", json={"username": "cllr-bob", "password": "x"}, headers=spray).status_code == 401
    assert client.post("/sign-in", data={"username": "off-mo", "password": "x"}, headers=spray).status_code != 429
    assert "Retry-After" not in client.post("/sign-in", data={}, headers=from_client("198.51.100.1")).headers

    web = client.post("/sign-in", data={"username": "cllr-ann", "password": PASSWORDS["cllr-ann"]}, headers=spray)
    assert web.status_code == 429 and int(web.headers["Retry-After"]) > 0
    assert "Too many sign-in attempts" in web.get_data(as_text=True)
    api = client.post("/api/v1/tokens", json={"username": "cllr-ann", "password": PASSWORDS["cllr-ann"]},
                      headers=spray)
    assert api.status_code == 429 and int(api.headers["Retry-After"]) > 0
    assert api.get_json()["error"]["code"] == "rate_limited"
    assert "Too many sign-in attempts" in api.get_json()["error"]["message"]

    # another client is not held up, and reading the sign-in page is not limited
    other = client.post("/api/v1/tokens", json={"username": "cllr-ann", "password": PASSWORDS["cllr-ann"]},
                        headers=from_client("198.51.100.2"))
    assert other.status_code == 201
    assert client.get("/sign-in", headers=spray).status_code == 200


def test_each_refused_attempt_is_audited(app):
    client, spray = app.test_client(), from_client("203.0.113.10")
    for _ in range(3):
        client.post("/api/v1/tokens", json={"username": "cllr-bob", "password": "x"}, headers=spray)
    client.post("/sign-in", data={"username": "cllr-ann", "password": "x"}, headers=spray)
    client.post("/api/v1/tokens", json={"username": "off-mo", "password": "x"}, headers=spray)
    throttled = app.extensions["gateway"].audit.records(event="signin_throttled")
    assert [(r["detail"]["username"], r["detail"]["via"], r["detail"]["client"]) for r in throttled] == [
        ("cllr-ann", "web", "203.0.113.10"), ("off-mo", "api", "203.0.113.10")]


def test_settings_from_the_environment(monkeypatch):
    assert settings_from_env().ratelimit_storage == "memory://"
    monkeypatch.setenv("GATEWAY_RATELIMIT_STORAGE", "redis://cache.internal:6379/2")
    monkeypatch.setenv("GATEWAY_RATELIMIT_SIGNIN", "5 per minute")
    settings = settings_from_env()
    assert settings.ratelimit_storage == "redis://cache.internal:6379/2" and settings.signin_rate_limit == "5 per minute"
