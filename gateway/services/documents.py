"""Opening a document: decide and audit first; then its content, marked for the member where it is not public.

Every channel (the document page, its inline view, a download, the API) comes through here, so a
missing and a hidden document answer alike and released content carries the same marking.
"""

import logging
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from gateway.access.decide import Decision
from gateway.access.facts import MEMBER, DocumentFacts, Request, Subject
from gateway.access.gather import FactSource
from gateway.access.service import CAPACITIES, audit_entry, make_request
from gateway.domain.audit import Entry
from gateway.domain.models import Document, Referral
from gateway.services import marking
from gateway.services.outcomes import Conflict, InvalidField, NotFound, Refused

log = logging.getLogger(__name__)

# Rules that grant only what is public: a copy of those needs no "not for onward disclosure" mark.
PUBLIC_GRANTS = frozenset({"R-PUBLIC", "R-PRIVATE-CAPACITY", "R-INTEREST", "R-OFFICER-PUBLIC"})
# The purpose a mark states when the member gave none (reading in place, no request on record).
READING = "reading in the council document gateway"
# Recorded for an id no document has; the caller is told exactly what a hidden document tells them.
NO_SUCH_DOCUMENT = Decision("deny", "hidden", "R-NOT-FOUND", ("There is no document with this id.",))
MAX_ID = 100
TOO_LONG_TO_MARK = (f"This document is too long to mark with your name here (more than {marking.MAX_PAGES} pages): "
                    "ask the Proper Officer for a copy.")


@dataclass(frozen=True)
class Opened:
    sub: Subject
    doc: DocumentFacts
    req: Request
    decision: Decision
    facts: FactSource   # what the decision read, and reads more through the same per-generation cache


@dataclass(frozen=True)
class Mark:
    notice: str              # 'Provided to <member> on <date> for <purpose> — not for onward disclosure'
    purpose: str


@dataclass(frozen=True)
class Content:
    body: bytes
    media_type: str          # application/pdf | text/plain
    filename: str
    notice: str | None       # the marking it carries; None for public content


def checked_request(action: str, capacity: str | None, reason: str | None) -> Request:
    capacity = capacity or "councillor"
    if capacity not in CAPACITIES:
        raise InvalidField("capacity", f"choose one of {', '.join(CAPACITIES)}")
    return make_request(action, capacity, reason or "")


def open_document(gw, session: Session, account_id: str | None, document_id: str, action: str = "read",
                  capacity: str | None = "councillor", reason: str | None = "") -> Opened:
    """Decides the caller's request and records it before anything is shown; NotFound for missing and hidden."""
    req = checked_request(action, capacity, reason)
    facts = FactSource(session)
    sub = gw.access.subject(facts, account_id)
    doc = facts.document(document_id)
    if doc is None:
        # The same work as for a hidden document (a decision, then its record), so neither the answer,
        # the audit log nor the time taken tells a member which ids exist.
        placeholder = DocumentFacts(id=document_id[:MAX_ID])
        gw.access.evaluate(facts, sub, placeholder, req)
        gw.audit.append(audit_entry(sub, placeholder, req, NO_SUCH_DOCUMENT))
        raise NotFound()
    _, doc, req, decision = gw.access.decide(facts, sub.id, doc.id, req)
    if decision.visibility == "hidden":
        raise NotFound()
    return Opened(sub, doc, req, decision, facts)


def stored_format(opened: Opened) -> tuple[str | None, int | None]:
    """(media type, size) of the opened document's current stored file, or (None, None)."""
    return opened.facts.stored_format(opened.doc.id)


def granted_reason(session: Session, account_id: str | None, document_id: str) -> str:
    """The reason of the caller's latest granted request for this document (by the Proper Officer or on an
    upheld dispute), if any."""
    granted = session.scalars(select(Referral).where(
        Referral.member_id == account_id, Referral.document_id == document_id,
        or_(Referral.status == "granted", and_(Referral.status == "denied", Referral.dispute_result == "upheld")))
        .order_by(Referral.id.desc())).first()
    return granted.reason if granted else ""


