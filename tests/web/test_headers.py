"""Strict-Transport-Security when served over TLS (GATEWAY_BEHIND_TLS, or X-Forwarded-Proto from a trusted
proxy), and Allow on every 405 (issue 10)."""

import pytest

from gateway.config import Settings, settings_from_env
from gateway.web.app import HSTS, create_app


def client(tmp_path, **settings):
    app = create_app({"TESTING": True, "GATEWAY_SETTINGS": Settings(data_dir=tmp_path / "data", **settings)})
    return app.test_client()


def test_no_hsts_over_plain_http_by_default(tmp_path):
    response = client(tmp_path).get("/sign-in")
    assert response.status_code == 200 and "Strict-Transport-Security" not in response.headers


def test_behind_tls_every_answer_carries_hsts(tmp_path):
    c = client(tmp_path, behind_tls=True)
    for response in (c.get("/sign-in"), c.get("/no-such-page"), c.get("/api/v1/openapi.json"),
                     c.get("/api/v1/account")):
        assert response.headers["Strict-Transport-Security"] == HSTS


def test_a_request_over_https_carries_hsts(tmp_path):
    response = client(tmp_path).get("/sign-in", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == HSTS


def test_forwarded_proto_is_believed_only_from_a_trusted_proxy(tmp_path):
    https = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    untrusted = client(tmp_path / "a").get("/sign-in", headers=https)
    assert "Strict-Transport-Security" not in untrusted.headers
    trusted = client(tmp_path / "b", trusted_proxies=1).get("/sign-in", headers=https)
    assert trusted.headers["Strict-Transport-Security"] == HSTS


def test_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("GATEWAY_BEHIND_TLS", "true")
    monkeypatch.setenv("GATEWAY_TRUSTED_PROXIES", "1")
    settings = settings_from_env()
    assert settings.behind_tls is True and settings.trusted_proxies == 1
    monkeypatch.setenv("GATEWAY_BEHIND_TLS", "0")
    assert settings_from_env().behind_tls is False
    monkeypatch.setenv("GATEWAY_BEHIND_TLS", "maybe")
    with pytest.raises(ValueError, match="GATEWAY_BEHIND_TLS"):
        settings_from_env()


@pytest.mark.parametrize("method, path, allowed", [
    ("post", "/search", {"GET", "HEAD", "OPTIONS"}),
    ("delete", "/sign-in", {"GET", "HEAD", "OPTIONS", "POST"}),
    ("get", "/documents/doc-public/download", {"POST", "OPTIONS"}),
    ("delete", "/api/v1/account", {"GET", "HEAD", "OPTIONS"}),
    ("get", "/api/v1/tokens", {"POST", "OPTIONS"}),
    ("put", "/api/v1/documents/doc-public", {"GET", "HEAD", "OPTIONS", "PUT"} - {"PUT"}),
])
def test_a_405_says_which_methods_are_allowed(tmp_path, method, path, allowed):
    response = getattr(client(tmp_path), method)(path)
    assert response.status_code == 405
    assert {m.strip() for m in response.headers["Allow"].split(",")} == allowed
    if path.startswith("/api/"):
        assert response.get_json()["error"]["code"] == "405"
