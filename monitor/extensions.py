"""Flask extensions, created once here and initialised in `create_app`."""
import click
from flask import Flask, request
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


class Migrate:
    """Flask-Migrate, imported when a migration runs: it imports Alembic, a tenth of a second of CPU
    that every other `flask` command and every server start would pay for nothing. `flask db ...`
    and `flask_migrate.upgrade()` work as with Flask-Migrate's own `Migrate`, set up on first use."""

    def init_app(self, app: Flask, db: SQLAlchemy, directory: str) -> None:
        app.extensions["migrate"] = _MigrateOnFirstUse(app, db, directory)
        app.cli.add_command(_MigrationCommands())


class _MigrateOnFirstUse:
    """Stands in `app.extensions["migrate"]`, which Flask-Migrate's functions and migrations/env.py
    read, until the first read sets Flask-Migrate up (which puts its own object there)."""

    def __init__(self, app: Flask, db: SQLAlchemy, directory: str):
        self._app, self._db, self._directory = app, db, directory

    def __getattr__(self, name: str):
        if self._app.extensions["migrate"] is self:
            from flask_migrate import Migrate as FlaskMigrate

            FlaskMigrate(self._app, self._db, directory=self._directory)
        return getattr(self._app.extensions["migrate"], name)


class _MigrationCommands(click.Group):
    """`flask db`: Flask-Migrate's command group, imported only when `flask db ...` runs."""

    def __init__(self):
        super().__init__("db", help="Perform database migrations.")

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        from flask_migrate.cli import db as migration_commands

        return migration_commands.make_context(info_name, args, parent=parent, **extra)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
#: gzip/brotli for pages, CSS, JS and JSON: phones in court pay for every byte over slow links.
compress = Compress()
csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please sign in to continue.")
#: Only the views that ask for a limit are limited (sign-in); storage comes from RATELIMIT_STORAGE_URI.
limiter = Limiter(key_func=get_remote_address)


@limiter.request_filter
def _not_signing_in() -> bool:
    """Every other request skips the limiter's bookkeeping: a phone syncing its outbox pays for none of it."""
    return request.blueprint != "auth"
