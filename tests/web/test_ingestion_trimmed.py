"""IT's ingestion status names only documents IT may discover: one hidden from IT (another party group's
paper) is counted, never named: no id, title, file or reason (issue 10)."""

from sqlalchemy import update

from gateway.domain.generation import bump
from gateway.domain.models import Document, DocumentVersion
from tests.web.test_admin import plain


def test_it_is_not_shown_a_hidden_document_needing_review_or_unreadable(it, mo, gw):
    with gw.sessions() as session, session.begin():
        session.execute(update(Document).where(Document.id == "doc-group").values(
            declared={"exempt_paragraphs": [], "party_group": "grp-admin", "flags": [], "needs_review": True}))
        session.execute(update(DocumentVersion).where(DocumentVersion.document_id == "doc-group")
                        .values(extraction_status="needs_review", extraction_reason="malformed: budget tactics"))
        bump(session)
    assert it.get("/documents/doc-group").status_code == 404   # hidden from IT, as from any other officer

    page = plain(it.get("/admin/ingestion"))
    assert "Need review 2" in page and "Text could not be read 1" in page   # counted...
    assert "Complaint about the leisure centre" in page                     # ...what IT may see, named...
    assert "doc-group" not in page and "tactics" not in page.lower()        # ...the hidden one, never
    assert "1 of the documents counted above is not listed here" in page

    proper_officer = plain(mo.get("/admin/ingestion"))
    assert "Need review 2" in proper_officer and "not listed here" not in proper_officer
