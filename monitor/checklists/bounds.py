"""How large a checklist sent whole may be, from its definition.

Checked on the document as it arrives, before any rule runs: the rules cost time per accused and
per answer, and one problem per accused multiplies a request into an answer larger than itself.
So a request over a bound is refused at once, with one problem naming the bound it broke."""
from monitor.checklists.answers import ANNEX
from monitor.checklists.definition import Definition
from monitor.checklists.wording import say


def size_problems(definition: Definition, document: dict) -> dict[str, str]:
    """Path -> problem for each part of `document` larger than `definition` allows. Parts of the
    wrong type are left to the schema and the rules, which name them."""
    accused_list = document.get("accused")
    if isinstance(accused_list, list) and len(accused_list) > definition.accused.max:
        return {"accused": say("at most %(count)s accused per checklist (%(sent)s sent)",
                               count=definition.accused.max, sent=len(accused_list))}
    problems = {}
    _answers_within(problems, "hearing", document.get("hearing"), len(definition.hearing.items))
    for index, accused in enumerate(accused_list if isinstance(accused_list, list) else []):
        _answers_within(problems, f"accused[{index}]", accused, len(definition.accused.items) + 1)  # + the annex
        if isinstance(accused, dict):
            _answers_within(problems, f"accused[{index}].{ANNEX}", accused.get(ANNEX), len(definition.juvenile.items))
    return problems


def _answers_within(problems: dict[str, str], path: str, answers, items: int) -> None:
    """At most one answer per item: more can only be keys that are not items."""
    if isinstance(answers, dict) and len(answers) > items:
        problems[path] = say("at most %(count)s answers in this part of the checklist (%(sent)s sent)",
                             count=items, sent=len(answers))
