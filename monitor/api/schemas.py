"""marshmallow schemas of the API: what a client sends and what it gets back."""
from flask_babel import gettext as _
from marshmallow import Schema, ValidationError, fields, pre_load, validate

from monitor.checklists.answers import ANNEX
from monitor.checklists.bounds import size_problems
from monitor.checklists.definition import Definition
from monitor.models import ChecklistStatus
from monitor.models.timestamps import as_utc
from monitor.services.definitions import registry


class UtcDateTime(fields.DateTime):
    """ISO 8601 with its UTC offset on both engines (SQLite reads stored times back without one)."""

    def _serialize(self, value, attr, obj, **kwargs):
        return super()._serialize(as_utc(value) if value is not None else None, attr, obj, **kwargs)


class Answers(fields.Dict):
    """Answers by item key (JSON keys are always text); each answer and key is checked against the
    checklist definition afterwards, which names an unknown key, so marshmallow does not check
    them one by one."""


class AccusedAnswers(Answers):
    """One accused's answers, with the juvenile annex (`juvenile`) as an object of answers."""

    def _deserialize(self, value, attr, data, **kwargs):
        answers = super()._deserialize(value, attr, data, **kwargs)
        if ANNEX in answers and not isinstance(answers[ANNEX], dict):
            raise ValidationError({ANNEX: [_("must be an object of answers")]})
        return answers


class DocumentSchema(Schema):
    """A checklist's answers as one document (see monitor.checklists.answers), whose size is
    checked against its definition before anything else is read (monitor.checklists.bounds)."""

    hearing = Answers(required=True, metadata={"description": "Hearing answers by item key."})
    accused = fields.List(
        AccusedAnswers(),
        load_default=list,
        metadata={"description": "One object per accused: answers by item key, plus 'juvenile' for the annex."},
    )

    def definition_for(self, data: dict) -> Definition | None:
        """The definition the answers are for, when `data` tells it."""
        return None

    def size_problems(self, data: dict) -> dict[str, str]:
        """What in `data` is larger than its definition allows (nothing when the definition is unknown)."""
        definition = self.definition_for(data)
        return size_problems(definition, data) if definition is not None else {}

    @pre_load
    def within_the_definitions_bounds(self, data, **kwargs):
        problems = self.size_problems(data) if isinstance(data, dict) else {}
        if problems:
            raise ValidationError(problems)
        return data


class SubmissionInSchema(DocumentSchema):
    """A whole checklist as a device sends it. Answers are checked against the definition afterwards."""

    uuid = fields.UUID(required=True,
                       metadata={"description": "Made by the device when the checklist is started; retries reuse it."})
    checklist = fields.String(required=True, metadata={"description": "Checklist definition key, e.g. fair_trial."})
    version = fields.Integer(strict=True, required=True,
                             metadata={"description": "Definition version the checklist was filled with."})
    court = fields.String(required=True, metadata={"description": "Court key (GET /api/v1/courts)."})
    status = fields.String(
        required=True, validate=validate.OneOf([ChecklistStatus.DRAFT.value, ChecklistStatus.SUBMITTED.value])
    )
    author = fields.String(load_default=None, metadata={
        "description": "Username of the monitor who filled the checklist on the device; when given, refused (409 "
                       "wrong_author) unless it is the account signed in, so a send can never be stored under another name."})
    base_revision = fields.Integer(strict=True, load_default=None, allow_none=True, metadata={
        "description": "The server's revision the device's copy started from (after a return); 409 stale when it "
                       "has moved on."})
    base_hash = fields.String(load_default=None, allow_none=True, validate=validate.Length(equal=64), metadata={
        "description": "The content_hash of the server's copy the device last saw; 409 stale when the stored "
                       "checklist changed since (edited on another device)."})

    case = fields.UUID(load_default=None, allow_none=True, metadata={
        "description": "The case this hearing belongs to (POST /api/v1/cases; a case opened offline is sent "
                       "there first); 422 when unknown. Leave out for a checklist that names no case."})

    def definition_for(self, data: dict) -> Definition | None:
        key, version = data.get("checklist"), data.get("version")
        if isinstance(key, str) and isinstance(version, int) and not isinstance(version, bool):
            return registry().get(key, version)
        return None


