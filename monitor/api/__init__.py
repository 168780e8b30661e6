"""JSON API v1: checklist definitions and submissions for phones and other clients.

Clients sign in with `Authorization: Bearer <token>` or, in the browser, with the session cookie
plus an `X-CSRFToken` header on writes."""
from flask import Blueprint, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from monitor.access import signed_in_with_token
from monitor.extensions import csrf, login_manager

api = Blueprint("api", __name__, url_prefix="/api/v1")


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


from monitor.api import checklists, openapi, releases, statistics, submissions  # noqa: E402,F401  (routes register on import)
