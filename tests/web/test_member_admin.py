"""IT edits one member on the pages (committees, portfolios, interests, group, ward, email) and unlocks an
account: checked as the council file is, errors on the field they are about, effective at once, audited."""

import html
import re

from gateway.domain.accounts import MAX_FAILURES
from gateway.domain.models import Member
from tests.web.conftest import PASSWORDS, sign_in

# Committees are listed by name: Cabinet (seat_0), Council (seat_1), Scrutiny Committee (seat_2).
ANN = {"sent": "1", "group": "grp-admin", "ward": "", "email": "", "seat_0": "chair", "seat_1": "", "seat_2": "",
       "portfolio_holder": ["leisure"]}


def plain(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def rule_on(client, document: str) -> str:
    return re.search(r"Rule (R-[A-Z-]+)", plain(client.get(f"/documents/{document}"))).group(1)


def test_it_adds_an_interest_and_the_next_decision_changes_at_once(it, ann, gw):
    assert rule_on(ann, "doc-pool") != "R-INTEREST"
    page = it.get("/admin/members/cllr-ann/edit")
    assert page.status_code == 200 and 'name="interest_0_matter"' in page.get_data(as_text=True)
    assert "Change" in plain(it.get("/admin/members/cllr-ann"))
    response = it.post("/admin/members/cllr-ann/edit", data={
        **ANN, "interest_0_kind": "pecuniary", "interest_0_matter": "m-pool",
        "interest_0_description": "Brother runs the pool's contractor"})
    assert response.status_code == 302, plain(response)
    shown = plain(it.get(response.headers["Location"]))
    assert "details are saved" in shown and "Brother runs the pool's contractor" in shown
    assert rule_on(ann, "doc-pool") == "R-INTEREST"
    record = gw.audit.records(event="member_changed")[-1]
    assert record["actor"] == "off-it" and record["detail"]["fields"] == ["interests"]
    # removing it is as immediate; the other fields stay as they were
    response = it.post("/admin/members/cllr-ann/edit", data={
        **ANN, "interest_0_kind": "pecuniary", "interest_0_matter": "m-pool", "interest_0_remove": "y"})
    assert response.status_code == 302
    assert rule_on(ann, "doc-pool") != "R-INTEREST"
    with gw.sessions() as session:
        row = session.get(Member, "cllr-ann")
        assert row.interests == [] and [(s.committee_id, s.role) for s in row.seats] == [("cabinet", "chair")]
        assert row.portfolio_holder == ["leisure"] and row.group_id == "grp-admin"


def test_it_changes_seats_group_ward_and_email(it, gw):
    response = it.post("/admin/members/cllr-bob/edit", data={
        "sent": "1", "group": "", "ward": "Northgate", "email": "bob@example.gov.uk", "seat_0": "",
        "seat_1": "member", "seat_2": "vice_chair", "opposition_spokesperson": ["leisure"],
        "interest_0_kind": "pecuniary", "interest_0_matter": "m-pool", "interest_0_description": "Owns a pool supplier"})
    assert response.status_code == 302, plain(response)
    with gw.sessions() as session:
        row = session.get(Member, "cllr-bob")
        assert row.group_id is None and row.ward == "Northgate" and row.email == "bob@example.gov.uk"
        assert sorted((s.committee_id, s.role) for s in row.seats) == [("council", "member"), ("osc", "vice_chair")]
        assert row.opposition_spokesperson == ["leisure"] and len(row.interests) == 1


def test_a_wrong_field_is_named_on_the_form_and_nothing_changes(it, gw):
    for data, words in (
        ({"email": "not an address"}, "Email address for notices: 'not an address' is not an email address"),
        ({"interest_0_kind": "pecuniary"}, "New interest: matter: missing"),
        ({"interest_0_matter": "m-nonesuch", "interest_0_kind": "other"}, "New interest: matter: unknown matter"),
        ({"seat_1": "boss"}, "Council: 'boss' is not one of member, chair, vice_chair, substitute"),
        ({"group": "grp-nonesuch"}, "Party group: unknown group"),
        ({"ward": "x" * 201}, "Ward: longer than 200 characters"),
    ):
        response = it.post("/admin/members/cllr-ann/edit", data={**ANN, **data})
        assert response.status_code == 400, (data, plain(response))
        page = plain(response)
        assert "There is a problem" in page and words in page, (data, page)
        assert response.get_data(as_text=True).split("<title>")[1].strip().startswith("Error:")
    with gw.sessions() as session:
        row = session.get(Member, "cllr-ann")
        assert row.interests == [] and row.email is None and row.group_id == "grp-admin"
    assert gw.audit.records(event="member_changed") == []


def test_an_unknown_member_is_404(it):
    assert it.get("/admin/members/cllr-nobody/edit").status_code == 404


def lock_out(app, username: str) -> None:
    client = app.test_client()
    for _ in range(MAX_FAILURES):
        client.post("/sign-in", data={"username": username, "password": "wrong-password"})
    refused = client.post("/sign-in", data={"username": username, "password": PASSWORDS[username]})
    assert refused.status_code != 302 and "Too many failed attempts" in plain(refused)


def test_it_unlocks_a_locked_member_who_can_then_sign_in(app, it, auditor, gw):
    lock_out(app, "cllr-bob")
    assert "Locked after 5 failed attempts" in plain(it.get("/admin/members/cllr-bob"))
    members = it.get("/admin/members").get_data(as_text=True)
    assert 'action="/admin/accounts/cllr-bob/unlock"' in members
    assert 'action="/admin/accounts/cllr-bob/unlock"' not in auditor.get("/admin/members").get_data(as_text=True)
    assert auditor.post("/admin/accounts/cllr-bob/unlock").status_code == 403
    response = it.post("/admin/accounts/cllr-bob/unlock")
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/members/cllr-bob")
    assert "cllr-bob is unlocked" in plain(it.get(response.headers["Location"]))
    sign_in(app.test_client(), "cllr-bob")
    assert gw.audit.records(event="account_unlocked")[-1]["detail"] == {"account": "cllr-bob", "was_locked": True}


def test_it_unlocks_an_officer(app, it):
    lock_out(app, "off-mo")
    response = it.post("/admin/accounts/off-mo/unlock")
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/members")
    sign_in(app.test_client(), "off-mo")


def test_the_edit_and_unlock_forms_need_their_csrf_token(csrf_app):
    client = csrf_app.test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                      client.get("/sign-in").get_data(as_text=True)).group(1)
    signed_in = client.post("/sign-in", data={"username": "off-it", "password": PASSWORDS["off-it"],
                                              "csrf_token": token})
    assert signed_in.status_code == 302
    assert client.post("/admin/members/cllr-ann/edit", data=ANN).status_code == 400
    assert client.post("/admin/accounts/cllr-bob/unlock").status_code == 400
    page = client.get("/admin/members/cllr-ann/edit").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/admin/members/cllr-ann/edit", data={**ANN, "ward": "Eastgate", "csrf_token": token})
    assert response.status_code == 302
