"""Do quarters, reporting years and date ranges cover the days a manager expects?"""
from datetime import date

import pytest

from monitor.statistics.periods import (
    PeriodInvalid,
    last_completed_quarter,
    parse_period,
    previous,
    quarter_containing,
    trend_quarters,
    year_earlier,
)


@pytest.mark.parametrize("label, start, end", [
    ("2025-Q1", date(2024, 11, 1), date(2025, 1, 31)),
    ("2025-Q2", date(2025, 2, 1), date(2025, 4, 30)),
    ("2025-Q3", date(2025, 5, 1), date(2025, 7, 31)),
    ("2025-Q4", date(2025, 8, 1), date(2025, 10, 31)),
    ("2025", date(2024, 11, 1), date(2025, 10, 31)),
])
def test_november_reporting_year(label, start, end):
    """With a November start, is each quarter labelled by the year it ends in?"""
    period = parse_period(label, 11)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_calendar_year_quarters():
    """With a January start, are quarters plain calendar quarters?"""
    period = parse_period("2024-Q1", 1)
    assert (period.start, period.end) == (date(2024, 1, 1), date(2024, 3, 31))
    assert parse_period("2024", 1).end == date(2024, 12, 31)


def test_quarter_of_a_day_and_neighbours():
    """Which quarter holds a day, and which are the previous one and the one a year earlier?"""
    assert quarter_containing(date(2024, 11, 1), 11).label == "2025-Q1"
    assert quarter_containing(date(2024, 10, 31), 11).label == "2024-Q4"
    assert previous(parse_period("2025-Q1", 11)).label == "2024-Q4"
    assert year_earlier(parse_period("2025-Q1", 11)).label == "2024-Q1"
    assert previous(parse_period("2025", 11)).label == "2024"
    assert last_completed_quarter(date(2025, 2, 14), 11).label == "2025-Q1"
    assert [q.label for q in trend_quarters(parse_period("2025-Q1", 11))][0] == "2023-Q2"


def test_date_ranges():
    """Is a range compared with the range as long just before it, and with the same dates a year earlier?"""
    period = parse_period("2024-02-01..2024-02-29", 1)
    assert previous(period).label == "2024-01-03..2024-01-31"
    assert year_earlier(period).label == "2023-02-01..2023-02-28"


@pytest.mark.parametrize("text", ["", "2025-Q5", "Q1-2025", "25", "2025-02-30..2025-03-01", "2025-03-01..2025-02-01", "3000"])
def test_unreadable_periods_are_refused_with_a_reason(text):
    with pytest.raises(PeriodInvalid) as refused:
        parse_period(text, 11)
    assert str(refused.value)
