"""Item-by-item differences between two answer documents (shape of `monitor.checklists.answers`).

Used for the changes stored with every revision and for comparing any two revisions."""
from dataclasses import dataclass

from monitor.checklists.answers import ANNEX
from monitor.checklists.definition import Block, Definition, translate
from monitor.checklists.wording import say
from monitor.labels import answer_label


@dataclass(frozen=True)
class LabelledChange:
    path: str
    #: Where the item is, e.g. "Hearing" or "Accused 2 · Juvenile annex".
    where: str
    label: str
    before: str
    after: str


def _block_changes(block: Block, before: dict, after: dict, prefix: str) -> list[dict]:
    keys = [item.key for item in block.items]
    extra = sorted((set(before) | set(after)) - set(keys) - {ANNEX})
    changes = []
    for key in keys + extra:
        old, new = before.get(key), after.get(key)
        if old != new:
            changes.append({"path": f"{prefix}.{key}", "before": old, "after": new})
    return changes


def diff_documents(definition: Definition, before: dict, after: dict) -> list[dict]:
    """Every answer that differs, as `{"path", "before", "after"}` in the order of the checklist;
    an accused or annex present on one side only shows all its answers as added or removed."""
    changes = _block_changes(definition.hearing, before.get("hearing", {}), after.get("hearing", {}), "hearing")
    old_accused, new_accused = before.get("accused", []), after.get("accused", [])
    for index in range(max(len(old_accused), len(new_accused))):
        old = old_accused[index] if index < len(old_accused) else {}
        new = new_accused[index] if index < len(new_accused) else {}
        prefix = f"accused[{index}]"
        changes += _block_changes(definition.accused, old, new, prefix)
        changes += _block_changes(definition.juvenile, old.get(ANNEX) or {}, new.get(ANNEX) or {}, f"{prefix}.{ANNEX}")
    return changes


def _where(definition: Definition, prefix: str, language: str) -> tuple[str, Block]:
    if prefix == "hearing":
        return translate(definition.hearing.title, language) or say("Hearing"), definition.hearing
    number = int(prefix[len("accused["):prefix.index("]")]) + 1
    accused = f"{translate(definition.accused.title, language) or say('Accused')} {number}"
    if prefix.endswith(ANNEX):
        return f"{accused} · {translate(definition.juvenile.title, language)}", definition.juvenile
    return accused, definition.accused


def label_changes(definition: Definition, changes: list[dict], language: str = "en") -> list[LabelledChange]:
    """Changes with the block, the item's label and readable answers, for the diff page."""
    labelled = []
    for change in changes:
        prefix, _, key = change["path"].rpartition(".")
        where, block = _where(definition, prefix, language)
        item = next((i for i in block.items if i.key == key), None)
        labelled.append(LabelledChange(
            path=change["path"], where=where, label=translate(item.label, language) if item else key,
            before=_readable(item, change["before"], language), after=_readable(item, change["after"], language),
        ))
    return labelled


def _readable(item, value, language: str) -> str:
    if item is None:  # an answer to an item its definition no longer has
        return "" if value is None else str(value)
    return answer_label(item, value, language)
