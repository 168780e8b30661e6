"""Receiving checklists from devices, idempotently on the device's uuid."""
from flask import abort, jsonify
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from monitor.access import FILING_ROLES, may_read_checklist
from monitor.api import api, json_body, load, unprocessable
from monitor.api.schemas import ReviewActionSchema, SubmissionInSchema, SubmissionOutSchema
from monitor.extensions import db
from monitor.models import Court
from monitor.services import checklists as service
from monitor.services import review
from monitor.services.checklists import document_of
from monitor.services.definitions import registry


def as_json(checklist):
    """A checklist as the API returns it, with the last review decision (a returned checklist's comment)."""
    data = SubmissionOutSchema().dump(checklist)
    data.update(document_of(checklist))
    decision = review.latest_decision(checklist)
    data["review"] = ReviewActionSchema().dump(decision) if decision else None
    return data


@api.post("/submissions")
@login_required
def receive_submission():
    if not current_user.has_role(*FILING_ROLES):
        abort(403, "Your role cannot file checklists.")
    data = load(SubmissionInSchema(), json_body())
    problems = {}
    definition = registry().get(data["checklist"], data["version"])
    if definition is None:
        problems["checklist"] = f"unknown checklist '{data['checklist']}' version {data['version']}"
    court = db.session.scalar(select(Court).where(Court.key == data["court"], Court.active))
    if court is None:
        problems["court"] = f"unknown court '{data['court']}'"
    bad_accused = [i for i, a in enumerate(data["accused"]) if "juvenile" in a and not isinstance(a["juvenile"], dict)]
    problems.update({f"accused[{i}].juvenile": "must be an object of answers" for i in bad_accused})
    if problems:
        return unprocessable(problems)
    document = {"hearing": data["hearing"], "accused": data["accused"]}
    for attempt in range(2):
        try:
            checklist, created = service.receive_checklist(
                current_user, definition, court, str(data["uuid"]), data["status"], document
            )
            break
        except service.ChecklistInvalid as invalid:
            return unprocessable(invalid.problems)
        except service.ChecklistConflict as conflict:
            db.session.rollback()
            return jsonify(error="conflict", message=str(conflict)), 409
        except IntegrityError:
            # Two deliveries of the same new checklist raced; the second now finds the first.
            db.session.rollback()
            if attempt:
                raise
    return jsonify(as_json(checklist)), 201 if created else 200


@api.get("/submissions/<checklist_uuid>")
@login_required
def get_submission(checklist_uuid: str):
    checklist = service.find_checklist(checklist_uuid)
    if checklist is None:
        abort(404, "No checklist with this uuid.")
    if not may_read_checklist(current_user, checklist):
        abort(403, "This checklist belongs to another monitor.")
    return jsonify(as_json(checklist))
