"""Working days for the Proper Officer's two-day deadline (004:5.4): England and Wales bank holidays excluded."""

from datetime import date, timedelta
from functools import lru_cache


@lru_cache(maxsize=32)
def _bank_holidays(year: int) -> frozenset:
    import holidays   # here, not at the top: 3.5 MB a web worker keeps only once a deadline is counted (issue 13)

    days = set()
    for subdiv in ("ENG", "WLS"):
        days |= set(holidays.country_holidays("GB", subdiv=subdiv, years=year))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (a request made on a holiday counts from the next working day)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day
