"""Monitor pages: my checklists, start one, fill it section by section, submit.

Views stay thin: loading and saving go through `monitor.services.checklists`."""
import json
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from monitor.access import may_read_checklist
from monitor.i18n import current_language
from monitor.checklists import answers
from monitor.checklists.definition import translate
from monitor.extensions import db
from monitor.forms import ConfirmForm, StartChecklistForm, choices_of, section_form, to_answer, to_form_data
from monitor.models import Checklist, Court
from monitor.services import checklists as service
from monitor.services.definitions import current_definition, definition_of
from monitor.steps import block_answers, find_step, scope_of, steps_of

pages = Blueprint("pages", __name__)


def _load(checklist_uuid: str) -> Checklist:
    checklist = service.find_checklist(checklist_uuid)
    if checklist is None:
        abort(404, _("There is no checklist with this address."))
    if not may_read_checklist(current_user, checklist):
        abort(403, _("This checklist belongs to another monitor."))
    return checklist


def _load_for_editing(checklist_uuid: str) -> Checklist:
    checklist = _load(checklist_uuid)
    if checklist.monitor_id != current_user.id:
        abort(403, _("Only the monitor who filled a checklist can edit it."))
    return checklist


def _document(checklist: Checklist) -> tuple:
    definition = definition_of(checklist)
    document = answers.normalise(definition, service.document_of(checklist))
    return definition, document


@pages.route("/")
@login_required
def home():
    return redirect(url_for("pages.my_checklists"))


@pages.route("/checklists")
@login_required
def my_checklists():
    query = select(Checklist).order_by(Checklist.updated_at.desc())
    if not current_user.is_manager:
        query = query.where(Checklist.monitor_id == current_user.id)
    rows = db.session.scalars(query.limit(200)).all()
    drafts = [c for c in rows if c.is_draft]
    submitted = [c for c in rows if not c.is_draft]
    return render_template("checklists/list.html", drafts=drafts, submitted=submitted)


@pages.route("/checklists/new", methods=["GET", "POST"])
@login_required
def start_checklist():
    form = StartChecklistForm()
    courts = db.session.scalars(select(Court).where(Court.active).order_by(Court.name)).all()
    form.court.choices = choices_of((court.id, court.name) for court in courts)
    if request.method == "GET":
        form.hearing_date.data = date.today()
    if form.validate_on_submit():
        if form.hearing_date.data > date.today():
            form.hearing_date.errors.append(_("The hearing date cannot be in the future."))
        else:
            court = db.session.get(Court, form.court.data)
            checklist = service.start_checklist(current_user, court, form.hearing_date.data, current_definition())
            first = steps_of(definition_of(checklist), service.document_of(checklist))[0]
            return redirect(_step_url(checklist, first))
    return render_template("checklists/new.html", form=form)


def _step_url(checklist: Checklist, step) -> str:
    if step.level == "hearing":
        return url_for("pages.edit_hearing", checklist_uuid=checklist.uuid, section_key=step.section.key)
    endpoint = "pages.edit_accused" if step.level == "accused" else "pages.edit_juvenile"
    return url_for(endpoint, checklist_uuid=checklist.uuid, number=step.accused_index + 1, section_key=step.section.key)


@pages.route("/checklists/<checklist_uuid>")
@login_required
def overview(checklist_uuid: str):
    checklist = _load(checklist_uuid)
    definition, document = _document(checklist)
    steps = steps_of(definition, document)
    problems = service.submission_problems(checklist) if checklist.is_draft else {}
    step_rows = []
    for step in steps:
        answers_here = block_answers(document, step.level, step.accused_index)
        started = any(answers.is_answered(answers_here.get(item.key)) for item in step.section.items)
        step_problems = [path for path in problems if step.owns(path)]
        status = "missing" if step_problems else ("done" if started else "empty")
        step_rows.append({"step": step, "url": _step_url(checklist, step), "status": status, "problems": len(step_problems)})
    return render_template(
        "checklists/overview.html",
        checklist=checklist,
        definition=definition,
        document=document,
        steps=step_rows,
        problems=problems,
        language=current_language(),
        form=ConfirmForm(),
        can_edit=checklist.is_draft and checklist.monitor_id == current_user.id,
    )


@pages.route("/checklists/<checklist_uuid>/hearing/<section_key>", methods=["GET", "POST"])
@login_required
def edit_hearing(checklist_uuid: str, section_key: str):
    return _edit_section(checklist_uuid, "hearing", section_key, None)


@pages.route("/checklists/<checklist_uuid>/accused/<int:number>/<section_key>", methods=["GET", "POST"])
@login_required
def edit_accused(checklist_uuid: str, number: int, section_key: str):
    return _edit_section(checklist_uuid, "accused", section_key, number - 1)


@pages.route("/checklists/<checklist_uuid>/accused/<int:number>/juvenile/<section_key>", methods=["GET", "POST"])
@login_required
def edit_juvenile(checklist_uuid: str, number: int, section_key: str):
    return _edit_section(checklist_uuid, "juvenile", section_key, number - 1)