class ReviewInSchema(Schema):
    """A manager's decision on a submitted checklist."""

    action = fields.String(required=True, validate=validate.OneOf(["approve", "return", "reject"]))
    comment = fields.String(load_default="", validate=validate.Length(max=2000),
                            metadata={"description": "Required to return or reject; the monitor reads it."})
    revision = fields.Integer(strict=True, load_default=None, allow_none=True,
                              metadata={"description": "The revision the decision is based on; refused with 409 if stale."})
    item_comments = fields.Dict(keys=fields.String(validate=validate.Length(max=200)), values=fields.String(),
                                load_default=dict, metadata={
        "description": "With return or reject: comments on single items by path (\"accused[0].age_at_offence\"); "
                       "the monitor reads each next to its item."})


class CorrectionInSchema(DocumentSchema):
    """A manager's corrected answers: the whole document, based on a revision."""

    base_revision = fields.Integer(strict=True, required=True, metadata={"description": "Revision the correction starts from."})
    comment = fields.String(load_default="", validate=validate.Length(max=2000),
                            metadata={"description": "Why the answers are corrected: required (422 without it); kept in "
                                                     "the history and the audit log."})

    def __init__(self, *, definition: Definition | None = None, **kwargs):
        super().__init__(**kwargs)
        self.definition = definition

    def definition_for(self, data: dict) -> Definition | None:
        return self.definition


class ReviewActionSchema(Schema):
    action = fields.String()
    from_status = fields.String(data_key="from")
    to_status = fields.String(data_key="to")
    actor = fields.Function(lambda r: r.actor.username)
    actor_name = fields.Function(lambda r: r.actor.display_name,
                                 metadata={"description": "The reviewer's name, as people read it."})
    revision = fields.Integer()
    comment = fields.String()
    created_at = UtcDateTime()


class RevisionSchema(Schema):
    number = fields.Integer()
    base = fields.Integer(attribute="base_number", allow_none=True)
    kind = fields.String()
    author = fields.Function(lambda r: r.author.username)
    created_at = UtcDateTime()
    comment = fields.String()
    changes = fields.List(fields.Dict(), metadata={"description": "[{path, before, after}] from the previous revision."})


class RevisionWithDocumentSchema(RevisionSchema):
    document = fields.Dict()


class ChangeSchema(Schema):
    path = fields.String(metadata={"description": "e.g. accused[0].juvenile.in_camera (accused counted from 0)"})
    where = fields.String(metadata={"description": "Block, e.g. 'Accused 1 · Juvenile annex'"})
    label = fields.String(metadata={"description": "The item's question"})
    before = fields.Raw(allow_none=True, metadata={"description": "Stored answer, null when unanswered"})
    after = fields.Raw(allow_none=True)
    before_text = fields.String(metadata={"description": "The answer as shown to people"})
    after_text = fields.String()


class SubmissionOutSchema(Schema):
    uuid = fields.String()
    checklist = fields.String(attribute="definition_key")
    version = fields.Integer(attribute="definition_version")
    court = fields.Function(lambda c: c.court.key)
    status = fields.String()
    monitor = fields.Function(lambda c: c.monitor.username)
    created_at = UtcDateTime()
    updated_at = UtcDateTime()
    submitted_at = UtcDateTime(allow_none=True)
    revision = fields.Integer(metadata={"description": "Latest revision; send it as base_revision when correcting."})
    content_hash = fields.String(metadata={"description": "Changes whenever the stored checklist changes; send it "
                                                          "back as base_hash."})
    #: Filled from the stored document by the view (see monitor.services.checklists.document_of).
    hearing = fields.Dict(dump_only=True, attribute="_document_hearing")
    accused = fields.List(fields.Dict(), dump_only=True, attribute="_document_accused")
    #: Filled by the view (see monitor.api.checklist_json).
    case = fields.String(dump_only=True, allow_none=True, attribute="_case",
                         metadata={"description": "uuid of the case the hearing belongs to; null when it names none."})
    #: Filled by the view from the decision that returned the checklist.
    item_comments = fields.Dict(keys=fields.String(), values=fields.String(), dump_only=True, attribute="_item_comments",
                                metadata={"description": "While the checklist is returned: the manager's comments on "
                                                         "single items, by path; empty otherwise."})


IGNORED_DESCRIPTION = (
    "Answers that were sent but not kept, by path, with the reason in the client's language: answers to items "
    "not asked given the other answers (their condition is not met), and a juvenile annex for an accused 18 or "
    "over at the offence, e.g. {\"accused[0].juvenile\": \"accused is 19 at the offence\"}. "
    "Empty when everything sent was kept."
)


class SubmissionReceivedSchema(SubmissionOutSchema):
    """The answer to a submission: the stored checklist, and what of the request was not kept."""

    ignored = fields.Dict(keys=fields.String(), values=fields.String(), required=True,
                          metadata={"description": IGNORED_DESCRIPTION})


