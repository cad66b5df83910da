"""POST /api/v1/tokens and bearer authentication: tokens, never cookies."""

from datetime import timedelta

from flask import url_for

from gateway.domain.accounts import MAX_FAILURES
from gateway.domain.clock import utcnow
from gateway.domain.sessions import issue_token
from tests.api.conftest import PASSWORDS, bearer


def test_a_right_password_gives_a_token_that_works(client, gw):
    response = client.post("/api/v1/tokens", json={"username": "cllr-ann", "password": "pw-ann-123"})
    assert response.status_code == 201
    assert "Set-Cookie" not in response.headers  # the API never starts a cookie session
    token = response.get_json()["token"]
    me = client.get("/api/v1/account", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.get_json() == {"id": "cllr-ann", "name": "Cllr Ann Able", "kind": "member", "roles": []}
    assert [r["actor"] for r in gw.audit.records(event="signin")] == ["cllr-ann"]


def test_wrong_password_and_unknown_name_answer_alike(client, gw):
    wrong = client.post("/api/v1/tokens", json={"username": "cllr-ann", "password": "nope"})
    unknown = client.post("/api/v1/tokens", json={"username": "cllr-ghost", "password": "nope"})
    for response in (wrong, unknown):
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert "token" not in response.get_json()
    assert wrong.get_json() == unknown.get_json()
    assert wrong.get_json()["error"]["message"] == "The username or password is not right."
    failed = gw.audit.records(event="signin_failed")
    assert [r["detail"]["username"] for r in failed] == ["cllr-ann", "cllr-ghost"]


def test_missing_credentials_are_refused_like_wrong_ones(client):
    for body in ({}, {"username": "cllr-ann"}, {"password": "pw-ann-123"}, {"username": "", "password": ""}):
        assert client.post("/api/v1/tokens", json=body).status_code == 401


def test_lock_out_applies_to_the_api(client):
    for _ in range(MAX_FAILURES):
        client.post("/api/v1/tokens", json={"username": "cllr-bob", "password": "wrong"})
    locked = client.post("/api/v1/tokens", json={"username": "cllr-bob", "password": "pw-bob-123"})
    assert locked.status_code == 401
    assert "Too many failed attempts" in locked.get_json()["error"]["message"]


def test_a_body_that_is_not_json_is_400(client):
    for data in (b"username=cllr-ann&password=x", b"{not json", b"", b"\xff\xfe\x00"):
        response = client.post("/api/v1/tokens", data=data, content_type="application/json")
        assert response.status_code == 400
        assert response.get_json()["error"]["code"] == "invalid_json"
    listed = client.post("/api/v1/tokens", json=["cllr-ann", "pw-ann-123"])
    assert listed.status_code == 400 and "JSON object" in listed.get_json()["error"]["message"]


def test_wrong_types_name_the_field(client):
    response = client.post("/api/v1/tokens", json={"username": 42, "password": "pw"})
    assert response.status_code == 400
    assert response.get_json()["error"]["message"].startswith("username:")
    response = client.post("/api/v1/tokens", json={"username": "cllr-ann", "password": ["pw"]})
    assert response.status_code == 400 and response.get_json()["field"] == "password"


def test_unknown_fields_are_ignored(client):
    response = client.post("/api/v1/tokens", json={"username": "cllr-ann", "password": "pw-ann-123", "scope": "all"})
    assert response.status_code == 201


def test_no_token_bad_token_and_expired_token_are_401_with_a_challenge(client, gw):
    with gw.sessions() as session:
        expired, _ = issue_token(session, "cllr-ann", now=utcnow() - timedelta(hours=13))
        session.commit()
    for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic Y2xsci1hbm46cHc="},
                    {"Authorization": "Bearer"}, {"Authorization": f"Bearer {expired}"},
                    {"Authorization": "Bearer " + "x" * 5000}):
        response = client.get("/api/v1/documents/doc-public", headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert response.is_json and set(response.get_json()["error"]) == {"code", "message"}


def test_a_session_cookie_does_not_authenticate_the_api(app, client):
    """The API is exempt from CSRF, so a signed-in browser's cookie must not act for it."""
    app.config.update(WTF_CSRF_ENABLED=False, SESSION_COOKIE_SECURE=False)
    signed_in = client.post("/sign-in", data={"username": "cllr-ann", "password": PASSWORDS["cllr-ann"]})
    assert signed_in.status_code == 302
    with app.test_request_context():
        page = url_for("auth.index")
    assert client.get(page).status_code == 302  # the cookie signs the web pages in (to ann's home page)
    assert "sign-in" not in client.get(page).headers["Location"]
    response = client.get("/api/v1/account")
    assert response.status_code == 401
    response = client.post("/api/v1/documents/doc-exempt/requests", json={"reason": "x y z w v"})
    assert response.status_code == 401


def test_the_api_leaves_the_session_cookie_alone(app, client, ann):
    """Under /api/ the cookie session is not even opened: nothing is read from the cookie, nothing is set or
    cleared, and no answer says it varies with it; the pages stay signed in."""
    app.config.update(WTF_CSRF_ENABLED=False, SESSION_COOKIE_SECURE=False)
    client.post("/sign-in", data={"username": "cllr-ann", "password": PASSWORDS["cllr-ann"]})
    cookie = client.get_cookie("session").value
    for response in (client.get("/api/v1/account"), client.get("/api/v1/account", headers=ann),
                     client.get("/api/v1/documents/doc-public", headers=ann), client.get("/api/v1/no-such-route"),
                     client.post("/api/v1/tokens", json={"username": "cllr-ann", "password": "wrong"})):
        assert "Set-Cookie" not in response.headers and "Cookie" not in response.vary, response.request.path
    assert client.get_cookie("session").value == cookie
    with app.test_request_context():
        page = url_for("auth.index")
    assert "sign-in" not in client.get(page).headers["Location"]
    assert "Cookie" in client.get(page).vary


def test_the_scheme_is_case_insensitive(client, ann):
    token = ann["Authorization"].split(" ", 1)[1]
    assert client.get("/api/v1/account", headers={"Authorization": f"bearer {token}"}).status_code == 200


def test_a_token_says_when_it_expires_and_can_be_revoked(client, gw):
    from datetime import datetime, timezone

    response = client.post("/api/v1/tokens", json={"username": "cllr-ann", "password": PASSWORDS["cllr-ann"]})
    body = response.get_json()
    expires_at = datetime.fromisoformat(body["expires_at"].replace("Z", "+00:00"))
    left = (expires_at - datetime.now(timezone.utc)).total_seconds()
    assert 11 * 3600 < left <= 12 * 3600 and abs(body["expires_in"] - left) < 60
    headers = {"Authorization": f"Bearer {body['token']}"}
    other = bearer(client, "cllr-ann")
    assert client.delete("/api/v1/tokens/current", headers=headers).status_code == 204
    assert client.get("/api/v1/account", headers=headers).status_code == 401
    assert client.delete("/api/v1/tokens/current", headers=headers).status_code == 401
    assert client.get("/api/v1/account", headers=other).status_code == 200  # only the token used is revoked
    assert gw.audit.records(event="token_revoked")[-1]["actor"] == "cllr-ann"