def _edit_section(checklist_uuid: str, level: str, section_key: str, accused_index: int | None):
    checklist = _load_for_editing(checklist_uuid)
    if not checklist.is_draft:
        flash(_("This checklist has been submitted; it can no longer be changed."))
        return redirect(url_for("pages.overview", checklist_uuid=checklist.uuid))
    definition, document = _document(checklist)
    if accused_index is not None and not 0 <= accused_index < len(document["accused"]):
        abort(404, _("There is no such accused in this checklist."))
    steps = steps_of(definition, document)
    position = find_step(steps, level, section_key, accused_index)
    if position is None:
        abort(404, _("This section is not part of the checklist (it may not apply to this accused)."))
    step = steps[position]
    section = step.section
    block = block_answers(document, level, accused_index)
    language = current_language()
    shown_before = _shown_keys(section, scope_of(document, level, accused_index))

    if request.method == "POST":
        form = section_form(section, language)
        form_is_valid = form.validate()
        for item in section.items:
            field = form[item.key]
            value = None if field.errors else to_answer(field.data)
            if value is None:
                block.pop(item.key, None)
            else:
                block[item.key] = value
        if form_is_valid:
            try:
                service.save_draft(checklist, document, blocking=step.owns)
            except service.ChecklistInvalid as invalid:
                _show_problems(form, invalid.problems)
            else:
                return _after_save(checklist, step, shown_before)
        else:  # show every problem at once, not only the ones the form itself found
            _show_problems(form, service.draft_problems(checklist, document, blocking=step.owns))
    else:
        form = section_form(
            section, language, formdata=None,
            data={item.key: to_form_data(item, block.get(item.key)) for item in section.items},
        )

    scope = scope_of(document, level, accused_index)
    own_keys = {item.key for item in section.items}
    context = {k: v for k, v in scope.items() if k not in own_keys and k != answers.ANNEX}
    return render_template(
        "checklists/section.html",
        checklist=checklist,
        definition=definition,
        step=step,
        position=position,
        total=len(steps),
        form=form,
        items=_item_views(section, scope, language),
        context_json=json.dumps(context),
        language=language,
        back_url=_step_url(checklist, steps[position - 1]) if position > 0 else None,
    )


def _show_problems(form, problems: dict[str, str]) -> None:
    for path, message in problems.items():
        field = form[path.rpartition(".")[2]]
        if not field.errors:
            field.errors = [message]


def _item_views(section, scope, language):
    views = []
    for item in section.items:
        computed = answers.is_computed(item, scope)
        views.append({
            "item": item,
            "help": translate(item.help, language),
            "unit": translate(item.unit, language),
            "show_when": json.dumps(item.show_when.to_json()) if item.show_when else "",
            "shown": answers.item_is_shown_in_section(section, item, scope),
            "computed": computed,
            "compute": json.dumps({"function": item.compute.function, "args": list(item.compute.args)})
            if item.compute else "",
        })
    return views


def _shown_keys(section, scope) -> set[str]:
    return {item.key for item in section.items if answers.item_is_shown_in_section(section, item, scope)}


def _after_save(checklist: Checklist, step, shown_before: set[str]):
    """Stay on the section for "Save", or when the answers revealed new questions in it (without
    JavaScript the monitor would otherwise never see them); else go to the next section."""
    definition, document = _document(checklist)
    steps = steps_of(definition, document)
    position = find_step(steps, step.level, step.section.key, step.accused_index)
    if position is not None:
        scope = scope_of(document, step.level, step.accused_index)
        answered = block_answers(document, step.level, step.accused_index)
        revealed = {key for key in _shown_keys(step.section, scope) - shown_before if not answers.is_answered(answered.get(key))}
        if revealed:
            flash(_("More questions appeared because of your answers. Please answer them too."))
            return redirect(_step_url(checklist, step))
    if request.form.get("action") == "save":
        flash(_("Saved."))
        return redirect(_step_url(checklist, step))
    if position is not None and position + 1 < len(steps):
        return redirect(_step_url(checklist, steps[position + 1]))
    return redirect(url_for("pages.overview", checklist_uuid=checklist.uuid))


@pages.route("/checklists/<checklist_uuid>/accused", methods=["POST"])
@login_required
def add_accused(checklist_uuid: str):
    checklist = _load_for_editing(checklist_uuid)
    if not ConfirmForm().validate_on_submit() or not checklist.is_draft:
        abort(400, _("This checklist cannot be changed."))
    definition, document = _document(checklist)
    if len(document["accused"]) >= definition.accused.max:
        flash(_("A checklist can have at most %(count)s accused.", count=definition.accused.max))
        return redirect(url_for("pages.overview", checklist_uuid=checklist.uuid))
    document["accused"].append({})
    service.save_draft(checklist, document, blocking=lambda path: False)
    number = len(document["accused"])
    first_section = definition.accused.sections[0].key
    return redirect(url_for("pages.edit_accused", checklist_uuid=checklist.uuid, number=number, section_key=first_section))


@pages.route("/checklists/<checklist_uuid>/accused/<int:number>/remove", methods=["POST"])
@login_required
def remove_accused(checklist_uuid: str, number: int):
    checklist = _load_for_editing(checklist_uuid)
    if not ConfirmForm().validate_on_submit() or not checklist.is_draft:
        abort(400, _("This checklist cannot be changed."))
    definition, document = _document(checklist)
    if not 1 <= number <= len(document["accused"]):
        abort(404, _("There is no such accused in this checklist."))
    del document["accused"][number - 1]
    service.save_draft(checklist, document, blocking=lambda path: False)
    flash(_("Accused %(number)s removed.", number=number))
    return redirect(url_for("pages.overview", checklist_uuid=checklist.uuid))


@pages.route("/checklists/<checklist_uuid>/submit", methods=["POST"])
@login_required
def submit(checklist_uuid: str):
    checklist = _load_for_editing(checklist_uuid)
    if not ConfirmForm().validate_on_submit():
        abort(400, _("The form expired; reload the page and try again."))
    try:
        service.submit_checklist(checklist)
    except service.ChecklistLocked as locked:
        flash(str(locked))
    except service.ChecklistInvalid:
        flash(_("Some answers are missing or need correcting; they are listed below."))
        return redirect(url_for("pages.overview", checklist_uuid=checklist.uuid))
    else:
        flash(_("Checklist submitted. Thank you."))
    return redirect(url_for("pages.my_checklists"))