def read_content(gw, session: Session, account_id: str | None, document_id: str, capacity: str | None = None,
                 reason: str | None = "") -> Content:
    """The document's content to read, on grant; marked for a member unless a public-only rule granted it."""
    opened = open_document(gw, session, account_id, document_id, "read", capacity, reason)
    return _release(gw, session, opened, marking_for(session, opened))


def marked_copy(gw, session: Session, account_id: str | None, document_id: str, capacity: str | None,
                purpose: str | None) -> Content:
    """A copy marked 'Provided to <member> on <date> for <purpose> — not for onward disclosure' (003:5.12)."""
    purpose = " ".join((purpose or "").split())
    opened = open_document(gw, session, account_id, document_id, "download", capacity, purpose)
    if not purpose:
        raise InvalidField("purpose", "say what you will use the copy for")
    return _release(gw, session, opened, marking_for(session, opened, purpose, always=True))


def marking_for(session: Session, opened: Opened, purpose: str = "", always: bool = False) -> Mark | None:
    """The notice content shown or sent to this caller carries (003:5.12): for a member, unless only public
    content was granted; `always` for a marked copy. The purpose is the one stated, or the granted request's."""
    if not always and (opened.sub.kind != MEMBER or opened.decision.rule in PUBLIC_GRANTS):
        return None
    purpose = purpose or opened.req.reason.strip() or granted_reason(session, opened.sub.id, opened.doc.id) or READING
    return Mark(marking.notice(opened.sub.name or opened.sub.id or "", opened.req.at, purpose), purpose)


def too_long_to_mark(version) -> bool:
    """Ingest found the file too large to read: too large to mark while the member waits, too. Read from the
    stored version, so a declared `needs_review: false` in documents.yaml does not lift it."""
    return (version.media_type == "application/pdf"
            and (version.extraction_reason or "").startswith("too large"))


def _release(gw, session: Session, opened: Opened, mark: Mark | None) -> Content:
    if not opened.decision.granted:
        raise Refused(opened.decision, opened.doc)
    doc = opened.doc
    row = session.get(Document, doc.id)
    version = row.current_version if row is not None else None
    if version is None:
        raise NotFound("This document has no stored content.")
    if mark is not None and too_long_to_mark(version):
        raise Conflict(TOO_LONG_TO_MARK)
    pages_text = "\n\f\n".join(version.pages or [])
    try:
        data, media_type = gw.blobs.get(version.sha256), version.media_type
    except FileNotFoundError:
        log.error("blob %s of %s is missing; releasing its extracted text", version.sha256, doc.id)
        data, media_type = pages_text.encode("utf-8"), "text/plain"
    if mark is None:
        return Content(data, media_type, _filename(doc.id, media_type), None)
    notice, body = mark.notice, None
    if media_type == "application/pdf":
        try:
            body = marking.mark_pdf(data, notice)
        except marking.TooManyPages:
            raise Conflict(TOO_LONG_TO_MARK) from None
        except marking.MarkingError:
            log.warning("could not stamp %s; releasing its marked text instead", doc.id)
            data, media_type = pages_text.encode("utf-8"), "text/plain"
    if body is None:
        body = marking.mark_text(data.decode("utf-8", errors="replace"), notice).encode("utf-8")
    gw.audit.append(Entry("marked_copy", actor=opened.sub.id, document=doc.id,
                          detail={"notice": notice, "purpose": mark.purpose, "action": opened.req.action,
                                  "format": "pdf" if media_type == "application/pdf" else "txt"}))
    return Content(body, media_type, _filename(doc.id, media_type), notice)


def _filename(document_id: str, media_type: str) -> str:
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in document_id)[:80] or "document"
    return f"{stem}.{'pdf' if media_type == 'application/pdf' else 'txt'}"
