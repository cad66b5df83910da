"""Published reports changed after publication (003:6.2): each new version carries its note; the document
page shows the changes, and IT and the Proper Officer see the list of changed published documents."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from gateway.access.gather import FactSource
from gateway.access.predicates import public
from gateway.access.service import make_request
from gateway.domain.clock import london_today
from gateway.domain.models import Document, DocumentVersion
from gateway.services.audit import Viewer


def published_report(doc: Document) -> bool:
    """A stored document out in public today (published, nothing in it withheld): what 003:6.2 protects."""
    facts = FactSource(object_session(doc)).document_facts(doc)
    return public(None, facts, make_request("discover", at=london_today()))


@dataclass(frozen=True)
class Amendment:
    document_id: str
    title: str
    changed_at: datetime
    note: str
    changes: int  # how many times it was changed since publication


@dataclass(frozen=True)
class Change:
    version: int  # the changed file's number among the document's stored files, the first being 1
    changed_at: datetime
    note: str


def of_document(facts: FactSource, document_id: str) -> list[Change]:
    """The document's changes since publication, newest first (call only once the caller may open it); read
    through the facts' per-generation cache, as the document's metadata is on every API call (issue 13)."""
    return [Change(*change) for change in facts.changes(document_id)]


def changed_published(gw, session: Session, account_id: str) -> list[Amendment]:
    """Every published document changed since publication that the account may discover, latest change first."""
    viewer = Viewer(gw, session, account_id)
    latest: dict[str, Amendment] = {}
    rows = session.execute(select(DocumentVersion, Document.title)
                           .join(Document, Document.id == DocumentVersion.document_id)
                           .where(DocumentVersion.note.is_not(None)).order_by(DocumentVersion.id))
    for version, title in rows:
        before = latest.get(version.document_id)
        latest[version.document_id] = Amendment(version.document_id, title, version.ingested_at, version.note,
                                                (before.changes if before else 0) + 1)
    return sorted((a for a in latest.values() if viewer.discovers(a.document_id)),
                  key=lambda a: a.changed_at, reverse=True)
