"""Benchmark: does a raw-data export's memory stay flat as the number of checklists grows?

Fills a fresh database with N synthetic approved checklists (bulk INSERTs, not the service layer),
then runs the export in a fresh Python process, measuring the process's peak resident memory
(VmHWM) before and after the export and, optionally, the peak of Python allocations (tracemalloc).

    python bench/export_memory.py                       # 10,000 and 100,000, SQLite and PostgreSQL, CSV and XLSX
    python bench/export_memory.py --sizes 1000 --databases sqlite --formats csv
    python bench/export_memory.py --sizes 20000 --trace --before /tmp/before   # and an earlier tree

With --before DIR (a checkout or `git archive` of an earlier commit), each export also runs with
that tree's code, alternately with this one, on the same database, so both see the same load.
Time is wall time and the export process's own CPU (user + system), which a shared machine
inflates far less. Prints one JSON line per run and a Markdown table for docs/benchmarks.md."""
import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from datetime import date, datetime, timedelta, UTC
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BATCH = 5000
#: Distinct synthetic documents drawn with the demo generator, reused with new ids and dates.
DOCUMENT_POOL = 300


def _app(url: str):
    from monitor import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "TESTING": True,
                       "PUBLIC_URL": "https://bench.example"})


def fill(url: str, count: int) -> None:
    """Migrate and insert `count` approved checklists with their accused and annexes."""
    from flask_migrate import upgrade
    from sqlalchemy import insert

    from monitor.services import demo
    from monitor.checklists.answers import ANNEX
    from monitor.extensions import db
    from monitor.models import Accused, Checklist, JuvenileAnnex
    from monitor.services.definitions import current_definition

    app = _app(url)
    with app.app_context():
        upgrade()
        courts = demo.ensure_courts()
        monitors = [u for u in demo.ensure_accounts() if u.role == "monitor"]
        definition = current_definition()
        rng, today = random.Random(2009), date.today()
        pool = []
        while len(pool) < min(DOCUMENT_POOL, count):
            document = demo.random_document(definition, today - timedelta(days=rng.randint(1, 700)), rng, today)
            if document is not None:
                pool.append(document)
        now = datetime.now(UTC)
        checklists, accused_rows, annex_rows = [], [], []
        accused_id = annex_id = 0

        def flush():
            for table, rows in ((Checklist, checklists), (Accused, accused_rows), (JuvenileAnnex, annex_rows)):
                if rows:
                    db.session.execute(insert(table.__table__), rows)
                    rows.clear()
            db.session.commit()

        for checklist_id in range(1, count + 1):
            document = pool[checklist_id % len(pool)]
            hearing = dict(document["hearing"])
            checklists.append({
                "id": checklist_id, "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "definition_key": definition.key, "definition_version": definition.version,
                "court_id": courts[checklist_id % len(courts)].id, "monitor_id": monitors[checklist_id % len(monitors)].id,
                "status": "approved", "hearing_date": date.fromisoformat(hearing["hearing_date"]), "answers": hearing,
                "content_hash": "", "created_at": now, "updated_at": now, "submitted_at": now, "revision": 1,
            })
            for position, accused in enumerate(document["accused"]):
                accused_id += 1
                accused_rows.append({"id": accused_id, "checklist_id": checklist_id, "position": position,
                                     "answers": {k: v for k, v in accused.items() if k != ANNEX}})
                if ANNEX in accused:
                    annex_id += 1
                    annex_rows.append({"id": annex_id, "accused_id": accused_id, "checklist_id": checklist_id,
                                       "answers": accused[ANNEX]})
            if checklist_id % BATCH == 0:
                flush()
        flush()
        if db.engine.dialect.name == "postgresql":  # explicit ids: move the sequences past them
            from sqlalchemy import text

            for table in ("checklists", "accused", "juvenile_annexes"):
                db.session.execute(text(f"SELECT setval('{table}_id_seq', (SELECT coalesce(max(id), 1) FROM {table}))"))
            db.session.commit()
        db.engine.dispose()


