"""Starting a raw-data export: audit it, read from one database snapshot, name the file.

Views and the CLI open `raw_export(...)` and hand its tables to a writer
(`monitor.raw_export.csv_zip` or `.xlsx`) inside the `with` block."""
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, UTC
from pathlib import Path

from monitor.extensions import db
from monitor.models import AuditEventType, User
from monitor.raw_export.csv_zip import zip_chunks
from monitor.raw_export.tables import Table, raw_tables
from monitor.raw_export.xlsx import write_workbook
from monitor.services import audit
from monitor.services.checklist_filters import ChecklistFilter
from monitor.services.definitions import current_definition, registry

FORMATS = {"csv": ".zip", "xlsx": ".xlsx"}


def raw_export_filename(export_format: str, now: datetime | None = None) -> str:
    """Says INTERNAL in the name, so the file is recognised wherever it ends up."""
    now = now or datetime.now(UTC)
    return f"court-monitor-raw-data-INTERNAL-{now:%Y%m%d-%H%M%S}{FORMATS[export_format]}"


@contextmanager
def raw_export(actor: User | None, export_format: str, checklist_filter: ChecklistFilter,
               checklist_key: str | None = None, language: str = "en") -> Iterator[list[Table]]:
    """Record the export in the audit log, then give the tables to write within the block; the
    labels table is in `language` (column names are item keys in every language).

    The tables are read in one transaction that sees one snapshot of the database, so hearings,
    accused and annexes agree even while checklists arrive and managers keep reviewing: REPEATABLE
    READ on PostgreSQL; on SQLite an explicit BEGIN, because its Python driver otherwise reads each
    statement in a transaction of its own (in WAL mode the snapshot is taken at the first read and
    writers carry on meanwhile). The transaction ends with the block."""
    key = checklist_key or current_definition().key
    audit.record(AuditEventType.EXPORT, actor, ("export", "raw"),
                 {"format": export_format, "checklist": key, "language": language, **checklist_filter.describe()})
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        db.session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    else:
        db.session.connection().exec_driver_sql("BEGIN")
    try:
        yield raw_tables(registry().versions(key), checklist_filter, language)
    finally:
        db.session.rollback()  # only read since the commit above


def write_raw_export(tables: list[Table], export_format: str, path: Path) -> None:
    """Write the export to a file (the command line; the web streams the zip instead)."""
    if export_format == "csv":
        with path.open("wb") as target:
            for chunk in zip_chunks(tables):
                target.write(chunk)
    else:
        write_workbook(tables, path)
