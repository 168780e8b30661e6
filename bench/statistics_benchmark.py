"""Benchmark of the statistics engine on a large synthetic database (results: docs/benchmarks.md).

    python bench/statistics_benchmark.py --hearings 1000000 --database sqlite
    python bench/statistics_benchmark.py --hearings 1000000 --database postgresql

Generates approved hearings with bulk inserts (executemany on SQLite, COPY on PostgreSQL; not
through the service layer), then measures, each in a fresh process so peak memory is its own:

  scan       the three unit queries the engine issues (same columns, same JSON extraction),
             every row fetched and dropped: the floor any aggregation must pay
  aggregate  the same queries read into DataFrames plus every indicator with its breakdowns
  report     what the page shows: the period plus comparisons and the eight-quarter trend
             (it reads back two years, so it is compared with a scan of that span)
  json_parse the alternative reading: whole answers documents fetched and parsed in Python
  duckdb     the reference: DuckDB computing the same headline figures from Parquet files of the
             answers (bench/columnar_reference.py; written once, not timed), checked against the engine

for a quarter and a reporting year. Peak memory is the process's maximum resident set size.
"""
import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta, UTC
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

START_MONTH = 11
#: Two reporting years (Nov 2023 - Oct 2025), so a quarter has comparisons and a full trend.
FIRST_DAY, DAYS = date(2023, 11, 1), 731
QUARTER, YEAR = "2025-Q1", "2025"
ACCUSED_PER_HEARING = ([1, 2, 3, 4], [55, 35, 8, 2])  # mean 1.57
JUVENILE_SHARE = 0.05
POOL = 4000  # distinct answer documents per kind, drawn at random: realistic sizes, fast generation


def _app(url: str):
    from monitor import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "REPORTING_YEAR_START_MONTH": START_MONTH, "SECRET_KEY": "bench",
                       "STATISTICS_COUNT_SUBMITTED": False, "PUBLIC_URL": "https://bench.example"})


# --- generating --------------------------------------------------------------------------------


def _answer(item, rng: random.Random):
    if item.type == "yesno":
        keys = list(item.answer_keys)
        return rng.choices(keys, weights=[{"yes": 60, "no": 27, "unknown": 10, "na": 3}[k] for k in keys])[0]
    if item.type == "choice":
        return rng.choice(item.answer_keys)
    if item.type == "multichoice":
        return rng.sample(list(item.answer_keys), k=rng.choice([1, 1, 2]))
    if item.type == "integer":
        low = item.min or 0
        return rng.randint(low, min(item.max or 700, low + 700))
    if item.type == "time":
        return f"{rng.randint(8, 16):02d}:{rng.choice(['00', '15', '30', '45'])}"
    return None  # dates are set per hearing; private text is left out


def _documents(block, rng, count: int, **fixed) -> list[dict]:
    documents = []
    for _ in range(count):
        document = {}
        for item in block.items:
            if item.private or item.type in ("date", "text"):
                continue
            value = _answer(item, rng)
            if value is not None:
                document[item.key] = value
        document.update(fixed)
        documents.append(document)
    return documents


