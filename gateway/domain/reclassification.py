"""The Proper Officer's reclassification of a document: a declaration with reasons that lasts.

It wins over documents.yaml and the classifier (`documents.effective_classification`) and is
kept by every re-ingest; when the file later changes, it stays and the document needs review.
The caller audits it and commits, in the same transaction.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.domain.clock import utcnow
from gateway.domain.documents import check_classification, document_labels
from gateway.domain.errors import InputError
from gateway.domain.generation import bump
from gateway.domain.models import Document, Group


class UnknownDocument(LookupError):
    """There is no document with that id."""


def reclassify(session: Session, document_id: str, *, exempt_paragraphs, party_group, flags,
               needs_review=False, reasons: str, by: str) -> dict:
    """Records the Proper Officer's classification; returns the labels before and after, and the record.

    Raises UnknownDocument, or InputError naming the field that is wrong.
    """
    doc = session.get(Document, document_id)
    if doc is None:
        raise UnknownDocument(f"there is no document {document_id}")

    def error(field, problem):
        return InputError(f"classification of {document_id}", None, field, problem)

    if not isinstance(reasons, str) or not reasons.strip() or "\x00" in reasons:
        raise error("reasons", "say why the classification changes")
    if not isinstance(by, str) or not by.strip():
        raise error("by", "name who reclassifies")
    groups = set(session.scalars(select(Group.id)))
    labels = check_classification({"exempt_paragraphs": exempt_paragraphs, "party_group": party_group,
                                   "flags": flags, "needs_review": needs_review}, groups, error)
    before = document_labels(doc)
    version = doc.current_version
    doc.reclassification = {
        **labels, "reasons": reasons.strip(), "by": by, "at": utcnow().isoformat(timespec="seconds"),
        "sha256": version.sha256 if version is not None else None,
    }
    doc.updated_at = utcnow()
    bump(session)
    session.flush()
    return {"document": document_id, "before": before, "after": document_labels(doc),
            "reclassification": dict(doc.reclassification)}
