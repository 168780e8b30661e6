"""The statistics of a small quarter against the time of reading its data (issue 20.2).

    python bench/small_quarter.py [--hearings 3000] [--runs 15] [--workdir DIR]

Loads the demo (`flask demo load --hearings N`: spread over the last two years, about three in four
approved, so the last completed quarter holds about 300 approved hearings with N = 3000) into a
fresh SQLite database, then measures in one process, alternately so that all see the same load:

  reading floor   what `build_report` reads: the three unit queries into DataFrames over every
                  quarter the report needs, and the courts
  before          the same reading, then the engine as it was before this change (its source taken
                  from git at BEFORE), called as `build_report` called it: the period, then the
                  comparisons, then the trend, each evaluating every condition again
  after           `build_report` as it is now (reading included)

and the engine's work alone (after reading) before and after. Also prints how many times
conditions were evaluated and checks that both engines give identical figures. Wall time is
`perf_counter`, CPU is this process's `process_time` (SQLite runs in it); medians of --runs.
Targets: the work after reading at least 10 times faster than before, and the whole report at
most twice the reading floor."""
import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
#: The last commit whose engine evaluated each condition once per call (period, comparisons, trend).
BEFORE = "2b9d089"


def load_demo(url: str, hearings: int) -> None:
    env = {**os.environ, "DATABASE_URL": url, "MONITOR_ENV": "development", "SECRET_KEY": "bench"}
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    subprocess.run(flask + ["db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(flask + ["demo", "load", "--hearings", str(hearings)], cwd=ROOT, env=env, check=True,
                   capture_output=True)


def engine_before():
    """The engine module as it was at BEFORE, imported under another name."""
    source = subprocess.run(["git", "show", f"{BEFORE}:monitor/statistics/engine.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    spec = importlib.util.spec_from_loader("engine_before", loader=None)
    module = importlib.util.module_from_spec(spec)
    exec(compile(source, f"{BEFORE}:monitor/statistics/engine.py", "exec"), module.__dict__)
    return module


class Timer:
    """Wall and CPU seconds of each run of one measurement."""

    def __init__(self):
        self.wall, self.cpu = [], []

    def run(self, work):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        self.wall.append(time.perf_counter() - wall)
        self.cpu.append(time.process_time() - cpu)
        return result

    def median(self) -> tuple[float, float]:
        return statistics.median(self.wall), statistics.median(self.cpu)


def count_evaluations(unit_class, work) -> int:
    """How many times `work` evaluates a condition over a unit's rows."""
    original, calls = unit_class._evaluate, []

    def counted(self, condition):
        calls.append(condition.source)
        return original(self, condition)

    unit_class._evaluate = counted
    try:
        work()
    finally:
        unit_class._evaluate = original
    return len(calls)


def measure(url: str, runs: int) -> None:
    from monitor import create_app
    from monitor.extensions import db
    from monitor.services import statistics as service
    from monitor.statistics import engine
    from monitor.statistics.periods import previous, trend_quarters, year_earlier
    from monitor.statistics.reading import read_courts, read_unit_frames

    old = engine_before()
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "STATISTICS_COUNT_SUBMITTED": False, "SECRET_KEY": "bench",
                      "PUBLIC_URL": "https://bench.example"})
    with app.app_context():
        period = service.period_from_arguments(None, None, None)
        indicators = service.indicator_set()
        earlier = [previous(period), year_earlier(period)]
        trend = trend_quarters(period)
        trend_keys = [indicator.key for indicator in indicators.indicators if indicator.trend]

        def read():
            connection = db.session.connection()
            frames = read_unit_frames(connection, indicators, service.first_day_read(period), period.end,
                                      service.counted_statuses())
            return frames, read_courts(connection)

        def old_engine(frames, courts):
            frames = old.UnitFrames(frames.hearing, frames.accused, frames.juvenile)
            return (old.compute(frames, indicators, period, courts), old.compute_series(frames, indicators, earlier),
                    old.compute_series(frames, indicators, trend, keys=trend_keys))

        def new_engine(frames, courts):
            frames = engine.UnitFrames(frames.hearing, frames.accused, frames.juvenile)  # nothing kept yet
            return (engine.compute(frames, indicators, period, courts),
                    engine.compute_series(frames, indicators, earlier),
                    engine.compute_series(frames, indicators, trend, keys=trend_keys))

        frames, courts = read()
        # The engine before knew courts by one name: compare both on English names (Khmer ones came later).
        english = {court: (key, name, {"en": name}) for court, (key, name, _labels) in courts.items()}
        identical = old_engine(frames, english) == new_engine(frames, english)
        evaluations_before = count_evaluations(old._Unit, lambda: old_engine(frames, courts))
        evaluations_after = count_evaluations(engine._Unit, lambda: new_engine(frames, courts))
        report = service.build_report(period)  # warm: SQL compiled, compiled conditions built

        floor, before, after, before_work, after_work = Timer(), Timer(), Timer(), Timer(), Timer()
        for _ in range(runs):
            floor.run(read)
            before.run(lambda: old_engine(*read()))
            after.run(lambda: service.build_report(period))
            before_work.run(lambda: old_engine(frames, courts))
            after_work.run(lambda: new_engine(frames, courts))

    hearings = report.indicator("hearings").figure.n
    print(f"Quarter {period.label} ({period.start} to {period.end}): {hearings} approved hearings; the report reads "
          f"{trend[0].start} to {period.end}: {len(frames.hearing)} hearings, {len(frames.accused)} accused, "
          f"{len(frames.juvenile)} juvenile accused")
    print(f"Conditions evaluated over a unit's rows: before {evaluations_before}, after {evaluations_after}")
    print(f"Figures identical before and after: {'yes' if identical else 'NO'}")
    print(f"Medians of {runs} runs (ms)                      wall     CPU")
    (floor_wall, floor_cpu), (before_wall, before_cpu), (after_wall, after_cpu) = (
        floor.median(), before.median(), after.median())
    (work_before_wall, work_before_cpu), (work_after_wall, work_after_cpu) = before_work.median(), after_work.median()
    print(f"  reading floor                             {floor_wall * 1000:7.1f} {floor_cpu * 1000:7.1f}")
    print(f"  before: whole report                      {before_wall * 1000:7.1f} {before_cpu * 1000:7.1f}"
          f"   {before_wall / floor_wall:.1f}x the floor")
    print(f"  after: whole report (build_report)        {after_wall * 1000:7.1f} {after_cpu * 1000:7.1f}"
          f"   {after_wall / floor_wall:.1f}x the floor (target at most 2x: "
          f"{'met' if after_wall <= 2 * floor_wall else 'NOT met'})")
    print(f"  before: work after reading                {work_before_wall * 1000:7.1f} {work_before_cpu * 1000:7.1f}")
    print(f"  after: work after reading                 {work_after_wall * 1000:7.1f} {work_after_cpu * 1000:7.1f}"
          f"   {work_before_wall / work_after_wall:.0f}x faster (target at least 10x: "
          f"{'met' if work_before_wall >= 10 * work_after_wall else 'NOT met'})")
    if not identical:
        sys.exit("the engines disagree")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hearings", type=int, default=3000, help="demo checklists to load (about 1 in 10 per quarter)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--workdir", type=Path, help="keep the database here and reuse it when it exists")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.runs)
        return
    with tempfile.TemporaryDirectory(prefix="court-monitor-quarter-") as folder:
        workdir = args.workdir or Path(folder)
        workdir.mkdir(parents=True, exist_ok=True)
        database = workdir / "demo.sqlite"
        url = f"sqlite:///{database}"
        if not database.exists():
            print(f"Loading {args.hearings} demo checklists into {database}", flush=True)
            load_demo(url, args.hearings)
        # A fresh process, so the loader's objects do not weigh on the measurement.
        subprocess.run([sys.executable, __file__, "--measure", url, "--runs", str(args.runs)], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
