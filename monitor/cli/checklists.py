"""`flask checklists ...`: check definition files before deploying them."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from monitor.checklists.condition_warnings import definition_warnings
from monitor.checklists.loader import located, load_folder, read_definition_file
from monitor.checklists.schema import DefinitionInvalid
from monitor.input_guard import MAX_INTEGER
from monitor.services import settings
from monitor.services.definitions import current_definition

checklists_cli = AppGroup("checklists", help="Checklist definitions.")


@checklists_cli.command("validate")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def validate_command(files: tuple[Path, ...]):
    """Validate definition FILES (default: every definition installed). Exits 1 on any problem."""
    problems, definitions = [], []
    if files:
        for path in files:
            try:
                definitions.append(read_definition_file(path))
            except DefinitionInvalid as invalid:
                problems.extend(invalid.problems)
    else:
        definitions, problems = load_folder(current_app.config["CHECKLIST_FOLDER"])
    for definition in definitions:
        count = sum(1 for block in definition.blocks for _ in block.items)
        click.echo(f"ok: {definition.source_file}: {definition.key} version {definition.version}, {count} items")
        for warning in located(definition.source_file, definition_warnings(definition)):
            click.echo(f"warning: {warning}", err=True)
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    if problems:
        raise SystemExit(1)


@checklists_cli.command("list")
def list_command():
    """List installed checklist versions; the active one is used for new checklists."""
    registry = current_app.extensions["checklists"]
    for key in registry.keys():
        active = current_definition(key)
        for definition in registry.versions(key):
            marker = " (active)" if definition is active else ""
            click.echo(f"{key} v{definition.version}{marker}: {definition.source_file}")


@checklists_cli.command("activate")
@click.argument("key")
@click.argument("version", type=click.IntRange(1, MAX_INTEGER))
def activate_command(key: str, version: int):
    """Fill new KEY checklists with VERSION; stored checklists keep the version they were filled with."""
    try:
        settings.activate_version(key, version, actor=None)
    except settings.SettingInvalid as invalid:
        raise click.ClickException(str(invalid)) from None
    click.echo(f"New {key} checklists are now filled with version {version}.")
