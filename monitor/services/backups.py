"""Backing up and restoring the whole database, online, with each engine's own tool.

SQLite: the online backup API copies a consistent snapshot page by page while the app keeps
serving. PostgreSQL: `pg_dump` in custom format, restored with `pg_restore --clean --if-exists`
in one transaction, so a failed restore leaves the database as it was.

A backup holds password and token hashes and dates of birth: it is written readable by its owner
only (0600), into a temporary file renamed into place, so a failed backup leaves no partial file.
A restore first checks that the file is a Court Monitor backup of a schema this code can run
(`inspect_backup`), because it replaces everything in the database."""
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from monitor.extensions import db
from monitor.services import schema

#: Owner may read and write; nobody else may read.
BACKUP_MODE = 0o600


class BackupFailed(Exception):
    """The backup or restore could not be made; the message says why."""


@dataclass(frozen=True)
class BackupFile:
    """What a backup holds, found before anything is replaced."""

    path: Path
    revision: str

    @property
    def needs_upgrade(self) -> bool:
        """Made by an older Court Monitor: restored as it is, then `db upgrade` brings it up to date."""
        return self.revision != schema.head_revision()


def backup(out: Path) -> None:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".partial")  # created 0600
    os.close(handle)
    partial = Path(partial)
    try:
        if db.engine.dialect.name == "sqlite":
            _sqlite_backup(partial)
        else:
            _run_postgres_tool("pg_dump", ["--format=custom", "--file", str(partial)])
        os.chmod(partial, BACKUP_MODE)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)


def inspect_backup(backup_file: Path) -> BackupFile:
    """The backup's schema revision; BackupFailed unless it is a Court Monitor backup for this
    engine whose revision this code knows (the same or an older one, which `db upgrade` updates)."""
    backup_file = Path(backup_file)
    if not backup_file.is_file():
        raise BackupFailed(f"{backup_file}: no such file.")
    if db.engine.dialect.name == "sqlite":
        tables, revision = _sqlite_contents(backup_file)
    else:
        tables, revision = _postgres_contents(backup_file)
    missing = schema.CORE_TABLES - tables
    if missing:
        raise BackupFailed(f"{backup_file} is not a Court Monitor backup (it has no {', '.join(sorted(missing))} table).")
    if revision not in schema.known_revisions():
        raise BackupFailed(
            f"{backup_file} has database schema revision {revision!r}, which this version of Court Monitor does not "
            f"know (it knows {', '.join(schema.known_revisions())}): it was made by a newer version, or is not a Court "
            "Monitor backup. Restore it with the version that made it.")
    return BackupFile(backup_file, revision)


def restore(backup_file: Path) -> BackupFile:
    """Replace the configured database's content with `backup_file`, once `inspect_backup` accepts it."""
    checked = inspect_backup(backup_file)
    backup_file = checked.path
    db.session.remove()
    db.engine.dispose()  # no pooled connection may hold the old tables while they are replaced
    if db.engine.dialect.name == "sqlite":
        _sqlite_restore(backup_file)
    else:
        _run_postgres_tool("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction",
                                          "--exit-on-error", str(backup_file)])
    db.engine.dispose()
    return checked


def _raw_sqlite_connection():
    return db.engine.raw_connection()


def _sqlite_backup(out: Path) -> None:
    source = _raw_sqlite_connection()
    target = sqlite3.connect(out)
    try:
        source.driver_connection.backup(target)
    finally:
        target.close()
        source.close()


def _sqlite_contents(backup_file: Path) -> tuple[set[str], str | None]:
    source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = source.execute("SELECT version_num FROM alembic_version").fetchone() \
            if "alembic_version" in tables else None
    except sqlite3.DatabaseError as error:
        raise BackupFailed(f"{backup_file} is not an SQLite backup ({error}).") from None
    finally:
        source.close()
    return tables, revision[0] if revision else None


#: A table in `pg_restore --list`: "215; 1259 16390 TABLE public users monitor".
_LISTED_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE \S+ (\S+) ", re.MULTILINE)


def _postgres_contents(backup_file: Path) -> tuple[set[str], str | None]:
    try:
        listing = _run_postgres_tool("pg_restore", ["--list", str(backup_file)], database=False)
        data = _run_postgres_tool("pg_restore", ["--data-only", "--table=alembic_version", "--file=-", str(backup_file)],
                                  database=False)
    except BackupFailed as failure:
        raise BackupFailed(f"{backup_file} is not a PostgreSQL backup made by `flask backup` ({failure}).") from None
    copied = re.search(r"^COPY \S*alembic_version .*FROM stdin;\n(.*)$", data, re.MULTILINE)
    return set(_LISTED_TABLE.findall(listing)), copied.group(1).strip() if copied else None


def _sqlite_restore(backup_file: Path) -> None:
    source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        target = _raw_sqlite_connection()
        try:
            source.backup(target.driver_connection)
        finally:
            target.close()
    finally:
        source.close()


def _run_postgres_tool(tool: str, arguments: list[str], *, database: bool = True) -> str:
    """Run pg_dump or pg_restore on the configured database (or, `database=False`, on a file only); its output."""
    url = db.engine.url
    # The password travels in the environment, not on the command line where `ps` shows it.
    environment = dict(os.environ, PGPASSWORD=url.password or os.environ.get("PGPASSWORD", ""))
    connection = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    command = [_postgres_binary(tool), *(["--dbname", connection] if database else []), *arguments]
    result = subprocess.run(command, capture_output=True, text=True, env=environment)
    if result.returncode != 0:
        raise BackupFailed(f"{tool} failed (exit code {result.returncode}): {result.stderr.strip()}")
    return result.stdout


def _server_major_version() -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(text("SHOW server_version_num")).scalar()) // 10000


def _postgres_binary(tool: str) -> str:
    """The tool of the server's major version if installed (pg_dump refuses newer servers), else PATH's."""
    matching = Path("/usr/lib/postgresql") / str(_server_major_version()) / "bin" / tool
    if matching.exists():
        return str(matching)
    found = shutil.which(tool)
    if found is None:
        raise BackupFailed(f"{tool} was not found on PATH or in /usr/lib/postgresql/*/bin; "
                           "install the PostgreSQL client package (postgresql-client).")
    return found
