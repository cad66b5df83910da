"""Sessions end server-side: a cookie copied before sign-out or a password change is refused afterwards;
sign-in sends a deep link back where it came from, and never off the site."""

import pytest

from tests.web.conftest import PASSWORDS, sign_in


def copy_cookie(app, client):
    """A second browser holding the same session cookie as `client`."""
    other = app.test_client()
    cookie = client.get_cookie("session")
    other.set_cookie(cookie.key, cookie.value)
    return other


def test_a_cookie_copied_before_sign_out_is_refused_afterwards(app, bob):
    copied = copy_cookie(app, bob)
    assert copied.get("/requests").status_code == 200
    assert bob.post("/sign-out").status_code == 302
    after = copied.get("/requests")
    assert after.status_code == 302 and "/sign-in" in after.headers["Location"]


def test_signing_out_ends_the_accounts_other_sessions(app, bob):
    laptop = sign_in(app.test_client(), "cllr-bob")
    bob.post("/sign-out")
    assert laptop.get("/requests").status_code == 302


def test_a_password_change_ends_every_other_session_and_token(app, bob):
    api = app.test_client()
    token = api.post("/api/v1/tokens", json={"username": "cllr-bob", "password": PASSWORDS["cllr-bob"]})
    headers = {"Authorization": f"Bearer {token.get_json()['token']}"}
    laptop = sign_in(app.test_client(), "cllr-bob")
    wrong = bob.post("/account/password", data={"current_password": "not it", "new_password": "a-new-password-1"})
    assert wrong.status_code == 400 and laptop.get("/requests").status_code == 200
    changed = bob.post("/account/password", data={"current_password": PASSWORDS["cllr-bob"],
                                                  "new_password": "a-new-password-1"})
    assert changed.status_code == 302
    assert bob.get("/requests").status_code == 200          # this browser carries on
    assert laptop.get("/requests").status_code == 302       # the others are signed out
    assert api.get("/api/v1/account", headers=headers).status_code == 401
    again = app.test_client().post("/sign-in", data={"username": "cllr-bob", "password": "a-new-password-1"})
    assert again.status_code == 302


def test_a_deep_link_survives_sign_in(anonymous):
    sent = anonymous.get("/documents/doc-public?capacity=councillor")
    assert sent.status_code == 302 and "next=" in sent.headers["Location"]
    form = anonymous.get(sent.headers["Location"])
    assert 'value="/documents/doc-public?capacity=councillor"' in form.get_data(as_text=True)
    signed_in = anonymous.post("/sign-in", data={"username": "cllr-bob", "password": PASSWORDS["cllr-bob"],
                                                 "next": "/documents/doc-public?capacity=councillor"})
    assert signed_in.status_code == 302
    assert signed_in.headers["Location"] == "/documents/doc-public?capacity=councillor"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x",
                                    "evil.example"])
def test_sign_in_refuses_to_send_anyone_off_the_site(anonymous, target):
    assert target not in anonymous.get("/sign-in", query_string={"next": target}).get_data(as_text=True)
    response = anonymous.post("/sign-in", data={"username": "cllr-bob", "password": PASSWORDS["cllr-bob"],
                                                "next": target})
    assert response.status_code == 302 and response.headers["Location"] == "/search"


@pytest.mark.parametrize("username, home", [("cllr-bob", "/search"), ("off-mo", "/officer/dashboard"),
                                            ("off-it", "/admin/"), ("off-aud", "/admin/")])
def test_each_role_lands_on_its_own_home_after_signing_in(app, username, home):
    client = app.test_client()
    signed_in = client.post("/sign-in", data={"username": username, "password": PASSWORDS[username]})
    assert signed_in.status_code == 302 and signed_in.headers["Location"] == home
    assert client.get("/").headers["Location"] == home
    assert client.get(home).status_code == 200


def test_the_proper_officers_section_opens_on_the_dashboard_which_leads_to_the_queue(mo):
    assert mo.get("/officer/").headers["Location"] == "/officer/dashboard"
    assert 'href="/officer/queue"' in mo.get("/officer/dashboard").get_data(as_text=True)
