"""The aggregation engine: every indicator of an indicator set, computed vectorised on pandas.

Pure functions: DataFrames and an `IndicatorSet` in, `IndicatorResult`s out; no Flask and no
database, so the page, the API, the CLI and a published release compute the same way.

Each unit (hearing, accused, juvenile accused) is one DataFrame with the columns `court_id`,
`hearing_date` and one column per item key the indicators read. Conditions are evaluated once per
distinct combination of the answers they name (a few dozen, even over millions of rows) and mapped
back to the rows, so the cost is a few integer passes per indicator."""
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from monitor.checklists.condition_frames import evaluate_on_frame
from monitor.checklists.conditions import Condition
from monitor.checklists.indicators import NOT_RECORDED, NOT_RECORDED_LABEL, Breakdown, Indicator, IndicatorSet
from monitor.statistics.periods import Period
from monitor.statistics.results import BreakdownResult, CategoryFigure, Figure, IndicatorResult

#: Row states of a percentage indicator; a count indicator uses only OUTSIDE and NUMERATOR.
OUTSIDE, NUMERATOR, DENOMINATOR_ONLY, UNKNOWN, NOT_APPLICABLE, NOT_RECORDED_STATE = range(6)
STATES = 6
#: Above this many combinations of answers, evaluate row by row instead of per combination.
MAX_COMBINATIONS = 2**40


@dataclass(frozen=True)
class UnitFrames:
    """One DataFrame per unit, as read for a span of hearing dates."""

    hearing: pd.DataFrame
    accused: pd.DataFrame
    juvenile: pd.DataFrame

    def of(self, unit: str) -> pd.DataFrame:
        return getattr(self, unit)

    def within(self, start: date, end: date) -> "UnitFrames":
        """Only the rows whose hearing date falls in [start, end]."""
        return UnitFrames(*(_within(self.of(unit), start, end) for unit in ("hearing", "accused", "juvenile")))


