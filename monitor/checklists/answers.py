"""Rules that apply to a filled checklist whatever way it arrives (phone form, API, import).

A checklist's answers travel as one document, the shape of the JSON API:
`{"hearing": {key: value}, "accused": [{key: value, ..., "juvenile": {key: value}}]}`, with
yes/no answers as "yes"/"no"/"na"/"unknown", choices by key, multiple choices as lists of keys,
dates as "YYYY-MM-DD", times as "HH:MM". Paths name a place in it: `hearing.hearing_open`,
`accused[1].juvenile.in_camera` (accused counted from 0, as in the JSON array)."""
import re
from collections import ChainMap
from dataclasses import dataclass, field
from datetime import date

from monitor.checklists.computed import FUNCTIONS
from monitor.checklists.dates import iso_date
from monitor.checklists.definition import Block, Definition, Item, Section, translate
from monitor.checklists.wording import say, shortened
from monitor.i18n import current_language

ANNEX = "juvenile"
#: The accused item the juvenile annex depends on (DESIGN.md §2: under 18 at the time of the offence).
AGE_AT_OFFENCE = "age_at_offence"
TIME_PATTERN = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")


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
    """A copy of `document` that `settle` may change: every block's answers are a new dict;
    the answers themselves are shared, since nothing changes an answer in place."""
    accused_list = []
    for accused in document.get("accused", []):
        accused = dict(accused)
        if isinstance(accused.get(ANNEX), dict):
            accused[ANNEX] = dict(accused[ANNEX])
        accused_list.append(accused)
    return {**document, "hearing": dict(document.get("hearing", {})), "accused": accused_list}


@dataclass
class Settled:
    """A document as the rules keep it, and the answers they removed."""

    document: dict
    #: Path of each answer that was sent but removed -> why, in the reader's language.
    ignored: dict[str, str] = field(default_factory=dict)


def normalise(definition: Definition, document: dict) -> dict:
    """`document` with computed items filled, the juvenile annex attached or removed, and answers
    to items not asked removed (see `settle`); changed in place."""
    return settle(definition, document).document


def settle(definition: Definition, document: dict) -> Settled:
    """Fill computed items, then keep only what the monitor was asked; changes `document`.

    Computed values come first, since what is asked depends on them: the juvenile annex on the age
    at the offence worked out from two dates. Removing an answer that was not asked can change a
    computed value (a date gone) or hide another item, so both steps repeat until nothing is
    removed. Dropping unasked answers keeps statistics honest: an item the monitor was not asked
    has no answer. A removed answer is never put back, so the loop ends."""
    document.setdefault("hearing", {})
    document.setdefault("accused", [])
    state = _Settling(
        ignored={},
        removed=set(),
        sent_computed={f"{prefix}.{item.key}": answers[item.key]
                       for level, answers, _scope, prefix in _scopes(document)
                       for item in definition.block(level).computed_items if item.key in answers},
        sent_annexes={index for index, accused in enumerate(document["accused"]) if ANNEX in accused},
    )
    while True:
        _fill_computed(definition, document, state)
        if not _remove_unasked(definition, document, state):
            return Settled(document, state.ignored)


@dataclass
class _Settling:
    ignored: dict[str, str]
    #: Paths removed as not asked: never filled or attached again.
    removed: set[str]
    #: Computed items as they were sent, path -> value: kept while their dates are not both known.
    sent_computed: dict[str, object]
    #: Accused (by position) sent with an annex.
    sent_annexes: set[int]


def _fill_computed(definition: Definition, document: dict, state: _Settling) -> None:
    for level, answers, scope, prefix in list(_scopes(document)):
        for item in definition.block(level).computed_items:
            path = f"{prefix}.{item.key}"
            if path in state.removed:
                continue
            value = computed_value(item, scope)
            if value is None and item.compute.fallback == "entered":
                value = state.sent_computed.get(path)
            elif value is None and path in state.sent_computed and path not in state.ignored:
                state.ignored[path] = say("is worked out from %(first)s and %(second)s, which are not both answered",
                                          first=item.compute.args[0], second=item.compute.args[1])
            if value is None:
                answers.pop(item.key, None)
            else:
                answers[item.key] = value


