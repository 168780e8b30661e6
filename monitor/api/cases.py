"""Cases followed across hearings: finding them and opening one (a phone offline included)."""
from flask import abort, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from monitor.access import FILING_ROLES
from monitor.api import Unprocessable, api, committed_after, load
from monitor.api.json_input import load_json
from monitor.api.schemas import CaseInSchema, CaseOutSchema, CaseQuerySchema
from monitor.checklists.wording import shortened
from monitor.extensions import db
from monitor.services import cases
from monitor.services.courts import active_court, court_by_key

CASE_IN = CaseInSchema()
CASE_QUERY = CaseQuerySchema()
CASE_OUT = CaseOutSchema()


def _described(found: list, counts: dict[int, int]) -> list[dict]:
    described = []
    for case in found:
        data = CASE_OUT.dump(case)
        data["hearings"] = counts.get(case.id, 0)
        described.append(data)
    return described


def _refuse_other_roles() -> None:
    if not current_user.has_role(*FILING_ROLES):
        abort(403, _("Your role does not follow cases."))


@api.get("/cases")
@login_required
def list_cases():
    _refuse_other_roles()
    query = load(CASE_QUERY, request.args.to_dict())
    court = None
    if query["court"] is not None:
        court = court_by_key(query["court"])
        if court is None:
            raise Unprocessable({"court": _("unknown court '%(key)s'", key=shortened(query["court"]))})
    found = cases.search_cases(query["q"], court, query["limit"])
    return jsonify(_described(found, cases.hearing_counts(found)))


@api.post("/cases")
@login_required
def open_case():
    _refuse_other_roles()
    data = load_json(CASE_IN)
    court = active_court(data["court"])
    if court is None:
        raise Unprocessable({"court": _("unknown court '%(key)s'", key=shortened(data["court"]))})
    try:
        opened = cases.open_case(current_user, court, data["offence_categories"], data["accused"],
                                 case_uuid=str(data["uuid"]) if data["uuid"] else None, status=data["status"], commit=False)
    except cases.CaseInvalid as invalid:
        raise Unprocessable(invalid.problems) from None
    except cases.CaseConflict as conflict:
        db.session.rollback()
        return jsonify(error="conflict", message=str(conflict)), 409
    answer = _described([opened.case], cases.hearing_counts([opened.case]))[0]
    return committed_after(jsonify(answer)), 201 if opened.created else 200
