"""Receiving checklists from devices, idempotently on the device's uuid."""
from flask import abort, jsonify
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload, selectinload

from monitor.access import FILING_ROLES, may_read_checklist
from monitor.api import Unprocessable, api, committed_after
from monitor.api.json_input import load_json
from monitor.api.schemas import ReviewActionSchema, SubmissionInSchema, SubmissionOutSchema
from monitor.checklists.wording import shortened
from monitor.extensions import db
from monitor.models import Accused, Checklist, Court
from monitor.services import checklists as service
from monitor.services import review
from monitor.services.checklists import document_of
from monitor.services.definitions import registry


#: Made once: a schema instance keeps no state between loads and dumps, and building one costs
#: about as much as using it.
SUBMISSION_IN = SubmissionInSchema()
SUBMISSION_OUT = SubmissionOutSchema()
REVIEW_ACTION = ReviewActionSchema()
#: Built once, for the same reason as the schemas: every submission looks up its court.
ACTIVE_COURT = select(Court).where(Court.key == bindparam("key"), Court.active)


def as_json(checklist):
    """A checklist as the API returns it, with the last review decision (a returned checklist's comment).

    Reloaded in two queries: after a commit every attribute would otherwise load lazily, one accused at a time."""
    checklist = db.session.scalars(
        select(Checklist).where(Checklist.id == checklist.id)
        .options(selectinload(Checklist.accused).joinedload(Accused.juvenile), joinedload(Checklist.court),
                 joinedload(Checklist.monitor))
        .execution_options(populate_existing=True)
    ).one()
    decision = review.latest_decision(checklist)
    return _described(checklist, document_of(checklist), decision)


def _described(checklist, document: dict, decision) -> dict:
    data = SUBMISSION_OUT.dump(checklist)
    data.update(document)
    data["review"] = REVIEW_ACTION.dump(decision) if decision else None
    data["item_comments"] = review.item_comments_for_monitor(checklist, decision)
    return data


@api.post("/submissions")
@login_required
def receive_submission():
    if not current_user.has_role(*FILING_ROLES):
        abort(403, _("Your role cannot file checklists."))
    data = load_json(SUBMISSION_IN)
    if data["author"] is not None and data["author"] != current_user.username:
        return jsonify(error="wrong_author", message=_(
            "This checklist was filled by %(author)s, but %(user)s is signed in. Sign in as %(author)s to send it.",
            author=shortened(data["author"]), user=current_user.username)), 409
    problems = {}
    definition = registry().get(data["checklist"], data["version"])
    if definition is None:
        problems["checklist"] = _("unknown checklist '%(key)s' version %(version)s", key=shortened(data["checklist"]),
                                  version=shortened(data["version"]))
    court = db.session.scalar(ACTIVE_COURT, {"key": data["court"]})
    if court is None:
        problems["court"] = _("unknown court '%(key)s'", key=shortened(data["court"]))
    if problems:
        raise Unprocessable(problems)
    document = {"hearing": data["hearing"], "accused": data["accused"]}
    try:
        received = service.receive_checklist(
            current_user, definition, court, str(data["uuid"]), data["status"], document, commit=False,
            base_revision=data["base_revision"], base_hash=data["base_hash"],
        )
    except service.ChecklistInvalid as invalid:
        raise Unprocessable(invalid.problems) from None
    except service.ChecklistConflict as conflict:
        db.session.rollback()
        return jsonify(error="stale" if isinstance(conflict, service.ChecklistStale) else "conflict", message=str(conflict)), 409
    # A new checklist is described from what was just written (no review decision yet); a stored
    # one is read back, after a retry or a replaced draft.
    checklist = received.checklist
    described = _described(checklist, document_of(checklist), None) if received.created else as_json(checklist)
    described["ignored"] = received.ignored
    return committed_after(jsonify(described)), 201 if received.created else 200


@api.get("/submissions/<checklist_uuid>")
@login_required
def get_submission(checklist_uuid: str):
    checklist = service.find_checklist(checklist_uuid)
    if checklist is None:
        abort(404, _("No checklist with this uuid."))
    if not may_read_checklist(current_user, checklist):
        abort(403, _("This checklist belongs to another monitor."))
    return jsonify(as_json(checklist))
