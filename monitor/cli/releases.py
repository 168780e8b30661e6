"""`flask releases publish PERIOD [--errata TEXT]` and `flask releases list`."""
import click
from flask.cli import AppGroup

from monitor.services import releases as service
from monitor.services.accounts import account_by_username

releases_cli = AppGroup("releases", help="Published, citable releases of the statistics.")


@releases_cli.command("publish")
@click.argument("period")
@click.option("--errata", default=None, help="Required when PERIOD is already published: what the new version corrects.")
@click.option("--by", "username", default=None, help="Username recorded (internally) as the publisher.")
def publish_command(period: str, errata: str | None, username: str | None):
    """Publish PERIOD (2025-Q3 or 2025): figures suppressed, files written under the export folder."""
    user = None
    if username:
        user = account_by_username(username)
        if user is None:
            raise click.BadParameter(f"no user '{username}'", param_hint="--by")
    try:
        release = service.publish(period, errata, by=user)
    except service.PublishRefused as refused:
        for name, message in refused.problems.items():
            click.echo(f"error: {name}: {message}", err=True)
        raise SystemExit(1) from None
    click.echo(f"published {release.period_label} v{release.version} sha256={release.checksum} "
               f"({len(service.counted_checklist_ids(release))} checklists counted)")


@releases_cli.command("list")
def list_command():
    """Every release: period, version, date, checksum, and the errata note of corrections."""
    releases = service.all_releases()
    if not releases:
        click.echo("nothing published")
    for release in releases:
        errata = f"  errata: {release.errata}" if release.errata else ""
        click.echo(f"{release.period_label}\tv{release.version}\t{release.published_at:%Y-%m-%d}\t{release.checksum}{errata}")
