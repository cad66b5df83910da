"""Exempt-item review and timed release: the Proper Officer releases an exempt document from a date,
sets its next review date, or keeps the exemption with the public-interest test's reasons (Sch 12A para 10)."""

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.domain.clock import london_date, london_today, utcnow
from gateway.domain.generation import bump
from gateway.domain.models import Document, DocumentReview

ACTIONS = ("release", "extend", "keep")


class UnknownDocument(LookupError):
    """No document with that id."""


class AlreadyReleased(ValueError):
    """The document is public (its release date has come): no exemption is left to review."""

    def __init__(self, release_on: date):
        self.release_on = release_on
        super().__init__(f"public since {release_on.isoformat()}")


class ReviewFieldError(ValueError):
    """One field of the review is wrong: `field` names it, the message says why."""

    def __init__(self, problem: str, field: str):
        self.field, self.problem = field, problem
        super().__init__(f"{field}: {problem}")


def review_document(session: Session, document_id: str, officer_id: str, action: str, on: date | None,
                    reasons: str, now: datetime | None = None) -> DocumentReview:
    """Records one review and applies it:

    - release: the document is public from `on` (default today; not in the past): its `release_on`;
    - extend: the exemption is reviewed again on `on` (required, after today): its `review_on`;
    - keep: the exemption stays, the reasons record the public-interest test; `on`, if given, is the next
      review date, otherwise no further review is scheduled.
    """
    now = now or utcnow()
    today = london_date(now)
    row = session.get(Document, document_id)
    if row is None:
        raise UnknownDocument(document_id)
    if is_released(row, today):
        raise AlreadyReleased(row.release_on)
    if action not in ACTIONS:
        raise ReviewFieldError("choose release, extend or keep", field="action")
    if not reasons or not reasons.strip():
        raise ReviewFieldError("give the reasons for the review (the public-interest test)", field="reasons")
    if action == "release":
        on = on or today
        if on < today:
            raise ReviewFieldError("a release cannot start in the past", field="on")
        row.release_on, row.review_on = on, None
        bump(session)  # a decision's facts change (from `on`, the document is public)
    elif action == "extend":
        if on is None:
            raise ReviewFieldError("give the next review date", field="on")
        if on <= today:
            raise ReviewFieldError("the next review date must be after today", field="on")
        row.review_on = on
    else:
        if on is not None and on <= today:
            raise ReviewFieldError("the next review date must be after today", field="on")
        row.review_on = on
    row.updated_at = now
    review = DocumentReview(document_id=row.id, action=action, on=on, reasons=reasons.strip(),
                            decided_by=officer_id, decided_at=now)
    session.add(review)
    session.flush()
    return review


def is_released(row: Document, today: date) -> bool:
    """Public from its release date, and that date has come (a later release can still be re-dated)."""
    return row.release_on is not None and row.release_on <= today


def latest_release(history_rows: list[DocumentReview]) -> DocumentReview | None:
    """The release that made the document public, from `history` (newest first); None when the documents
    file set the date."""
    return next((r for r in history_rows if r.action == "release"), None)


def due_for_review(session: Session, today: date | None = None) -> list[Document]:
    """Documents whose review date is today or earlier, soonest first (not those already released)."""
    today = today or london_today()
    return list(session.scalars(select(Document).where(Document.review_on.is_not(None), Document.review_on <= today)
                                .order_by(Document.review_on, Document.id)))


def history(session: Session, document_id: str) -> list[DocumentReview]:
    return list(session.scalars(select(DocumentReview).where(DocumentReview.document_id == document_id)
                                .order_by(DocumentReview.id.desc())))


def review_json(review: DocumentReview, row: Document) -> dict:
    return {"id": review.id, "document": row.id, "action": review.action,
            "on": review.on.isoformat() if review.on else None, "reasons": review.reasons,
            "decided_by": review.decided_by, "decided_at": review.decided_at.isoformat(),
            "review_on": row.review_on.isoformat() if row.review_on else None,
            "release_on": row.release_on.isoformat() if row.release_on else None}
