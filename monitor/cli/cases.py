"""`flask cases ...`: cases followed across hearings."""
import click
from flask.cli import AppGroup

from monitor.services import case_changes, cases
from monitor.services.case_migration import migrate_checklists
from monitor.services.checklists import find_checklist

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


def _case(code: str):
    case = cases.case_by_code(code)
    if case is None:
        raise click.ClickException(f"No case with code '{code}'.")
    return case


@cases_cli.command("move")
@click.argument("checklist_uuid")
@click.argument("code")
def move_command(checklist_uuid: str, code: str):
    """Make checklist CHECKLIST_UUID a hearing of case CODE (written to the audit log)."""
    checklist = find_checklist(checklist_uuid)
    if checklist is None:
        raise click.ClickException(f"No checklist with uuid '{checklist_uuid}'.")
    case = _case(code)
    try:
        case_changes.move_checklist(None, checklist, case)
    except case_changes.CaseChangeRefused as refused:
        raise click.ClickException(str(refused)) from None
    click.echo(f"Checklist {checklist_uuid} is now a hearing of case {cases.surviving(case).code}.")


@cases_cli.command("merge")
@click.argument("kept")
@click.argument("absorbed")
def merge_command(kept: str, absorbed: str):
    """Merge case ABSORBED into case KEPT: its hearings move there, its code and uuid then lead there."""
    kept_case, absorbed_case = _case(kept), _case(absorbed)
    try:
        moved = case_changes.merge_cases(None, kept_case, absorbed_case)
    except case_changes.CaseChangeRefused as refused:
        raise click.ClickException(str(refused)) from None
    click.echo(f"Merged case {absorbed_case.code} into {kept_case.code}: {moved} hearings moved.")
