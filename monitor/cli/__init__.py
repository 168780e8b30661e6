"""`flask` commands: everything a manager or administrator can click can also be scripted."""
from functools import wraps

import click
from flask import Flask, current_app
from flask.cli import ScriptInfo
from sqlalchemy.exc import SQLAlchemyError

from monitor.cli.backups import backup_command, restore_command
from monitor.cli.cases import cases_cli
from monitor.cli.checklists import checklists_cli
from monitor.cli.courts import courts_cli
from monitor.cli.demo import demo_cli
from monitor.cli.export import export_cli
from monitor.cli.releases import releases_cli
from monitor.cli.review import review_cli
from monitor.cli.settings import settings_cli
from monitor.cli.statistics import indicators_cli, stats_command
from monitor.cli.translations import translations_cli
from monitor.cli.users import users_cli
from monitor.services import schema


def register_commands(app: Flask) -> None:
    for group in (cases_cli, checklists_cli, courts_cli, demo_cli, export_cli, indicators_cli, releases_cli, review_cli,
                  settings_cli, stats_command, translations_cli, users_cli, backup_command, restore_command):
        app.cli.add_command(group)
    for command in app.cli.commands.values():
        explain_missing_tables(command)


def explain_missing_tables(command: click.Command) -> None:
    """Every command (and sub-command) run on a database without tables says in one line how to
    create them, instead of a traceback; any other database error stays as it is."""
    if isinstance(command, click.Group):
        for subcommand in command.commands.values():
            explain_missing_tables(subcommand)
        return
    callback = command.callback
    if getattr(callback, "explains_missing_tables", False):
        return  # commands are module-level objects: a second app must not wrap them again

    @wraps(callback)
    def guarded(*args, **kwargs):
        try:
            return callback(*args, **kwargs)
        except SQLAlchemyError:
            if _database_has_no_tables():
                raise click.ClickException(schema.NO_TABLES) from None
            raise

    guarded.explains_missing_tables = True
    command.callback = guarded


def _database_has_no_tables() -> bool:
    if current_app:
        return not schema.database_has_tables()
    with click.get_current_context().ensure_object(ScriptInfo).load_app().app_context():
        return not schema.database_has_tables()
