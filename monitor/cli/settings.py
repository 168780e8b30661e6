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


@settings_cli.command("organisation")
@click.argument("name", required=False)
@click.option("--logo", type=click.Path(exists=True, dir_okay=False), help="PNG or JPEG, at most 200 KB.")
def organisation(name: str | None, logo: str | None):
    """Show, or set to NAME (and LOGO), the organisation every release names as its publisher.
    Nothing is published under the name Court Monitor ships with."""
    if name is not None:
        try:
            settings.set_organisation(name, open(logo, "rb").read() if logo else None, actor=None)
        except settings.SettingInvalid as invalid:
            raise click.ClickException(f"organisation: {invalid}") from None
    click.echo(f"Publisher: {settings.organisation_name()}" + (" (the default: publishing is refused)"
                                                                if settings.organisation_is_default() else ""))
