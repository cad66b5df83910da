"""GET /documents/{id} and /documents/{id}/content: decided, audited, and 404 where hidden."""

import pytest

from tests.api.conftest import pdf_text, real_pdf

REASON = "I need this to scrutinise the restructure at committee"


def _same_answer(first, second):
    assert first.status_code == second.status_code == 404
    assert first.get_data() == second.get_data()
    assert dict(first.headers) == dict(second.headers)


def test_metadata_carries_the_decision(client, bob):
    response = client.get("/api/v1/documents/doc-public", headers=bob)
    assert response.status_code == 200
    body = response.get_json()
    assert body["id"] == "doc-public" and body["title"] == "Swimming pool opening hours"
    assert body["committee"] == "cabinet" and body["meeting_date"] == "2026-10-01"
    assert body["visibility"] == "open" and body["exempt_paragraphs"] == []
    assert body["decision"]["outcome"] == "grant" and body["decision"]["rule"] == "R-PUBLIC"
    assert body["content"] == "/api/v1/documents/doc-public/content"


def test_a_listed_document_shows_meeting_metadata_only(client, bob):
    body = client.get("/api/v1/documents/doc-exempt", query_string={"reason": REASON}, headers=bob).get_json()
    assert body["visibility"] == "listed" and body["decision"]["outcome"] == "refer"
    assert body["decision"]["rule"] == "R-NEED-TO-KNOW"
    assert body["exempt_paragraphs"] == [1]
    assert not {"content", "portfolio", "matters", "media_type", "size"} & set(body)


def _store_changed_file(gw, document_id, day, note):
    """A version stored with its note, as ingest stores one: with the access generation bumped, so what was
    read of the document before (its changes among it) is read again."""
    from datetime import datetime

    from gateway.domain.generation import bump
    from gateway.domain.models import DocumentVersion

    with gw.sessions() as session, session.begin():
        session.add(DocumentVersion(document_id=document_id, sha256=str(day) * 32, media_type="text/plain", size=1,
                                    pages=["Revised."], extraction_status="ok",
                                    ingested_at=datetime(2026, 11, day, 10), note=note))
        bump(session)
        return session.query(DocumentVersion).filter_by(document_id=document_id).count()


def test_the_metadata_lists_a_published_documents_changes_newest_first(client, bob, gw):
    assert client.get("/api/v1/documents/doc-public", headers=bob).get_json()["amendments"] == []
    first = _store_changed_file(gw, "doc-public", 20, "Corrected the opening hours")
    second = _store_changed_file(gw, "doc-public", 22, "Added the winter timetable")
    body = client.get("/api/v1/documents/doc-public", headers=bob).get_json()
    assert body["amendments"] == [
        {"version": second, "changed_at": "2026-11-22T10:00:00", "note": "Added the winter timetable"},
        {"version": first, "changed_at": "2026-11-20T10:00:00", "note": "Corrected the opening hours"}]


def test_a_listed_document_does_not_report_its_changes(client, bob, gw):
    _store_changed_file(gw, "doc-exempt", 20, "Named the posts affected")
    body = client.get("/api/v1/documents/doc-exempt", query_string={"reason": REASON}, headers=bob).get_json()
    assert body["visibility"] == "listed" and "amendments" not in body
    assert "Named the posts" not in client.get("/api/v1/documents/doc-exempt", headers=bob).get_data(as_text=True)


def test_without_a_reason_the_metadata_says_what_is_missing(client, bob):
    body = client.get("/api/v1/documents/doc-exempt", headers=bob).get_json()
    assert body["visibility"] == "listed" and body["decision"]["rule"] == "R-NO-REASON"


@pytest.mark.parametrize("suffix, method, body", [
    ("", "get", None),
    ("/content", "get", None),
    ("/content?reason=I+need+it+for+my+ward+work&capacity=councillor", "get", None),
    ("/requests", "post", {"reason": REASON}),
    ("/requests", "post", {}),
])
def test_a_hidden_document_answers_exactly_as_a_missing_one(client, bob, suffix, method, body):
    kwargs = {"headers": bob} if body is None else {"headers": bob, "json": body}
    hidden = getattr(client, method)(f"/api/v1/documents/doc-admin{suffix}", **kwargs)
    missing = getattr(client, method)(f"/api/v1/documents/doc-nowhere{suffix}", **kwargs)
    _same_answer(hidden, missing)
    assert hidden.get_json() == {"error": {"code": "404", "message": "Not found."}}


