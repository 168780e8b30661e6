"""Monitor pages: my checklists, start one, fill it section by section, submit.

Views stay thin: loading and saving go through `monitor.services.checklists`."""
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from monitor.filing import section_page
from monitor.access import FILING_ROLES, may_read_checklist, roles_required
from monitor.checklists import answers
from monitor.filing.forms import ConfirmForm, StartChecklistForm, choices_of, section_form
from monitor.i18n import current_language
from monitor.models import Checklist, ChecklistStatus
from monitor.services import checklists as service
from monitor.services import review, second_look
from monitor.services.courts import active_courts
from monitor.services.definitions import current_definition, definition_of
from monitor.filing.navigation import after_section_saved, checklist_document, problem_links, step_url
from monitor.filing.steps import block_answers, planned_step_count, scope_of, steps_of

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


@pages.route("/")
@login_required
def home():
    """Managers start at the review queue, monitors at their own checklists."""
    if current_user.is_manager:
        return redirect(url_for("review.queue"))
    return redirect(url_for("pages.my_checklists"))


@pages.route("/checklists")
@login_required
def my_checklists():
    """The signed-in person's own checklists; managers review everyone's in the review queue."""
    rows = service.checklists_of(current_user)
    returned = [c for c in rows if c.status == ChecklistStatus.RETURNED.value]
    return render_template(
        "checklists/list.html",
        returned=returned,
        comments={c.id: review.latest_decision(c) for c in returned},
        drafts=[c for c in rows if c.is_draft],
        submitted=[c for c in rows if not c.is_editable_by_monitor],
        may_file=current_user.has_role(*FILING_ROLES),
    )


@pages.route("/checklists/new", methods=["GET", "POST"])
@roles_required(*FILING_ROLES)
def start_checklist():
    form = StartChecklistForm()
    courts = active_courts()
    court_choices = [(court.id, court.name_in(current_language())) for court in courts]
    form.court.choices = choices_of([("", _("— Choose the court —"))] + court_choices)
    if request.method == "GET":
        form.hearing_date.data = date.today()
    if form.validate_on_submit():
        court = next((c for c in courts if c.id == form.court.data), None)
        if court is None:
            form.court.errors.append(_("Choose the court."))
        elif form.hearing_date.data > date.today():
            form.hearing_date.errors.append(_("The hearing date cannot be in the future."))
        else:
            checklist = service.start_checklist(current_user, court, form.hearing_date.data, current_definition())
            first = steps_of(definition_of(checklist), service.document_of(checklist))[0]
            return redirect(step_url(checklist, first))
    return render_template("checklists/new.html", form=form)


