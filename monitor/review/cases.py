"""A case for managers: its hearings in order, each linked to its checklist, and the facts they
tell together (monitor.services.case_facts)."""
from dataclasses import dataclass
from datetime import date

from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from monitor.access import REVIEW_ROLES, roles_required
from monitor.i18n import current_language
from monitor.labels import CASE_STATUS_LABELS, answer_label
from monitor.models import Checklist
from monitor.review import review
from monitor.services import cases
from monitor.services.case_facts import ADJOURNED, STAGE
from monitor.services.courts import all_courts, court_by_key
from monitor.services.definitions import current_definition, definition_of

#: Hearing items shown on each line of the timeline, with their column headings; a column no
#: hearing answers (its definition lacks the item) is left out.
TIMELINE_COLUMNS = ((STAGE, _l("Stage")), ("hearing_type", _l("Type of hearing")), (ADJOURNED, _l("Adjourned")),
                    ("verdict_announced", _l("Verdict announced")))


@dataclass
class TimelineRow:
    checklist: Checklist
    hearing_date: date | None
    #: item key -> the answer in words ("" when not answered or not in the definition).
    answers: dict[str, str]
    #: Submitted or approved: the case's facts are computed from it.
    counted: bool


def _timeline_row(checklist: Checklist, language: str) -> TimelineRow:
    items = definition_of(checklist).items_by_key
    words = {key: answer_label(items[key], checklist.answers.get(key), language) if key in items else ""
             for key, _heading in TIMELINE_COLUMNS}
    return TimelineRow(checklist, checklist.hearing_date, words, checklist.status in cases.COUNTED)


def _offence_labels(keys: list[str], language: str) -> list[str]:
    item = current_definition().items_by_key.get(cases.OFFENCE_CATEGORIES)
    return [item.choice_label(key, language) if item is not None else key for key in keys]


#: The most cases one search lists (the newest first); a code narrows it down.
LISTED = 100
#: A search longer than any case code finds nothing: it is cut here instead.
SEARCH_LENGTH = 40


@review.get("/cases")
@roles_required(*REVIEW_ROLES)
def case_list():
    text = request.args.get("q", "").strip()[:SEARCH_LENGTH]
    court_key = request.args.get("court", "")
    court = court_by_key(court_key) if court_key else None
    problem = _("unknown court '%(key)s'", key=court_key[:60]) if court_key and court is None else None
    found = cases.search_cases(text or None, court, LISTED) if problem is None else []
    return render_template("review/cases.html", found=found, counts=cases.hearing_counts(found), text=text,
                           court_key=court_key, courts=all_courts(active_first=True), problem=problem,
                           status_labels={key: str(label) for key, label in CASE_STATUS_LABELS.items()},
                           listed=LISTED), 422 if problem else 200


@review.get("/cases/<code>")
@roles_required(*REVIEW_ROLES)
def case_page(code: str):
    case = cases.case_by_code(code)
    if case is None:
        abort(404, _("There is no case with this code."))
    language = current_language()
    checklists = cases.checklists_of_case(case)
    timeline = [_timeline_row(checklist, language) for checklist in checklists]
    return render_template(
        "review/case.html", case=case, facts=cases.facts_of(case, checklists), timeline=timeline,
        columns=[(key, heading) for key, heading in TIMELINE_COLUMNS if any(row.answers[key] for row in timeline)],
        offences=_offence_labels(case.offence_categories, language),
        case_status=str(CASE_STATUS_LABELS.get(case.status, case.status)),
        merged_into=cases.surviving(case) if case.merged_into_id is not None else None,
        twice=cases.same_hearing_twice(checklists),
    )
