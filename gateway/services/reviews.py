"""Exempt-item review and timed release by the Proper Officer: each review commits with its audit record."""

from datetime import date

from sqlalchemy.orm import Session

from gateway.domain import reviews
from gateway.domain.audit import Entry
from gateway.domain.models import Document
from gateway.services.outcomes import Conflict, InvalidField, NotFound
from gateway.services.unit import audited_change


def review(gw, session: Session, officer_id: str, document_id: str, action: str, on: date | None,
           reasons: str) -> dict:
    """Release (public from `on`), extend (review again on `on`) or keep (the public-interest test's reasons);
    returns the review with the document's review and release dates now."""
    try:
        with audited_change(gw.audit, session) as records:
            done = reviews.review_document(session, document_id, officer_id, action, on, reasons)
            row = session.get(Document, document_id)
            records.append(Entry("document_review", actor=officer_id, document=document_id,
                                 outcome="grant" if action == "release" else None,
                                 detail={"action": action, "on": done.on, "reasons": done.reasons,
                                         "review_on": row.review_on, "release_on": row.release_on}))
    except reviews.UnknownDocument:
        raise NotFound() from None
    except reviews.AlreadyReleased as exc:
        raise Conflict(f"The document has been public since {exc.release_on.day} {exc.release_on:%B %Y}: "
                       "no exemption is left to review.") from None
    except reviews.ReviewFieldError as exc:
        raise InvalidField(exc.field, exc.problem) from None
    answer = reviews.review_json(done, row)
    if action == "release":
        gw.index.update(gw, [document_id])
    return answer
