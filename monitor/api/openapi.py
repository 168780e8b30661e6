"""The OpenAPI document of API v1, built from the same marshmallow schemas the API uses.

apispec is imported when the document is built, not with the module: every start imports this one."""
from __future__ import annotations

from typing import TYPE_CHECKING

from flask import jsonify

from monitor.api import api
from monitor.api.schemas import (
    CaseInSchema,
    CaseOutSchema,
    ChangeSchema,
    CorrectionInSchema,
    CorrectionOutSchema,
    CourtSchema,
    DefinitionSummarySchema,
    ErrorSchema,
    ReviewActionSchema,
    ReviewInSchema,
    RevisionSchema,
    RevisionWithDocumentSchema,
    SubmissionInSchema,
    SessionSchema,
    SubmissionOutSchema,
    SubmissionPageSchema,
    SubmissionReceivedSchema,
    ValidationErrorSchema,
)
from monitor.input_guard import MAX_INTEGER


#: A whole number an address can carry: ids, versions, revisions and pages fit a PostgreSQL integer.
WHOLE_NUMBER = {"type": "integer", "minimum": 1, "maximum": MAX_INTEGER}

if TYPE_CHECKING:
    from apispec import APISpec


NOT_JSON = "The body is not JSON: another Content-Type, not UTF-8, not parseable, or nested beyond what can be read"
INVALID_DOCUMENT = (
    "Invalid content, every problem by path (the first 100; errors_total counts them): text no database can store "
    "(the NUL character, lone surrogates), NaN or Infinity, a key sent twice in one object, nesting deeper than a "
    "checklist, more accused or answers than the checklist definition allows (the bound is named), answers the "
    "definition refuses, dates not written YYYY-MM-DD, a computed item (age, detention days) that disagrees with "
    "the dates it is worked out from, or a juvenile annex for an accused whose age at the offence is not known"
)


def _error(description: str, schema: str = "Error") -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


