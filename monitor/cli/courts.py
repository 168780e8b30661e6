"""`flask courts ...`: the list of courts monitors choose from."""
import click
from flask.cli import AppGroup
from sqlalchemy import select

from monitor.extensions import db
from monitor.models import Court

courts_cli = AppGroup("courts", help="Courts.")


@courts_cli.command("add")
@click.argument("key")
@click.argument("name")
def add_court(key: str, name: str):
    """Add a court with a short KEY (used by the API) and a display NAME."""
    if db.session.scalar(select(Court).where(Court.key == key)):
        raise click.ClickException(f"A court with key '{key}' already exists.")
    db.session.add(Court(key=key, name=name))
    db.session.commit()
    click.echo(f"Added court {key}: {name}")


@courts_cli.command("list")
def list_courts():
    for court in db.session.scalars(select(Court).order_by(Court.key)):
        click.echo(f"{court.key}\t{court.name}{'' if court.active else ' (inactive)'}")
