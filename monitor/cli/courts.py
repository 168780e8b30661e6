"""`flask courts ...`: the list of courts monitors choose from."""
import click
from flask.cli import AppGroup
from sqlalchemy import select

from monitor.extensions import db
from monitor.models import Court
from monitor.services import courts as service

courts_cli = AppGroup("courts", help="Courts.")


def _court(key: str) -> Court:
    court = service.court_by_key(key)
    if court is None:
        raise click.ClickException(f"No court with key '{key}'.")
    return court


def _apply(change) -> None:
    try:
        change()
    except service.CourtRefused as refused:
        raise click.ClickException(str(refused)) from None


@courts_cli.command("add")
@click.argument("key")
@click.argument("name")
def add_court(key: str, name: str):
    """Add a court with a short KEY (used by the API) and a display NAME."""
    _apply(lambda: service.add_court(None, key, name))
    click.echo(f"Added court {key}: {name}")


@courts_cli.command("rename")
@click.argument("key")
@click.argument("name")
def rename_court(key: str, name: str):
    _apply(lambda: service.rename_court(None, _court(key), name))
    click.echo(f"Court {key} is now called {name}")


@courts_cli.command("deactivate")
@click.argument("key")
def deactivate_court(key: str):
    """Stop offering the court for new checklists; stored checklists keep it."""
    _apply(lambda: service.set_court_active(None, _court(key), False))
    click.echo(f"Court {key} deactivated.")


@courts_cli.command("reactivate")
@click.argument("key")
def reactivate_court(key: str):
    _apply(lambda: service.set_court_active(None, _court(key), True))
    click.echo(f"Court {key} reactivated.")


@courts_cli.command("list")
def list_courts():
    for court in db.session.scalars(select(Court).order_by(Court.key)):
        click.echo(f"{court.key}\t{court.name}{'' if court.active else ' (inactive)'}")
