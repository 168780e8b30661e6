"""Submission throughput and latency under the production server, next to a bare Flask endpoint.

    python bench/submissions.py                      # both engines, 2 workers, 50 clients
    python bench/submissions.py --engine sqlite --clients 50 --requests 40

For each engine: build a migrated database (SQLite file in WAL mode with synchronous=FULL, or a
throwaway PostgreSQL with its default fsync settings), add courts and monitors with API tokens,
then in the same run start gunicorn with the bare app and with Court Monitor, and let `--clients`
concurrent clients (threads spread over two processes) each send `--requests` checklists with new
uuids. Afterwards every acknowledged checklist must be in the database exactly once.
Loopback traffic only."""
import argparse
import http.client
import json
import multiprocessing
import os
import platform
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import date, datetime, timedelta, UTC
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from monitor import create_app  # noqa: E402
from monitor.services import demo  # noqa: E402
from monitor.extensions import db  # noqa: E402
from monitor.models import Checklist, Role, User  # noqa: E402
from monitor.services.definitions import current_definition  # noqa: E402
from monitor.services.tokens import create_token  # noqa: E402
from tests.support.gunicorn import Gunicorn  # noqa: E402
from tests.support.postgres import start_postgres  # noqa: E402

#: (row name, gunicorn app, "[METHOD ]path"). Between the bare endpoint and Court Monitor's submission:
#: the least any durable submission endpoint does (token lookup, one row, synced commit; plain DBAPI),
#: and Court Monitor's floor, a signed-in API request through every middleware that stores nothing.
ENDPOINTS = (("bare Flask endpoint", "bench.bare_app:app", "/bare"),
             ("durable floor: token lookup + one INSERT + synced commit", "bench.durable_floor_app:app", "/floor"),
             ("Court Monitor, signed-in GET /api/v1/session", "wsgi:app", "GET /api/v1/session"),
             ("Court Monitor submission", "wsgi:app", "/api/v1/submissions"))
DOCUMENTS = 200
MONITORS = 10
CLIENT_PROCESSES = 2


