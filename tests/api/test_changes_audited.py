"""Each change commits with its audit record or not at all: with the audit store unwritable, nothing changes
and no content is served. And the Proper Officer's reclassification over the API."""

import pytest
from sqlalchemy import func, select

from gateway.domain.models import (
    AuditRecord, Document, Member, Notice, PolicyVersion, ProperOfficerDecision, Referral,
)
from gateway.services import council, policy
from gateway.services.outcomes import AuditUnavailable
from tests.api.conftest import api_council
from tests.factories import write_yaml

REASON = "I need this to scrutinise the restructure at committee"
CLASSIFICATION = {"exempt_paragraphs": [1, 2], "party_group": None, "flags": ["employee_matter"],
                  "reasons": "Names a member of staff and their grievance"}


def make_audit_unwritable(gw) -> None:
    """Every insert into the audit log fails from now on, as on a full or read-only audit store."""
    gw.audit.attempts = 1
    with gw.engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("CREATE TRIGGER audit_unwritable BEFORE INSERT ON audit_log "
                                       "BEGIN SELECT RAISE(ABORT, 'the audit store is unwritable'); END")
        else:
            connection.exec_driver_sql("CREATE FUNCTION audit_unwritable() RETURNS trigger LANGUAGE plpgsql AS "
                                       "$$BEGIN RAISE EXCEPTION 'the audit store is unwritable'; END$$")
            connection.exec_driver_sql("CREATE TRIGGER audit_unwritable BEFORE INSERT ON audit_log "
                                       "FOR EACH ROW EXECUTE FUNCTION audit_unwritable()")


def records(gw) -> int:
    with gw.sessions() as session:
        return session.scalar(select(func.count()).select_from(AuditRecord))


@pytest.fixture
def referral(client, bob):
    response = client.post("/api/v1/documents/doc-exempt/requests", json={"reason": REASON}, headers=bob)
    assert response.status_code == 201
    return response.get_json()["referral"]["id"]


def test_a_referral_decision_is_not_made_without_its_record(client, gw, mo, referral):
    make_audit_unwritable(gw)
    before = records(gw)
    response = client.post(f"/api/v1/referrals/{referral}/decision", headers=mo,
                           json={"outcome": "grant", "reasons": "Needed for the scrutiny review"})
    assert response.status_code == 503 and response.get_json()["error"]["code"] == "audit_unavailable"
    with gw.sessions() as session:
        assert session.get(Referral, referral).status == "pending"
        assert session.scalar(select(func.count()).select_from(ProperOfficerDecision)) == 0
    assert records(gw) == before


def test_a_dispute_is_not_recorded_without_its_record(client, gw, mo, bob, referral):
    refused = client.post(f"/api/v1/referrals/{referral}/decision", headers=mo,
                          json={"outcome": "deny", "reasons": "Not needed for the review"})
    assert refused.status_code == 200
    make_audit_unwritable(gw)
    response = client.post(f"/api/v1/referrals/{referral}/dispute", headers=bob,
                           json={"grounds": "The paper is on the agenda of my committee"})
    assert response.status_code == 503
    with gw.sessions() as session:
        assert session.get(Referral, referral).dispute is None


@pytest.mark.parametrize("first, change", [
    ("deny", ("reconsideration", {"outcome": "grant", "reasons": "New information about the ward"})),
    ("grant", ("withdrawal", {"reasons": "The review has ended"})),
])
def test_a_reconsideration_or_withdrawal_is_not_made_without_its_record(client, gw, mo, bob, referral, first,
                                                                        change):
    assert client.post(f"/api/v1/referrals/{referral}/decision", headers=mo,
                       json={"outcome": first, "reasons": "The first decision"}).status_code == 200
    rule = client.get("/api/v1/documents/doc-exempt", headers=bob).get_json()["decision"]["rule"]
    make_audit_unwritable(gw)
    path, body = change
    response = client.post(f"/api/v1/referrals/{referral}/{path}", headers=mo, json=body)
    assert response.status_code == 503
    with gw.sessions() as session:
        assert session.get(Referral, referral).status == ("denied" if first == "deny" else "granted")
        assert session.scalar(select(func.count()).select_from(ProperOfficerDecision)) == 1
        assert session.query(Notice).filter(Notice.recipient_id == "cllr-bob").count() == 1
    with gw.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER audit_unwritable" + (" ON audit_log" if connection.dialect.name
                                                                       != "sqlite" else ""))
    assert client.get("/api/v1/documents/doc-exempt", headers=bob).get_json()["decision"]["rule"] == rule


