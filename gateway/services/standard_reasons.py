"""Standard reasons: wording the Proper Officer keeps to pick when deciding, added, changed and removed with
an audit record each. A decision copies the text, so changing a reason later leaves past decisions as written."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.domain.audit import Entry
from gateway.domain.clock import utcnow
from gateway.domain.models import StandardReason
from gateway.services.outcomes import InvalidField, NotFound
from gateway.services.unit import audited_change

MAX_TITLE, MAX_TEXT = 100, 5000


def standard_reasons(session: Session) -> list[StandardReason]:
    return list(session.scalars(select(StandardReason).order_by(StandardReason.title)))


def reason(session: Session, reason_id) -> StandardReason:
    row = session.get(StandardReason, reason_id) if isinstance(reason_id, int) else None
    if row is None:
        raise NotFound("There is no standard reason with that number.")
    return row


def _checked(session: Session, title: str | None, text: str | None, reason_id: int | None) -> tuple[str, str]:
    title, text = (title or "").strip(), (text or "").strip()
    if not title or len(title) > MAX_TITLE:
        raise InvalidField("title", f"give a short name of 1 to {MAX_TITLE} characters")
    if not text or len(text) > MAX_TEXT:
        raise InvalidField("text", f"write the reason in 1 to {MAX_TEXT} characters")
    same = session.scalars(select(StandardReason).where(StandardReason.title == title)).first()
    if same is not None and same.id != reason_id:
        raise InvalidField("title", f"another standard reason is already called “{title}”")
    return title, text


def save_reason(gw, session: Session, actor: str, title: str | None, text: str | None,
                reason_id: int | None = None) -> StandardReason:
    """Adds a standard reason, or changes the one numbered `reason_id`; returns it as stored."""
    row = reason(session, reason_id) if reason_id is not None else None
    title, text = _checked(session, title, text, reason_id)
    with audited_change(gw.audit, session) as records:
        before = {"title": row.title, "text": row.text} if row is not None else None
        if row is None:
            row = StandardReason(title=title, text=text)
            session.add(row)
        row.title, row.text, row.updated_by, row.updated_at = title, text, actor, utcnow()
        session.flush()
        records.append(Entry("standard_reason_saved", actor=actor, detail={
            "reason": row.id, "before": before, "after": {"title": title, "text": text}}))
    return row


def remove_reason(gw, session: Session, actor: str, reason_id: int) -> None:
    row = reason(session, reason_id)
    with audited_change(gw.audit, session) as records:
        records.append(Entry("standard_reason_removed", actor=actor, detail={
            "reason": row.id, "before": {"title": row.title, "text": row.text}}))
        session.delete(row)


def with_standard_reason(session: Session, reason_id: int | None, own_words: str | None) -> str:
    """The reasons a decision records: the standard reason's text (when one is picked), then the officer's own
    words; InvalidField when neither is given or the standard reason is gone."""
    own_words = (own_words or "").strip()
    if reason_id is None:
        return own_words
    try:
        text = reason(session, reason_id).text
    except NotFound:
        raise InvalidField("standard_reason", "that standard reason no longer exists: choose another") from None
    return f"{text}\n\n{own_words}" if own_words else text
