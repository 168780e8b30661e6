"""`flask backup` and `flask restore`: the whole database to one file and back."""
from pathlib import Path

import click

from monitor.extensions import db
from monitor.services import backups, schema


@click.command("backup")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (SQLite database file, or pg_dump custom format for PostgreSQL).")
def backup_command(out: Path):
    """Back up the configured database while the app keeps running."""
    try:
        backups.backup(out)
    except backups.BackupFailed as failure:
        raise click.ClickException(str(failure)) from None
    click.echo(f"Backed up the {db.engine.dialect.name} database to {out} ({out.stat().st_size} bytes).")


@click.command("restore")
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database's current content.")
def restore_command(backup_file: Path, yes: bool):
    """Replace the configured database's content with BACKUP_FILE (made by `flask backup`)."""
    engine = db.engine.dialect.name
    try:
        checked = backups.inspect_backup(backup_file)
    except backups.BackupFailed as failure:
        raise click.ClickException(str(failure)) from None
    if not yes:
        click.confirm(f"This replaces everything in the configured {engine} database with {backup_file} (a Court "
                      f"Monitor backup, schema revision {checked.revision}). Stop the app servers first. Replace it? "
                      "(--yes skips this question)", abort=True)
    try:
        backups.restore(backup_file)
    except backups.BackupFailed as failure:
        raise click.ClickException(str(failure)) from None
    click.echo(f"Restored the {engine} database from {backup_file}.")
    if checked.needs_upgrade:
        click.echo(f"The backup was made by an older version: run `{schema.UPGRADE_COMMAND}` before starting the app.")