def prepare_database(url: str) -> tuple[list[dict], list[dict]]:
    """Migrate, seed courts and monitors; return token headers and checklist bodies (without uuid)."""
    app = create_app({"ENV": "development", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(directory=str(REPOSITORY / "monitor" / "migrations"))
        courts = demo.ensure_courts()
        headers = []
        for number in range(MONITORS):
            user = User(username=f"bench{number}", display_name=f"Bench Monitor {number}", role=Role.MONITOR.value)
            user.set_password("bench monitor password")
            db.session.add(user)
            db.session.commit()
            headers.append({"Authorization": f"Bearer {create_token(user, 'bench')[1]}"})
        rng, today, bodies = random.Random(2026), date.today(), []
        definition = current_definition()
        while len(bodies) < DOCUMENTS:
            document = demo.random_document(definition, today - timedelta(days=rng.randint(1, 700)), rng, today)
            if document:
                bodies.append({"checklist": definition.key, "version": definition.version, "court": rng.choice(courts).key,
                               "status": "submitted", **document})
        db.session.remove()
        db.engine.dispose()
    return headers, bodies


def _client(port: int, path: str, jobs: list[tuple[dict, dict]], results: list) -> None:
    method, _, path = path.rpartition(" ")
    for headers, body in jobs:
        started = time.perf_counter()
        status = None
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request(method or "POST", path, body=json.dumps(body) if method != "GET" else None,
                               headers={"Content-Type": "application/json", **headers})
            response = connection.getresponse()
            response.read()
            status = response.status
            connection.close()
        except OSError:
            pass
        results.append((time.perf_counter() - started, status, body["uuid"]))


def _client_process(arguments) -> list:
    port, path, jobs_per_thread = arguments
    results: list = []
    threads = [threading.Thread(target=_client, args=(port, path, jobs, results)) for jobs in jobs_per_thread]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def load(port: int, path: str, headers: list[dict], bodies: list[dict], clients: int, requests: int) -> dict:
    """`clients` concurrent clients, each sending `requests` bodies with fresh uuids."""
    jobs = [[(headers[(c + r) % len(headers)], bodies[(c * requests + r) % len(bodies)] | {"uuid": str(uuid.uuid4())})
             for r in range(requests)] for c in range(clients)]
    per_process = [(port, path, jobs[p::CLIENT_PROCESSES]) for p in range(CLIENT_PROCESSES)]
    with multiprocessing.Pool(CLIENT_PROCESSES) as pool:
        started = time.perf_counter()
        results = [r for part in pool.map(_client_process, per_process) for r in part]
        elapsed = time.perf_counter() - started
    latencies = sorted(latency for latency, _, _ in results)
    acknowledged = [u for _, status, u in results if status in (200, 201)]
    return {
        "requests": len(results), "seconds": elapsed, "throughput": len(results) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies), "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))],
        "errors": len(results) - len(acknowledged), "acknowledged": acknowledged,
    }


def cpu_seconds_of_children(parent_pid: int) -> float:
    """User + system CPU used so far by the processes whose parent is `parent_pid` (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(fields[1]) == parent_pid:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def server_cpu_seconds(server: Gunicorn, postgres) -> tuple[float, float]:
    """CPU used so far by the app server's workers and, on PostgreSQL, by the database's processes."""
    database = 0.0
    if postgres is not None:
        database = cpu_seconds_of_children(int((postgres.data_dir / "postmaster.pid").read_text().split()[0]))
    return cpu_seconds_of_children(server.process.pid), database


def verify(url: str, acknowledged: list[str]) -> dict:
    app = create_app({"ENV": "development", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        stored = db.session.scalars(select(Checklist.uuid).where(Checklist.uuid.in_(acknowledged))).all()
        rows = db.session.scalar(select(func.count()).select_from(Checklist))
        distinct = db.session.scalar(select(func.count(func.distinct(Checklist.uuid))))
        db.engine.dispose()
    return {"lost": len(set(acknowledged) - set(stored)), "duplicated": rows - distinct, "rows": rows}


def bench_engine(engine: str, workdir: Path, args) -> dict:
    postgres = None
    if engine == "sqlite":
        url = f"sqlite:///{workdir / 'bench.sqlite'}"
    else:
        postgres = start_postgres(workdir / "pg", durable=True)
        url = postgres.url
    try:
        headers, bodies = prepare_database(url)
        figures = {}
        for name, app_spec, path in ENDPOINTS:
            server = Gunicorn(url, workdir / f"{engine}-gunicorn.log", workers=args.workers, threads=args.threads,
                              app=app_spec).start()
            try:
                load(server.port, path, headers, bodies, args.clients, 5)  # warm-up: imports, connections
                app_before, database_before = server_cpu_seconds(server, postgres)
                figures[name] = load(server.port, path, headers, bodies, args.clients, args.requests)
                app_after, database_after = server_cpu_seconds(server, postgres)
                requests = figures[name]["requests"]
                figures[name] |= {"app_cpu_ms": 1000 * (app_after - app_before) / requests,
                                  "database_cpu_ms": 1000 * (database_after - database_before) / requests}
            finally:
                server.stop()
        submissions = figures["Court Monitor submission"]
        submissions |= verify(url, submissions["acknowledged"])
        # Warm-up submissions were acknowledged too; the row count covers both runs.
        return figures
    finally:
        if postgres is not None:
            postgres.stop()


def report(engine: str, figures: dict, args) -> str:
    bare = figures["bare Flask endpoint"]
    database_cpu = (lambda f: f"{f['database_cpu_ms']:.2f}") if engine == "postgresql" else (lambda f: "-")
    lines = [f"| {engine} | {name} | {f['requests']} | {f['throughput']:.0f} | {f['p50_ms']:.0f} | {f['p99_ms']:.0f} | "
             f"{f['app_cpu_ms']:.2f} | {database_cpu(f)} | {f['errors']} | {f.get('lost', '-')} | {f.get('duplicated', '-')} |"
             for name, f in figures.items()]
    for name, figures_of in figures.items():
        if name != "bare Flask endpoint":
            ratio = figures_of["throughput"] / bare["throughput"]
            lines.append(f"| {engine} | ratio {name} / bare | | {ratio:.2f}× | | | | | | | |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=40, help="Requests per client.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker (1: sync worker).")
    args = parser.parse_args()
    engines = ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, {platform.processor() or platform.machine()}, "
          f"{multiprocessing.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"gunicorn --workers {args.workers} --threads {args.threads}; {args.clients} concurrent clients × "
          f"{args.requests} requests; new TCP connection per request")
    print("| engine | endpoint | requests | req/s | p50 ms | p99 ms | app CPU ms/req | database CPU ms/req "
          "| errors | lost | duplicated |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory(prefix="court-monitor-bench-") as workdir:
        for engine in engines:
            print(report(engine, bench_engine(engine, Path(workdir), args), args), flush=True)


if __name__ == "__main__":
    main()
