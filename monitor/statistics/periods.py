"""Reporting periods: a quarter of the reporting year, a reporting year, or any date range.

The reporting year starts in a configurable month (the reference organisation's runs November to
October) and is labelled by the calendar year it ends in, as its quarters are: with a November
start, `2025` is 1 Nov 2024 – 31 Oct 2025 and `2025-Q1` is 1 Nov 2024 – 31 Jan 2025. With a
January start the labels are plain calendar years and quarters."""
import re
from dataclasses import dataclass
from datetime import date, timedelta

from monitor.checklists.wording import say

QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
YEAR = re.compile(r"^(\d{4})$")
RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")
#: Years outside this span are typing mistakes, not monitoring periods.
FIRST_YEAR, LAST_YEAR = 1990, 2100


class PeriodInvalid(ValueError):
    """A period that cannot be read; the message says what is accepted."""


@dataclass(frozen=True)
class Period:
    kind: str  # "quarter", "year" or "range"
    start: date
    #: Inclusive: the last day counted.
    end: date
    label: str
    start_month: int = 1
    #: The reporting year (and quarter number) a quarter or year belongs to.
    year: int | None = None
    quarter: int | None = None

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def to_dict(self) -> dict:
        return {
            "kind": self.kind, "label": self.label, "start": self.start.isoformat(), "end": self.end.isoformat(),
            "start_month": self.start_month, "year": self.year, "quarter": self.quarter,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Period":
        return cls(
            kind=data["kind"], label=data["label"], start=date.fromisoformat(data["start"]),
            end=date.fromisoformat(data["end"]), start_month=data["start_month"], year=data["year"],
            quarter=data["quarter"],
        )


def _add_months(day: date, months: int) -> date:
    """The first of the month `months` after `day`'s month (day is always a first here)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _check_month(start_month: int) -> None:
    if not 1 <= start_month <= 12:
        raise ValueError(f"the reporting year start month must be 1 to 12, not {start_month}")


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodInvalid(say("the year must be between %(first)s and %(last)s", first=FIRST_YEAR, last=LAST_YEAR))


def reporting_year(year: int, start_month: int) -> Period:
    """The reporting year that ends in calendar year `year`."""
    _check_month(start_month)
    _check_year(year)
    start = date(year, 1, 1) if start_month == 1 else date(year - 1, start_month, 1)
    end = _add_months(start, 12) - timedelta(days=1)
    return Period("year", start, end, str(year), start_month, year)


def quarter(year: int, number: int, start_month: int) -> Period:
    """Quarter `number` (1-4) of reporting year `year`."""
    if not 1 <= number <= 4:
        raise PeriodInvalid(say("a quarter is numbered 1 to 4"))
    year_start = reporting_year(year, start_month).start
    start = _add_months(year_start, 3 * (number - 1))
    end = _add_months(start, 3) - timedelta(days=1)
    return Period("quarter", start, end, f"{year}-Q{number}", start_month, year, number)


def date_range(start: date, end: date, start_month: int = 1) -> Period:
    if end < start:
        raise PeriodInvalid(say("the end date is before the start date"))
    _check_year(start.year)
    _check_year(end.year)
    return Period("range", start, end, f"{start.isoformat()}..{end.isoformat()}", start_month)


def quarter_containing(day: date, start_month: int) -> Period:
    year = day.year if start_month == 1 or day.month < start_month else day.year + 1
    year_start = reporting_year(year, start_month).start
    months = (day.year * 12 + day.month) - (year_start.year * 12 + year_start.month)
    return quarter(year, months // 3 + 1, start_month)


def last_completed_quarter(today: date, start_month: int) -> Period:
    """The quarter a newsletter is usually about: the latest one that has ended."""
    return previous(quarter_containing(today, start_month))


def previous(period: Period) -> Period:
    """The period just before: the previous quarter, the previous year, or a range as long ending the day before."""
    if period.kind == "quarter":
        if period.quarter == 1:
            return quarter(period.year - 1, 4, period.start_month)
        return quarter(period.year, period.quarter - 1, period.start_month)
    if period.kind == "year":
        return reporting_year(period.year - 1, period.start_month)
    length = period.end - period.start
    end = period.start - timedelta(days=1)
    return date_range(end - length, end, period.start_month)


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def year_earlier(period: Period) -> Period:
    """The same period one year earlier."""
    if period.kind == "quarter":
        return quarter(period.year - 1, period.quarter, period.start_month)
    if period.kind == "year":
        return reporting_year(period.year - 1, period.start_month)
    return date_range(_year_before(period.start), _year_before(period.end), period.start_month)


def trend_quarters(period: Period, count: int = 8) -> list[Period]:
    """The `count` quarters ending with the period's last quarter, oldest first."""
    last = quarter_containing(period.end, period.start_month)
    quarters = [last]
    while len(quarters) < count:
        quarters.append(previous(quarters[-1]))
    return list(reversed(quarters))


def parse_period(text: str | None, start_month: int) -> Period:
    """`2025-Q3`, `2025` or `2024-11-01..2025-01-31`; raises PeriodInvalid saying what is accepted."""
    text = (text or "").strip()
    if match := QUARTER.match(text):
        return quarter(int(match[1]), int(match[2]), start_month)
    if match := YEAR.match(text):
        return reporting_year(int(match[1]), start_month)
    if match := RANGE.match(text):
        return date_range(_parse_date(match[1], "start"), _parse_date(match[2], "end"), start_month)
    raise PeriodInvalid(say("give a quarter like 2025-Q3, a reporting year like 2025, or dates like 2025-01-01..2025-03-31"))


def parse_dates(start: str | None, end: str | None, start_month: int) -> Period:
    """A date range from two form or query fields; raises PeriodInvalid."""
    if not start or not end:
        raise PeriodInvalid(say("give both a start and an end date"))
    return date_range(_parse_date(start, "start"), _parse_date(end, "end"), start_month)


def _parse_date(text: str, which: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        message = say("the start date must be a date written YYYY-MM-DD") if which == "start" else say(
            "the end date must be a date written YYYY-MM-DD")
        raise PeriodInvalid(message) from None
