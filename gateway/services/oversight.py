"""How the Proper Officer's service is doing: the dashboard's figures and the lists behind them, and the
decided requests with who decided, their reasons and whether on time, filtered and exported as CSV.

Each figure is the length of the list its link shows (`requests`, `decided`, the documents needing review,
the reviews due), so a figure and its list cannot disagree.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timezone

from defusedcsv import csv  # prefixes cells starting = + - @ so a spreadsheet does not run them
from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from gateway.domain import reviews
from gateway.domain.accounts import account_names
from gateway.domain.clock import LONDON, london_date, london_today
from gateway.domain.documents import document_labels
from gateway.domain.models import Document, Referral

# The lists of requests a figure can open, by name, with their headings.
LISTS = {
    "waiting": "Waiting for a decision",
    "due_today": "Due today",
    "overdue": "Overdue",
    "disputes": "Disputes open",
}
OUTCOMES = {"granted": "Granted", "denied": "Refused"}
CSV_COLUMNS = ("referral", "member", "member_name", "document", "title", "outcome", "decided_by",
               "decided_by_name", "decided_at", "due", "on_time", "reasons", "until")


def _condition(name: str, today: date):
    pending = Referral.status == "pending"
    return {
        "waiting": pending,
        "due_today": and_(pending, Referral.due == today),
        "overdue": and_(pending, Referral.due < today),
        "disputes": and_(Referral.status == "denied", Referral.dispute.is_not(None),
                         Referral.dispute_outcome.is_(None)),
    }[name]


def requests(session: Session, name: str, today: date | None = None) -> list[Referral]:
    """The referrals of one of LISTS, soonest due first (as the queue orders them)."""
    today = today or london_today()
    return list(session.scalars(select(Referral).where(_condition(name, today)).order_by(Referral.due, Referral.id)))


def on_time(referral: Referral) -> bool | None:
    """Decided on or before its due date (the council's day); None while undecided."""
    if referral.decided_at is None:
        return None
    return london_date(referral.decided_at) <= referral.due


def _utc(day: date) -> datetime:
    """The naive UTC moment the council's `day` begins (decisions are stored in naive UTC)."""
    return datetime.combine(day, time(), LONDON).astimezone(timezone.utc).replace(tzinfo=None)


@dataclass(frozen=True)
class DecidedFilter:
    decider: str | None = None
    outcome: str | None = None       # granted | denied
    on_time: bool | None = None
    since: date | None = None        # decided on or after (the council's day)
    until: date | None = None        # decided on or before
    member: str | None = None


def decided(session: Session, f: DecidedFilter = DecidedFilter()) -> list[Referral]:
    """Decided requests, latest first, narrowed by the filter."""
    query = select(Referral).where(Referral.status.in_(OUTCOMES), Referral.decided_at.is_not(None))
    if f.decider:
        query = query.where(Referral.decided_by == f.decider)
    if f.outcome:
        query = query.where(Referral.status == f.outcome)
    if f.member:
        query = query.where(Referral.member_id == f.member)
    if f.since:
        query = query.where(Referral.decided_at >= _utc(f.since))
    if f.until:
        query = query.where(Referral.decided_at < _utc(date.fromordinal(f.until.toordinal() + 1)))
    rows = session.scalars(query.order_by(Referral.decided_at.desc(), Referral.id.desc()))
    return [r for r in rows if f.on_time is None or on_time(r) == f.on_time]


def this_month(today: date | None = None) -> DecidedFilter:
    today = today or london_today()
    return DecidedFilter(since=today.replace(day=1), until=today)


def needing_review(session: Session) -> list[Document]:
    """Documents whose effective classification says a person must review it."""
    rows = session.scalars(select(Document).order_by(Document.meeting_date.desc().nulls_last(), Document.id))
    return [row for row in rows if document_labels(row)["needs_review"]]


def dashboard(session: Session, today: date | None = None) -> dict:
    """The dashboard's figures; `on_time_percent` is None when nothing was decided this month."""
    today = today or london_today()
    month = decided(session, this_month(today))
    timely = sum(1 for r in month if on_time(r))
    return {
        **{name: len(requests(session, name, today)) for name in LISTS},
        "decided_this_month": len(month),
        "on_time_this_month": timely,
        "on_time_percent": round(100 * timely / len(month)) if month else None,
        "needing_review": len(needing_review(session)),
        "reviews_due": len(reviews.due_for_review(session, today)),
    }


def names(session: Session, referrals: list[Referral]) -> dict:
    """{member or officer id: name} for the people the referrals name."""
    return account_names(session, {r.member_id for r in referrals} | {r.decided_by for r in referrals})


def titles(session: Session, referrals: list[Referral]) -> dict:
    ids = {r.document_id for r in referrals}
    return dict(session.execute(select(Document.id, Document.title).where(Document.id.in_(ids))).all()) if ids else {}


def write_decided_csv(session: Session, rows: list[Referral], out) -> int:
    """The decided requests as CSV, one row each with the columns of CSV_COLUMNS; returns how many."""
    people, shown = names(session, rows), titles(session, rows)
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow([r.id, r.member_id, people.get(r.member_id, ""), r.document_id, shown.get(r.document_id, ""),
                         r.status, r.decided_by or "", people.get(r.decided_by, ""), r.decided_at.isoformat(),
                         r.due.isoformat(), "yes" if on_time(r) else "no", r.decision_reasons or "",
                         r.until.isoformat() if r.until else ""])
    return len(rows)
