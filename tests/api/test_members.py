"""IT administers one member at a time over the API: GET/PATCH /members/{id}, POST /accounts/{id}/unlock.
Changes are checked as the council file is, audited with old and new values, and decide at once."""

from gateway.domain.accounts import MAX_FAILURES
from gateway.domain.models import Member
from tests.api.conftest import PASSWORDS

REASON = "I need this to scrutinise the pool contract at committee"


def decision(client, headers, document="doc-pool"):
    response = client.get(f"/api/v1/documents/{document}", query_string={"reason": REASON}, headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["decision"]


def test_get_a_member(client, admin):
    response = client.get("/api/v1/members/cllr-bob", headers=admin)
    assert response.status_code == 200
    assert response.get_json() == {
        "id": "cllr-bob", "name": "Cllr Bob Brown", "group": "grp-opp", "ward": None, "email": None,
        "committees": [{"committee": "osc", "role": "member"}], "portfolio_holder": [],
        "opposition_spokesperson": [],
        "interests": [{"kind": "pecuniary", "matter": "m-pool", "description": "Owns a pool supplier"}]}
    assert client.get("/api/v1/members/cllr-nobody", headers=admin).status_code == 404
    assert client.get("/api/v1/members/off-mo", headers=admin).status_code == 404


def test_an_interest_added_by_it_changes_the_next_decision_at_once(client, admin, ann, gw):
    before = decision(client, ann)
    assert before["rule"] != "R-INTEREST"
    interest = {"kind": "pecuniary", "matter": "m-pool", "description": "Brother runs the pool's contractor"}
    response = client.patch("/api/v1/members/cllr-ann", json={"interests": [interest]}, headers=admin)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["interests"] == [interest]
    assert body["committees"] == [{"committee": "cabinet", "role": "chair"}]   # fields not sent stay
    after = decision(client, ann)
    assert (after["outcome"], after["rule"]) == ("deny", "R-INTEREST")
    record = gw.audit.records(event="member_changed")[-1]
    assert record["actor"] == "off-it"
    assert record["detail"] == {"member": "cllr-ann", "fields": ["interests"], "before": {"interests": []},
                                "after": {"interests": [interest]}}
    # and taking it away again is just as immediate
    assert client.patch("/api/v1/members/cllr-ann", json={"interests": []}, headers=admin).status_code == 200
    assert decision(client, ann)["rule"] == before["rule"]


def test_patch_changes_only_the_fields_sent_and_clears_with_null(client, admin, gw):
    response = client.patch("/api/v1/members/cllr-bob", headers=admin, json={
        "group": None, "ward": "Northgate", "email": "bob@example.gov.uk", "portfolio_holder": ["leisure"],
        "committees": [{"committee": "osc", "role": "chair"}, {"committee": "council"}]})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["group"] is None and body["ward"] == "Northgate" and body["email"] == "bob@example.gov.uk"
    assert body["committees"] == [{"committee": "council", "role": "member"}, {"committee": "osc", "role": "chair"}]
    assert len(body["interests"]) == 1
    with gw.sessions() as session:
        row = session.get(Member, "cllr-bob")
        assert row.group_id is None and row.portfolio_holder == ["leisure"] and row.email == "bob@example.gov.uk"


def test_bad_input_is_refused_naming_the_field_and_changes_nothing(client, admin, gw):
    cases = [
        ({"interests": [{"kind": "pecuniary", "matter": "m-nonesuch"}]}, "interests[0].matter", "unknown matter"),
        ({"interests": [{"kind": "financial", "matter": "m-pool"}]}, "interests[0].kind", "not one of"),
        ({"committees": [{"committee": "cabinet", "role": "boss"}]}, "committees[0].role", "not one of"),
        ({"committees": [{"committee": "osc"}, {"committee": "osc"}]}, "committees[1].committee", "listed twice"),
        ({"group": "grp-nonesuch"}, "group", "unknown group"),
        ({"portfolio_holder": ["nonesuch"]}, "portfolio_holder[0]", "unknown portfolio"),
        ({"email": "not an address"}, "email", "not an email address"),
        ({"committees": "osc"}, "committees", "list"),
        ({"ward": 7}, "ward", "string"),
        ({}, "body", "send one or more"),
    ]
    for body, field, words in cases:
        response = client.patch("/api/v1/members/cllr-bob", json=body, headers=admin)
        assert response.status_code == 400, (body, response.get_json())
        answer = response.get_json()
        assert answer["field"] == field and answer["error"]["code"] == "invalid_field", (body, answer)
        assert field in answer["error"]["message"] and words in answer["error"]["message"], (body, answer)
    assert client.patch("/api/v1/members/cllr-nobody", json={"ward": "X"}, headers=admin).status_code == 404
    with gw.sessions() as session:
        row = session.get(Member, "cllr-bob")
        assert row.group_id == "grp-opp" and [s.committee_id for s in row.seats] == ["osc"]
    assert gw.audit.records(event="member_changed") == []


def test_only_it_may_read_or_change_members_or_unlock(client, ann, mo, auditor):
    for headers in (ann, mo, auditor):
        assert client.get("/api/v1/members/cllr-bob", headers=headers).status_code == 403
        assert client.patch("/api/v1/members/cllr-bob", json={"ward": "X"}, headers=headers).status_code == 403
        assert client.post("/api/v1/accounts/cllr-bob/unlock", headers=headers).status_code == 403


def test_unlocking_lets_a_locked_member_sign_in(client, admin, gw):
    for _ in range(MAX_FAILURES):
        client.post("/api/v1/tokens", json={"username": "cllr-bob", "password": "wrong-password"})
    right = {"username": "cllr-bob", "password": PASSWORDS["cllr-bob"]}
    locked = client.post("/api/v1/tokens", json=right)
    assert locked.status_code == 401 and "Too many failed attempts" in locked.get_json()["error"]["message"]
    response = client.post("/api/v1/accounts/cllr-bob/unlock", headers=admin)
    assert response.status_code == 204 and not response.get_data()
    assert client.post("/api/v1/tokens", json=right).status_code == 201
    record = gw.audit.records(event="account_unlocked")[-1]
    assert record["actor"] == "off-it" and record["detail"] == {"account": "cllr-bob", "was_locked": True}
    assert client.post("/api/v1/accounts/off-mo/unlock", headers=admin).status_code == 204
    assert client.post("/api/v1/accounts/nobody/unlock", headers=admin).status_code == 404


def test_openapi_describes_the_member_routes(client):
    document = client.get("/api/v1/openapi.json").get_json()
    patch = document["paths"]["/members/{member_id}"]["patch"]
    body = patch["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["interests"]["items"] == {"$ref": "#/components/schemas/MemberInterest"}
    assert patch["x-roles"] == ["admin"]
    assert {"Member", "MemberSeat", "MemberInterest"} <= set(document["components"]["schemas"])
    assert "204" in document["paths"]["/accounts/{account_id}/unlock"]["post"]["responses"]
