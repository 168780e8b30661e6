"""`flask cases ...`: cases followed across hearings."""
import click
from flask.cli import AppGroup

from monitor.services.case_migration import migrate_checklists

cases_cli = AppGroup("cases", help="Cases followed across hearings.")


@cases_cli.command("migrate")
@click.option("--group-by-reference", is_flag=True,
              help="Gather checklists with the same court and case reference into one case "
                   "(default: each checklist becomes a case of one hearing).")
def migrate_command(group_by_reference: bool):
    """Give every checklist that names no case a case of its own, or one per court and case reference."""
    migrated = migrate_checklists(None, group_by_reference=group_by_reference)
    click.echo(f"Opened {migrated.cases_opened} cases for {migrated.checklists_named} checklists"
               + (f" ({migrated.joined_existing} joined cases opened before)" if migrated.joined_existing else "") + ".")
