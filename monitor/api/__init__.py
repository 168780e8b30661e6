"""JSON API v1: checklist definitions and submissions for phones and other clients.

Clients sign in with `Authorization: Bearer <token>` or, in the browser, with the session cookie
plus an `X-CSRFToken` header on writes."""
from itertools import islice

from flask import Blueprint, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import Schema, ValidationError

from monitor.access import signed_in_with_token
from monitor.checklists.schema import flatten_errors
from monitor.extensions import csrf, db, login_manager

api = Blueprint("api", __name__, url_prefix="/api/v1")


#: An answer lists at most this many problems (and says how many there are): a request with
#: thousands of mistakes gets a short answer, not one larger than itself.
MAX_LISTED_PROBLEMS = 100
#: A path longer than this (an unknown key of a hundred thousand characters) is shortened.
MAX_PATH_LENGTH = 200


class Unprocessable(Exception):
    """Answered as 422 with every problem by path."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__(problems)


@api.errorhandler(Unprocessable)
def unprocessable_response(error: Unprocessable):
    db.session.rollback()
    return unprocessable(error.problems)


def unprocessable(problems: dict[str, str]):
    """422 naming the first MAX_LISTED_PROBLEMS problems by path; `errors_total` counts them all."""
    listed = {}
    for path, message in islice(problems.items(), MAX_LISTED_PROBLEMS):
        listed[path if len(path) <= MAX_PATH_LENGTH else path[:MAX_PATH_LENGTH] + "…"] = message
    total = len(problems)
    message = (_("Some fields are not valid; see errors.") if total <= MAX_LISTED_PROBLEMS else
               _("Some fields are not valid; see errors (the first %(listed)s of %(total)s).",
                 listed=MAX_LISTED_PROBLEMS, total=total))
    return jsonify(error="invalid", message=message, errors=listed, errors_total=total), 422


def load(schema: Schema, data) -> dict:
    """`data` (a query string as a dict) loaded by `schema`, or Unprocessable naming each bad field.
    Request bodies go through `monitor.api.json_input.load_json`."""
    if not isinstance(data, dict):
        raise Unprocessable({"": _("must be a JSON object")})
    try:
        return schema.load(data)
    except ValidationError as error:
        raise Unprocessable({path or "": message for path, message in flatten_errors(error.messages)}) from None


def committed_after(response):
    """Commit the request's writes once its answer is written out: if writing the answer fails,
    nothing is kept, and the client's retry finds the database as it was."""
    db.session.commit()
    return response


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


from monitor.api import cases, checklists, openapi, releases, review, session, statistics, submissions  # noqa: E402,F401  (routes register on import)
