"""The aggregation engine: every indicator of an indicator set, computed vectorised on pandas.

Pure functions: DataFrames and an `IndicatorSet` in, `IndicatorResult`s out; no Flask and no
database, so the page, the API, the CLI and a published release compute the same way.

Each unit (hearing, accused, juvenile accused) is one DataFrame with the columns `court_id`,
`hearing_date` and one column per item key the indicators read, spanning every quarter a report
needs (the period, its comparisons and its trend). Each condition is evaluated once over that
span, and only once per distinct combination of the answers it names (a few dozen, even over
millions of rows), by the same evaluator a checklist uses; the result is mapped back to the rows.
A period, a comparison or a trend point is then a selection of rows, and the figures of several
periods come from one count of row states grouped by quarter (`compute_series`)."""
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from monitor.checklists.condition_frames import evaluate_on_frame
from monitor.checklists.conditions import Condition
from monitor.checklists.indicators import NOT_RECORDED, NOT_RECORDED_LABEL, Breakdown, Indicator, IndicatorSet
from monitor.checklists.vocabulary import LEVELS
from monitor.statistics.periods import Period
from monitor.statistics.results import BreakdownResult, CategoryFigure, Figure, IndicatorResult

#: Row states of a percentage indicator; a count indicator uses only OUTSIDE and NUMERATOR.
OUTSIDE, NUMERATOR, DENOMINATOR_ONLY, UNKNOWN, NOT_APPLICABLE, NOT_RECORDED_STATE = range(6)
STATES = 6
UNITS = LEVELS
#: Above this many combinations of answers, evaluate row by row instead of per combination.
MAX_COMBINATIONS = 2**40
#: Up to this many distinct combinations a condition is evaluated one combination at a time in
#: Python (microseconds each); beyond, on a table of the combinations with pandas (a fixed cost of
#: about a millisecond, then fast per row). Both give the same answers (tests/checklists).
ONE_BY_ONE = 5_000


@dataclass(frozen=True)
class UnitFrames:
    """One DataFrame per unit, as read for a span of hearing dates.

    The frames keep what their conditions evaluated to (`evaluated`), so the period, its
    comparisons and its trend, asked for in separate calls on the same frames, evaluate each
    condition once."""

    hearing: pd.DataFrame
    accused: pd.DataFrame
    juvenile: pd.DataFrame
    _evaluated: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def of(self, unit: str) -> pd.DataFrame:
        return getattr(self, unit)

    def evaluated(self, unit: str) -> "_Unit":
        """The unit's rows with its conditions' results, kept across calls."""
        if unit not in self._evaluated:
            self._evaluated[unit] = _Unit(self.of(unit))
        return self._evaluated[unit]


def compute(
    frames: UnitFrames, indicator_set: IndicatorSet, period: Period, courts: dict[int, tuple[str, str]],
    *, keys: list[str] | None = None,
) -> tuple[IndicatorResult, ...]:
    """Every indicator (or those in `keys`) for the period, with its breakdowns.

    `courts` maps court id to (key, name): the key is what is published, the name its label."""
    units = {unit: frames.evaluated(unit).rows_of(period, courts) for unit in UNITS}
    results = []
    for indicator in indicator_set.indicators:
        if keys is not None and indicator.key not in keys:
            continue
        rows = units[indicator.unit]
        breakdowns = tuple(
            rows.breakdown(indicator, indicator_set.breakdowns[key]) for key in indicator.breakdowns
        )
        results.append(IndicatorResult(indicator.key, rows.figure(indicator), breakdowns))
    return tuple(results)


def compute_series(
    frames: UnitFrames, indicator_set: IndicatorSet, periods: list[Period], *, keys: list[str] | None = None,
) -> dict[str, list[Figure]]:
    """Each indicator's headline figure for each period (for trends and comparisons), without breakdowns."""
    series = {}
    for indicator in indicator_set.indicators:
        if keys is not None and indicator.key not in keys:
            continue
        series[indicator.key] = frames.evaluated(indicator.unit).figures(indicator, periods)
    return series