@pages.route("/checklists/<checklist_uuid>")
@login_required
def overview(checklist_uuid: str):
    checklist = _load(checklist_uuid)
    definition, document = checklist_document(checklist)
    steps = steps_of(definition, document)
    can_edit = checklist.is_editable_by_monitor and checklist.monitor_id == current_user.id
    problems = service.submission_problems(checklist) if can_edit else {}
    step_rows = []
    for step in steps:
        answers_here = block_answers(document, step.level, step.accused_index)
        started = any(answers.is_answered(answers_here.get(item.key)) for item in step.section.items)
        step_problems = [path for path in problems if step.owns(path)]
        status = "missing" if step_problems else ("done" if started else "empty")
        step_rows.append({"step": step, "url": step_url(checklist, step), "status": status, "problems": len(step_problems)})
    return render_template(
        "checklists/overview.html",
        checklist=checklist,
        definition=definition,
        document=document,
        steps=step_rows,
        problems=problem_links(checklist, definition, document, problems, current_language()),
        language=current_language(),
        form=ConfirmForm(),
        can_edit=can_edit,
        decision=(decision := review.latest_decision(checklist) if checklist.status == ChecklistStatus.RETURNED.value else None),
        item_comments=[(second_look.where(definition, path, current_language()), text)
                       for path, text in review.item_comments_for_monitor(checklist, decision).items()],
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
    if not checklist.is_editable_by_monitor:
        flash(_("This checklist has been submitted; it can no longer be changed."))
        return redirect(url_for("pages.overview", checklist_uuid=checklist.uuid))
    definition, document = checklist_document(checklist)
    steps, position = section_page.locate(definition, document, level, section_key, accused_index)
    step = steps[position]
    block = section_page.block_of(document, step)
    language = current_language()
    shown_before = section_page.shown_keys(step.section, scope_of(document, level, accused_index))
    annexes_before = [answers.ANNEX in accused for accused in document["accused"]]

    if request.method == "POST":
        form = section_form(step.section, language)
        form_is_valid = form.validate()
        section_page.apply_form(form, step.section, block)
        if form_is_valid:
            try:
                service.save_draft(checklist, document, blocking=step.owns)
            except service.ChecklistInvalid as invalid:
                section_page.show_problems(form, invalid.problems)
            else:
                return after_section_saved(checklist, step, shown_before, annexes_before)
        else:  # show every problem at once, not only the ones the form itself found
            section_page.show_problems(form, service.draft_problems(checklist, document, blocking=step.owns))
    else:
        form = section_page.filled_form(step.section, block, language)

    context = section_page.template_context(document, step, language, form)
    comments = review.item_comments_for_monitor(checklist, review.latest_decision(checklist))
    for view in context["fields"]:  # the manager's comment on an item, shown next to it
        view["comment"] = comments.get(f"{step.path_prefix}.{view['key']}", "")
    return render_template(
        "checklists/section.html",
        checklist=checklist,
        definition=definition,
        step=step,
        position=position,
        total=planned_step_count(definition, document),
        form=form,
        language=language,
        back_url=step_url(checklist, steps[position - 1]) if position > 0 else None,
        **context,
    )


@pages.route("/checklists/<checklist_uuid>/accused", methods=["POST"])
@login_required
def add_accused(checklist_uuid: str):
    checklist = _load_for_editing(checklist_uuid)
    if not ConfirmForm().validate_on_submit() or not checklist.is_editable_by_monitor:
        abort(400, _("This checklist cannot be changed."))
    definition, document = checklist_document(checklist)
    if len(document["accused"]) >= definition.accused.max:
        flash(_("A checklist can have at most %(count)s accused.", count=definition.accused.max))
        return redirect(url_for("pages.overview", checklist_uuid=checklist.uuid))
    document["accused"].append({})
    service.save_draft(checklist, document, blocking=lambda path: False)
    number = len(document["accused"])
    first_section = definition.accused.sections[0].key
    return redirect(url_for("pages.edit_accused", checklist_uuid=checklist.uuid, number=number, section_key=first_section))


@pages.route("/checklists/<checklist_uuid>/accused/<int:number>/remove", methods=["GET", "POST"])
@login_required
def remove_accused(checklist_uuid: str, number: int):
    """GET asks first (naming the accused and what goes with them), POST removes: one tap never deletes."""
    checklist = _load_for_editing(checklist_uuid)
    if request.method == "POST" and not ConfirmForm().validate_on_submit() or not checklist.is_editable_by_monitor:
        abort(400, _("This checklist cannot be changed."))
    definition, document = checklist_document(checklist)
    if not 1 <= number <= len(document["accused"]):
        abort(404, _("There is no such accused in this checklist."))
    if request.method == "GET":
        accused = document["accused"][number - 1]
        annex = accused.get(answers.ANNEX)
        return render_template(
            "checklists/remove_accused.html", checklist=checklist, number=number, form=ConfirmForm(),
            answered=sum(answers.is_answered(value) for key, value in accused.items() if key != answers.ANNEX),
            annex=annex is not None,
            annex_answered=sum(answers.is_answered(value) for value in (annex or {}).values()))
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
    resubmission = checklist.status == ChecklistStatus.RETURNED.value
    try:
        service.submit_checklist(checklist)
    except service.ChecklistLocked as locked:
        flash(str(locked), "error")
    except service.ChecklistInvalid:
        flash(_("Some answers are missing or need correcting; they are listed below."), "error")
        return redirect(url_for("pages.overview", checklist_uuid=checklist.uuid))
    else:
        flash(_("Checklist submitted again. Thank you.") if resubmission else _("Checklist submitted. Thank you."))
    return redirect(url_for("pages.my_checklists"))
