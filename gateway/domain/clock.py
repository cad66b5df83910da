"""Database times are naive UTC (SQLite keeps no zone); one place makes them."""

from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
