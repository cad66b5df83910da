"""IT adds an account, disables and enables one, and resets a password on the pages: checked as the council file
is, audited without any secret, effective at once (a disabled account's sessions and tokens end)."""

import html
import json
import re

from gateway.domain import referrals
from gateway.domain.models import Member, Officer
from gateway.services import accounts
from tests.web.conftest import PASSWORDS


def plain(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def shown_password(response) -> str:
    found = re.search(r'id="generated-password">([^<]+)<', response.get_data(as_text=True))
    assert found, plain(response)
    return html.unescape(found.group(1))


def signs_in(app, username: str, password: str) -> bool:
    response = app.test_client().post("/sign-in", data={"username": username, "password": password})
    return response.status_code == 302


def test_it_adds_a_councillor_who_signs_in_with_the_password_shown_once(app, it, gw):
    response = it.post("/admin/accounts/new", data={"kind": "member", "id": "cllr-cat", "name": "Cat Jones",
                                                   "email": "cat@example.gov.uk", "group": "grp-admin",
                                                   "ward": "Eastgate"})
    assert response.status_code == 200, plain(response)
    assert response.headers["Cache-Control"] == "no-store"
    password = shown_password(response)
    assert len(password) >= 10 and signs_in(app, "cllr-cat", password)
    with gw.sessions() as session:
        row = session.get(Member, "cllr-cat")
        assert (row.name, row.group_id, row.ward, row.email) == ("Cat Jones", "grp-admin", "Eastgate",
                                                                 "cat@example.gov.uk")
    record = gw.audit.records(event="account_added")[-1]
    assert record["actor"] == "off-it" and record["detail"]["account"] == "cllr-cat"
    assert password not in json.dumps(gw.audit.records())
    # the new councillor is listed, and the decision service treats them as a member of their group
    assert "Cat Jones" in plain(it.get("/admin/members"))
    cat = app.test_client()
    cat.post("/sign-in", data={"username": "cllr-cat", "password": password})
    assert cat.get("/documents/doc-group").status_code == 200   # the Admin group's own paper


def test_a_wrong_entry_is_named_on_its_field_and_nothing_is_added(it, gw):
    for data, words in (
        ({"id": "cllr bad", "name": "X"}, "is not an id"),
        ({"id": "cllr-bob", "name": "Another Bob"}, "'cllr-bob' is already an account's id"),
        ({"id": "off-it", "name": "Another IT"}, "'off-it' is already an account's id"),
        ({"id": "cllr-dan", "name": ""}, "Full name: missing"),
        ({"id": "cllr-dan", "name": "Dan", "group": "grp-nonesuch"}, "unknown group 'grp-nonesuch'"),
        ({"id": "cllr-dan", "name": "Dan", "email": "not an address"}, "is not an email address"),
        ({"kind": "officer", "id": "off-new", "name": "New"}, "Roles (officers): missing"),   # one role at least
    ):
        response = it.post("/admin/accounts/new", data={"kind": "member", **data})
        assert response.status_code == 400, (data, plain(response))
        page = plain(response)
        assert "There is a problem" in page and words in page, (data, page)
        assert response.get_data(as_text=True).split("<title>")[1].strip().startswith("Error:")
    assert gw.audit.records(event="account_added") == []
    with gw.sessions() as session:
        assert session.get(Member, "cllr-dan") is None and session.get(Officer, "off-new") is None


def test_a_deputy_proper_officer_added_by_it_works_the_queue_as_themselves(app, it, bob, gw):
    response = it.post("/admin/accounts/new", data={"kind": "officer", "id": "off-dmo", "name": "Dee Deputy",
                                                   "roles": ["deputy_proper_officer"], "service": "legal"})
    password = shown_password(response)
    deputy = app.test_client()
    signed_in = deputy.post("/sign-in", data={"username": "off-dmo", "password": password})
    assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/officer/dashboard"
    assert deputy.get("/officer/queue").status_code == 200 and deputy.get("/officer/dashboard").status_code == 200
    bob.post("/documents/doc-exempt/request", data={"reason": "For the land sale review", "capacity": "councillor"})
    with gw.sessions() as session:
        referral_id = referrals.queue(session, "pending")[0].referral.id
    response = deputy.post(f"/officer/referrals/{referral_id}/decision",
                           data={"outcome": "grant", "reasons": "Needed for the scrutiny review"})
    assert response.status_code == 302, plain(response)
    record = gw.audit.records(event="adjudication")[-1]
    assert record["actor"] == "off-dmo"
    assert "Dee Deputy" in plain(it.get("/admin/audit", query_string={"event": "adjudication"}))
    assert bob.get("/documents/doc-exempt").status_code == 200


def test_disabling_ends_sessions_and_tokens_at_once_and_refuses_sign_in(app, it, bob, gw):
    with gw.sessions() as session:
        token = accounts.sign_in(gw, session, "cllr-bob", PASSWORDS["cllr-bob"], via="api").secret
    api = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    assert api.get("/api/v1/account", headers=headers).status_code == 200
    response = it.post("/admin/accounts/cllr-bob/disable")
    assert response.status_code == 302
    assert "disabled" in plain(it.get(response.headers["Location"]))
    assert bob.get("/search").status_code == 302                      # signed out, sent to sign in
    assert api.get("/api/v1/account", headers=headers).status_code == 401
    assert not signs_in(app, "cllr-bob", PASSWORDS["cllr-bob"])
    assert gw.audit.records(event="account_disabled")[-1]["detail"] == {"account": "cllr-bob", "was_disabled": False}
    # enabling lets the same password in again
    assert it.post("/admin/accounts/cllr-bob/enable").status_code == 302
    assert signs_in(app, "cllr-bob", PASSWORDS["cllr-bob"])


def test_it_cannot_disable_its_own_account(app, it, gw):
    response = it.post("/admin/accounts/off-it/disable")
    assert "You cannot disable your own account" in plain(it.get(response.headers["Location"]))
    assert it.get("/admin/members").status_code == 200
    assert gw.audit.records(event="account_disabled") == []


def test_a_reset_password_is_shown_once_ends_old_sessions_and_is_not_logged(app, it, bob, gw):
    response = it.post("/admin/accounts/cllr-bob/password")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    password = shown_password(response)
    assert bob.get("/search").status_code == 302
    assert not signs_in(app, "cllr-bob", PASSWORDS["cllr-bob"])
    assert signs_in(app, "cllr-bob", password)
    assert gw.audit.records(event="password_reset")[-1]["detail"] == {"account": "cllr-bob"}
    assert password not in json.dumps(gw.audit.records())


def test_the_buttons_carry_a_csrf_token(csrf_app):
    it = csrf_app.test_client()
    page = it.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    it.post("/sign-in", data={"username": "off-it", "password": PASSWORDS["off-it"], "csrf_token": token})
    page = it.get("/admin/members/cllr-bob")
    assert page.status_code == 200 and 'name="csrf_token"' in page.get_data(as_text=True)
    assert it.post("/admin/accounts/cllr-bob/disable").status_code == 400     # no token: nothing happens
    assert it.post("/admin/accounts/cllr-bob/password").status_code == 400
    gw = csrf_app.extensions["gateway"]
    with gw.sessions() as session:
        assert session.get(Member, "cllr-bob").disabled_at is None
    assert gw.audit.records(event="password_reset") == []


def test_the_members_page_names_requests_by_the_titles_it_may_discover(it, gw):
    with gw.sessions() as session, session.begin():
        referrals.open_referral(session, "cllr-bob", "doc-exempt", "For the review", "councillor", "R-NEED-TO-KNOW")
        referrals.open_referral(session, "cllr-ann", "doc-group", "For the debate", "councillor", "R-GROUP-OWN")
    page = plain(it.get("/admin/members"))
    assert "Disposal of land at Mill Lane (waiting)" in page
    assert "Admin group budget tactics" not in page and "doc-group" not in page
    member = plain(it.get("/admin/members/cllr-bob"))
    assert "Disposal of land at Mill Lane" in member
    assert "Admin group budget tactics" not in plain(it.get("/admin/members/cllr-ann"))
