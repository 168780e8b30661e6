"""marshmallow schemas of the API: what a client sends and what it gets back."""
from marshmallow import Schema, fields, validate

from monitor.models import ChecklistStatus


class SubmissionInSchema(Schema):
    """A whole checklist as a device sends it. Answers are checked against the definition afterwards."""

    uuid = fields.UUID(required=True, metadata={"description": "Made by the device when the checklist is started; retries reuse it."})
    checklist = fields.String(required=True, metadata={"description": "Checklist definition key, e.g. fair_trial."})
    version = fields.Integer(strict=True, required=True, metadata={"description": "Definition version the checklist was filled with."})
    court = fields.String(required=True, metadata={"description": "Court key (GET /api/v1/courts)."})
    status = fields.String(
        required=True, validate=validate.OneOf([ChecklistStatus.DRAFT.value, ChecklistStatus.SUBMITTED.value])
    )
    hearing = fields.Dict(keys=fields.String(), required=True, metadata={"description": "Hearing answers by item key."})
    accused = fields.List(
        fields.Dict(keys=fields.String()),
        load_default=list,
        metadata={"description": "One object per accused: answers by item key, plus 'juvenile' for the annex."},
    )


class SubmissionOutSchema(Schema):
    uuid = fields.String()
    checklist = fields.String(attribute="definition_key")
    version = fields.Integer(attribute="definition_version")
    court = fields.Function(lambda c: c.court.key)
    status = fields.String()
    monitor = fields.Function(lambda c: c.monitor.username)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    submitted_at = fields.DateTime(allow_none=True)
    #: Filled from the stored document by the view (see monitor.services.checklists.document_of).
    hearing = fields.Dict(dump_only=True, attribute="_document_hearing")
    accused = fields.List(fields.Dict(), dump_only=True, attribute="_document_accused")


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
    language = fields.String()


class SessionSchema(Schema):
    user = fields.Nested(UserSchema)
    csrf_token = fields.String(metadata={"description": "Send as X-CSRFToken on writes made with the session cookie."})
