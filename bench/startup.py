"""CPU cost of starting a `flask` command, against the floor measured in the same run (issue 20.1).

    python bench/startup.py [--runs 7]

Makes a migrated SQLite database with one court (`flask db upgrade`, `flask courts add`), then runs,
alternately so both see the same load on a shared machine, the floor script
(bench/startup_floor.py: Flask, Flask-SQLAlchemy and the extensions `create_app` initialises, one
SELECT) and `flask --app wsgi courts list`, each in a fresh process. CPU is the child's user + system
time (from the kernel, so other processes on the machine do not count in it, though they still slow
it through caches and frequency). Prints the median of each and the difference; the target is a
difference of at most 0.4 s.

The command runs as it does after the first start: the compiled definitions are kept
(monitor/checklists/compiled.py). For reference, it is also run compiling them at every start, as
the first start after a definition file changed does (not part of the target)."""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 0.4
FLASK = [sys.executable, "-m", "flask", "--app", "wsgi"]


def cpu_seconds(command: list[str], env: dict) -> float:
    """User + system CPU of one run of `command`, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="court-monitor-startup-") as folder:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/monitor.sqlite", "MONITOR_ENV": "development",
               "MONITOR_COMPILED_CHECKLISTS_FILE": f"{folder}/compiled-checklists.pickle"}
        compiling = {**env, "MONITOR_COMPILED_CHECKLISTS_FILE": ""}
        subprocess.run(FLASK + ["db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
        subprocess.run(FLASK + ["courts", "add", "pp", "Phnom Penh Court of First Instance"], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        floor_command = [sys.executable, str(ROOT / "bench" / "startup_floor.py")]
        command = FLASK + ["courts", "list"]
        cpu_seconds(floor_command, env), cpu_seconds(command, env)  # warm the file cache and bytecode
        floor, flask, flask_compiling = [], [], []
        for _ in range(runs):
            floor.append(cpu_seconds(floor_command, env))
            flask.append(cpu_seconds(command, env))
            flask_compiling.append(cpu_seconds(command, compiling))
    floor_median, flask_median = statistics.median(floor), statistics.median(flask)
    difference = flask_median - floor_median
    print(f"CPU (user+sys), median of {runs} runs, each in a fresh process:")
    print(f"  floor (bench/startup_floor.py)      {floor_median:.2f} s  (runs {', '.join(f'{s:.2f}' for s in floor)})")
    print(f"  flask --app wsgi courts list        {flask_median:.2f} s  (runs {', '.join(f'{s:.2f}' for s in flask)})")
    print(f"  difference                          {difference:.2f} s  "
          f"(target at most {TARGET_SECONDS} s: {'met' if difference <= TARGET_SECONDS else 'NOT met'})")
    compiling_median = statistics.median(flask_compiling)
    print(f"  the same, compiling the definitions {compiling_median:.2f} s  "
          f"(+{compiling_median - floor_median:.2f} s over the floor; the first start after a definition changed)")


if __name__ == "__main__":
    main()
