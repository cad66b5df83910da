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
    unreadable, review, withheld = [], [], set()
    rows = session.execute(select(Document, DocumentVersion)
                           .outerjoin(DocumentVersion, DocumentVersion.id == Document.current_version_id)
                           .order_by(Document.id))
    counts = {"unreadable": 0, "review": 0}
    for doc, version in rows:
        for name, listed, applies in (
                ("unreadable", unreadable, version is None or version.extraction_status != "ok"),
                ("review", review, document_labels(doc)["needs_review"])):
            if not applies:
                continue
            counts[name] += 1
            if viewer.discovers(doc.id):
                listed.append((doc, version))
            else:
                withheld.add(doc.id)
    total = session.scalar(select(func.count()).select_from(Document))
    return Status(total, unreadable, review, counts["unreadable"], counts["review"], len(withheld))
