"""The reference for how far the statistics are from a columnar engine's limit (issue 20.3): DuckDB
computing a period's headline figures from Parquet files of the same answers.

Used by bench/statistics_benchmark.py (bench-only dependency: `pip install duckdb`). The Parquet
files hold the unit frames the engine reads (one typed column per item), written once and not
timed: they stand for the layout a columnar store would keep. Each indicator's conditions are
translated to SQL with the checklist's meaning (an unanswered item satisfies no comparison, so
`not (x = no)` holds when x is unanswered), and the figures are checked against the engine's."""
from pathlib import Path

UNITS = ("hearing", "accused", "juvenile")


def write_parquet(frames, folder: Path) -> None:
    import duckdb

    folder.mkdir(parents=True, exist_ok=True)
    for unit in UNITS:
        frame = frames.of(unit).copy()
        for name in frame.columns:  # categoricals of answers as plain text columns
            if str(frame[name].dtype) == "category":
                frame[name] = frame[name].astype(object)
        duckdb.from_df(frame).write_parquet(str(folder / f"{unit}.parquet"))


def headline_figures(folder: Path, indicator_set, start, end) -> dict[str, tuple]:
    """Per indicator: (n,) for a count, (numerator, denominator) for a percentage, (n, median) for a duration."""
    import duckdb

    connection = duckdb.connect()
    figures = {}
    for unit in UNITS:
        indicators = [indicator for indicator in indicator_set.indicators if indicator.unit == unit]
        aggregates = []
        for indicator in indicators:
            among = _sql(indicator.among)
            if indicator.kind == "count":
                aggregates.append(f"count(*) FILTER (WHERE {among})")
            elif indicator.kind == "percentage":
                denominator = f"{among} AND {_sql(indicator.denominator)}"
                aggregates += [f"count(*) FILTER (WHERE {denominator} AND {_sql(indicator.numerator)})",
                               f"count(*) FILTER (WHERE {denominator})"]
            else:
                value = f'"{indicator.value}"'
                aggregates += [f"count({value}) FILTER (WHERE {among})", f"median({value}) FILTER (WHERE {among})"]
        if not aggregates:
            continue
        row = connection.execute(
            f"SELECT {', '.join(aggregates)} FROM read_parquet('{folder / f'{unit}.parquet'}') "
            f"WHERE hearing_date BETWEEN DATE '{start}' AND DATE '{end}'").fetchone()
        position = 0
        for indicator in indicators:
            width = 1 if indicator.kind == "count" else 2
            figures[indicator.key] = tuple(row[position:position + width])
            position += width
    return figures


def engine_figures(results) -> dict[str, tuple]:
    """The same figures from the engine's results, to compare."""
    figures = {}
    for result in results:
        figure = result.figure
        if figure.kind == "count":
            figures[result.key] = (figure.n,)
        elif figure.kind == "percentage":
            figures[result.key] = (figure.numerator, figure.denominator)
        else:
            figures[result.key] = (figure.n, figure.value)
    return figures


def _sql(condition) -> str:
    return "TRUE" if condition is None else _node(condition.ast, condition.item_types)


def _node(node: tuple, types: dict) -> str:
    op = node[0]
    if op in ("and", "or"):
        return "(" + f" {op.upper()} ".join(_node(part, types) for part in node[1:]) + ")"
    if op == "not":
        return f"(NOT {_node(node[1], types)})"
    if op == "answered":
        key = node[1][1]
        answered = f'"{key}" IS NOT NULL'
        if types.get(key) != "integer":
            answered += f""" AND CAST("{key}" AS VARCHAR) <> ''"""
        return f"({answered})"
    if op == "in":
        values = ", ".join(_literal(value) for value in node[2][1])
        return f'coalesce("{node[1][1]}" IN ({values}), FALSE)'
    if op == "has":
        return f"coalesce(list_contains(string_split(\"{node[1][1]}\", '|'), {_literal(node[2][1])}), FALSE)"
    left, right = (f'"{side[1]}"' if side[0] == "item" else _literal(side[1]) for side in node[1:])
    return f"coalesce({left} {'<>' if op == '!=' else op} {right}, FALSE)"


def _literal(value) -> str:
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"
