"""marshmallow schemas of the API: what a client sends and what it gets back."""
from marshmallow import Schema, fields, validate

from monitor.models import ChecklistStatus
from monitor.models.timestamps import as_utc


class UtcDateTime(fields.DateTime):
    """ISO 8601 with its UTC offset on both engines (SQLite reads stored times back without one)."""

    def _serialize(self, value, attr, obj, **kwargs):
        return super()._serialize(as_utc(value) if value is not None else None, attr, obj, **kwargs)


class SubmissionInSchema(Schema):
    """A whole checklist as a device sends it. Answers are checked against the definition afterwards."""

    uuid = fields.UUID(required=True, metadata={"description": "Made by the device when the checklist is started; retries reuse it."})
    checklist = fields.String(required=True, metadata={"description": "Checklist definition key, e.g. fair_trial."})
    version = fields.Integer(strict=True, required=True, metadata={"description": "Definition version the checklist was filled with."})
    court = fields.String(required=True, metadata={"description": "Court key (GET /api/v1/courts)."})
    status = fields.String(
        required=True, validate=validate.OneOf([ChecklistStatus.DRAFT.value, ChecklistStatus.SUBMITTED.value])
    )
    #: Answers are checked item by item against the definition afterwards (JSON keys are text).
    hearing = fields.Dict(required=True, metadata={"description": "Hearing answers by item key."})
    accused = fields.List(
        fields.Dict(),
        load_default=list,
        metadata={"description": "One object per accused: answers by item key, plus 'juvenile' for the annex."},
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


class ReviewInSchema(Schema):
    """A manager's decision on a submitted checklist."""

    action = fields.String(required=True, validate=validate.OneOf(["approve", "return", "reject"]))
    comment = fields.String(load_default="", validate=validate.Length(max=2000),
                            metadata={"description": "Required to return or reject; the monitor reads it."})
    revision = fields.Integer(strict=True, load_default=None, allow_none=True,
                              metadata={"description": "The revision the decision is based on; refused with 409 if stale."})


class CorrectionInSchema(Schema):
    """A manager's corrected answers: the whole document, based on a revision."""

    base_revision = fields.Integer(strict=True, required=True, metadata={"description": "Revision the correction starts from."})
    comment = fields.String(load_default="", validate=validate.Length(max=2000), metadata={"description": "Why."})
    hearing = fields.Dict(keys=fields.String(), required=True)
    accused = fields.List(fields.Dict(keys=fields.String()), load_default=list)


class ReviewActionSchema(Schema):
    action = fields.String()
    from_status = fields.String(data_key="from")
    to_status = fields.String(data_key="to")
    actor = fields.Function(lambda r: r.actor.username)
    actor_name = fields.Function(lambda r: r.actor.display_name, metadata={"description": "The reviewer's name, as people read it."})
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
        metadata={"description": "Problem by path, e.g. 'accused[1].juvenile.in_camera'."},
    )


class CourtSchema(Schema):
    key = fields.String()
    name = fields.String()


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
    language = fields.String(allow_none=True, metadata={"description": "Interface language chosen by the person; null until chosen."})


class SessionSchema(Schema):
    user = fields.Nested(UserSchema)
    csrf_token = fields.String(metadata={"description": "Send as X-CSRFToken on writes made with the session cookie."})
