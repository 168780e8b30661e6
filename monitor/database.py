"""Engine settings that differ between SQLite and PostgreSQL."""
from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from monitor.extensions import db


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets readers work while a monitor's checklist is written; the busy timeout makes a
    writer wait for another (across gunicorn workers) instead of failing; foreign keys are off in
    SQLite unless asked.

    synchronous=FULL, not NORMAL: in WAL mode NORMAL syncs only at checkpoints, so a power cut can
    roll back the last commits although the server had already answered 201. FULL syncs the WAL
    on every commit, which is what makes an acknowledged checklist durable (see docs/operations.md)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def configure(app: Flask) -> None:
    with app.app_context():
        engine: Engine = db.engine
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)


def insert_unless_stored(model, *unique_columns: str):
    """An INSERT that does nothing when a row with the same `unique_columns` exists (its RETURNING
    then gives no row), instead of failing the transaction: both engines say ON CONFLICT DO NOTHING."""
    from sqlalchemy.dialects import postgresql, sqlite  # here: the PostgreSQL dialect is slow to import

    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    return dialect.insert(model.__table__).on_conflict_do_nothing(index_elements=list(unique_columns))
