"""Receiving checklists from devices, idempotently on the device's uuid."""
from flask import abort, jsonify
from flask_babel import gettext as _
from flask_login import current_user, login_required

from monitor.access import FILING_ROLES, may_read_checklist
from monitor.api import Unprocessable, api, committed_after
from monitor.api.checklist_json import as_json, described
from monitor.api.json_input import load_json
from monitor.api.schemas import SubmissionInSchema
from monitor.checklists.wording import shortened
from monitor.extensions import db
from monitor.services import cases
from monitor.services import checklists as service
from monitor.services.checklists import document_of
from monitor.services.courts import active_court
from monitor.services.definitions import registry


#: Made once: a schema instance keeps no state between loads and dumps, and building one costs
#: about as much as using it.
SUBMISSION_IN = SubmissionInSchema()


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
    court = active_court(data["court"])
    if court is None:
        problems["court"] = _("unknown court '%(key)s'", key=shortened(data["court"]))
    case = None
    if data["case"] is not None:
        case = cases.find_case(str(data["case"]))
        if case is None:
            problems["case"] = _("unknown case '%(uuid)s'; open it with POST /api/v1/cases first", uuid=data["case"])
    if problems:
        raise Unprocessable(problems)
    document = {"hearing": data["hearing"], "accused": data["accused"]}
    try:
        received = service.receive_checklist(
            current_user, definition, court, str(data["uuid"]), data["status"], document, commit=False,
            base_revision=data["base_revision"], base_hash=data["base_hash"], case=case,
        )
    except service.ChecklistInvalid as invalid:
        raise Unprocessable(invalid.problems) from None
    except service.ChecklistConflict as conflict:
        db.session.rollback()
        return jsonify(error="stale" if isinstance(conflict, service.ChecklistStale) else "conflict", message=str(conflict)), 409
    # A new checklist is described from what was just written (no review decision yet); a stored
    # one is read back, after a retry or a replaced draft.
    checklist = received.checklist
    answer = described(checklist, document_of(checklist), None) if received.created else as_json(checklist)
    answer["ignored"] = received.ignored
    return committed_after(jsonify(answer)), 201 if received.created else 200


@api.get("/submissions/<checklist_uuid>")
@login_required
def get_submission(checklist_uuid: str):
    checklist = service.find_checklist(checklist_uuid)
    if checklist is None:
        abort(404, _("No checklist with this uuid."))
    if not may_read_checklist(current_user, checklist):
        abort(403, _("This checklist belongs to another monitor."))
    return jsonify(as_json(checklist))