def test_a_reclassification_is_not_stored_without_its_record(client, gw, mo):
    make_audit_unwritable(gw)
    response = client.put("/api/v1/documents/doc-exempt/classification", headers=mo, json=CLASSIFICATION)
    assert response.status_code == 503
    with gw.sessions() as session:
        assert session.get(Document, "doc-exempt").reclassification is None


def test_a_policy_version_is_not_activated_without_its_record(gw):
    make_audit_unwritable(gw)
    with gw.sessions() as session:
        active = session.scalars(select(PolicyVersion).where(PolicyVersion.active)).one()
        active_id, text = active.id, active.text
        with pytest.raises(AuditUnavailable):
            policy.activate(gw, session, "off-it", text + "\n# a comment\n", "A harmless change")
        with pytest.raises(AuditUnavailable):
            policy.revert(gw, session, "off-it", active_id)
    with gw.sessions() as session:
        assert session.scalars(select(PolicyVersion).where(PolicyVersion.active)).one().id == active_id
        assert session.scalar(select(func.count()).select_from(PolicyVersion)) == 1


def test_a_council_file_is_not_loaded_without_its_record(gw, tmp_path):
    data = api_council()
    data["members"][0]["name"] = "Cllr Renamed"
    make_audit_unwritable(gw)
    with pytest.raises(AuditUnavailable):
        council.load_council(gw, "off-it", write_yaml(tmp_path / "council.yaml", data))
    with gw.sessions() as session:
        assert session.get(Member, data["members"][0]["id"]).name != "Cllr Renamed"


@pytest.mark.parametrize("url", ["/api/v1/documents/doc-exempt/content?reason=" + REASON,
                                 "/api/v1/documents/doc-exempt/download?purpose=Cabinet+papers",
                                 "/api/v1/documents/doc-public/content"])
def test_no_content_is_served_unrecorded(client, gw, ann, url):
    make_audit_unwritable(gw)
    response = client.get(url, headers=ann)
    assert response.status_code == 503 and response.is_json
    assert b"Named staff" not in response.get_data() and b"swimming pool" not in response.get_data()


def test_the_proper_officer_reclassifies_with_reasons(client, gw, mo, ann):
    response = client.put("/api/v1/documents/doc-public/classification", headers=mo, json=CLASSIFICATION)
    assert response.status_code == 200
    assert response.get_json() == {"exempt_paragraphs": [1, 2], "party_group": None, "flags": ["employee_matter"],
                                   "needs_review": False, "review_reasons": []}
    record = gw.audit.records(event="reclassified")[-1]
    assert record["actor"] == "off-mo" and record["document"] == "doc-public"
    assert record["detail"]["reasons"] == CLASSIFICATION["reasons"]
    assert record["detail"]["before"]["exempt_paragraphs"] == [] and record["detail"]["after"]["exempt_paragraphs"] == [1, 2]
    # it decides access from now on: the public report is now exempt, so Ann's content is marked
    meta = client.get("/api/v1/documents/doc-public", headers=ann).get_json()
    assert meta["exempt_paragraphs"] == [1, 2]


@pytest.mark.parametrize("change, field", [
    ({"exempt_paragraphs": [9]}, "exempt_paragraphs"),
    ({"exempt_paragraphs": [True]}, "exempt_paragraphs"),
    ({"flags": ["secret"]}, "flags"),
    ({"party_group": "grp-nonesuch"}, "party_group"),
    ({"reasons": "  "}, "reasons"),
    ({"needs_review": "yes"}, "needs_review"),
])
def test_a_wrong_classification_names_the_field_and_changes_nothing(client, gw, mo, change, field):
    response = client.put("/api/v1/documents/doc-public/classification", headers=mo, json={**CLASSIFICATION, **change})
    assert response.status_code == 400 and response.get_json()["field"] == field
    with gw.sessions() as session:
        assert session.get(Document, "doc-public").reclassification is None


def test_only_the_proper_officer_reclassifies(client, bob, auditor):
    for headers in (bob, auditor):
        response = client.put("/api/v1/documents/doc-public/classification", headers=headers, json=CLASSIFICATION)
        assert response.status_code == 403
    assert client.put("/api/v1/documents/doc-nowhere/classification", headers=bob,
                      json=CLASSIFICATION).status_code == 403
