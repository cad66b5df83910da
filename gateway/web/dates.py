"""Dates as people in the UK type them: the GOV.UK day, month and year boxes, or one line like 12/10/2026.

Every failure is a ValueError whose message names the field, for the form's error summary.
"""

from datetime import date, datetime

DATE_PARTS = ("day", "month", "year")
# One line: the forms UK readers write, day first; ISO 8601 too (links and the API use it).
UK_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %m %Y", "%d %b %Y", "%d %B %Y", "%Y-%m-%d")
EXAMPLE = "for example, 27 3 2027"


def uk_date(label: str, text: str) -> date:
    """A date written on one line in a UK form; ValueError naming `label` otherwise."""
    words = " ".join(text.replace(",", " ").split())
    if words.lower().startswith(("mon", "tue", "wed", "thu", "fri", "sat", "sun")):
        words = words.split(" ", 1)[-1]   # "Monday 12 October 2026", as the pages write dates
    for pattern in UK_FORMATS:
        try:
            return datetime.strptime(words, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"{label} must be a real date, for example 12/10/2026 or 12 October 2026")


def _month(text: str) -> int:
    if text.isdigit():
        return int(text)
    for pattern in ("%b", "%B"):   # "Oct", "October": people type the name as often as the number
        try:
            return datetime.strptime(text, pattern).month
        except ValueError:
            continue
    return 0


def date_from_parts(label: str, day: str, month: str, year: str) -> date:
    """The date in Day, Month and Year boxes, with the GOV.UK design system's messages."""
    missing = [name for name, value in (("day", day), ("month", month), ("year", year)) if not value]
    if missing:   # not all three: a field left wholly empty is no date, and never reaches here
        raise ValueError(f"{label} must include a {' and '.join(missing)}")
    if not (year.isdigit() and len(year) == 4):
        raise ValueError(f"{label}: the year must include 4 numbers, {EXAMPLE}")
    try:
        if not day.isdigit():
            raise ValueError
        return date(int(year), _month(month), int(day))
    except ValueError:
        raise ValueError(f"{label} must be a real date, {EXAMPLE}") from None
