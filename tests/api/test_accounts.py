"""IT's accounts over the API (add, disable, enable, reset a password) and the Proper Officer's dashboard and
standard reasons: each answer as openapi.json declares it, each change audited without any secret."""

import json

from gateway.services import referrals as referral_service
from gateway.services import standard_reasons
from tests.api.conftest import PASSWORDS


def token(client, username: str, password: str) -> dict | None:
    response = client.post("/api/v1/tokens", json={"username": username, "password": password})
    return {"Authorization": f"Bearer {response.get_json()['token']}"} if response.status_code == 201 else None


def test_it_adds_an_officer_who_gets_a_token_with_the_password_given_once(client, admin, gw):
    response = client.post("/api/v1/accounts", headers=admin, json={
        "kind": "officer", "id": "off-dmo", "name": "Dee Deputy", "roles": ["deputy_proper_officer"],
        "service": "legal", "email": "dee@example.gov.uk"})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["account"] == {"id": "off-dmo", "name": "Dee Deputy", "kind": "officer",
                               "roles": ["deputy_proper_officer"], "email": "dee@example.gov.uk", "disabled": False}
    deputy = token(client, "off-dmo", body["password"])
    assert deputy is not None
    assert client.get("/api/v1/referrals", headers=deputy).status_code == 200   # acts on the queue
    assert client.get("/api/v1/dashboard", headers=deputy).status_code == 200
    assert body["password"] not in json.dumps(gw.audit.records())


def test_a_wrong_account_names_its_field_and_adds_nothing(client, admin, gw):
    for sent, field in (({"kind": "member", "id": "cllr bad", "name": "X"}, "id"),
                        ({"kind": "member", "id": "cllr-bob", "name": "X"}, "id"),
                        ({"kind": "member", "id": "cllr-new", "name": "X", "group": "grp-none"}, "group"),
                        ({"kind": "officer", "id": "off-new", "name": "X", "roles": ["boss"]}, "roles[0]")):
        response = client.post("/api/v1/accounts", headers=admin, json=sent)
        assert response.status_code == 400 and response.get_json()["field"] == field, (sent, response.get_json())
    assert gw.audit.records(event="account_added") == []


def test_only_it_manages_accounts(client, mo, bob):
    for headers in (mo, bob):
        assert client.post("/api/v1/accounts/cllr-ann/disable", headers=headers).status_code == 403
        assert client.post("/api/v1/accounts/cllr-ann/password", headers=headers).status_code == 403


def test_disabling_ends_the_tokens_at_once_and_enabling_restores_the_password(client, admin, ann):
    assert client.get("/api/v1/account", headers=ann).status_code == 200
    response = client.post("/api/v1/accounts/cllr-ann/disable", headers=admin)
    assert response.status_code == 200 and response.get_json()["disabled"] is True
    assert client.get("/api/v1/account", headers=ann).status_code == 401
    assert token(client, "cllr-ann", PASSWORDS["cllr-ann"]) is None
    assert client.post("/api/v1/accounts/cllr-nobody/disable", headers=admin).status_code == 404
    assert client.post("/api/v1/accounts/cllr-ann/enable", headers=admin).get_json()["disabled"] is False
    assert token(client, "cllr-ann", PASSWORDS["cllr-ann"]) is not None


def test_a_reset_password_replaces_the_old_one(client, admin, bob, gw):
    response = client.post("/api/v1/accounts/cllr-bob/password", headers=admin)
    assert response.status_code == 200
    password = response.get_json()["password"]
    assert client.get("/api/v1/account", headers=bob).status_code == 401
    assert token(client, "cllr-bob", PASSWORDS["cllr-bob"]) is None and token(client, "cllr-bob", password)
    assert gw.audit.records(event="password_reset")[-1]["detail"] == {"account": "cllr-bob"}


def test_the_dashboard_counts_the_queue_and_a_standard_reason_can_be_cited(client, mo, gw):
    with gw.sessions() as session:
        _, referral = referral_service.request_access(gw, session, "cllr-bob", "doc-exempt", "For the staffing review")
        reason = standard_reasons.save_reason(gw, session, "off-mo", "Need shown", "The need to know is shown.")
        referral_id, reason_id = referral.id, reason.id
    figures = client.get("/api/v1/dashboard", headers=mo).get_json()
    pending = client.get("/api/v1/referrals", query_string={"status": "pending"}, headers=mo).get_json()
    assert figures["waiting"] == len(pending) == 1
    listed = client.get("/api/v1/standard-reasons", headers=mo).get_json()
    assert listed == [{"id": reason_id, "title": "Need shown", "text": "The need to know is shown."}]
    response = client.post(f"/api/v1/referrals/{referral_id}/decision", headers=mo, json={
        "outcome": "grant", "reasons": "Until the meeting.", "standard_reason": reason_id})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["decision_reasons"] == "The need to know is shown.\n\nUntil the meeting."
    after = client.get("/api/v1/dashboard", headers=mo).get_json()
    assert after["waiting"] == 0 and after["decided_this_month"] == 1 and after["on_time_percent"] == 100
