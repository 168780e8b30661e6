"""Raw-data workbooks too large to build while the manager waits: built in the background into a
file the manager downloads from a page that says how far it has got.

An XLSX cannot be streamed while it is written (its parts are zipped at the end), so a large one
would keep the browser, and a proxy in front of the server (which commonly gives up after 60 s),
waiting in silence. A job is a folder EXPORT_FOLDER/internal/background/<token>/ holding `job.json`
(who asked, its state, rows written, times) and, once ready, the workbook: files, so that any
server worker can answer the page. The build runs in a thread of the worker that took the
request, in an app context of its own; if that worker dies, the job stops reporting progress and
shows as failed after STALLED. Jobs older than KEEP are removed when another one starts."""
import json
import logging
import os
import re
import secrets
import shutil
import threading
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta, UTC
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from monitor.extensions import db
from monitor.models import Checklist, User
from monitor.raw_export.xlsx import write_workbook
from monitor.services.checklist_filters import ChecklistFilter
from monitor.services.definitions import current_definition
from monitor.services.exports import raw_export, raw_export_filename

KEEP = timedelta(days=1)
#: Progress is reported every 10,000 rows (seconds apart); this long without any means the build died.
STALLED = timedelta(minutes=10)
_TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportJob:
    token: str
    owner_id: int
    #: "running", "ready" or "failed".
    state: str
    rows: int
    started_at: str
    updated_at: str
    filename: str
    size: int | None = None

    @property
    def stalled(self) -> bool:
        return self.state == "running" and datetime.now(UTC) - datetime.fromisoformat(self.updated_at) > STALLED

    @property
    def shown_state(self) -> str:
        """The state a person is told: a build that stopped reporting has failed."""
        return "failed" if self.stalled else self.state


def too_large_to_wait_for(export_format: str, checklist_filter: ChecklistFilter) -> bool:
    """Whether this export is an XLSX of more checklists than RAW_EXPORT_BACKGROUND_CHECKLISTS."""
    if export_format != "xlsx":
        return False  # the CSV zip streams as it is written: bytes keep flowing
    query = checklist_filter.apply(
        select(func.count()).select_from(Checklist).where(Checklist.definition_key == current_definition().key))
    return db.session.scalar(query) > current_app.config["RAW_EXPORT_BACKGROUND_CHECKLISTS"]


def start(actor: User, checklist_filter: ChecklistFilter, language: str) -> ExportJob:
    """Begin building the XLSX in the background; the job's page follows it."""
    root = _root()
    _remove_old(root)
    token = secrets.token_urlsafe(16)
    now = _now()
    job = ExportJob(token=token, owner_id=actor.id, state="running", rows=0, started_at=now, updated_at=now,
                    filename=raw_export_filename("xlsx"))
    (root / token).mkdir(parents=True)
    _save(root / token, job)
    app = current_app._get_current_object()
    threading.Thread(target=_build, args=(app, root / token, job, checklist_filter, language), daemon=True,
                     name=f"raw-export-{token[:6]}").start()
    return job


def find(token: str, user: User) -> ExportJob | None:
    """The job, if it exists and `user` started it (nobody else may see or download it)."""
    if not _TOKEN.fullmatch(token):
        return None
    try:
        job = ExportJob(**json.loads((_root() / token / "job.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    return job if job.owner_id == user.id else None


def file_path(job: ExportJob) -> Path:
    return _root() / job.token / job.filename


def _build(app, folder: Path, job: ExportJob, checklist_filter: ChecklistFilter, language: str) -> None:
    part = folder / f"building-{job.filename}"
    try:
        with app.app_context():
            actor = db.session.get(User, job.owner_id)
            with raw_export(actor, "xlsx", checklist_filter, language=language) as tables:
                rows = write_workbook(tables, part,
                                      progress=lambda rows: _save(folder, replace(job, rows=rows, updated_at=_now())))
            os.replace(part, folder / job.filename)
            _save(folder, replace(job, state="ready", rows=rows, updated_at=_now(),
                                  size=(folder / job.filename).stat().st_size))
    except Exception:
        log.exception("background raw export %s failed", job.token)
        part.unlink(missing_ok=True)
        _save(folder, replace(job, state="failed", updated_at=_now()))


def _save(folder: Path, job: ExportJob) -> None:
    """Replace job.json whole, so a reader never sees half of it."""
    temporary = folder / "job.json.tmp"
    temporary.write_text(json.dumps(asdict(job)), encoding="utf-8")
    os.replace(temporary, folder / "job.json")


def _remove_old(root: Path) -> None:
    limit = datetime.now(UTC) - KEEP
    for folder in root.iterdir() if root.exists() else ():
        try:
            started = datetime.fromisoformat(json.loads((folder / "job.json").read_text(encoding="utf-8"))["started_at"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if started < limit:
            shutil.rmtree(folder, ignore_errors=True)


def _root() -> Path:
    return Path(current_app.config["EXPORT_FOLDER"]) / "internal" / "background"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
