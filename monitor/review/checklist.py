"""Reviewing one checklist: its answers, history and revisions, decisions and corrections."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from monitor.filing import section_page
from monitor.access import REVIEW_ROLES, roles_required
from monitor.checklists import answers
from monitor.checklists.diff import diff_documents, label_changes
from monitor.filing.forms import section_form
from monitor.i18n import current_language
from monitor.input_guard import integer_argument
from monitor.review import review
from monitor.review.forms import CorrectionForm, ReviewForm
from monitor.models import Checklist
from monitor.services import checklists as checklist_service
from monitor.services import cases, corrections, four_eyes, revisions, second_look
from monitor.services import review as workflow
from monitor.services.definitions import definition_of
from monitor.filing.steps import steps_of

CORRECTION_PREFIX = "correction-"


def _language() -> str:
    """The page's language (also for `?lang=`), for checklist labels from the definition."""
    return current_language()


def _load(checklist_uuid: str) -> Checklist:
    checklist = checklist_service.find_checklist(checklist_uuid)
    if checklist is None:
        abort(404, _("There is no checklist with this address."))
    return checklist


def _document(checklist: Checklist) -> tuple:
    definition = definition_of(checklist)
    return definition, answers.normalise(definition, checklist_service.document_of(checklist))


@review.get("/checklists/<checklist_uuid>")
@roles_required(*REVIEW_ROLES)
def checklist_page(checklist_uuid: str):
    checklist = _load(checklist_uuid)
    return _render_checklist(checklist, ReviewForm(revision=checklist.revision))


#: Form fields "item_comment:<path>" carry a comment on one item (returning a checklist).
ITEM_COMMENT_PREFIX = "item_comment:"


def _item_comments() -> dict[str, str]:
    return {name[len(ITEM_COMMENT_PREFIX):]: value for name, value in request.form.items()
            if name.startswith(ITEM_COMMENT_PREFIX) and value.strip()}


def _render_checklist(checklist: Checklist, form: ReviewForm, status: int = 200, item_problems: dict | None = None):
    definition, document = _document(checklist)
    language = _language()
    flags = second_look.flags_for(definition, document)
    return render_template(
        "review/checklist.html",
        checklist=checklist, definition=definition, document=document, language=language, form=form,
        flags=[(flag, second_look.where(definition, flag.path, language)) for flag in flags],
        flagged={flag.path: flag.message for flag in flags},
        item_comments=_item_comments() if request.method == "POST" else {}, item_problems=item_problems or {},
        actions=[(action, str(workflow.ACTION_LABELS[action]))
                 for action in workflow.allowed_review_actions(checklist, current_user)],
        own=four_eyes.blocks(checklist, current_user), four_eyes=four_eyes,
        history=workflow.history(checklist), revisions=revisions.revisions_of(checklist),
        case=cases.case_of(checklist),
    ), status


@review.post("/checklists/<checklist_uuid>/decide")
@roles_required(*REVIEW_ROLES)
def decide(checklist_uuid: str):
    checklist = _load(checklist_uuid)
    form = ReviewForm()
    if not form.validate():
        return _render_checklist(checklist, form, 422)
    try:
        workflow.review_checklist(checklist, form.action.data, current_user, form.comment.data, revision=form.revision.data,
                                  item_comments=_item_comments())
    except workflow.ReviewInvalid as invalid:
        item_problems = {}
        for field, message in invalid.problems.items():
            if field.startswith("item_comments"):
                item_problems[field] = message
            else:
                form[field].errors.append(message)
        return _render_checklist(checklist, form, 422, item_problems)
    except (workflow.TransitionRefused, workflow.StaleReview) as refused:
        flash(str(refused), "error")
        return redirect(url_for("review.checklist_page", checklist_uuid=checklist.uuid))
    flash({"approve": _("Checklist approved."), "return": _("Checklist returned to the monitor."),
           "reject": _("Checklist rejected.")}[form.action.data])
    return redirect(url_for("review.queue"))


@review.get("/checklists/<checklist_uuid>/revisions/<int:number>")
@roles_required(*REVIEW_ROLES)
def revision_page(checklist_uuid: str, number: int):
    checklist = _load(checklist_uuid)
    revision = revisions.get_revision(checklist, number)
    if revision is None:
        abort(404, _("This checklist has no revision %(number)s.", number=number))
    definition = definition_of(checklist)
    return render_template(
        "review/revision.html", checklist=checklist, definition=definition, revision=revision, language=_language(),
        changes=label_changes(definition, revision.changes, _language()),
    )


@review.get("/checklists/<checklist_uuid>/compare")
@roles_required(*REVIEW_ROLES)
def compare(checklist_uuid: str):
    """Differences between any two revisions, item by item (default: the first and the latest)."""
    checklist = _load(checklist_uuid)
    if not checklist.revision:
        abort(404, _("This checklist has not been submitted yet, so it has no revisions to compare."))
    first = integer_argument("from", 1)
    second = integer_argument("to", checklist.revision)
    older, newer = revisions.get_revision(checklist, first), revisions.get_revision(checklist, second)
    if older is None or newer is None:
        abort(404, _("Choose revisions between 1 and %(latest)s.", latest=checklist.revision))
    definition = definition_of(checklist)
    changes = label_changes(definition, diff_documents(definition, older.document, newer.document), _language())
    return render_template("review/compare.html", checklist=checklist, older=older, newer=newer, changes=changes,
                           numbers=range(1, checklist.revision + 1))


