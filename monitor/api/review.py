"""Review through the API: the queue, decisions, corrections, revisions and their differences.

Managers and administrators only, except the list, where a monitor sees their own checklists."""
from flask import abort, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user, login_required
from marshmallow import Schema, fields, validate

from monitor.access import REVIEW_ROLES, roles_required
from monitor.api import Unprocessable, api, committed_after, load
from monitor.api.checklist_json import as_json
from monitor.api.json_input import load_json
from monitor.api.schemas import (
    ChangeSchema,
    CorrectionInSchema,
    ReviewActionSchema,
    ReviewInSchema,
    RevisionSchema,
    RevisionWithDocumentSchema,
    SubmissionSummarySchema,
)
from monitor.checklists.diff import diff_documents, label_changes
from monitor.extensions import db
from monitor.i18n import current_language
from monitor.input_guard import MAX_INTEGER, integer_argument
from monitor.models import Checklist
from monitor.services import checklists as checklist_service
from monitor.services import corrections, revisions
from monitor.services import review as workflow
from monitor.services import review_queue
from monitor.services.checklist_filters import ALL_STATES, REVIEWABLE_STATES, ChecklistFilter
from monitor.services.definitions import definition_of


#: Made once: a schema instance keeps no state between loads.
REVIEW_IN = ReviewInSchema()


class SubmissionQuerySchema(Schema):
    status = fields.String(load_default=None, validate=validate.OneOf(ALL_STATES))
    court = fields.String(load_default=None)
    monitor = fields.String(load_default=None)
    date_from = fields.Date(data_key="from", load_default=None)
    date_to = fields.Date(data_key="to", load_default=None)
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_INTEGER))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


def _conflict(message: str):
    return jsonify(error="conflict", message=message), 409


def _load(checklist_uuid: str) -> Checklist:
    checklist = checklist_service.find_checklist(checklist_uuid)
    if checklist is None:
        abort(404, _("No checklist with this uuid."))
    return checklist


@api.get("/submissions")
@login_required
def list_submissions():
    """Managers: every checklist (the review queue); monitors: their own."""
    query = load(SubmissionQuerySchema(), request.args.to_dict())
    own_only = not current_user.is_manager
    if query["status"]:
        states = (query["status"],)
    else:
        states = ALL_STATES if own_only else REVIEWABLE_STATES
    checklist_filter = ChecklistFilter(
        court_key=query["court"], monitor_username=current_user.username if own_only else query["monitor"],
        date_from=query["date_from"], date_to=query["date_to"], states=states,
    )
    page = db.paginate(review_queue.newest_first(checklist_filter), page=query["page"], per_page=query["per_page"],
                       error_out=False)
    items = SubmissionSummarySchema(many=True).dump(page.items)
    decisions = workflow.latest_decisions([checklist.id for checklist in page.items])
    for item, checklist in zip(items, page.items):
        decision = decisions.get(checklist.id)
        item["review"] = ReviewActionSchema().dump(decision) if decision else None
    return jsonify(items=items, page=page.page, pages=page.pages, total=page.total)


@api.post("/submissions/<checklist_uuid>/review")
@roles_required(*REVIEW_ROLES)
def review_submission(checklist_uuid: str):
    checklist = _load(checklist_uuid)
    data = load_json(REVIEW_IN)
    try:
        workflow.review_checklist(checklist, data["action"], current_user, data["comment"], revision=data["revision"],
                                  item_comments=data["item_comments"], commit=False)
    except workflow.ReviewInvalid as invalid:
        raise Unprocessable(invalid.problems) from None
    except (workflow.TransitionRefused, workflow.StaleReview) as refused:
        db.session.rollback()
        return _conflict(str(refused))
    return committed_after(jsonify(as_json(checklist)))


@api.post("/submissions/<checklist_uuid>/corrections")
@roles_required(*REVIEW_ROLES)
def correct_submission(checklist_uuid: str):
    """Save corrected answers as a new revision; 409 when based on a stale revision."""
    checklist = _load(checklist_uuid)
    data = load_json(CorrectionInSchema(definition=definition_of(checklist)))
    document = {"hearing": data["hearing"], "accused": data["accused"]}
    try:
        correction = corrections.correct_checklist(checklist, current_user, document, data["base_revision"],
                                                   data["comment"], sent=True, commit=False)
    except revisions.StaleRevision as stale:
        return jsonify(error="stale_revision", message=str(stale), revision=stale.current.number if stale.current else None), 409
    except checklist_service.ChecklistInvalid as invalid:
        raise Unprocessable(invalid.problems) from None
    except checklist_service.ChecklistLocked as locked:
        return _conflict(str(locked))
    except corrections.NothingChanged as unchanged:
        return jsonify(error="unchanged", message=str(unchanged), revision=checklist.revision), 422
    return committed_after(jsonify(RevisionSchema().dump(correction.revision) | {"ignored": correction.ignored})), 201


@api.get("/submissions/<checklist_uuid>/revisions")
@roles_required(*REVIEW_ROLES)
def list_revisions(checklist_uuid: str):
    return jsonify(RevisionSchema(many=True).dump(revisions.revisions_of(_load(checklist_uuid))))


@api.get("/submissions/<checklist_uuid>/revisions/<int:number>")
@roles_required(*REVIEW_ROLES)
def get_revision(checklist_uuid: str, number: int):
    revision = revisions.get_revision(_load(checklist_uuid), number)
    if revision is None:
        abort(404, _("This checklist has no revision %(number)s.", number=number))
    return jsonify(RevisionWithDocumentSchema().dump(revision))


@api.get("/submissions/<checklist_uuid>/diff")
@roles_required(*REVIEW_ROLES)
def diff_revisions(checklist_uuid: str):
    """Item-by-item differences between revisions `from` and `to` (default: 1 and the latest)."""
    checklist = _load(checklist_uuid)
    first = integer_argument("from", 1)
    second = integer_argument("to", checklist.revision)
    older, newer = revisions.get_revision(checklist, first), revisions.get_revision(checklist, second)
    if older is None or newer is None:
        abort(404, _("Choose revisions between 1 and %(latest)s.", latest=checklist.revision) if checklist.revision
              else _("No revisions yet."))
    definition = definition_of(checklist)
    raw = diff_documents(definition, older.document, newer.document)
    changes = [
        {"path": change["path"], "before": change["before"], "after": change["after"],
         "where": labelled.where, "label": labelled.label, "before_text": labelled.before, "after_text": labelled.after}
        for change, labelled in zip(raw, label_changes(definition, raw, current_language()))
    ]
    return jsonify({"from": first, "to": second, "changes": ChangeSchema(many=True).dump(changes)})
