"""`flask` commands: everything a manager or administrator can click can also be scripted."""
from flask import Flask

from monitor.cli.backups import backup_command, restore_command
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


def register_commands(app: Flask) -> None:
    for group in (checklists_cli, courts_cli, demo_cli, export_cli, indicators_cli, releases_cli, review_cli, settings_cli, stats_command,
                  translations_cli, users_cli, backup_command, restore_command):
        app.cli.add_command(group)
