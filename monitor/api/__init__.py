"""JSON API v1: checklist definitions and submissions for phones and other clients.

Clients sign in with `Authorization: Bearer <token>` or, in the browser, with the session cookie
plus an `X-CSRFToken` header on writes."""
from flask import Blueprint, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import Schema, ValidationError

from monitor.access import signed_in_with_token
from monitor.checklists.schema import flatten_errors
from monitor.extensions import csrf, login_manager

api = Blueprint("api", __name__, url_prefix="/api/v1")


class Unprocessable(Exception):
    """Answered as 422 with every problem by path."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__(problems)


@api.errorhandler(Unprocessable)
def unprocessable_response(error: Unprocessable):
    return unprocessable(error.problems)


def unprocessable(problems: dict[str, str]):
    return jsonify(error="invalid", message=_("Some fields are not valid; see errors."), errors=problems), 422


def load(schema: Schema, data) -> dict:
    """`data` loaded by `schema`, or Unprocessable naming each bad field."""
    if not isinstance(data, dict):
        raise Unprocessable({"": _("must be a JSON object")})
    try:
        return schema.load(data)
    except ValidationError as error:
        raise Unprocessable({path or "": message for path, message in flatten_errors(error.messages)}) from None


def json_body() -> dict:
    """The request's JSON object (400 when the body is not JSON)."""
    from flask import abort

    payload = request.get_json(silent=True)
    if payload is None:
        abort(400, _("The request body must be JSON (Content-Type: application/json)."))
    return payload


@api.before_request
def protect_cookie_sessions():
    """A browser session must prove the request came from our pages; tokens cannot be forged by a site."""
    if request.method in ("POST", "PUT", "PATCH", "DELETE") and current_user.is_authenticated and not signed_in_with_token():
        csrf.protect()


@login_manager.unauthorized_handler
def unauthorized():
    from flask import redirect, url_for

    if request.blueprint == "api":
        return jsonify(error="unauthorized", message=_("Sign in, or send an API token as 'Authorization: Bearer <token>'.")), 401
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


from monitor.api import checklists, openapi, releases, review, session, statistics, submissions  # noqa: E402,F401  (routes register on import)
