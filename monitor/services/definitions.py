"""Access to the checklist definitions loaded at start-up."""
from flask import current_app

from monitor.checklists.definition import Definition
from monitor.checklists.loader import DefinitionRegistry
from monitor.services import settings


def registry() -> DefinitionRegistry:
    return current_app.extensions["checklists"]


def current_definition(key: str | None = None) -> Definition:
    """The version new checklists are filled with: the one an administrator activated, else the
    highest installed version of the key."""
    reg = registry()
    key = key or current_app.config.get("DEFAULT_CHECKLIST") or reg.keys()[0]
    chosen = settings.active_version(key)
    if chosen is not None and (definition := reg.get(key, chosen)) is not None:
        return definition
    return reg.current(key)


def current_definitions() -> list[Definition]:
    """The version new checklists are filled with, for every checklist key installed."""
    return [current_definition(key) for key in registry().keys()]


def definition_of(checklist) -> Definition:
    """The definition a stored checklist was filled with, so old checklists stay readable."""
    definition = registry().get(checklist.definition_key, checklist.definition_version)
    if definition is None:
        raise LookupError(
            f"checklist {checklist.uuid} was filled with {checklist.definition_key} "
            f"version {checklist.definition_version}, which is no longer installed"
        )
    return definition
