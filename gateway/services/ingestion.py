"""The ingestion status: documents whose text could not be read and documents needing review.

Each viewer is shown the ones they may discover, as the audit views are (services/audit.py): a document
hidden from them is counted but never named (no id, title, file, labels or reason).
"""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gateway.domain.documents import document_labels
from gateway.domain.models import Document, DocumentVersion
from gateway.services.audit import Viewer


@dataclass(frozen=True)
class Status:
    total: int              # documents stored
    unreadable: list        # (Document, DocumentVersion | None) the viewer may discover
    review: list            # (Document, DocumentVersion | None) the viewer may discover
    unreadable_count: int   # every one, named or not
    review_count: int
    withheld: int           # documents in either list the viewer may not discover


def status(gw, session: Session, account_id: str | None) -> Status:
    viewer = Viewer(gw, session, account_id)
    unreadable, review = [], []
    unreadable_count = review_count = withheld = 0
    rows = session.execute(select(Document, DocumentVersion)
                           .outerjoin(DocumentVersion, DocumentVersion.id == Document.current_version_id)
                           .order_by(Document.id))
    for doc, version in rows:
        unread = version is None or version.extraction_status != "ok"
        needs_review = bool(document_labels(doc)["needs_review"])
        unreadable_count += unread
        review_count += needs_review
        if not (unread or needs_review):
            continue
        if not viewer.discovers(doc.id):
            withheld += 1
            continue
        if unread:
            unreadable.append((doc, version))
        if needs_review:
            review.append((doc, version))
    total = session.scalar(select(func.count()).select_from(Document))
    return Status(total, unreadable, review, unreadable_count, review_count, withheld)