def test_hidden_and_missing_lookups_are_both_audited_as_refused_decisions(client, bob, gw):
    client.get("/api/v1/documents/doc-admin", headers=bob)
    client.get("/api/v1/documents/doc-nowhere", headers=bob)
    hidden, missing = gw.audit.records(actor="cllr-bob")[-2:]
    assert (hidden["document"], missing["document"]) == ("doc-admin", "doc-nowhere")
    for record in (hidden, missing):
        assert record["event"] == "decision" and record["outcome"] == "deny"
        assert record["detail"]["visibility"] == "hidden"


def test_the_groups_own_member_sees_the_group_document(client, ann):
    response = client.get("/api/v1/documents/doc-admin", headers=ann)
    assert response.status_code == 200 and response.get_json()["decision"]["rule"] == "R-GROUP-OWN"


def test_granted_exempt_content_carries_the_members_marking(client, ann, gw):
    response = client.get("/api/v1/documents/doc-exempt/content", query_string={"reason": REASON}, headers=ann)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = pdf_text(response.get_data())
    assert "Provided to Cllr Ann Able" in text and REASON in text and "not for onward disclosure" in text
    assert "Named staff members" in text
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["X-Released-To"] == "Cllr Ann Able"
    assert response.headers["X-Marking"].startswith("Provided to Cllr Ann Able on ")
    assert response.headers["Cache-Control"] == "no-store"
    marked = gw.audit.records(actor="cllr-ann", document="doc-exempt", event="marked_copy")[-1]
    assert marked["detail"]["purpose"] == REASON and marked["detail"]["action"] == "read"
    decision = gw.audit.records(actor="cllr-ann", document="doc-exempt", event="decision")[-1]
    assert decision["outcome"] == "grant" and decision["rule"] == "R-COMMITTEE"
    assert decision["detail"]["reason"] == REASON


def test_granted_text_content_is_sent_as_text(client, bob):
    response = client.get("/api/v1/documents/doc-public/content", headers=bob)
    assert response.status_code == 200
    assert response.get_data() == b"The swimming pool opens at seven."
    assert response.mimetype == "text/plain"


def test_refer_is_403_with_the_decision(client, bob):
    response = client.get("/api/v1/documents/doc-exempt/content", query_string={"reason": REASON}, headers=bob)
    assert response.status_code == 403
    body = response.get_json()
    assert body["decision"]["outcome"] == "refer" and body["decision"]["rule"] == "R-NEED-TO-KNOW"
    assert body["error"]["code"] == "referred"
    assert body["request"] == "/api/v1/documents/doc-exempt/requests"
    assert b"Named staff" not in response.get_data()


def test_deny_is_403_with_the_decision(client, bob):
    response = client.get("/api/v1/documents/doc-pool/content", query_string={"reason": REASON}, headers=bob)
    assert response.status_code == 403
    assert response.get_json()["decision"] == {
        "outcome": "deny", "visibility": "listed", "rule": "R-INTEREST",
        "reasons": response.get_json()["decision"]["reasons"]}
    assert response.get_json()["decision"]["reasons"]


def test_without_a_reason_a_referral_is_refused_r_no_reason(client, bob):
    response = client.get("/api/v1/documents/doc-exempt/content", headers=bob)
    assert response.status_code == 403 and response.get_json()["decision"]["rule"] == "R-NO-REASON"


def test_private_capacity_is_honoured(client, ann):
    response = client.get("/api/v1/documents/doc-exempt/content", headers=ann,
                          query_string={"reason": REASON, "capacity": "private"})
    assert response.status_code == 403 and response.get_json()["decision"]["rule"] == "R-PRIVATE-CAPACITY"


def test_a_bad_capacity_is_400_naming_the_field(client, ann):
    response = client.get("/api/v1/documents/doc-exempt/content?capacity=sideways", headers=ann)
    assert response.status_code == 400
    assert response.get_json()["error"]["message"].startswith("capacity:")


