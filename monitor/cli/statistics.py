"""`flask stats PERIOD` writes the statistics of a period; `flask indicators validate` checks indicator files."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from monitor.checklists.condition_warnings import yesno_inequalities
from monitor.checklists.indicators import read_indicator_file
from monitor.checklists.loader import located
from monitor.i18n import DEFAULT_LANGUAGE, LANGUAGES
from monitor.checklists.schema import DefinitionInvalid
from monitor.services import statistics as service
from monitor.services.statistics_files import FORMATS, export_file
from monitor.statistics.periods import PeriodInvalid

indicators_cli = AppGroup("indicators", help="Indicator definitions (the statistics as data).")


@click.command("stats")
@click.argument("period")
@click.option("--format", "formats", type=click.Choice(list(FORMATS)), multiple=True, default=["csv"],
              show_default=True, help="Repeat to write several formats.")
@click.option("--out", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write to (default: the export folder).")
@click.option("--language", type=click.Choice(sorted(LANGUAGES)), default=DEFAULT_LANGUAGE, show_default=True,
              help="Language of titles, labels, dates and numbers (column headers stay keys).")
@with_appcontext
def stats_command(period: str, formats: tuple[str, ...], folder: Path | None, language: str):
    """Write the statistics of PERIOD: a quarter (2025-Q3), a reporting year (2025) or dates (2025-01-01..2025-03-31)."""
    try:
        chosen = service.period_from_arguments(period, None, None)
    except PeriodInvalid as invalid:
        raise click.BadParameter(str(invalid), param_hint="PERIOD") from None
    report = service.build_report(chosen)
    folder = folder or Path(current_app.config["EXPORT_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    for fmt in formats:
        content, _, filename = export_file(report, fmt, language)
        path = folder / filename
        path.write_bytes(content)
        click.echo(f"wrote {path}")


@indicators_cli.command("validate")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def validate_command(files: tuple[Path, ...]):
    """Check indicator FILES (default: the configured one) against the installed checklists. Exits 1 on any problem."""
    registry = current_app.extensions["checklists"]
    problems = []
    for path in files or (Path(current_app.config["INDICATOR_FILE"]),):
        try:
            indicator_set = read_indicator_file(path, registry)
        except DefinitionInvalid as invalid:
            problems.extend(invalid.problems)
            continue
        click.echo(f"ok: {path}: {indicator_set.key} version {indicator_set.version}, {len(indicator_set.indicators)} indicators")
        warnings = [
            (f"indicators[{i}].{name}", reason)
            for i, indicator in enumerate(indicator_set.indicators)
            for name, condition in indicator.conditions().items()
            for reason in yesno_inequalities(condition)
        ]
        for warning in located(str(path), warnings):
            click.echo(f"warning: {warning}", err=True)
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    if problems:
        raise SystemExit(1)
