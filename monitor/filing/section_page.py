"""One section of a checklist shown as a form: shared by the monitor's phone pages and the
manager's correction pages, so both show the same fields, conditions and computed items."""
import json

from flask import abort
from flask_babel import gettext as _

from monitor.checklists import answers
from monitor.checklists.definition import Section
from monitor.filing.field_views import field_views
from monitor.filing.forms import section_form, to_answer, to_form_data
from monitor.filing.steps import Step, block_answers, find_step, scope_of, steps_of


def locate(definition, document: dict, level: str, section_key: str, accused_index: int | None) -> tuple[list[Step], int]:
    """The steps of the checklist and the position of the requested one; 404 when it does not apply."""
    if accused_index is not None and not 0 <= accused_index < len(document["accused"]):
        abort(404, _("There is no such accused in this checklist."))
    steps = steps_of(definition, document)
    position = find_step(steps, level, section_key, accused_index)
    if position is None:
        abort(404, _("This section is not part of the checklist (it may not apply to this accused)."))
    return steps, position


def filled_form(section: Section, block: dict, language: str, **form_kwargs):
    """The section's form showing the stored answers (for GET)."""
    data = {item.key: to_form_data(item, block.get(item.key)) for item in section.items}
    return section_form(section, language, formdata=None, data=data, **form_kwargs)


def apply_form(form, section: Section, block: dict) -> None:
    """Copy the submitted answers of the section into the block (an emptied field, or one the form
    could not read, removes the answer)."""
    for item in section.items:
        field = form[item.key]
        value = None if field.errors else to_answer(field.data)
        if value is None:
            block.pop(item.key, None)
        else:
            block[item.key] = value


def show_problems(form, problems: dict[str, str]) -> None:
    """Put service-level problems (by path) next to the fields of this section that own them,
    unless the form already found a problem there."""
    for path, message in problems.items():
        key = path.rpartition(".")[2]
        if key in form and not form[key].errors:
            form[key].errors = [message]


def template_context(document: dict, step: Step, language: str, form) -> dict:
    """What `checklists/_fields.html` needs: the fields' views and the answers of other sections."""
    section = step.section
    scope = scope_of(document, step.level, step.accused_index)
    own_keys = {item.key for item in section.items}
    context = {k: v for k, v in scope.items() if k not in own_keys and k != answers.ANNEX}
    return {"fields": field_views(form, section, scope, language), "context_json": json.dumps(context)}


def shown_keys(section: Section, scope) -> set[str]:
    """The items of the section asked given the answers in scope (to notice newly revealed ones)."""
    return {item.key for item in section.items if answers.item_is_shown_in_section(section, item, scope)}


def block_of(document: dict, step: Step) -> dict:
    return block_answers(document, step.level, step.accused_index)