def test_officers_decide_through_the_same_service(client, mo, auditor):
    assert client.get("/api/v1/documents/doc-admin/content", headers=mo).get_data().startswith(b"Admin group")
    assert client.get("/api/v1/documents/doc-public/content", headers=auditor).status_code == 200
    refused = client.get("/api/v1/documents/doc-exempt/content", headers=auditor)
    assert refused.status_code == 403 and refused.get_json()["decision"]["rule"] == "R-OFFICER-PUBLIC"
    hidden = client.get("/api/v1/documents/doc-admin/content", headers=auditor)
    missing = client.get("/api/v1/documents/doc-nowhere/content", headers=auditor)
    _same_answer(hidden, missing)


def test_an_unwritable_audit_log_refuses_the_content(client, ann, gw, monkeypatch):
    from gateway.domain.audit import AuditUnavailable

    def fail(*entries):
        raise AuditUnavailable("disk full")

    monkeypatch.setattr(gw.audit, "append", fail)
    response = client.get("/api/v1/documents/doc-public/content", headers=ann)
    assert response.status_code == 503 and response.is_json
    assert response.headers["Retry-After"] == "5"   # as for a database outage: a client knows when to ask again
    assert b"opens at seven" not in response.get_data()


# -- marked copies (an extra beside /content, as the web pages have) -------------------------------

def test_public_content_is_the_stored_file_unmarked(client, bob, gw):
    response = client.get("/api/v1/documents/doc-public/content", headers=bob)
    assert response.status_code == 200 and response.get_data() == b"The swimming pool opens at seven."
    assert "X-Marking" not in response.headers


def test_a_marked_pdf_names_the_member_the_purpose_and_the_date(client, ann, gw):
    from io import BytesIO

    from pypdf import PdfReader

    from tests.api.conftest import add_documents

    add_documents(gw, {"doc-real": dict(title="Real PDF", paragraphs=[1], media_type="application/pdf",
                                        data=real_pdf("Confidential staffing detail"))})
    response = client.get("/api/v1/documents/doc-real/download", headers=ann,
                          query_string={"purpose": "Cabinet decision on the restructure"})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = PdfReader(BytesIO(response.get_data())).pages[0].extract_text()
    assert "Provided to Cllr Ann Able" in text and "Cabinet decision on the restructure" in text
    assert "Confidential staffing detail" in text
    record = gw.audit.records(event="marked_copy")[-1]
    assert record["actor"] == "cllr-ann" and record["detail"]["purpose"] == "Cabinet decision on the restructure"


def test_a_marked_text_copy_starts_with_the_notice(client, bob):
    response = client.get("/api/v1/documents/doc-public/download?purpose=Ward+newsletter+item", headers=bob)
    assert response.status_code == 200
    first, _, rest = response.get_data(as_text=True).partition("\n\n")
    assert first.startswith("Provided to Cllr Bob Brown on ") and "for Ward newsletter item" in first
    assert rest == "The swimming pool opens at seven."


def test_a_marked_copy_is_decided_like_the_content(client, bob):
    refused = client.get("/api/v1/documents/doc-exempt/download", headers=bob, query_string={"purpose": REASON})
    assert refused.status_code == 403 and refused.get_json()["decision"]["rule"] == "R-NEED-TO-KNOW"
    missing = client.get("/api/v1/documents/doc-exempt/download", headers=bob)
    assert missing.status_code == 400 and missing.get_json()["field"] == "purpose"
    _same_answer(client.get("/api/v1/documents/doc-admin/download?purpose=x", headers=bob),
                 client.get("/api/v1/documents/doc-none/download?purpose=x", headers=bob))


def test_the_metadata_follows_a_new_version_of_the_file(client, bob, gw):
    from datetime import datetime

    from gateway.domain.generation import bump
    from gateway.domain.models import Document, DocumentVersion

    first = client.get("/api/v1/documents/doc-public", headers=bob).get_json()
    assert (first["media_type"], first["size"]) == ("text/plain", len(b"The swimming pool opens at seven."))
    with gw.sessions() as session, session.begin():   # what ingesting a changed file does (domain/ingest.py)
        version = DocumentVersion(document_id="doc-public", sha256="1" * 64, media_type="application/pdf", size=4321,
                                  pages=["The swimming pool opens at eight."], extraction_status="ok",
                                  ingested_at=datetime(2026, 11, 2))
        session.add(version)
        session.flush()
        session.get(Document, "doc-public").current_version_id = version.id
        bump(session)
    again = client.get("/api/v1/documents/doc-public", headers=bob).get_json()
    assert (again["media_type"], again["size"]) == ("application/pdf", 4321)