def _remove_unasked(definition: Definition, document: dict, state: _Settling) -> bool:
    """Attach or remove each juvenile annex and remove answers to items not asked; True if anything changed."""
    changed = False
    hearing = document["hearing"]
    for index, accused in enumerate(document["accused"]):
        path = f"accused[{index}].{ANNEX}"
        shown = annex_is_shown(definition, accused, hearing)
        if shown and ANNEX not in accused and path not in state.removed:
            accused[ANNEX] = {}
            changed = True
        elif not shown and ANNEX in accused:
            del accused[ANNEX]
            state.removed.add(path)
            if index in state.sent_annexes:
                state.ignored[path] = _why_no_annex(accused)
            changed = True
    for level, answers, scope, prefix in list(_scopes(document)):
        block = definition.block(level)
        value_of = _value_of(scope)
        for section in block.sections:  # a section's condition once, not once per item
            section_shown = _is_shown(section.show_when, value_of)
            for item in section.items:
                if item.key not in answers:
                    continue
                hidden_by = section.show_when if not section_shown else (
                    item.show_when if not _is_shown(item.show_when, value_of) else None)
                if hidden_by is None:
                    continue
                path = f"{prefix}.{item.key}"
                del answers[item.key]
                state.removed.add(path)
                if item.compute is None or path in state.sent_computed:
                    state.ignored[path] = say("not asked unless %(condition)s", condition=hidden_by.source)
                changed = True
    return changed


def _why_no_annex(accused: dict) -> str:
    age = accused.get(AGE_AT_OFFENCE)
    if is_answered(age):
        return say("accused is %(age)s at the offence", age=age)
    return say("the age at the offence is not known")


def sent_problems(definition: Definition, sent: dict, settled: Settled) -> dict[str, str]:
    """What a client sent that the rules would otherwise quietly overrule, by path: a computed value
    that disagrees with the dates it is worked out from, and a juvenile annex that would be removed
    only because no age is known (an annex is kept only for an accused under 18 at the offence)."""
    problems = {}
    for level, answers, scope, prefix in _scopes(sent):
        for item in definition.block(level).computed_items:
            path = f"{prefix}.{item.key}"
            value, computed = answers.get(item.key), computed_value(item, scope)
            if not is_answered(value) or computed is None or path in settled.ignored:
                continue
            problem = value_problem(item, value, date.max)
            if problem is None and value != computed:
                problem = say("is %(computed)s when worked out from %(first)s and %(second)s, not %(sent)s",
                              computed=computed, first=item.compute.args[0], second=item.compute.args[1], sent=value)
            if problem:
                problems[path] = problem
    settled_accused = settled.document["accused"]
    for index, accused in enumerate(sent.get("accused", [])):
        annex = accused.get(ANNEX)
        path = f"accused[{index}].{ANNEX}"
        if annex and path in settled.ignored and not is_answered(settled_accused[index].get(AGE_AT_OFFENCE)):
            age = definition.accused.items_by_key.get(AGE_AT_OFFENCE)
            dates = age.compute.args if age is not None and age.compute else ("date_of_birth", "offence_date")
            problems[path] = say(
                "is kept only for an accused under 18 at the offence, and this accused's age is not known: "
                "send %(age)s, or %(first)s and %(second)s", age=AGE_AT_OFFENCE, first=dates[0], second=dates[1])
    return problems


def value_problem(item: Item, value, today: date) -> str | None:
    """Why `value` is not an acceptable answer to `item`, in words a monitor understands; None if fine."""
    if item.type in ("yesno", "choice"):
        if not isinstance(value, str) or value not in item.answer_keys:
            return say("must be one of: %(answers)s", answers=", ".join(item.answer_keys))
    elif item.type == "multichoice":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return say("must be a list of choices")
        if len(value) > len(item.answer_keys):
            return say("lists %(count)s choices; there are only %(choices)s", count=len(value), choices=len(item.answer_keys))
        unknown = [v for v in value if v not in item.answer_keys]
        if unknown:
            return say("unknown choice %(unknown)s; choose from: %(answers)s",
                       unknown=", ".join(shortened(v) for v in unknown), answers=", ".join(item.answer_keys))
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
        parsed = iso_date(value) if isinstance(value, str) else None
        if parsed is None:
            return say("must be a date written YYYY-MM-DD")
        if item.not_in_future and parsed > today:
            return say("cannot be in the future")
    elif item.type == "time":
        if not isinstance(value, str) or not TIME_PATTERN.fullmatch(value):
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
                if _can_check(definition, check, scope, today) and not check.rule.evaluate(_value_of(scope)):
                    problems[path] = translate(check.message, current_language())
                    break
    return problems


def _can_check(definition: Definition, check, scope, today: date) -> bool:
    """A check compares answers, so it applies only when each answer it names is given and well
    formed: a malformed date is reported at its own item, not as a wrong comparison elsewhere."""
    for name in check.rule.names:
        value = scope.get(name)
        if not is_answered(value) or value_problem(definition.items_by_key[name], value, today) is not None:
            return False
    return True