@review.get("/checklists/<checklist_uuid>/correct")
@roles_required(*REVIEW_ROLES)
def correct(checklist_uuid: str):
    """The sections a manager can open to correct."""
    checklist = _load(checklist_uuid)
    if four_eyes.blocks(checklist, current_user):
        flash(four_eyes.refusal(four_eyes.CORRECT), "error")
        return redirect(url_for("review.checklist_page", checklist_uuid=checklist.uuid))
    definition, document = _document(checklist)
    steps = [(step, _correction_url(checklist, step)) for step in steps_of(definition, document)]
    return render_template("review/correct.html", checklist=checklist, definition=definition, steps=steps,
                           language=_language())


def _correction_url(checklist: Checklist, step) -> str:
    if step.level == "hearing":
        return url_for("review.correct_hearing", checklist_uuid=checklist.uuid, section_key=step.section.key)
    endpoint = "review.correct_accused" if step.level == "accused" else "review.correct_juvenile"
    return url_for(endpoint, checklist_uuid=checklist.uuid, number=step.accused_index + 1, section_key=step.section.key)


@review.route("/checklists/<checklist_uuid>/correct/hearing/<section_key>", methods=["GET", "POST"])
@roles_required(*REVIEW_ROLES)
def correct_hearing(checklist_uuid: str, section_key: str):
    return _correct_section(checklist_uuid, "hearing", section_key, None)


@review.route("/checklists/<checklist_uuid>/correct/accused/<int:number>/<section_key>", methods=["GET", "POST"])
@roles_required(*REVIEW_ROLES)
def correct_accused(checklist_uuid: str, number: int, section_key: str):
    return _correct_section(checklist_uuid, "accused", section_key, number - 1)


@review.route("/checklists/<checklist_uuid>/correct/accused/<int:number>/juvenile/<section_key>", methods=["GET", "POST"])
@roles_required(*REVIEW_ROLES)
def correct_juvenile(checklist_uuid: str, number: int, section_key: str):
    return _correct_section(checklist_uuid, "juvenile", section_key, number - 1)


def _correct_section(checklist_uuid: str, level: str, section_key: str, accused_index: int | None):
    checklist = _load(checklist_uuid)
    if not checklist.is_correctable:
        flash(corrections.not_correctable_message(checklist), "error")
        return redirect(url_for("review.checklist_page", checklist_uuid=checklist.uuid))
    if four_eyes.blocks(checklist, current_user):
        flash(four_eyes.refusal(four_eyes.CORRECT), "error")
        return redirect(url_for("review.checklist_page", checklist_uuid=checklist.uuid))
    definition, document = _document(checklist)
    steps, position = section_page.locate(definition, document, level, section_key, accused_index)
    step = steps[position]
    block = section_page.block_of(document, step)
    language = _language()
    status, problems_elsewhere, stale = 200, {}, None

    if request.method == "POST":
        form = section_form(step.section, language)
        meta = CorrectionForm(prefix=CORRECTION_PREFIX)
        if form.validate() & meta.validate():
            section_page.apply_form(form, step.section, block)
            try:
                revision = corrections.correct_checklist(
                    checklist, current_user, document, meta.base_revision.data, meta.comment.data).revision
            except revisions.StaleRevision as refused:
                stale, status = str(refused), 409
            except checklist_service.ChecklistInvalid as invalid:
                if "comment" in invalid.problems:
                    meta.comment.errors = [invalid.problems.pop("comment")]
                section_page.show_problems(form, {p: m for p, m in invalid.problems.items() if step.owns(p)})
                problems_elsewhere = {p: m for p, m in invalid.problems.items() if not step.owns(p)}
                status = 422
            except corrections.NothingChanged as unchanged:
                flash(str(unchanged))
                return redirect(url_for("review.checklist_page", checklist_uuid=checklist.uuid))
            except checklist_service.ChecklistLocked as locked:
                flash(str(locked), "error")
                return redirect(url_for("review.checklist_page", checklist_uuid=checklist.uuid))
            else:
                flash(_("Correction saved as revision %(number)s.", number=revision.number))
                return redirect(url_for("review.revision_page", checklist_uuid=checklist.uuid, number=revision.number))
        else:
            status = 422
    else:
        form = section_page.filled_form(step.section, block, language)
        meta = CorrectionForm(prefix=CORRECTION_PREFIX, formdata=None, data={"base_revision": checklist.revision})

    return render_template(
        "review/correct_section.html", checklist=checklist, definition=definition, step=step, form=form, meta=meta,
        language=language, stale=stale, problems_elsewhere=problems_elsewhere,
        **section_page.template_context(document, step, language, form),
    ), status
