"""Backing up and restoring the whole database, online, with each engine's own tool.

SQLite: the online backup API copies a consistent snapshot page by page while the app keeps
serving. PostgreSQL: `pg_dump` in custom format, restored with `pg_restore --clean --if-exists`
in one transaction, so a failed restore leaves the database as it was."""
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import text

from monitor.extensions import db


class BackupFailed(Exception):
    """The backup or restore could not be made; the message says why."""


def backup(out: Path) -> None:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if db.engine.dialect.name == "sqlite":
        _sqlite_backup(out)
    else:
        _run_postgres_tool("pg_dump", ["--format=custom", "--file", str(out)])


def restore(backup_file: Path) -> None:
    """Replace the configured database's content with `backup_file`."""
    backup_file = Path(backup_file)
    if not backup_file.is_file():
        raise BackupFailed(f"{backup_file}: no such file.")
    db.session.remove()
    db.engine.dispose()  # no pooled connection may hold the old tables while they are replaced
    if db.engine.dialect.name == "sqlite":
        _sqlite_restore(backup_file)
    else:
        _run_postgres_tool("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction",
                                          "--exit-on-error", str(backup_file)])
    db.engine.dispose()


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


def _sqlite_restore(backup_file: Path) -> None:
    source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        try:
            tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as error:
            raise BackupFailed(f"{backup_file} is not an SQLite backup ({error}).") from None
        if "alembic_version" not in tables:
            raise BackupFailed(f"{backup_file} is not a Court Monitor backup (no alembic_version table).")
        target = _raw_sqlite_connection()
        try:
            source.backup(target.driver_connection)
        finally:
            target.close()
    finally:
        source.close()


def _run_postgres_tool(tool: str, arguments: list[str]) -> None:
    url = db.engine.url
    # The password travels in the environment, not on the command line where `ps` shows it.
    environment = dict(os.environ, PGPASSWORD=url.password or os.environ.get("PGPASSWORD", ""))
    connection = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    command = [_postgres_binary(tool), "--dbname", connection, *arguments]
    result = subprocess.run(command, capture_output=True, text=True, env=environment)
    if result.returncode != 0:
        raise BackupFailed(f"{tool} failed (exit code {result.returncode}): {result.stderr.strip()}")


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