class _Unit:
    """One unit's rows over the whole span read, with answer codes, condition results and row
    states kept across indicators and periods."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame.reset_index(drop=True)
        self.size = len(self.frame)
        self.dates = self.frame["hearing_date"].to_numpy(dtype="datetime64[D]")
        self._codes: dict[str, tuple[np.ndarray, list]] = {}
        self._masks: dict[str, np.ndarray] = {}
        self._states: dict[str, np.ndarray] = {}
        self._values: dict[str, np.ndarray] = {}
        self._categories: dict[str, tuple[list, np.ndarray]] = {}
        self._segments: dict[tuple, tuple[np.ndarray, list[tuple[int, int]], int]] = {}

    def rows_of(self, period: Period, courts: dict[int, tuple[str, str]]) -> "_PeriodRows":
        return _PeriodRows(self, self.date_mask(period.start, period.end), courts)

    def date_mask(self, start: date, end: date) -> np.ndarray:
        return (self.dates >= np.datetime64(start, "D")) & (self.dates <= np.datetime64(end, "D"))

    # --- conditions ---

    def coded(self, column: str) -> tuple[np.ndarray, list]:
        """Codes per row and the distinct answers they stand for (code 0: None, unanswered)."""
        if column not in self._codes:
            if column not in self.frame.columns:
                self._codes[column] = (np.zeros(self.size, dtype=np.int64), [None])
            else:
                series = self.frame[column]
                if isinstance(series.dtype, pd.CategoricalDtype):
                    codes, distinct = series.cat.codes.to_numpy(), list(series.cat.categories)
                else:
                    codes, uniques = pd.factorize(series, use_na_sentinel=True)
                    distinct = list(uniques)
                self._codes[column] = (codes.astype(np.int64) + 1, [None, *map(_answer, distinct)])
        return self._codes[column]

    def mask(self, condition: Condition | None) -> np.ndarray:
        """Where the condition holds; no condition holds everywhere."""
        if condition is None:
            return np.ones(self.size, dtype=bool)
        if condition.source not in self._masks:
            self._masks[condition.source] = self._evaluate(condition)
        return self._masks[condition.source]

    def _evaluate(self, condition: Condition) -> np.ndarray:
        """The condition for every row, evaluated once per distinct combination of its answers."""
        if self.size == 0:
            return np.zeros(0, dtype=bool)
        names = sorted(condition.names)
        combined, combinations = np.zeros(self.size, dtype=np.int64), 1
        for name in names:
            codes, distinct = self.coded(name)
            combinations *= len(distinct)
            if combinations > MAX_COMBINATIONS:
                return evaluate_on_frame(condition, self.frame).to_numpy(dtype=bool)
            combined = combined * len(distinct) + codes
        groups, uniques = pd.factorize(combined)
        sample_rows = np.empty(len(uniques), dtype=np.int64)
        sample_rows[groups] = np.arange(self.size)  # any row of a group will do: they answer alike
        if len(uniques) > ONE_BY_ONE:
            present = [name for name in names if name in self.frame.columns]
            sample = self.frame.loc[sample_rows, present].reset_index(drop=True)
            return evaluate_on_frame(condition, sample).to_numpy(dtype=bool)[groups]
        columns = []
        for name in names:
            codes, distinct = self.coded(name)
            columns.append([distinct[code] for code in codes[sample_rows].tolist()])
        combinations_read = [dict(zip(names, answers)) for answers in zip(*columns)] if names else [{}] * len(uniques)
        truth = np.fromiter((condition.evaluate(answers.get) for answers in combinations_read), dtype=bool,
                            count=len(uniques))
        return truth[groups]

    def state(self, indicator: Indicator) -> np.ndarray:
        """Per row: outside the indicator, numerator, denominator only, unknown, N/A or not recorded."""
        if indicator.key not in self._states:
            among = self.mask(indicator.among)
            state = np.zeros(self.size, dtype=np.int8)
            if indicator.kind == "percentage":
                denominator = among & self.mask(indicator.denominator)
                unknown = among & ~denominator & (self.mask(indicator.unknown) if indicator.unknown else False)
                not_applicable = among & ~denominator & ~unknown & (
                    self.mask(indicator.not_applicable) if indicator.not_applicable else False
                )
                state[among] = NOT_RECORDED_STATE
                state[not_applicable] = NOT_APPLICABLE
                state[unknown] = UNKNOWN
                state[denominator] = DENOMINATOR_ONLY
                state[denominator & self.mask(indicator.numerator)] = NUMERATOR
            else:
                state[among] = NUMERATOR
            self._states[indicator.key] = state
        return self._states[indicator.key]

    def values(self, indicator: Indicator) -> np.ndarray:
        if indicator.value not in self._values:
            if indicator.value not in self.frame.columns:
                self._values[indicator.value] = np.full(self.size, np.nan)
            else:
                self._values[indicator.value] = pd.to_numeric(self.frame[indicator.value], errors="coerce").to_numpy(
                    dtype=float, na_value=np.nan)
        return self._values[indicator.value]

    # --- several periods at once ---

    def figures(self, indicator: Indicator, periods: list[Period]) -> list[Figure]:
        """The headline figure of each period: one count of row states grouped by quarter (by the
        stretches between the periods' bounds, which are quarters for a report's comparisons and
        trend), each period the sum of its stretches."""
        state = self.state(indicator)
        if indicator.kind == "duration":
            counted = state == NUMERATOR
            return [_duration(self.values(indicator), counted & self.date_mask(p.start, p.end)) for p in periods]
        segments, spans, count = self.segments(periods)
        tally = np.bincount(segments * STATES + state, minlength=count * STATES).reshape(count, STATES)
        return [_from_tally(indicator.kind, tally[first:last].sum(axis=0)) for first, last in spans]

    def segments(self, periods: list[Period]) -> tuple[np.ndarray, list[tuple[int, int]], int]:
        """Per row, the stretch between consecutive period bounds its hearing date falls in; per
        period, the stretches [first, last) it covers; and how many stretches there are."""
        key = tuple((p.start, p.end) for p in periods)
        if key not in self._segments:
            bounds = sorted({day for p in periods for day in (p.start, p.end + timedelta(days=1))})
            segments = np.searchsorted(np.array(bounds, dtype="datetime64[D]"), self.dates, side="right")
            spans = [(bounds.index(p.start) + 1, bounds.index(p.end + timedelta(days=1)) + 1) for p in periods]
            self._segments[key] = (segments.astype(np.int64), spans, len(bounds) + 1)
        return self._segments[key]

    # --- breakdown categories over the whole span ---

    def categories(self, breakdown: Breakdown) -> tuple[list[tuple[str, dict]], np.ndarray]:
        """A single-answer or banded breakdown's categories and each row's category (-1: no answer)."""
        if breakdown.key not in self._categories:
            categories = [(c.key, dict(c.label)) for c in breakdown.categories]
            present = breakdown.item in self.frame.columns
            column = self.frame[breakdown.item] if present else pd.Series(np.nan, index=self.frame.index)
            if breakdown.kind == "bands":
                values = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
                codes = np.searchsorted(np.array(breakdown.bounds, dtype=float), values, side="right").astype(np.int64)
                codes[np.isnan(values)] = -1
            else:
                codes = pd.Categorical(column, categories=[key for key, _ in categories]).codes.astype(np.int64)
            self._categories[breakdown.key] = (categories, codes)
        return self._categories[breakdown.key]


class _PeriodRows:
    """The rows of one period of a unit: its figures and breakdowns, with the row states taken
    from the whole unit (so nothing is evaluated again)."""

    def __init__(self, unit: _Unit, selection: np.ndarray, courts: dict[int, tuple[str, str]]):
        self.unit = unit
        self.selection = selection
        self.courts = courts
        self._states: dict[str, np.ndarray] = {}
        self._dimensions: dict[str, tuple] = {}

    def state(self, indicator: Indicator) -> np.ndarray:
        if indicator.key not in self._states:
            self._states[indicator.key] = self.unit.state(indicator)[self.selection]
        return self._states[indicator.key]

    def values(self, indicator: Indicator) -> np.ndarray:
        return self.unit.values(indicator)[self.selection]

    # --- figures ---

    def figure(self, indicator: Indicator) -> Figure:
        state = self.state(indicator)
        if indicator.kind == "duration":
            return _duration(self.values(indicator), state == NUMERATOR)
        return _from_tally(indicator.kind, np.bincount(state, minlength=STATES))

    def breakdown(self, indicator: Indicator, breakdown: Breakdown) -> BreakdownResult:
        categories, membership = self.dimension(breakdown)
        state = self.state(indicator)
        figures = []
        if indicator.kind == "duration":
            values, counted = self.values(indicator), state == NUMERATOR
            for index in range(len(categories)):
                figures.append(_duration(values, counted & _member(membership, index)))
        elif isinstance(membership, np.ndarray):
            tally = np.bincount(membership * STATES + state, minlength=len(categories) * STATES)
            figures = [_from_tally(indicator.kind, row) for row in tally.reshape(len(categories), STATES)]
        else:
            figures = [_from_tally(indicator.kind, np.bincount(state[mask], minlength=STATES)) for mask in membership]
        return BreakdownResult(
            key=breakdown.key,
            title=dict(breakdown.title),
            categories=tuple(CategoryFigure(key, dict(label), figure) for (key, label), figure in zip(categories, figures)),
        )

    # --- breakdown dimensions ---

    def dimension(self, breakdown: Breakdown) -> tuple[list[tuple[str, dict]], np.ndarray | list[np.ndarray]]:
        """Categories (key, label) and, per row, its category index (or one mask per category
        when a row may fall in several). Rows without an answer go to "not recorded"."""
        if breakdown.key not in self._dimensions:
            if breakdown.kind == "court":
                self._dimensions[breakdown.key] = self._courts()
            elif breakdown.kind == "multichoice":
                self._dimensions[breakdown.key] = self._multichoice(breakdown)
            else:
                self._dimensions[breakdown.key] = self._single(breakdown)
        return self._dimensions[breakdown.key]

    def _courts(self):
        ids = self.unit.frame["court_id"].to_numpy(dtype=np.int64)[self.selection]
        named = {court_id: self.courts.get(court_id, (str(court_id), str(court_id))) for court_id in set(ids.tolist())}
        order = sorted(named, key=lambda court_id: named[court_id][1])
        categories = [(named[court_id][0], _court_labels(named[court_id])) for court_id in order]
        position = np.zeros(max(order, default=0) + 1, dtype=np.int64)
        position[order] = np.arange(len(order))
        return categories, position[ids]

    def _single(self, breakdown: Breakdown):
        categories, codes = self.unit.categories(breakdown)
        categories, codes = list(categories), codes[self.selection]
        if (codes < 0).any():
            codes[codes < 0] = len(categories)
            categories.append((NOT_RECORDED, dict(NOT_RECORDED_LABEL)))
        return categories, codes

    def _multichoice(self, breakdown: Breakdown):
        """Multiple-choice answers are stored pipe-joined ("drugs|violence")."""
        categories = [(c.key, dict(c.label)) for c in breakdown.categories]
        codes, distinct = self.unit.coded(breakdown.item)
        codes = codes[self.selection]
        masks = []
        for key, _ in categories:
            member = np.array([value is not None and key in str(value).split("|") for value in distinct], dtype=bool)
            masks.append(member[codes])
        missing = codes == 0
        if missing.any():
            categories.append((NOT_RECORDED, dict(NOT_RECORDED_LABEL)))
            masks.append(missing)
        return categories, masks


def _answer(value: object) -> object:
    """A distinct value of a column as the condition evaluator reads answers (NumPy scalars as
    Python ones: a datetime64 as a date)."""
    if isinstance(value, np.datetime64):
        return value.astype("datetime64[D]").item()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _member(membership, index: int) -> np.ndarray:
    return membership == index if isinstance(membership, np.ndarray) else membership[index]


def _from_tally(kind: str, tally: np.ndarray) -> Figure:
    counts = [int(count) for count in tally]
    if kind == "count":
        return Figure(kind="count", n=counts[NUMERATOR], value=float(counts[NUMERATOR]))
    numerator = counts[NUMERATOR]
    denominator = counts[NUMERATOR] + counts[DENOMINATOR_ONLY]
    return Figure(
        kind="percentage",
        n=denominator,
        numerator=numerator,
        denominator=denominator,
        value=100.0 * numerator / denominator if denominator else None,
        excluded={
            "unknown": counts[UNKNOWN],
            "not_applicable": counts[NOT_APPLICABLE],
            "not_recorded": counts[NOT_RECORDED_STATE],
        },
    )


def _duration(values: np.ndarray, counted: np.ndarray) -> Figure:
    chosen = values[counted]
    known = chosen[~np.isnan(chosen)]
    excluded = {"not_recorded": int(len(chosen) - len(known))}
    if len(known) == 0:
        return Figure(kind="duration", n=0, excluded=excluded)
    return Figure(
        kind="duration",
        n=int(len(known)),
        value=float(np.median(known)),
        mean=float(known.mean()),
        minimum=float(known.min()),
        maximum=float(known.max()),
        excluded=excluded,
    )


def _court_labels(court: tuple) -> dict:
    """A court's breakdown label by language: (key, name) gives the English name; a third element
    (monitor.statistics.reading.read_courts) carries the name in each language."""
    return dict(court[2]) if len(court) > 2 else {"en": court[1]}
