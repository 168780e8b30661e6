"""Reading the counted checklists of a span of dates into one DataFrame per unit.

One query per unit: hearings; accused joined to their hearing; juvenile annexes joined to their
accused and hearing. Only the items the indicators need are read, extracted from the JSON answers
by the database (json_extract on SQLite, ->> on PostgreSQL). Rows arrive in chunks and answers
are kept as pandas categoricals, so a year of a large programme fits in little memory."""
from datetime import date

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals
from sqlalchemy import Integer, Select, Text, column, func, select, true
from sqlalchemy.engine import Connection

from monitor.checklists.indicators import IndicatorSet
from monitor.models import Accused, Checklist, Court, JuvenileAnnex
from monitor.statistics.engine import UnitFrames

#: Rows fetched at a time; large enough to amortise, small enough to bound memory.
CHUNK_ROWS = 50_000
#: Columns every unit frame has besides the items.
BASE_COLUMNS = ("checklist_id", "court_id", "hearing_date")
ANSWERS = {"hearing": Checklist.answers, "accused": Accused.answers, "juvenile": JuvenileAnnex.answers}
_JSON_LIST_PUNCTUATION = str.maketrans("", "", '[]" ')
LEVELS = ("hearing", "accused", "juvenile")


def unit_query(unit: str, indicator_set: IndicatorSet, start: date, end: date, statuses: tuple[str, ...],
               dialect: str = "sqlite") -> Select:
    """The one query that reads a unit: base columns, then the items its indicators name (see
    `_answers_columns` for how they are extracted on each database)."""
    columns = [Checklist.id.label("checklist_id"), Checklist.court_id, Checklist.hearing_date]
    if unit == "hearing":
        query = select().select_from(Checklist)
    elif unit == "accused":
        query = select().select_from(Accused).join(Checklist, Checklist.id == Accused.checklist_id)
    else:
        query = (
            select().select_from(JuvenileAnnex)
            .join(Accused, Accused.id == JuvenileAnnex.accused_id)
            .join(Checklist, Checklist.id == JuvenileAnnex.checklist_id)
        )
    for level in LEVELS:
        items = {key: item_type for key, (item_level, item_type) in indicator_set.columns[unit].items()
                 if item_level == level}
        if items:
            query, level_columns = _answers_columns(query, level, items, dialect)
            columns += level_columns
    return query.add_columns(*columns).where(Checklist.status.in_(statuses), Checklist.hearing_date.between(start, end))


def _answers_columns(query: Select, level: str, items: dict[str, str], dialect: str) -> tuple[Select, list]:
    """The items of one answers document. PostgreSQL's `json` keeps text, and each `->>` parses the
    whole document again (a report names some thirty items): so PostgreSQL reads them all with one
    `json_to_record` per document. SQLite's `json_extract` per item costs little next to reading
    the rows (one call with several paths measured no faster once its array is decoded in Python)."""
    answers = ANSWERS[level]
    if dialect == "postgresql":
        record = func.json_to_record(answers).table_valued(
            *(column(key, Integer if item_type == "integer" else Text) for key, item_type in items.items()),
        ).render_derived(name=f"{level}_answers", with_types=True)
        return query.join(record, true()), [record.c[key].label(key) for key in items]
    return query, [(answers[key].as_integer() if item_type == "integer" else answers[key].as_string()).label(key)
                   for key, item_type in items.items()]


def read_unit_frames(
    connection: Connection, indicator_set: IndicatorSet, start: date, end: date, statuses: tuple[str, ...],
) -> UnitFrames:
    frames = {}
    for unit in ("hearing", "accused", "juvenile"):
        types = {key: item_type for key, (_, item_type) in indicator_set.columns[unit].items()}
        # Per statement: on a connection, execution_options() would stick to later statements
        # (and a PostgreSQL server-side cursor cannot run an UPDATE).
        result = connection.execute(
            unit_query(unit, indicator_set, start, end, statuses, connection.dialect.name),
            execution_options={"yield_per": CHUNK_ROWS},
        )
        frames[unit] = _frame(result.partitions(), list(result.keys()), types)
    return UnitFrames(**frames)


def read_courts(connection: Connection) -> dict[int, tuple[str, str, dict]]:
    """Court id -> (key, name, labels): keys are published, names label the breakdowns (labels by
    language: the Khmer name only where one is given, so earlier outputs read as before)."""
    rows = connection.execute(select(Court.id, Court.key, Court.name, Court.name_km))
    return {row.id: (row.key, row.name, {"en": row.name, **({"km": row.name_km} if row.name_km else {})}) for row in rows}


def _frame(partitions, names: list[str], types: dict[str, str]) -> pd.DataFrame:
    parts: dict[str, list] = {name: [] for name in names}
    for rows in partitions:
        for name, values in zip(names, zip(*rows)):
            parts[name].append(_column(values, types.get(name, name)))
    return pd.DataFrame({name: _concatenate(chunks, types.get(name, name)) for name, chunks in parts.items()})


def _column(values: tuple, kind: str):
    """One chunk of a column: numbers as floats, dates as days, answers as categoricals."""
    if kind in ("checklist_id", "court_id"):
        return np.array(values, dtype=np.int64)
    if kind == "hearing_date":
        return np.array(values, dtype="datetime64[D]")
    if kind == "integer":
        return np.array(values, dtype=float)
    if kind == "multichoice":
        distinct = {value: _pipe_joined(value) for value in set(values)}
        values = [distinct[value] for value in values]
    codes, uniques = pd.factorize(np.array(values, dtype=object), use_na_sentinel=True)
    # Object categories in every chunk, so chunks with and without answers concatenate.
    return pd.Categorical.from_codes(codes, categories=pd.Index(uniques, dtype=object))


def _pipe_joined(json_list: str | None) -> str | None:
    """'["drugs", "violence"]' -> 'drugs|violence' (choice keys are plain words), the form the
    condition evaluator reads multiple choices in."""
    if json_list is None:
        return None
    return json_list.translate(_JSON_LIST_PUNCTUATION).replace(",", "|") or None


def _concatenate(chunks: list, kind: str):
    if kind in ("checklist_id", "court_id"):
        return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int64)
    if kind == "hearing_date":
        return np.concatenate(chunks) if chunks else np.zeros(0, dtype="datetime64[D]")
    if kind == "integer":
        return np.concatenate(chunks) if chunks else np.zeros(0, dtype=float)
    if not chunks:
        return pd.Categorical([], categories=pd.Index([], dtype=object))
    return union_categoricals(chunks, ignore_order=True) if len(chunks) > 1 else chunks[0]
