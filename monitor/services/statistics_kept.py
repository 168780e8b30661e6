"""Each quarter's statistics, kept between reports (issue 20.3).

A quarter's report needs only quarters: the quarter itself, the one before, the same quarter a
year earlier and the eight trend quarters. Reading two years of rows for each report is what made
a large programme wait; most of those quarters are long closed. So each quarter's results (every
indicator with its breakdowns) are kept in STATISTICS_KEPT_FOLDER, in a file named by a digest of
everything they rest on:
- the definition and indicator files, the code that reads and computes statistics, and the
  library versions;
- the database, the counted states and the courts (their keys and names label the breakdowns);
- the quarter's dates (which carry the reporting-year start);
- a fingerprint of the quarter's checklists in every state: how many, the sums of their ids and
  revisions, and the latest and the sum of their last changes. Storing, reviewing, correcting or
  moving a checklist to another date changes `updated_at` (and a correction its revision), so any
  of these gives the quarter a new digest.
Statistics read only checklists, accused and annexes today; when they count cases (issue 19), the
cases' changes must join the fingerprint. Nothing is invalidated by hand: a changed quarter asks
for a file that does not exist yet, and is computed from its rows (only the quarters that changed
are read). A quarter's older files are removed when its new one is written."""
import hashlib
import pickle
import sys
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from monitor.models import Checklist
from monitor.statistics.periods import Period

#: The code whose change may change a figure: reading, the engine, periods, conditions, definitions.
CODE = [Path(__file__).resolve().parents[1] / "statistics", Path(__file__).resolve().parents[1] / "checklists"]


def kept_folder() -> Path | None:
    folder = current_app.config.get("STATISTICS_KEPT_FOLDER")
    return Path(folder) if folder else None


def quarter_results(connection, indicators, quarters: list[Period], courts: dict, statuses: tuple[str, ...],
                    folder: Path) -> dict[Period, tuple]:
    """Every indicator with its breakdowns for each quarter, from kept files where they match and
    computed from the rows of the other quarters (which are then kept)."""
    from monitor.statistics import engine
    from monitor.statistics.reading import read_unit_frames

    common = _common_digest(connection, statuses, courts)
    names = {quarter: _file_name(quarter, common, _fingerprint(connection, quarter)) for quarter in quarters}
    results, missing = {}, []
    for quarter in quarters:
        kept = _read(folder / names[quarter])
        if kept is None:
            missing.append(quarter)
        else:
            results[quarter] = kept
    if missing:
        frames = read_unit_frames(connection, indicators, min(q.start for q in missing), max(q.end for q in missing),
                                  statuses)
        for quarter in missing:
            results[quarter] = engine.compute(frames, indicators, quarter, courts)
            _write(folder, quarter, names[quarter], results[quarter])
    return results


def _fingerprint(connection, quarter: Period) -> tuple:
    changed = Checklist.updated_at
    row = connection.execute(
        select(func.count(), func.coalesce(func.sum(Checklist.id), 0), func.coalesce(func.sum(Checklist.revision), 0),
               func.max(changed), func.sum(_seconds(connection, changed)))
        .where(Checklist.hearing_date.between(quarter.start, quarter.end))
    ).one()
    return tuple(str(value) for value in row)


def _seconds(connection, column):
    """A time as a number, so that its sum over a quarter changes with any one of them."""
    if connection.dialect.name == "postgresql":
        return func.extract("epoch", column)
    return func.julianday(column) * 86400.0


def _common_digest(connection, statuses: tuple[str, ...], courts: dict) -> str:
    digest = hashlib.sha256(repr((sys.version, _library_versions(), str(connection.engine.url), statuses,
                                  sorted(courts.items()))).encode())
    config = current_app.config
    inputs = [*sorted(Path(config["CHECKLIST_FOLDER"]).glob("*.yaml")), Path(config["INDICATOR_FILE"])]
    inputs += [path for folder in CODE for path in sorted(folder.glob("*.py"))]
    for path in inputs:
        content = path.read_bytes()
        digest.update(f"\0{path}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def _library_versions() -> tuple:
    import numpy
    import pandas

    return numpy.__version__, pandas.__version__


def _file_name(quarter: Period, common: str, fingerprint: tuple) -> str:
    key = hashlib.sha256(repr((common, quarter.start, quarter.end, fingerprint)).encode()).hexdigest()[:32]
    return f"{_prefix(quarter)}{key}.pickle"


def _prefix(quarter: Period) -> str:
    return f"{quarter.start.isoformat()}_{quarter.end.isoformat()}-"


def _read(path: Path):
    try:
        with path.open("rb") as kept:
            return pickle.load(kept)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def _write(folder: Path, quarter: Period, name: str, results: tuple) -> None:
    """Written under a temporary name and renamed, so a reader never sees half a file; the
    quarter's older files go."""
    folder.mkdir(parents=True, exist_ok=True)
    for older in folder.glob(f"{_prefix(quarter)}*.pickle"):
        if older.name != name:
            older.unlink(missing_ok=True)
    temporary = folder / f".{name}.{id(results)}.tmp"
    temporary.write_bytes(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
    temporary.replace(folder / name)