class CorrectionOutSchema(RevisionSchema):
    """The answer to a correction: the new revision, and what of the request was not kept."""

    ignored = fields.Dict(keys=fields.String(), values=fields.String(), required=True,
                          metadata={"description": IGNORED_DESCRIPTION})


class SubmissionPageSchema(Schema):
    items = fields.List(fields.Nested(lambda: SubmissionSummarySchema()))
    page = fields.Integer()
    pages = fields.Integer()
    total = fields.Integer()


class SubmissionSummarySchema(Schema):
    uuid = fields.String()
    court = fields.Function(lambda c: c.court.key)
    monitor = fields.Function(lambda c: c.monitor.username)
    hearing_date = fields.Date(allow_none=True)
    status = fields.String()
    revision = fields.Integer()
    content_hash = fields.String()
    submitted_at = UtcDateTime(allow_none=True)
    updated_at = UtcDateTime()
    #: Set by the view from one query for the whole page (see monitor.services.review.latest_decisions).
    review = fields.Raw(dump_only=True, allow_none=True, metadata={
        "description": "The last manager decision (action, comment, actor, created_at), e.g. why it was returned."})


class ErrorSchema(Schema):
    error = fields.String(required=True)
    message = fields.String()


class ValidationErrorSchema(ErrorSchema):
    errors = fields.Dict(
        keys=fields.String(), values=fields.String(),
        metadata={"description": "Problem by path, e.g. 'accused[1].juvenile.in_camera'; at most the first 100, "
                                 "with paths longer than 200 characters shortened."},
    )
    errors_total = fields.Integer(metadata={"description": "How many problems there are, listed or not."})


class CourtSchema(Schema):
    key = fields.String()
    name = fields.String()
    name_km = fields.String(allow_none=True, metadata={"description": "The name in Khmer; null until one is given."})


class DefinitionSummarySchema(Schema):
    key = fields.String()
    version = fields.Integer()
    title = fields.Dict(keys=fields.String(), values=fields.String())
    versions = fields.List(fields.Integer())


class UserSchema(Schema):
    id = fields.Integer()
    username = fields.String()
    display_name = fields.String()
    role = fields.String()
    language = fields.String(allow_none=True,
                             metadata={"description": "Interface language chosen by the person; null until chosen."})


class SessionSchema(Schema):
    user = fields.Nested(UserSchema)
    csrf_token = fields.String(metadata={"description": "Send as X-CSRFToken on writes made with the session cookie."})


class CaseInSchema(Schema):
    """A case as a phone (offline too) or another client opens it; the server assigns its code."""

    uuid = fields.UUID(load_default=None, metadata={
        "description": "Made by the device when the case is opened, so sending it again returns the same case."})
    court = fields.String(required=True, validate=validate.Length(max=60),
                          metadata={"description": "Court key (GET /api/v1/courts) where the case is heard."})
    offence_categories = fields.List(fields.String(validate=validate.Length(max=60)), load_default=list,
                                     validate=validate.Length(max=20), metadata={
        "description": "Choice keys of the checklist's offence_categories item."})
    accused = fields.Integer(strict=True, required=True, metadata={
        "description": "How many accused; they are coded A1, A2, ... in the order of the checklists' accused."})
    status = fields.String(load_default="ongoing", metadata={"description": "ongoing, verdict, appeal or closed."})


class CaseQuerySchema(Schema):
    """Finding cases: by part of the code, by court, the most recently changed first."""

    q = fields.String(load_default=None, validate=validate.Length(max=40),
                      metadata={"description": "Part of the case code, e.g. 42 or C-00042."})
    court = fields.String(load_default=None, validate=validate.Length(max=60))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class CaseOutSchema(Schema):
    """A case with minimal fields (what a phone keeps); never the court's case number."""

    uuid = fields.String()
    code = fields.String(metadata={"description": "The programme's case code, assigned by the server."})
    court = fields.Function(lambda c: c.court.key)
    offence_categories = fields.List(fields.String())
    status = fields.String()
    accused = fields.Function(lambda c: [accused.code for accused in c.accused],
                              metadata={"description": "Accused codes, in the order of the checklists' accused."})
    #: Set by the view from one query for all the cases listed.
    hearings = fields.Integer(dump_only=True, attribute="_hearings",
                              metadata={"description": "Checklists naming the case (any status)."})
    created_at = UtcDateTime()
    updated_at = UtcDateTime()
