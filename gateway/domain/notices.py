"""The outbox of e-mail notices: enqueued in the transaction of what they tell, one per event and recipient
(`key`), sent by `gateway notify` (services/notices.py), retried with back-off, failures kept for IT to see."""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.domain.accounts import PROPER_OFFICER_ROLES
from gateway.domain.clock import utcnow
from gateway.domain.models import Member, Notice, Officer

MAX_ATTEMPTS = 8                      # then the notice is `failed`, shown to IT, not retried
FIRST_RETRY = timedelta(minutes=1)    # doubled after each failed attempt ...
LONGEST_RETRY = timedelta(hours=6)    # ... up to this


def enqueue(session: Session, key: str, recipient_id: str, kind: str, subject: str, body: str,
            now: datetime | None = None) -> Notice | None:
    """Adds a notice to the outbox (flushed with the caller's change); one with the same key is not added twice."""
    if session.scalar(select(Notice.id).where(Notice.key == key)) is not None:
        return None
    now = now or utcnow()
    notice = Notice(key=key, recipient_id=recipient_id, kind=kind, subject=subject[:300], body=body,
                    status="pending", attempts=0, created_at=now, next_attempt_at=now)
    session.add(notice)
    return notice


def proper_officers(session: Session) -> list[Officer]:
    """The Proper Officer and their deputies, as they may act on the queue (not those IT has disabled)."""
    return [o for o in session.scalars(select(Officer).where(Officer.disabled_at.is_(None)).order_by(Officer.id))
            if PROPER_OFFICER_ROLES & set(o.roles or [])]


def address(session: Session, account_id: str) -> str | None:
    """The account's e-mail address now (the council file may have changed since the notice was queued)."""
    account = session.get(Member, account_id) or session.get(Officer, account_id)
    return account.email if account is not None else None


def due(session: Session, now: datetime, limit: int = 500) -> list[Notice]:
    return list(session.scalars(select(Notice).where(Notice.status == "pending", Notice.next_attempt_at <= now)
                                .order_by(Notice.id).limit(limit)))


def failed_attempt(notice: Notice, error: str, now: datetime) -> None:
    """Counts a failed attempt: retried later, doubling the wait each time; `failed` after MAX_ATTEMPTS."""
    notice.attempts += 1
    notice.last_error = error[:2000]
    if notice.attempts >= MAX_ATTEMPTS:
        notice.status = "failed"
    else:
        notice.next_attempt_at = now + min(FIRST_RETRY * 2 ** (notice.attempts - 1), LONGEST_RETRY)


def outbox(session: Session, status: str | None = None, limit: int = 200) -> list[Notice]:
    query = select(Notice).order_by(Notice.id.desc()).limit(limit)
    if status:
        query = query.where(Notice.status == status)
    return list(session.scalars(query))


def notice_json(n: Notice) -> dict:
    return {"id": n.id, "recipient": n.recipient_id, "kind": n.kind, "subject": n.subject, "status": n.status,
            "attempts": n.attempts, "created_at": n.created_at.isoformat(),
            "next_attempt_at": n.next_attempt_at.isoformat(), "sent_at": n.sent_at.isoformat() if n.sent_at else None,
            "sent_to": n.sent_to, "last_error": n.last_error}
