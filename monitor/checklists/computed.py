"""Functions a definition may name in `compute`: ages and detention lengths from dates."""
from datetime import date


def _as_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def years_between(earlier, later) -> int | None:
    """Completed years from `earlier` to `later` (an age): a birthday on `later` counts as reached.

    Someone born 2008-03-01 is 17 on 2026-02-28 and 18 on 2026-03-01; someone born on 29 February
    reaches the next year on 1 March in common years."""
    start, end = _as_date(earlier), _as_date(later)
    if start is None or end is None or end < start:
        return None
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def days_between(earlier, later) -> int | None:
    """Whole days from `earlier` to `later` (a detention length); None when either is unknown or reversed."""
    start, end = _as_date(earlier), _as_date(later)
    if start is None or end is None or end < start:
        return None
    return (end - start).days


FUNCTIONS = {"years_between": years_between, "days_between": days_between}