def generate(url: str, hearings: int, seed: int) -> None:
    from flask_migrate import upgrade

    from monitor.extensions import db
    from monitor.services.definitions import current_definition

    app = _app(url)
    with app.app_context():
        upgrade()
        definition = current_definition()
        rng = random.Random(seed)
        hearing_pool = _documents(definition.hearing, rng, POOL)
        adult_pool = [dict(d, age_at_offence=rng.randint(18, 70)) for d in _documents(definition.accused, rng, POOL)]
        child_pool = [dict(d, age_at_offence=rng.randint(12, 17)) for d in _documents(definition.accused, rng, POOL)]
        annex_pool = _documents(definition.juvenile, rng, POOL)
        hearing_json = [json.dumps(d) for d in hearing_pool]
        adult_json = [json.dumps(d) for d in adult_pool]
        child_json = [json.dumps(d) for d in child_pool]
        annex_json = [json.dumps(d) for d in annex_pool]
        connection = db.engine.raw_connection()
        dialect = db.engine.dialect.name
        cursor = connection.cursor()
        now = datetime.now(UTC)
        cursor.execute("INSERT INTO courts (id, key, name, active) VALUES (1, 'court_a', 'Court A', true), "
                       "(2, 'court_b', 'Court B', true), (3, 'court_c', 'Court C', true), (4, 'court_d', 'Court D', true)")
        cursor.execute("INSERT INTO users (id, username, display_name, password_hash, role, active, language, created_at) "
                       "VALUES (1, 'bench', 'Benchmark', '-', 'monitor', true, "
                       "'en', %s)" % ("?" if dialect == "sqlite" else "%s"),
                       (now,))
        accused_id = juvenile_id = 0
        batch = 50_000
        started = time.perf_counter()
        for first in range(1, hearings + 1, batch):
            checklists, accused, juveniles = [], [], []
            for checklist_id in range(first, min(first + batch, hearings + 1)):
                day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
                answers = hearing_json[rng.randrange(POOL)]
                answers = answers[:-1] + f', "hearing_date": "{day.isoformat()}"}}'
                checklists.append((checklist_id, str(uuid.UUID(int=rng.getrandbits(128))), "fair_trial", 1,
                                   rng.randint(1, 4), 1, "approved", day, answers, "", now, now, now))
                for position in range(rng.choices(*ACCUSED_PER_HEARING)[0]):
                    accused_id += 1
                    if rng.random() < JUVENILE_SHARE:
                        accused.append((accused_id, checklist_id, position, child_json[rng.randrange(POOL)]))
                        juvenile_id += 1
                        juveniles.append((juvenile_id, accused_id, checklist_id, annex_json[rng.randrange(POOL)]))
                    else:
                        accused.append((accused_id, checklist_id, position, adult_json[rng.randrange(POOL)]))
            _insert(cursor, dialect, "checklists", ("id", "uuid", "definition_key", "definition_version", "court_id",
                    "monitor_id", "status", "hearing_date", "answers", "content_hash", "created_at", "updated_at",
                    "submitted_at"), checklists)
            _insert(cursor, dialect, "accused", ("id", "checklist_id", "position", "answers"), accused)
            _insert(cursor, dialect, "juvenile_annexes", ("id", "accused_id", "checklist_id", "answers"), juveniles)
            connection.commit()
            print(f"  {min(first + batch - 1, hearings):,} hearings, {accused_id:,} accused, {juvenile_id:,} juvenile "
                  f"({time.perf_counter() - started:.0f} s)", flush=True)
        if dialect == "sqlite":
            cursor.execute("ANALYZE")
        else:
            connection.commit()
            driver = connection.driver_connection  # VACUUM cannot run in a transaction
            driver.autocommit = True
            driver.execute("VACUUM ANALYZE")
        connection.commit()
        connection.close()


def _insert(cursor, dialect: str, table: str, columns: tuple, rows: list) -> None:
    if not rows:
        return
    if dialect == "sqlite":
        marks = ", ".join("?" for _ in columns)
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        return
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


# --- measuring (each in its own process) -------------------------------------------------------


