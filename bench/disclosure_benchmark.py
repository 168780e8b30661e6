"""Benchmark of publishing with the disclosure audit (issue 17; results: docs/benchmarks.md).

    python bench/disclosure_benchmark.py --hearings 3000

On a fresh SQLite database: `flask demo load --hearings N`, then the four quarters of the last
ended reporting year (November start), the year, a correction and a second version of a quarter.
For each publication: the whole publication (figures, suppression, audit rounds, files) and the
slowest single audit pass (one `DraftAudit` call: equations, substitution, every protected cell's
minimum and maximum).
"""
import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import select  # noqa: E402

from monitor import create_app  # noqa: E402
from monitor.extensions import db  # noqa: E402
from monitor.models import Checklist, User  # noqa: E402
from monitor.services import checklists as checklist_service  # noqa: E402
from monitor.services import disclosure, releases  # noqa: E402
from monitor.services.corrections import correct_checklist  # noqa: E402

YEAR = "2026"
PUBLICATIONS = [f"{YEAR}-Q{n}" for n in range(1, 5)] + [YEAR]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hearings", type=int, default=3000)
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="disclosure-bench-"))
    app = create_app({"TESTING": True, "ENV": "development", "SECRET_KEY": "bench", "PUBLIC_URL": "http://localhost",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite'}", "EXPORT_FOLDER": str(folder / "exports"),
                      "REPORTING_YEAR_START_MONTH": 11, "STATISTICS_COUNT_SUBMITTED": False,
                      "ORGANISATION_NAME": "Synthetic Trial Monitoring Programme"})
    with app.app_context():
        upgrade()
    started = time.perf_counter()
    result = app.test_cli_runner().invoke(args=["demo", "load", "--hearings", str(arguments.hearings)])
    assert result.exit_code == 0, result.output
    print(f"demo load --hearings {arguments.hearings}: {time.perf_counter() - started:.1f} s", flush=True)

    passes: list[float] = []
    audit_call = disclosure.DraftAudit.__call__

    def timed(self, public):
        begun = time.perf_counter()
        try:
            return audit_call(self, public)
        finally:
            passes.append(time.perf_counter() - begun)

    disclosure.DraftAudit.__call__ = timed
    with app.app_context():
        manager = db.session.scalar(select(User).where(User.username == "manager"))
        for period, errata in [(p, None) for p in PUBLICATIONS] + [(f"{YEAR}-Q2", "A correction.")]:
            if errata:
                _correct_one(f"{YEAR}-Q2", manager)
            passes.clear()
            begun = time.perf_counter()
            release = releases.publish(period, errata, by=manager, pending_confirmed=True)
            whole = time.perf_counter() - begun
            print(f"{period} v{release.version}: publication {whole:.1f} s; audit passes {len(passes)}, "
                  f"slowest {max(passes):.2f} s, first {passes[0]:.2f} s", flush=True)


def _correct_one(period: str, manager: User) -> None:
    """An approved checklist of the period with a juvenile gets one answer corrected."""
    draft = releases.prepare(releases.publishable_period(period))
    for checklist in db.session.scalars(select(Checklist).where(Checklist.id.in_(draft.checklist_ids))):
        if any(accused.juvenile is not None for accused in checklist.accused):
            document = checklist_service.document_of(checklist)
            child = next(a["juvenile"] for a in document["accused"] if "juvenile" in a)
            child["in_camera"] = "no" if child.get("in_camera") == "yes" else "yes"
            correct_checklist(checklist, manager, document, checklist.revision, "Benchmark correction.")
            return


if __name__ == "__main__":
    main()
