"""`flask export raw`: the managers' raw-data export, written into a folder (default exports/internal)."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from monitor.i18n import LANGUAGES
from monitor.services.checklist_filters import ALL_STATES, ChecklistFilter
from monitor.services.exports import raw_export, raw_export_filename, write_raw_export

export_cli = AppGroup("export", help="Exports.")


@export_cli.command("raw")
@click.option("--format", "export_format", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write into (default: the export folder's internal/ sub-folder).")
@click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]), help="First hearing date, YYYY-MM-DD.")
@click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), help="Last hearing date, YYYY-MM-DD.")
@click.option("--court", help="Court key.")
@click.option("--state", "states", multiple=True, type=click.Choice(ALL_STATES), default=["approved"],
              show_default=True, help="Review state; repeat for several.")
@click.option("--language", type=click.Choice(list(LANGUAGES)), default="en", show_default=True,
              help="Language of the labels table (column names are item keys in every language).")
def raw_command(export_format: str, out: Path | None, date_from, date_to, court: str | None, states: tuple[str, ...],
                language: str):
    """Write the raw data (INTERNAL: may contain case references) as a zip of CSVs or an XLSX."""
    start = date_from.date() if date_from else None
    end = date_to.date() if date_to else None
    if start and end and end < start:
        raise click.BadParameter("must be on or after --from", param_hint="--to")
    folder = out or Path(current_app.config["EXPORT_FOLDER"]) / "internal"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / raw_export_filename(export_format)
    checklist_filter = ChecklistFilter(court_key=court, date_from=start, date_to=end, states=tuple(states))
    with raw_export(None, export_format, checklist_filter, language=language) as tables:
        write_raw_export(tables, export_format, path)
    click.echo(f"Wrote {path} (INTERNAL: do not publish).")