def measure(url: str, what: str, period_text: str) -> dict:
    from monitor.extensions import db
    from monitor.services import statistics as service
    from monitor.statistics import engine
    from monitor.statistics.periods import parse_period, trend_quarters
    from monitor.statistics.reading import CHUNK_ROWS, read_courts, read_unit_frames, unit_query

    app = _app(url)
    with app.app_context():
        period = parse_period(period_text, START_MONTH)
        indicators = service.indicator_set()
        statuses = service.counted_statuses()
        # The report reads back to the first of the eight trend quarters (earlier than a year before).
        start = trend_quarters(period)[0].start if what in ("report", "report_scan") else period.start
        connection = db.session.connection()
        connection.exec_driver_sql("SELECT 1")
        rows = 0
        began = time.perf_counter()
        if what in ("scan", "report_scan"):
            for unit in ("hearing", "accused", "juvenile"):
                result = connection.execute(unit_query(unit, indicators, start, period.end, statuses, connection.dialect.name),
                                            execution_options={"yield_per": CHUNK_ROWS})
                for part in result.partitions():
                    rows += len(part)
        elif what == "aggregate":
            frames = read_unit_frames(connection, indicators, period.start, period.end, statuses)
            rows = sum(len(frames.of(unit)) for unit in ("hearing", "accused", "juvenile"))
            engine.compute(frames, indicators, period, read_courts(connection))
        elif what == "report":
            report = service.build_report(period)
            rows = report.indicator("accused").figure.n
        elif what == "duckdb":
            import duckdb  # noqa: F401  (imported before the clock: a server would have it loaded)

            from bench.columnar_reference import engine_figures, headline_figures

            began = time.perf_counter()
            figures = headline_figures(Path(os.environ["BENCH_PARQUET"]), indicators, period.start, period.end)
            seconds = time.perf_counter() - began
            frames = read_unit_frames(connection, indicators, period.start, period.end, statuses)
            expected = engine_figures(engine.compute(frames, indicators, period, read_courts(connection)))
            rows = len(frames.hearing)
            same = all(_close(figures[key], expected[key]) for key in expected)
            peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            return {"what": what, "period": period_text, "seconds": round(seconds, 2), "rows": rows,
                    "peak_mib": round(peak_kib / 1024), "same_figures_as_engine": same}
        elif what == "parquet":
            from bench.columnar_reference import write_parquet

            frames = read_unit_frames(connection, indicators, date(1900, 1, 1), date(2999, 12, 31), statuses)
            rows = len(frames.hearing)
            write_parquet(frames, Path(os.environ["BENCH_PARQUET"]))
        elif what == "json_parse":
            from sqlalchemy import select

            from monitor.models import Accused, Checklist, JuvenileAnnex
            from monitor.statistics.reading import ANSWERS  # noqa: F401  (same tables)

            for query in (
                select(Checklist.answers),
                select(Checklist.answers, Accused.answers).join(Checklist, Checklist.id == Accused.checklist_id),
                select(Checklist.answers, Accused.answers, JuvenileAnnex.answers)
                .join(Accused, Accused.id == JuvenileAnnex.accused_id)
                .join(Checklist, Checklist.id == JuvenileAnnex.checklist_id),
            ):
                query = query.where(Checklist.status.in_(statuses), Checklist.hearing_date.between(period.start, period.end))
                result = connection.execute(query, execution_options={"yield_per": CHUNK_ROWS})
                for part in result.partitions():
                    rows += len(part)  # the JSON type decodes each document with json.loads
        seconds = time.perf_counter() - began
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"what": what, "period": period_text, "seconds": round(seconds, 2), "rows": rows, "peak_mib": round(peak_kib / 1024)}


def _close(found: tuple, expected: tuple) -> bool:
    return len(found) == len(expected) and all(
        a == b or (a is not None and b is not None and abs(float(a) - float(b)) < 1e-9) for a, b in zip(found, expected))


def _run_measure(url: str, what: str, period: str) -> dict:
    output = subprocess.run([sys.executable, __file__, "--measure", what, "--period", period, "--url", url],
                            check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--hearings", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=None, help="where the database lives (default: a temporary folder)")
    parser.add_argument("--reuse", action="store_true", help="measure the database already in --workdir (SQLite only)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--period", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.url, args.measure, args.period)))
        return

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="monitor-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    server = None
    if args.database == "sqlite":
        url = f"sqlite:///{workdir / 'bench.sqlite'}"
    else:
        from tests.support.postgres import start_postgres

        server = start_postgres(workdir / "pg")
        url = server.url
    try:
        generation = 0.0
        if not args.reuse:
            print(f"Generating {args.hearings:,} approved hearings in {args.database} ({workdir})", flush=True)
            began = time.perf_counter()
            generate(url, args.hearings, args.seed)
            generation = time.perf_counter() - began
            print(f"generated in {generation:.0f} s", flush=True)
        results = []
        measurements = ["scan", "aggregate", "report_scan", "report", "json_parse"]
        os.environ["BENCH_PARQUET"] = str(workdir / "parquet")
        try:
            import duckdb  # noqa: F401  (bench-only: the columnar reference)

            began = time.perf_counter()
            _run_measure(url, "parquet", QUARTER)
            print(f"Parquet files for the DuckDB reference written in {time.perf_counter() - began:.0f} s", flush=True)
            measurements.append("duckdb")
        except ImportError:
            print("DuckDB is not installed (pip install duckdb): no columnar reference", flush=True)
        for period in (QUARTER, YEAR):
            for what in measurements:
                result = _run_measure(url, what, period)
                results.append(result)
                print(json.dumps(result), flush=True)
        summary = {"database": args.database, "hearings": args.hearings, "generation_seconds": round(generation),
                   "machine": f"{os.cpu_count()} cores", "date": date.today().isoformat(), "results": results}
        print("SUMMARY " + json.dumps(summary), flush=True)
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
