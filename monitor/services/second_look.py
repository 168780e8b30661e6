"""What in a checklist deserves a manager's second look before deciding: a typed value that
disagrees with the dates it is computed from, an accused under 18 without the juvenile annex,
the annex's detention answer against the accused block's, "unknown" where most monitors answer,
and a hearing longer than a working day.

Rules read the definition (computed items, the annex's condition) rather than hard-coding item
keys, except the two pairs the domain fixes: detention in the annex against the accused block,
and the hearing's start and end times."""
from collections import Counter
from dataclasses import dataclass
from datetime import time

from sqlalchemy import select

from monitor.checklists.answers import ANNEX, annex_is_shown, computed_value
from monitor.checklists.definition import Block, Definition, translate
from monitor.checklists.diff import label_changes
from monitor.checklists.wording import say
from monitor.extensions import db
from monitor.models import Accused, Checklist, ChecklistStatus, JuvenileAnnex

UNKNOWN = "unknown"
#: "Most monitors answer" an item when fewer than this share of its answers are unknown ...
RARELY_UNKNOWN = 0.05
#: ... among at least this many approved answers (fewer say nothing).
ENOUGH_ANSWERS = 10
#: How many recent approved checklists the unknown rates are read from.
RECENT = 300
#: Longer than this, a hearing was probably typed wrongly (or adjourned and resumed).
WORKING_DAY_MINUTES = 8 * 60
DETENTION_PAIR = ("detention_status", "pretrial_detention", "juvenile_pretrial_detention")
TIMES = ("start_time", "end_time")


@dataclass(frozen=True)
class Flag:
    #: Where, as the diff names it: "hearing.end_time", "accused[0].age_at_offence".
    path: str
    message: str


def _computed_disagreements(block: Block, answers: dict, hearing: dict, prefix: str) -> list[Flag]:
    flags = []
    scope = {**hearing, **answers}
    for item in block.computed_items:
        if item.key not in answers:
            continue
        expected = computed_value(item, scope)
        if expected is not None and answers[item.key] != expected:
            flags.append(Flag(f"{prefix}.{item.key}", say("%(value)s was typed, but the dates give %(expected)s.",
                                                          value=answers[item.key], expected=expected)))
    return flags


def _minutes(text) -> int | None:
    try:
        moment = time.fromisoformat(str(text))
    except ValueError:
        return None
    return moment.hour * 60 + moment.minute


def _long_hearing(hearing: dict) -> list[Flag]:
    start, end = (_minutes(hearing[key]) if hearing.get(key) else None for key in TIMES)
    if start is None or end is None or end - start <= WORKING_DAY_MINUTES:
        return []
    hours = (end - start) // 60
    return [Flag("hearing.end_time", say("The hearing lasted %(hours)s hours, longer than a working day.", hours=hours))]


def _detention_disagreement(accused: dict, prefix: str) -> list[Flag]:
    status_key, detained, annex_key = DETENTION_PAIR
    annex = accused.get(ANNEX) or {}
    status, in_annex = accused.get(status_key), annex.get(annex_key)
    if status in (None, UNKNOWN) or in_annex not in ("yes", "no"):
        return []
    if (in_annex == "yes") != (status == detained):
        return [Flag(f"{prefix}.{ANNEX}.{annex_key}",
                     say("The juvenile annex and the accused block disagree about pretrial detention."))]
    return []


def _unknown_rates(definition: Definition) -> dict[str, Counter]:
    """Per block level and item key, how often recent approved checklists answered unknown / anything."""
    recent = select(Checklist.id).where(Checklist.status == ChecklistStatus.APPROVED.value,
                                        Checklist.definition_key == definition.key).order_by(Checklist.id.desc()).limit(RECENT)
    ids = list(db.session.scalars(recent))
    sources = {"hearing": select(Checklist.answers).where(Checklist.id.in_(ids)),
               "accused": select(Accused.answers).where(Accused.checklist_id.in_(ids)),
               ANNEX: select(JuvenileAnnex.answers).where(JuvenileAnnex.checklist_id.in_(ids))}
    counts = {}
    for level, query in sources.items():
        answered, unknown = Counter(), Counter()
        for answers in (db.session.scalars(query) if ids else []):
            for key, value in answers.items():
                answered[key] += 1
                unknown[key] += value == UNKNOWN
        counts[level] = (answered, unknown)
    return counts


def _rare_unknowns(block: Block, answers: dict, prefix: str, level: str, rates: dict) -> list[Flag]:
    answered, unknown = rates[level]
    flags = []
    for item in block.items:
        if answers.get(item.key) != UNKNOWN or answered[item.key] < ENOUGH_ANSWERS:
            continue
        share = unknown[item.key] / answered[item.key]
        if share < RARELY_UNKNOWN:
            flags.append(Flag(f"{prefix}.{item.key}", say("Unknown here, but only %(percent)s%% of approved "
                                                          "checklists answer it so.", percent=round(share * 100))))
    return flags


def flags_for(definition: Definition, document: dict) -> list[Flag]:
    """Everything worth a second look, in the order of the checklist."""
    hearing = document.get("hearing", {})
    rates = _unknown_rates(definition)
    flags = _computed_disagreements(definition.hearing, hearing, {}, "hearing") + _long_hearing(hearing)
    flags += _rare_unknowns(definition.hearing, hearing, "hearing", "hearing", rates)
    for index, accused in enumerate(document.get("accused", [])):
        prefix = f"accused[{index}]"
        flags += _computed_disagreements(definition.accused, accused, hearing, prefix)
        if annex_is_shown(definition, accused, hearing) and not accused.get(ANNEX):
            flags.append(Flag(prefix, say("Under 18 at the time of the offence, but the juvenile annex is empty.")))
        flags += _detention_disagreement(accused, prefix)
        flags += _rare_unknowns(definition.accused, accused, prefix, "accused", rates)
        if accused.get(ANNEX):
            flags += _rare_unknowns(definition.juvenile, accused[ANNEX], f"{prefix}.{ANNEX}", ANNEX, rates)
    return flags


def where(definition: Definition, path: str, language: str) -> str:
    """"Accused 2 · Age at the time of the offence": the block and item a flag points at."""
    if "." not in path:  # a whole accused
        number = int(path[len("accused["):-1]) + 1
        return f"{translate(definition.accused.title, language)} {number}"
    [change] = label_changes(definition, [{"path": path, "before": None, "after": None}], language)
    return f"{change.where} · {change.label}"