def peak_rss_mib() -> float:
    """Peak resident memory of this process image. VmHWM, not ru_maxrss: on Linux ru_maxrss keeps
    the parent's peak across fork and exec, so a child would report the database filler's memory."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def export(url: str, export_format: str, out: Path, trace: bool) -> dict:
    """Run one export into `out` and measure it (called in a fresh process). tracemalloc slows
    allocation-heavy code about tenfold, so it is optional; peak RSS is always measured."""
    import os

    from monitor.services.checklist_filters import ChecklistFilter
    from monitor.services.exports import raw_export, write_raw_export

    app = _app(url)
    with app.app_context():
        baseline_rss = peak_rss_mib()
        if trace:
            tracemalloc.start()
        started, cpu = time.perf_counter(), os.times()
        counted = {}
        with raw_export(None, export_format, ChecklistFilter(states=("approved",))) as tables:
            counting = [t.__class__(t.name, t.columns, _counted(t, counted)) for t in tables]
            write_raw_export(counting, export_format, out)
        elapsed = time.perf_counter() - started
        cpu_seconds = sum(os.times()[:2]) - sum(cpu[:2])
        peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
        tracemalloc.stop()
    return {"format": export_format, "rows": counted, "seconds": round(elapsed, 1), "cpu_seconds": round(cpu_seconds, 1),
            "python_peak_mib": round(peak, 1) if peak is not None else None,
            "max_rss_mib": peak_rss_mib(), "rss_before_export_mib": baseline_rss,
            "file_mib": round(out.stat().st_size / 2**20, 1)}


def _counted(table, counted: dict):
    def rows():
        counted[table.name] = 0
        for row in table.rows():
            counted[table.name] += 1
            yield row
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--databases", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"])
    parser.add_argument("--formats", nargs="+", choices=["csv", "xlsx"], default=["csv", "xlsx"])
    parser.add_argument("--trace", nargs="*", choices=["csv", "xlsx"], default=["csv"],
                        help="Formats whose runs also measure Python allocations with tracemalloc (slow). Default: csv.")
    parser.add_argument("--before", type=Path, help="also run each export with the code of this earlier tree")
    parser.add_argument("--export", nargs=4, metavar=("URL", "FORMAT", "OUT", "TRACE"), help=argparse.SUPPRESS)
    parser.add_argument("--code", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export:
        if args.code:  # the earlier tree's `monitor` package, measured by this script
            for name in [name for name in sys.modules if name == "monitor" or name.startswith("monitor.")]:
                del sys.modules[name]
            sys.path.insert(0, str(args.code))
        print(json.dumps(export(args.export[0], args.export[1], Path(args.export[2]), args.export[3] == "trace")))
        return

    results = []
    with tempfile.TemporaryDirectory(prefix="court-monitor-bench-") as work:
        work = Path(work)
        for database in args.databases:
            for size in args.sizes:
                server = None
                if database == "sqlite":
                    url = f"sqlite:///{work / f'bench-{size}.sqlite'}"
                else:
                    from tests.support.postgres import start_postgres

                    server = start_postgres(work / f"pg-{size}")
                    url = server.url
                try:
                    started = time.perf_counter()
                    fill(url, size)
                    fill_seconds = round(time.perf_counter() - started, 1)
                    for export_format in args.formats:
                        out = work / f"export-{database}-{size}.{ 'zip' if export_format == 'csv' else 'xlsx'}"
                        trace = "trace" if export_format in args.trace else "no-trace"
                        for code in ([args.before] if args.before else []) + [None]:
                            command = [sys.executable, __file__, "--export", url, export_format, str(out), trace]
                            child = subprocess.run(command + (["--code", str(code)] if code else []),
                                                   capture_output=True, text=True, check=True, cwd=ROOT)
                            result = {"database": database, "checklists": size, "fill_seconds": fill_seconds,
                                      "code": "before" if code else "this tree",
                                      **json.loads(child.stdout.strip().splitlines()[-1])}
                            print(json.dumps(result), flush=True)
                            results.append(result)
                            out.unlink()
                finally:
                    if server is not None:
                        server.stop()
    print()
    print("| database | checklists | format | code | rows (hearings / accused / juvenile) | time (s) | CPU (s) "
          "| Python peak (MiB) | RSS before (MiB) | max RSS (MiB) | file (MiB) |")
    print("|---|---:|---|---|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        rows, peak = r["rows"], r["python_peak_mib"]
        print(f"| {r['database']} | {r['checklists']:,} | {r['format']} | {r['code']} | {rows['hearings']:,} / "
              f"{rows['accused']:,} / {rows['juvenile']:,} | {r['seconds']}{' (traced)' if peak is not None else ''} | "
              f"{r.get('cpu_seconds', '—')} | "
              f"{peak if peak is not None else '—'} | {r['rss_before_export_mib']} | {r['max_rss_mib']} | {r['file_mib']} |")


if __name__ == "__main__":
    main()
