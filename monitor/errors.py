"""Error pages and JSON errors: every failure is a clear 4xx, never a bare 500 page."""
from flask import Flask, current_app, g, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from monitor.access import wants_json
from monitor.extensions import db, login_manager
from monitor.services import schema


#: Werkzeug's stock descriptions are English only: the pages say the same in the reader's language.
STOCK_DESCRIPTIONS = {
    400: _l("The page could not understand what your browser sent. Go back and try again."),
    401: _l("Sign in to see this page."),
    403: _l("Your account is not allowed to see this page."),
    404: _l("There is no page at this address. Check the address, or go back and follow a link."),
    405: _l("This page cannot be used that way. Go back and use its links and buttons."),
    409: _l("Someone changed this at the same moment. Reload the page and try again."),
    413: _l("What you sent is larger than the server accepts."),
    429: _l("Too many requests in a short time. Wait a minute and try again."),
}
GENERIC_DESCRIPTION = _l("The server could not answer this request. Go back and try again.")


def page_message(error: HTTPException) -> str:
    """The description an error page shows: one the code gave, or the stock one in the reader's language."""
    if error.description != type(error).description:
        return error.description
    return str(STOCK_DESCRIPTIONS.get(error.code, GENERIC_DESCRIPTION))


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        message = _("The form expired or was sent from another site. Go back, reload the page and try again.")
        if wants_json():
            return jsonify(error="csrf", message=error.description), 400
        return render_template("error.html", code=400, message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if wants_json():
            return jsonify(error=error.name.lower().replace(" ", "_"), message=error.description), error.code
        return render_template("error.html", code=error.code, message=page_message(error)), error.code

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        db.session.rollback()
        if isinstance(error, SQLAlchemyError) and not schema.database_has_tables():
            return not_set_up()
        app.logger.exception("Unhandled error")
        if wants_json():
            return jsonify(error="server_error", message=_("Something went wrong on the server; nothing was saved.")), 500
        return render_template("error.html", code=500, message=_("Something went wrong; nothing was saved.")), 500


def not_set_up():
    """503 while the database has no tables: the operator reads what to do in the log, in one line."""
    g._login_user = login_manager.anonymous_user()  # the page must not look up the account again
    current_app.logger.error("Cannot answer %s %s: %s", request.method, request.path, schema.NO_TABLES)
    message = _("Court Monitor is not set up yet. Try again later; if this lasts, tell your administrator.")
    if wants_json():
        return jsonify(error="not_set_up", message=message), 503
    return render_template("error.html", code=503, message=message), 503