def _ok(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def build_openapi() -> dict:
    from apispec import APISpec
    from apispec.ext.marshmallow import MarshmallowPlugin

    spec = APISpec(
        title="Court Monitor API",
        version="1.0.0",
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        info={"description": "Fair-trial checklists: definitions and submissions."},
        servers=[{"url": "/api/v1"}],
    )
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    for name, schema in [
        ("SubmissionIn", SubmissionInSchema),
        ("Submission", SubmissionOutSchema),
        ("SubmissionReceived", SubmissionReceivedSchema),
        ("CorrectionOut", CorrectionOutSchema),
        ("Error", ErrorSchema),
        ("ValidationError", ValidationErrorSchema),
        ("Court", CourtSchema),
        ("ChecklistSummary", DefinitionSummarySchema),
        ("Session", SessionSchema),
        ("ReviewIn", ReviewInSchema),
        ("ReviewAction", ReviewActionSchema),
        ("CorrectionIn", CorrectionInSchema),
        ("Revision", RevisionSchema),
        ("RevisionWithDocument", RevisionWithDocumentSchema),
        ("Change", ChangeSchema),
        ("SubmissionPage", SubmissionPageSchema),
        ("CaseIn", CaseInSchema),
        ("Case", CaseOutSchema),
    ]:
        spec.components.schema(name, schema=schema)
    ref = lambda name: {"$ref": f"#/components/schemas/{name}"}  # noqa: E731
    unauthorized = _error("Not signed in")
    spec.path(path="/checklists", operations={"get": {
        "summary": "Checklist definitions available", "security": [{"bearer": []}],
        "responses": {"200": _ok("Current version of each checklist", {"type": "array", "items": ref("ChecklistSummary")}),
                      "401": unauthorized}}})
    spec.path(path="/checklists/{key}", operations={"get": {
        "summary": "One checklist definition, with conditions as syntax trees", "security": [{"bearer": []}],
        "parameters": [{"name": "key", "in": "path", "required": True, "schema": {"type": "string"}},
                       {"name": "version", "in": "query", "required": False, "schema": WHOLE_NUMBER}],
        "responses": {"200": _ok("The definition", {"type": "object"}), "401": unauthorized, "404": _error("No such checklist"),
                      "422": _error("The version is not a whole number in range", "ValidationError")}}})
    spec.path(path="/courts", operations={"get": {
        "summary": "Courts a checklist can name", "security": [{"bearer": []}],
        "responses": {"200": _ok("Active courts", {"type": "array", "items": ref("Court")}), "401": unauthorized}}})
    spec.path(path="/session", operations={"get": {
        "summary": "The signed-in user (and a CSRF token for browser sessions)", "security": [{"bearer": []}],
        "responses": {"200": _ok("The session", ref("Session")), "401": unauthorized}}})
    spec.path(path="/submissions", operations={"post": {
        "summary": "File or update a checklist (idempotent on uuid)", "security": [{"bearer": []}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": ref("SubmissionIn")}}},
        "responses": {
            "200": _ok("Already stored with this content; the stored checklist, and what was not kept",
                       ref("SubmissionReceived")),
            "201": _ok("Stored; the checklist as stored (computed items filled), and what was not kept",
                       ref("SubmissionReceived")),
            "400": _error(NOT_JSON),
            "401": unauthorized,
            "403": _error("Your role cannot file checklists"),
            "409": _error("Same uuid, different content from another author or after submission"),
            "422": _error(INVALID_DOCUMENT, "ValidationError"),
        }}})
    spec.path(path="/submissions/{uuid}", operations={"get": {
        "summary": "A stored checklist", "security": [{"bearer": []}],
        "parameters": [{"name": "uuid", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}],
        "responses": {"200": _ok("The checklist", ref("Submission")), "401": unauthorized,
                      "403": _error("Another monitor's checklist"), "404": _error("No such checklist")}}})
    spec.path(path="/statistics", operations={"get": {
        "summary": "Every indicator of a period, with numerator, denominator, excluded counts and breakdowns",
        "security": [{"bearer": []}],
        "parameters": [
            {"name": "period", "in": "query", "required": False, "schema": {"type": "string"},
             "description": "A quarter (2025-Q3), a reporting year (2025) or dates (2025-01-01..2025-03-31); "
                            "default: the last completed quarter"},
            {"name": "from", "in": "query", "required": False, "schema": {"type": "string", "format": "date"}},
            {"name": "to", "in": "query", "required": False, "schema": {"type": "string", "format": "date"}},
        ],
        "responses": {"200": _ok("The statistics of the period", {"type": "object"}), "401": unauthorized,
                      "403": _error("Only managers and administrators see statistics"),
                      "422": _error("The period cannot be read", "ValidationError")}}})
    _review_paths(spec, ref, unauthorized)
    _case_paths(spec, ref, unauthorized)
    _release_paths(spec)
    document = spec.to_dict()
    _document_malformed_requests(document)
    return document


def _document_malformed_requests(document: dict) -> None:
    """Any operation answers 400 to a request that cannot be read at all (control characters in
    the address, a body that is not JSON), before its own rules apply; one with a body answers 413
    to a body over MAX_CONTENT_LENGTH."""
    for operations in document["paths"].values():
        for operation in operations.values():
            if isinstance(operation, dict) and "responses" in operation:
                operation["responses"].setdefault("400", _error("Malformed request"))
                if "requestBody" in operation:
                    operation["responses"].setdefault("413", _error("The body is larger than the server accepts (1 MB)"))


def _review_paths(spec: APISpec, ref, unauthorized: dict) -> None:
    uuid = {"name": "uuid", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
    secured = {"security": [{"bearer": []}]}
    manager_only = _error("Only managers and administrators review")
    not_found = _error("No such checklist")
    spec.path(path="/submissions", operations={"get": {
        **secured, "summary": "Checklists, filtered and paginated (managers: all; monitors: their own)",
        "parameters": [{"name": name, "in": "query", "required": False, "schema": schema}
                       for name, schema in [("status", {"type": "string"}), ("court", {"type": "string"}),
                                            ("monitor", {"type": "string"}), ("from", {"type": "string"}),
                                            ("to", {"type": "string"}), ("page", WHOLE_NUMBER),
                                            ("per_page", {**WHOLE_NUMBER, "maximum": 200})]],
        "responses": {"200": _ok("One page", ref("SubmissionPage")), "401": unauthorized,
                      "422": _error("Invalid filter", "ValidationError")}}})
    spec.path(path="/submissions/{uuid}/review", operations={"post": {
        **secured, "summary": "Approve, return (with a comment the monitor sees) or reject", "parameters": [uuid],
        "requestBody": {"required": True, "content": {"application/json": {"schema": ref("ReviewIn")}}},
        "responses": {"200": _ok("The checklist after the decision", ref("Submission")), "400": _error(NOT_JSON),
                      "401": unauthorized, "403": manager_only, "404": not_found,
                      "409": _error("Not allowed from the current state, or the revision is stale"),
                      "422": _error("Unknown action or missing comment; text no database can store (NUL, lone "
                                    "surrogates); every problem by path", "ValidationError")}}})
    spec.path(path="/submissions/{uuid}/corrections", operations={"post": {
        **secured, "summary": "Correct answers; saved as a new revision", "parameters": [uuid],
        "requestBody": {"required": True, "content": {"application/json": {"schema": ref("CorrectionIn")}}},
        "responses": {"201": _ok("The new revision, and what was not kept", ref("CorrectionOut")), "400": _error(NOT_JSON),
                      "401": unauthorized, "403": manager_only,
                      "404": not_found, "409": _error("base_revision is stale, or the checklist is not correctable"),
                      "422": _error("Nothing changed, or " + INVALID_DOCUMENT, "ValidationError")}}})
    spec.path(path="/submissions/{uuid}/revisions", operations={"get": {
        **secured, "summary": "Every revision with its changes", "parameters": [uuid],
        "responses": {"200": _ok("Revisions, oldest first", {"type": "array", "items": ref("Revision")}),
                      "401": unauthorized, "403": manager_only, "404": not_found}}})
    spec.path(path="/submissions/{uuid}/revisions/{number}", operations={"get": {
        **secured, "summary": "One revision with its whole document",
        "parameters": [uuid, {"name": "number", "in": "path", "required": True, "schema": WHOLE_NUMBER}],
        "responses": {"200": _ok("The revision", ref("RevisionWithDocument")), "401": unauthorized,
                      "403": manager_only, "404": not_found}}})
    spec.path(path="/submissions/{uuid}/diff", operations={"get": {
        **secured, "summary": "Item-by-item differences between two revisions",
        "parameters": [uuid] + [{"name": name, "in": "query", "required": False, "schema": WHOLE_NUMBER}
                                for name in ("from", "to")],
        "responses": {"200": _ok("Changes", {"type": "object", "properties": {
            "from": {"type": "integer"}, "to": {"type": "integer"}, "changes": {"type": "array", "items": ref("Change")}}}),
            "401": unauthorized, "403": manager_only, "404": not_found,
            "422": _error("from or to is not a whole number in range", "ValidationError")}}})


def _case_paths(spec: APISpec, ref, unauthorized: dict) -> None:
    secured = {"security": [{"bearer": []}]}
    no_cases = _error("Your role does not follow cases (monitors and managers do)")
    spec.path(path="/cases", operations={
        "get": {**secured, "summary": "Cases, found by part of their code and by court, most recently changed first",
                "parameters": [{"name": "q", "in": "query", "required": False, "schema": {"type": "string", "maxLength": 40}},
                               {"name": "court", "in": "query", "required": False, "schema": {"type": "string"}},
                               {"name": "limit", "in": "query", "required": False,
                                "schema": {**WHOLE_NUMBER, "maximum": 200}}],
                "responses": {"200": _ok("The cases", {"type": "array", "items": ref("Case")}), "401": unauthorized,
                              "403": no_cases, "422": _error("A filter cannot be read, or an unknown court",
                                                             "ValidationError")}},
        "post": {**secured, "summary": "Open a case (idempotent on uuid); the server assigns its code",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": ref("CaseIn")}}},
                 "responses": {"200": _ok("Already opened with this uuid; the stored case", ref("Case")),
                               "201": _ok("Opened", ref("Case")), "400": _error(NOT_JSON), "401": unauthorized,
                               "403": no_cases, "409": _error("The uuid was used for a case at another court"),
                               "422": _error("Unknown court or offence category, accused out of range, unknown status; "
                                             "every problem by field", "ValidationError")}},
    })


def _release_paths(spec: APISpec) -> None:
    """Public: no sign-in, CORS for any origin, ETag and conditional GET (304)."""
    period = {"name": "period", "in": "path", "required": True, "schema": {"type": "string"},
              "description": "A quarter (2025-Q3) or a reporting year (2025)"}
    not_modified = {"description": "Not modified since the ETag sent in If-None-Match"}
    spec.path(path="/releases", operations={"get": {
        "summary": "Every published release (public; cached briefly)", "security": [],
        "responses": {"200": _ok("Period, version, date, checksum, addresses", {"type": "object"}), "304": not_modified}}})
    spec.path(path="/releases/{period}", operations={"get": {
        "summary": "The latest version of a period's release (public; cached briefly)", "security": [],
        "parameters": [period],
        "responses": {"200": _ok("The release, with suppressed figures, definitions, methodology, citation and files",
                                 {"type": "object"}), "304": not_modified, "404": _error("Nothing published for the period")}}})
    spec.path(path="/releases/{period}/v{version}", operations={"get": {
        "summary": "One version of a release; never changes (public; Cache-Control immutable, ETag = checksum)",
        "security": [],
        "parameters": [period, {"name": "version", "in": "path", "required": True, "schema": WHOLE_NUMBER}],
        "responses": {"200": _ok("The release", {"type": "object"}), "304": not_modified, "404": _error("No such release")}}})


@api.get("/openapi.json")
def openapi_document():
    return jsonify(build_openapi())
