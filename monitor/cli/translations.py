"""`flask translations missing`: what translators still have to do, in one list."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from monitor.checklists.definition import Definition
from monitor.checklists.indicators import IndicatorSet
from monitor.i18n import DEFAULT_LANGUAGE, LANGUAGES

translations_cli = AppGroup("translations", help="Interface catalogues and checklist texts.")
CATALOGUE_FOLDER = Path(__file__).parents[1] / "translations"


def missing_interface_strings(language: str) -> list[str]:
    """Interface strings of the catalogue with no translation (or a fuzzy one) in `language`."""
    path = CATALOGUE_FOLDER / language / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return ["(no catalogue: run pybabel init, see README)"]
    from babel.messages.pofile import read_po  # here: every `flask` command imports this module

    with path.open("rb") as handle:
        catalogue = read_po(handle)
    return [message.id for message in catalogue if message.id and (not message.string or message.fuzzy)]


def _texts(definition: Definition):
    """Every translatable text of a definition, with where it is."""
    yield "title", definition.title
    for block in definition.blocks:
        yield f"{block.level}.title", block.title
        for section in block.sections:
            yield f"{block.level}.{section.key}.title", section.title
            for item in section.items:
                yield f"{item.key}.label", item.label
                if item.help:
                    yield f"{item.key}.help", item.help
                if item.unit:
                    yield f"{item.key}.unit", item.unit
                for choice in item.choices:
                    yield f"{item.key}.choices.{choice.key}", choice.label
                for number, check in enumerate(item.checks):
                    yield f"{item.key}.checks[{number}].message", check.message


def missing_definition_texts(definition: Definition, language: str) -> list[str]:
    return [where for where, text in _texts(definition) if not text.get(language)]


def _indicator_texts(indicator_set: IndicatorSet):
    """Every translatable text of an indicator file, with where it is."""
    yield "title", indicator_set.title
    for group in indicator_set.groups:
        yield f"groups.{group.key}.title", group.title
        if group.note:
            yield f"groups.{group.key}.note", group.note
    for breakdown in indicator_set.breakdowns.values():
        yield f"breakdowns.{breakdown.key}.title", breakdown.title
        if breakdown.kind == "bands":  # other categories are the checklist's choices, checked with it
            for category in breakdown.categories:
                yield f"breakdowns.{breakdown.key}.bands.{category.key}.label", category.label
    for indicator in indicator_set.indicators:
        yield f"indicators.{indicator.key}.title", indicator.title
        if indicator.description:
            yield f"indicators.{indicator.key}.description", indicator.description


def missing_indicator_texts(indicator_set: IndicatorSet, language: str) -> list[str]:
    return [where for where, text in _indicator_texts(indicator_set) if not text.get(language)]


@translations_cli.command("missing")
@click.option("--language", default="km", show_default=True, type=click.Choice(sorted(set(LANGUAGES) - {DEFAULT_LANGUAGE})))
def missing(language: str):
    """List interface strings, checklist and indicator texts with no translation; exits 1 if any."""
    count = 0
    for message in missing_interface_strings(language):
        click.echo(f"interface: {message}")
        count += 1
    registry = current_app.extensions["checklists"]
    for key in registry.keys():
        for definition in registry.versions(key):
            for where in missing_definition_texts(definition, language):
                click.echo(f"{definition.source_file}: {where}")
                count += 1
    indicator_set = current_app.extensions["indicators"]
    for where in missing_indicator_texts(indicator_set, language):
        click.echo(f"{indicator_set.source_file}: {where}")
        count += 1
    click.echo(f"{count} texts have no {LANGUAGES[language]} translation; English is shown for them.")
    if count:
        raise SystemExit(1)
