"""Access to the checklist definitions loaded at start-up."""
from flask import current_app

from monitor.checklists.definition import Definition
from monitor.checklists.loader import DefinitionRegistry


def registry() -> DefinitionRegistry:
    return current_app.extensions["checklists"]


def current_definition(key: str | None = None) -> Definition:
    """The version new checklists are filled with (the highest version of the key)."""
    reg = registry()
    key = key or current_app.config.get("DEFAULT_CHECKLIST") or reg.keys()[0]
    return reg.current(key)


def definition_of(checklist) -> Definition:
    """The definition a stored checklist was filled with, so old checklists stay readable."""
    definition = registry().get(checklist.definition_key, checklist.definition_version)
    if definition is None:
        raise LookupError(
            f"checklist {checklist.uuid} was filled with {checklist.definition_key} "
            f"version {checklist.definition_version}, which is no longer installed"
        )
    return definition
