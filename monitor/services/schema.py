"""Which database schema this code expects: the revisions of its migrations, and whether a database
(or a backup) has any tables at all. Used by restore (is this backup ours, and compatible?) and by
the web app and `flask` commands, which say how to create the tables instead of failing."""
from functools import cache
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.exc import SQLAlchemyError

from monitor.extensions import db

MIGRATIONS_FOLDER = Path(__file__).parents[1] / "migrations"
UPGRADE_COMMAND = "flask --app wsgi db upgrade"
#: One line, the same in the log, on the command line and in the documentation.
NO_TABLES = f"The database has no tables yet: run `{UPGRADE_COMMAND}`"
#: Tables every Court Monitor database has had since its first migration.
CORE_TABLES = frozenset({"alembic_version", "users", "courts", "checklists"})


@cache
def known_revisions() -> tuple[str, ...]:
    """Migration revision ids of this code, oldest first; the last is the schema it runs on."""
    from alembic.script import ScriptDirectory  # here: Alembic costs every start a tenth of a second

    scripts = ScriptDirectory(str(MIGRATIONS_FOLDER))
    return tuple(reversed([script.revision for script in scripts.walk_revisions()]))


def head_revision() -> str:
    return known_revisions()[-1]


def database_has_tables() -> bool:
    """False when the configured database was never migrated (not even `alembic_version` exists)."""
    try:
        return inspect(db.engine).has_table("alembic_version")
    except SQLAlchemyError:
        return True  # unreachable or refusing: a different problem, reported as it is
