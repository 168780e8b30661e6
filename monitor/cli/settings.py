"""`flask settings ...`: configuration an administrator can also change in the app."""
import click
from flask.cli import AppGroup

from monitor.services import settings

settings_cli = AppGroup("settings", help="Reporting calendar and other settings.")


@settings_cli.command("year-start")
@click.argument("month", type=click.IntRange(1, 12), required=False)
def year_start(month: int | None):
    """Show, or set to MONTH (1-12), the month the reporting year starts."""
    if month is not None:
        settings.set_reporting_year_start_month(month, actor=None)
    click.echo(f"The reporting year starts in month {settings.reporting_year_start_month()}.")
