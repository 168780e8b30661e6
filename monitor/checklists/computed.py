"""Functions a definition may name in `compute`: ages and detention lengths from dates."""
from monitor.checklists.dates import iso_date


def years_between(earlier, later) -> int | None:
    """Completed years from `earlier` to `later` (an age): a birthday on `later` counts as reached.

    Someone born 2008-03-01 is 17 on 2026-02-28 and 18 on 2026-03-01; someone born on 29 February
    reaches the next year on 1 March in common years."""
    start, end = iso_date(earlier), iso_date(later)
    if start is None or end is None or end < start:
        return None
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def days_between(earlier, later) -> int | None:
    """Whole days from `earlier` to `later` (a detention length); None when either is unknown or reversed."""
    start, end = iso_date(earlier), iso_date(later)
    if start is None or end is None or end < start:
        return None
    return (end - start).days


FUNCTIONS = {"years_between": years_between, "days_between": days_between}
