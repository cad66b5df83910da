"""One clock: database times are naive UTC (SQLite keeps no zone); "today" is the council's, in London."""

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def london_date(moment: datetime) -> date:
    """The date in England and Wales at a naive UTC moment (as the database keeps them)."""
    return moment.replace(tzinfo=timezone.utc).astimezone(LONDON).date()


def london_today() -> date:
    """The date in England and Wales: due dates, "overdue", markings and decisions all count from it."""
    return london_date(utcnow())
