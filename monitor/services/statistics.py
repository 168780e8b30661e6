"""Computing the statistics of a period for the page, the API, the CLI and (later) a release."""
from datetime import date, datetime, UTC

from flask import current_app

from monitor.checklists.indicators import IndicatorSet
from monitor.extensions import db
from monitor.models import ChecklistStatus
from monitor.statistics.periods import (
    Period,
    last_completed_quarter,
    parse_dates,
    parse_period,
    previous,
    quarter_containing,
    reporting_year,
    trend_quarters,
    year_earlier,
)
from monitor.services import statistics_kept
from monitor.services.settings import reporting_year_start_month
from monitor.statistics.results import Comparison, IndicatorReport, StatisticsReport

#: The status of a checklist a manager has approved (DESIGN.md §3: only approved checklists count).
APPROVED = ChecklistStatus.APPROVED.value


def counted_statuses() -> tuple[str, ...]:
    """Approved checklists; also submitted ones while STATISTICS_COUNT_SUBMITTED is on."""
    if current_app.config["STATISTICS_COUNT_SUBMITTED"]:
        return (APPROVED, ChecklistStatus.SUBMITTED.value)
    return (APPROVED,)


def indicator_set() -> IndicatorSet:
    return current_app.extensions["indicators"]


def today() -> date:
    """The programme's date today (the day a period ends, a release may be published after)."""
    return date.today()


def period_from_arguments(period: str | None, start: str | None, end: str | None) -> Period:
    """The period a request or command names: `period` (2025-Q3, 2025, or a..b) or `from`/`to`.
    Without any, the last completed quarter. Raises PeriodInvalid."""
    month = reporting_year_start_month()
    if start or end:
        return parse_dates(start, end, month)
    if period:
        return parse_period(period, month)
    return last_completed_quarter(today(), month)


def first_day_read(period: Period) -> date:
    """The earliest hearing date a report of `period` reads: its comparisons and trend reach back."""
    return min(p.start for p in [period, previous(period), year_earlier(period), *trend_quarters(period)])


def build_report(period: Period) -> StatisticsReport:
    """Every indicator for the period, with breakdowns, comparisons and trends."""
    # pandas is imported here, not at the top: every `flask` command and server start imports this module.
    from monitor.statistics import engine
    from monitor.statistics.reading import read_courts, read_unit_frames

    indicators = indicator_set()
    earlier_periods = [previous(period), year_earlier(period)]
    trend = trend_quarters(period)
    connection = db.session.connection()
    trend_keys = [indicator.key for indicator in indicators.indicators if indicator.trend]
    kept = statistics_kept.kept_folder()
    if period.kind == "quarter" and kept is not None:
        # Quarters all: each one's results kept between reports while nothing they rest on changes.
        quarters = list(dict.fromkeys([period, *earlier_periods, *trend]))
        by_quarter = statistics_kept.quarter_results(connection, indicators, quarters, read_courts(connection),
                                                     counted_statuses(), kept)
        results = by_quarter[period]
        figures = {quarter: {result.key: result.figure for result in by_quarter[quarter]} for quarter in quarters}
        comparisons = {key: [figures[quarter][key] for quarter in earlier_periods] for key in figures[period]}
        trends = {key: [figures[quarter][key] for quarter in trend] for key in trend_keys}
    else:
        frames = read_unit_frames(connection, indicators, first_day_read(period), period.end, counted_statuses())
        results = engine.compute(frames, indicators, period, read_courts(connection))
        comparisons = engine.compute_series(frames, indicators, earlier_periods)
        trends = engine.compute_series(frames, indicators, trend, keys=trend_keys)
    reports = []
    for indicator, result in zip(indicators.indicators, results):
        before, year_before = comparisons[indicator.key]
        reports.append(IndicatorReport(
            definition=indicator.describe(),
            figure=result.figure,
            breakdowns=result.breakdowns,
            previous=Comparison(earlier_periods[0], before),
            year_earlier=Comparison(earlier_periods[1], year_before) if earlier_periods[1] != earlier_periods[0] else None,
            trend=tuple(Comparison(quarter, figure) for quarter, figure in zip(trend, trends.get(indicator.key, []))),
        ))
    return StatisticsReport(
        period=period,
        indicator_set={"key": indicators.key, "version": indicators.version, "title": indicators.title,
                       "checklist": indicators.checklist},
        groups=tuple({"key": g.key, "title": dict(g.title), "note": dict(g.note)} for g in indicators.groups),
        counted_statuses=counted_statuses(),
        generated_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
        indicators=tuple(reports),
    )


def quarter_results(period: Period) -> dict:
    """Unsuppressed results of each quarter of `period` (itself for a quarter), for the disclosure audit."""
    from monitor.statistics import engine
    from monitor.statistics.periods import quarter
    from monitor.statistics.reading import read_courts, read_unit_frames

    indicators = indicator_set()
    quarters = [quarter(period.year, n, period.start_month) for n in range(1, 5)] if period.kind == "year" else [period]
    connection = db.session.connection()
    frames = read_unit_frames(connection, indicators, quarters[0].start, quarters[-1].end, counted_statuses())
    courts = read_courts(connection)
    return {part.label: engine.compute(frames, indicators, part, courts) for part in quarters}


def period_choices(month: int) -> list[Period]:
    """Recent quarters and reporting years for the period menus, newest first."""
    quarters = [quarter_containing(today(), month)]
    while len(quarters) < 12:
        quarters.append(previous(quarters[-1]))
    years = [reporting_year(quarters[0].year - offset, month) for offset in range(4)]
    return quarters + years
