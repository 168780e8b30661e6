"""Rules that apply to a filled checklist whatever way it arrives (phone form, API, import).

A checklist's answers travel as one document, the shape of the JSON API:
`{"hearing": {key: value}, "accused": [{key: value, ..., "juvenile": {key: value}}]}`, with
yes/no answers as "yes"/"no"/"na"/"unknown", choices by key, multiple choices as lists of keys,
dates as "YYYY-MM-DD", times as "HH:MM". Paths name a place in it: `hearing.hearing_open`,
`accused[1].juvenile.in_camera` (accused counted from 0, as in the JSON array)."""
import re
from collections import ChainMap
from datetime import date

from monitor.checklists.computed import FUNCTIONS
from monitor.checklists.definition import Block, Definition, Item, Section, translate
from monitor.checklists.wording import current_language, say

ANNEX = "juvenile"
TIME_PATTERN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def is_answered(value) -> bool:
    return value is not None and value != "" and value != []


def empty_document() -> dict:
    return {"hearing": {}, "accused": []}


def _scopes(document: dict):
    """Yield (block level, answers dict, lookup chain, path prefix) for every filled block."""
    hearing = document.setdefault("hearing", {})
    yield "hearing", hearing, ChainMap(hearing), "hearing"
    for index, accused in enumerate(document.setdefault("accused", [])):
        yield "accused", accused, ChainMap(accused, hearing), f"accused[{index}]"
        annex = accused.get(ANNEX)
        if isinstance(annex, dict):
            yield ANNEX, annex, ChainMap(annex, accused, hearing), f"accused[{index}].{ANNEX}"


def _value_of(scope):
    def value_of(key):
        value = scope.get(key)
        return value if is_answered(value) else None

    return value_of


def item_is_shown(block: Block, item: Item, scope) -> bool:
    """Whether the monitor is asked this item, given the answers in scope."""
    return item_is_shown_in_section(block.section_of(item), item, scope)


def item_is_shown_in_section(section: Section, item: Item, scope) -> bool:
    value_of = _value_of(scope)
    return _is_shown(section.show_when, value_of) and _is_shown(item.show_when, value_of)


def _is_shown(show_when, value_of) -> bool:
    return show_when is None or show_when.evaluate(value_of)


def annex_is_shown(definition: Definition, accused: dict, hearing: dict) -> bool:
    return definition.juvenile.show_when.evaluate(_value_of(ChainMap(accused, hearing)))


def computed_value(item: Item, scope):
    """The computed value of a `compute` item, or None when an argument is not answered."""
    values = [scope.get(name) for name in item.compute.args]
    if not all(is_answered(v) for v in values):
        return None
    return FUNCTIONS[item.compute.function](*values)


def is_computed(item: Item, scope) -> bool:
    """True when the item's value comes from other answers rather than from the monitor."""
    return item.compute is not None and computed_value(item, scope) is not None


def copy_document(document: dict) -> dict:
    """A copy of `document` that `normalise` may change: every block's answers are a new dict;
    the answers themselves are shared, since nothing changes an answer in place."""
    accused_list = []
    for accused in document.get("accused", []):
        accused = dict(accused)
        if isinstance(accused.get(ANNEX), dict):
            accused[ANNEX] = dict(accused[ANNEX])
        accused_list.append(accused)
    return {**document, "hearing": dict(document.get("hearing", {})), "accused": accused_list}


def normalise(definition: Definition, document: dict) -> dict:
    """Fill computed items, attach or drop the juvenile annex, and drop answers to items not shown.

    Dropping hidden answers keeps statistics honest: an item the monitor was not asked has no
    answer. Repeated until nothing changes, since a dropped answer can hide another item."""
    for _ in range(4):
        changed = False
        hearing = document.setdefault("hearing", {})
        for accused in document.setdefault("accused", []):
            if annex_is_shown(definition, accused, hearing):
                if ANNEX not in accused:
                    accused[ANNEX] = {}
                    changed = True
            elif accused.pop(ANNEX, None) is not None:
                changed = True
        for level, answers, scope, _ in list(_scopes(document)):
            block = definition.block(level)
            for item in block.computed_items:
                value = computed_value(item, scope)
                if value is not None:
                    changed = changed or answers.get(item.key) != value
                    answers[item.key] = value
                elif item.compute.fallback == "none" and item.key in answers:
                    del answers[item.key]
                    changed = True
            value_of = _value_of(scope)
            for section in block.sections:  # a section's condition once, not once per item
                section_shown = _is_shown(section.show_when, value_of)
                for item in section.items:
                    if item.key in answers and not (section_shown and _is_shown(item.show_when, value_of)):
                        del answers[item.key]
                        changed = True
        if not changed:
            break
    return document


def value_problem(item: Item, value, today: date) -> str | None:
    """Why `value` is not an acceptable answer to `item`, in words a monitor understands; None if fine."""
    if item.type in ("yesno", "choice"):
        if not isinstance(value, str) or value not in item.answer_keys:
            return say("must be one of: %(answers)s", answers=", ".join(item.answer_keys))
    elif item.type == "multichoice":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return say("must be a list of choices")
        unknown = [v for v in value if v not in item.answer_keys]
        if unknown:
            return say("unknown choice %(unknown)s; choose from: %(answers)s", unknown=", ".join(unknown), answers=", ".join(item.answer_keys))
        if len(set(value)) != len(value):
            return say("lists a choice twice")
    elif item.type == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return say("must be a whole number")
        if item.min is not None and value < item.min:
            return say("must be at least %(min)s", min=item.min)
        if item.max is not None and value > item.max:
            return say("must be at most %(max)s", max=item.max)
    elif item.type == "date":
        try:
            parsed = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
        except ValueError:
            parsed = None
        if parsed is None:
            return say("must be a date written YYYY-MM-DD")
        if item.not_in_future and parsed > today:
            return say("cannot be in the future")
    elif item.type == "time":
        if not isinstance(value, str) or not TIME_PATTERN.match(value):
            return say("must be a time written HH:MM (24-hour clock)")
    elif item.type == "text":
        if not isinstance(value, str):
            return say("must be text")
        if len(value) > item.max_length:
            return say("must be at most %(count)s characters", count=item.max_length)
    return None


def validate(definition: Definition, document: dict, *, submitting: bool, today: date) -> dict[str, str]:
    """Every problem in a normalised document, by path. Required items are enforced only when
    `submitting`, so a draft can always be saved."""
    problems: dict[str, str] = {}
    accused_list = document.get("accused", [])
    if len(accused_list) > definition.accused.max:
        problems["accused"] = say("at most %(count)s accused per checklist", count=definition.accused.max)
    if submitting and len(accused_list) < definition.accused.min:
        problems["accused"] = say("add at least %(count)s accused", count=definition.accused.min)
    for level, answers, scope, prefix in _scopes(document):
        block = definition.block(level)
        known = block.items_by_key
        for key in answers:
            if key not in known and not (level == "accused" and key == ANNEX):
                problems[f"{prefix}.{key}"] = say("is not an item of this part of the checklist")
        for item in block.items:
            path = f"{prefix}.{item.key}"
            value = answers.get(item.key)
            if is_answered(value):
                problem = value_problem(item, value, today)
                if problem:
                    problems[path] = problem
                    continue
            elif submitting and item.required and item_is_shown(block, item, scope) and not is_computed(item, scope):
                problems[path] = say("is required")
                continue
            for check in item.checks:
                if not check.rule.evaluate(_value_of(scope)) and all(
                    is_answered(scope.get(name)) for name in check.rule.names
                ):
                    problems[path] = translate(check.message, current_language())
                    break
    return problems
