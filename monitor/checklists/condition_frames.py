"""Evaluating a condition on a whole table of answers at once, for statistics.

Same meaning as `Condition.evaluate` row by row (see `monitor.checklists.conditions`), computed
on pandas columns: unanswered is NaN or missing, dates are ISO strings, multichoice answers are
pipe-delimited strings."""
import functools
import math
import operator

import pandas

from monitor.checklists.conditions import COMPARATORS, Condition, normalise_answer


def evaluate_on_frame(condition: Condition, frame: "pandas.DataFrame") -> "pandas.Series":
    """The condition for every row of `frame` (one column per item key), as a boolean Series.

    Statistics read a whole level at once; this gives the same answer as `evaluate` row by row.
    A missing column means the item is unanswered everywhere.
    """
    columns = _FrameAnswers(condition, frame.reset_index(drop=True))
    truth = _evaluate_frame(condition.ast, columns)
    return pandas.Series(truth.to_numpy(dtype=bool), index=frame.index, dtype=bool)


class _FrameAnswers:
    """The frame's columns read as answers: unanswered is NaN, dates are ISO strings,
    multichoice answers are pipe-delimited strings."""

    def __init__(self, condition: Condition, frame: "pandas.DataFrame"):
        self.types = condition.item_types
        self.frame = frame
        self.cache: dict[str, pandas.Series] = {}

    def __getitem__(self, key: str) -> "pandas.Series":
        if key not in self.cache:
            self.cache[key] = self.read(key)
        return self.cache[key]

    def read(self, key: str) -> "pandas.Series":
        if key not in self.frame.columns:
            return pandas.Series(None, index=self.frame.index, dtype=object)
        column = self.frame[key]
        item_type = self.types[key]
        if item_type == "integer":
            return pandas.to_numeric(column, errors="coerce")
        if item_type == "multichoice":
            column = column.map(lambda value: value if isinstance(value, str) else _pipe_joined(value))
        elif item_type in ("date", "time"):
            column = column.map(normalise_answer, na_action="ignore")
        column = column.astype(object)
        return column.where(column.notna() & column.ne(""), None)


def _pipe_joined(value: object) -> object:
    if isinstance(value, (list, tuple, set, frozenset)):
        return "|".join(value)
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _evaluate_frame(node: tuple, answers: _FrameAnswers) -> "pandas.Series":
    op = node[0]
    index = answers.frame.index
    if op in ("and", "or"):
        combine = operator.and_ if op == "and" else operator.or_
        return functools.reduce(combine, (_evaluate_frame(part, answers) for part in node[1:]))
    if op == "not":
        return ~_evaluate_frame(node[1], answers)
    if op == "answered":
        return answers[node[1][1]].notna()
    if op == "in":
        column = answers[node[1][1]]
        return column.isin(node[2][1]) & column.notna()
    if op == "has":
        padded = "|" + answers[node[1][1]].fillna("").astype(str) + "|"
        return padded.str.contains(f"|{node[2][1]}|", regex=False).astype(bool)
    left, right = (answers[side[1]] if side[0] == "item" else side[1] for side in node[1:])
    present = pandas.Series(True, index=index)
    for side in (left, right):
        if isinstance(side, pandas.Series):
            present &= side.notna()
    truth = pandas.Series(False, index=index)
    if present.any():
        left, right = (side[present] if isinstance(side, pandas.Series) else side for side in (left, right))
        truth[present] = COMPARATORS[op](left, right).astype(bool)
    return truth
