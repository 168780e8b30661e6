"""A checklist as the JSON API writes it: stored fields, answers and the last review decision.

Shared by the submission and review endpoints (a view module never imports another)."""
from monitor.api.schemas import ReviewActionSchema, SubmissionOutSchema
from monitor.services import review
from monitor.services.cases import case_uuid_of
from monitor.services.checklists import document_of, with_answers_loaded

#: Made once: a schema instance keeps no state between loads and dumps, and building one costs
#: about as much as using it.
SUBMISSION_OUT = SubmissionOutSchema()
REVIEW_ACTION = ReviewActionSchema()


def as_json(checklist) -> dict:
    """A stored checklist, read back, with the last review decision (a returned checklist's comment)."""
    checklist = with_answers_loaded(checklist)
    return described(checklist, document_of(checklist), review.latest_decision(checklist))


def described(checklist, document: dict, decision) -> dict:
    """The checklist's fields, its `document` (hearing and accused answers) and `decision` (or None)."""
    data = SUBMISSION_OUT.dump(checklist)
    data.update(document)
    data["review"] = REVIEW_ACTION.dump(decision) if decision else None
    data["item_comments"] = review.item_comments_for_monitor(checklist, decision)
    data["case"] = case_uuid_of(checklist)
    return data