def _within(frame: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    return frame[_date_mask(frame, start, end)].reset_index(drop=True)


def _date_mask(frame: pd.DataFrame, start: date, end: date) -> np.ndarray:
    dates = frame["hearing_date"].to_numpy(dtype="datetime64[D]")
    return (dates >= np.datetime64(start, "D")) & (dates <= np.datetime64(end, "D"))


def compute(
    frames: UnitFrames, indicator_set: IndicatorSet, period: Period, courts: dict[int, tuple[str, str]],
    *, keys: list[str] | None = None,
) -> tuple[IndicatorResult, ...]:
    """Every indicator (or those in `keys`) for the period, with its breakdowns.

    `courts` maps court id to (key, name): the key is what is published, the name its label."""
    frames = frames.within(period.start, period.end)
    units = {unit: _Unit(frames.of(unit), courts) for unit in ("hearing", "accused", "juvenile")}
    results = []
    for indicator in indicator_set.indicators:
        if keys is not None and indicator.key not in keys:
            continue
        unit = units[indicator.unit]
        breakdowns = tuple(
            unit.breakdown(indicator, indicator_set.breakdowns[key]) for key in indicator.breakdowns
        )
        results.append(IndicatorResult(indicator.key, unit.figure(indicator), breakdowns))
    return tuple(results)


def compute_series(
    frames: UnitFrames, indicator_set: IndicatorSet, periods: list[Period], *, keys: list[str] | None = None,
) -> dict[str, list[Figure]]:
    """Each indicator's headline figure for each period (for trends and comparisons), without breakdowns."""
    units = {unit: _Unit(frames.of(unit), {}) for unit in ("hearing", "accused", "juvenile")}
    series = {}
    for indicator in indicator_set.indicators:
        if keys is not None and indicator.key not in keys:
            continue
        unit = units[indicator.unit]
        series[indicator.key] = [
            unit.figure(indicator, _date_mask(unit.frame, period.start, period.end)) for period in periods
        ]
    return series


class _Unit:
    """One unit's rows, with the answer codes and condition results cached across indicators."""

    def __init__(self, frame: pd.DataFrame, courts: dict[int, tuple[str, str]]):
        self.frame = frame.reset_index(drop=True)
        self.size = len(self.frame)
        self.courts = courts
        self._codes: dict[str, tuple[np.ndarray, int]] = {}
        self._masks: dict[str, np.ndarray] = {}
        self._states: dict[str, np.ndarray] = {}
        self._dimensions: dict[str, tuple] = {}

    # --- conditions ---

    def codes(self, column: str) -> tuple[np.ndarray, int]:
        """Integer codes of a column's distinct answers (0 = unanswered) and how many there are."""
        codes, distinct = self._coded(column)
        return codes, len(distinct)

    def _coded(self, column: str) -> tuple[np.ndarray, list]:
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
                self._codes[column] = (codes.astype(np.int64) + 1, [None, *distinct])
        return self._codes[column]

    def mask(self, condition: Condition | None) -> np.ndarray:
        """Where the condition holds; no condition holds everywhere."""
        if condition is None:
            return np.ones(self.size, dtype=bool)
        if condition.source not in self._masks:
            self._masks[condition.source] = self._evaluate(condition)
        return self._masks[condition.source]

    def _evaluate(self, condition: Condition) -> np.ndarray:
        if self.size == 0:
            return np.zeros(0, dtype=bool)
        names = sorted(condition.names)
        combined, combinations = np.zeros(self.size, dtype=np.int64), 1
        for name in names:
            codes, cardinality = self.codes(name)
            combinations *= cardinality
            if combinations > MAX_COMBINATIONS:
                return evaluate_on_frame(condition, self.frame).to_numpy(dtype=bool)
            combined = combined * cardinality + codes
        groups, distinct = pd.factorize(combined)
        sample_rows = np.empty(len(distinct), dtype=np.int64)
        sample_rows[groups] = np.arange(self.size)  # any row of a group will do: they answer alike
        present = [name for name in names if name in self.frame.columns]
        sample = self.frame.loc[sample_rows, present].reset_index(drop=True)
        truth = evaluate_on_frame(condition, sample).to_numpy(dtype=bool)
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
        if indicator.value not in self.frame.columns:
            return np.full(self.size, np.nan)
        return pd.to_numeric(self.frame[indicator.value], errors="coerce").to_numpy(dtype=float, na_value=np.nan)

    # --- figures ---

    def figure(self, indicator: Indicator, selection: np.ndarray | None = None) -> Figure:
        state = self.state(indicator)
        if indicator.kind == "duration":
            chosen = state == NUMERATOR if selection is None else (state == NUMERATOR) & selection
            return _duration(self.values(indicator), chosen)
        tally = np.bincount(state if selection is None else state[selection], minlength=STATES)
        return _from_tally(indicator.kind, tally)

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
        ids = self.frame["court_id"].to_numpy(dtype=np.int64)
        named = {court_id: self.courts.get(court_id, (str(court_id), str(court_id))) for court_id in set(ids.tolist())}
        order = sorted(named, key=lambda court_id: named[court_id][1])
        categories = [(named[court_id][0], {"en": named[court_id][1]}) for court_id in order]
        position = np.zeros(max(order, default=0) + 1, dtype=np.int64)
        position[order] = np.arange(len(order))
        return categories, position[ids]

    def _single(self, breakdown: Breakdown):
        categories = [(c.key, dict(c.label)) for c in breakdown.categories]
        column = self.frame[breakdown.item] if breakdown.item in self.frame.columns else pd.Series(np.nan, index=self.frame.index)
        if breakdown.kind == "bands":
            values = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
            codes = np.searchsorted(np.array(breakdown.bounds, dtype=float), values, side="right").astype(np.int64)
            codes[np.isnan(values)] = -1
        else:
            codes = pd.Categorical(column, categories=[key for key, _ in categories]).codes.astype(np.int64)
        if (codes < 0).any():
            codes[codes < 0] = len(categories)
            categories.append((NOT_RECORDED, dict(NOT_RECORDED_LABEL)))
        return categories, codes

    def _multichoice(self, breakdown: Breakdown):
        """Multiple-choice answers are stored pipe-joined ("drugs|violence")."""
        categories = [(c.key, dict(c.label)) for c in breakdown.categories]
        codes, distinct = self._coded(breakdown.item)
        masks = []
        for key, _ in categories:
            member = np.array([value is not None and key in str(value).split("|") for value in distinct], dtype=bool)
            masks.append(member[codes])
        missing = codes == 0
        if missing.any():
            categories.append((NOT_RECORDED, dict(NOT_RECORDED_LABEL)))
            masks.append(missing)
        return categories, masks


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
