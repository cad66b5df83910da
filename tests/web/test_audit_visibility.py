"""The audit pages, their export and the API show IT only records about documents IT may discover; the
Proper Officer and auditors see every record (issue 10)."""

import json

import pytest

from gateway.domain.audit import Entry
from gateway.services import audit as audit_service

# What must never reach IT about the Admin group's paper: its id, its group and the reasons given for it.
SECRETS = ("doc-group", "grp-admin", "R-GROUP-OWN", "budget debate")
REASON = "I need this for the budget debate"


@pytest.fixture
def logged(gw, ann, bob):
    """Ann reads her group's paper (with a reason), Bob asks for it (hidden from him), both read the public one;
    an ingest run names it for review."""
    assert ann.get("/documents/doc-group", query_string={"reason": REASON}).status_code == 200
    assert bob.get("/documents/doc-group").status_code == 404
    assert bob.get("/documents/doc-public").status_code == 200
    gw.audit.append(Entry("ingest", detail={"folder": "x", "needs_review": [
        {"id": "doc-group", "reason": "budget debate tactics"}, {"id": "doc-public", "reason": "unsure"}]}))
    assert any(r["document"] == "doc-group" for r in gw.audit.records())


def _absent(text: str):
    for secret in SECRETS:
        assert secret not in text, secret


def test_it_sees_no_record_about_a_paper_hidden_from_it(it, logged):
    page = it.get("/admin/audit").get_data(as_text=True)
    assert "doc-public" in page and "redacted" in page
    _absent(page)
    for fmt in ("jsonl", "csv"):
        export = it.get(f"/admin/audit/export?format={fmt}")
        assert export.status_code == 200 and "doc-public" in export.get_data(as_text=True)
        _absent(export.get_data(as_text=True))


def test_it_asking_after_a_hidden_paper_finds_what_a_missing_one_finds(it, logged):
    hidden = it.get("/admin/audit", query_string={"document": "doc-group"}).get_data(as_text=True)
    missing = it.get("/admin/audit", query_string={"document": "doc-nowhere"}).get_data(as_text=True)
    assert "No records match" in hidden
    assert hidden.replace("doc-group", "X") == missing.replace("doc-nowhere", "X")


@pytest.mark.parametrize("who", ["mo", "auditor"])
def test_the_proper_officer_and_auditors_see_everything(request, logged, who):
    client = request.getfixturevalue(who)
    page = client.get("/admin/audit").get_data(as_text=True)
    export = client.get("/admin/audit/export?format=jsonl").get_data(as_text=True)
    for text in (page, export):
        assert "doc-group" in text and "grp-admin" in text and "redacted" not in text


def test_the_api_shows_it_nothing_and_auditors_everything(app, logged):
    from tests.web.conftest import PASSWORDS

    def token(who):
        answer = app.test_client().post("/api/v1/tokens", json={"username": who, "password": PASSWORDS[who]})
        return {"Authorization": f"Bearer {answer.get_json()['token']}"}

    client = app.test_client()
    refused = client.get("/api/v1/audit", headers=token("off-it"))
    assert refused.status_code == 403
    _absent(refused.get_data(as_text=True))
    seen = client.get("/api/v1/audit", headers=token("off-aud")).get_json()
    assert any(r["document"] == "doc-group" for r in seen)


def test_one_service_decides_what_each_viewer_reads(gw, logged):
    with gw.sessions() as session:
        for_it = audit_service.records(gw, session, "off-it")
        for_auditor = audit_service.records(gw, session, "off-aud")
        assert len(for_it) == len(for_auditor)
        _absent(json.dumps(for_it))
        redacted = [r for r in for_it if r["detail"] == audit_service.REDACTED]
        assert redacted and all(r["document"] is None and r["rule"] is None for r in redacted)
        assert any(r["document"] == "doc-public" for r in for_it)
        ingest = next(r for r in for_it if r["event"] == "ingest")
        assert ingest["detail"]["needs_review"][1] == {"id": "doc-public", "reason": "unsure"}
        assert audit_service.records(gw, session, "off-it", document="doc-group") == []
        assert audit_service.records(gw, session, "off-aud", document="doc-group")


def test_a_members_page_lists_to_it_only_requests_for_what_it_may_discover(gw, it, mo):
    from datetime import date, datetime

    from gateway.domain.models import Referral
    with gw.sessions() as session, session.begin():
        for document in ("doc-group", "doc-exempt"):
            session.add(Referral(member_id="cllr-ann", document_id=document, reason=REASON, rule="R-NEED-TO-KNOW",
                                 created_at=datetime(2026, 11, 2), due=date(2026, 11, 4)))
    page = it.get("/admin/members/cllr-ann").get_data(as_text=True)
    assert "doc-exempt" in page and "doc-group" not in page
    assert "doc-group" in mo.get("/admin/members/cllr-ann").get_data(as_text=True)
