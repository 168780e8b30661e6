"""Error pages and JSON errors: every failure is a clear 4xx, never a bare 500 page."""
from flask import Flask, jsonify, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from monitor.access import wants_json
from monitor.extensions import db


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
        return render_template("error.html", code=error.code, message=error.description), error.code

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error")
        if wants_json():
            return jsonify(error="server_error", message=_("Something went wrong on the server; nothing was saved.")), 500
        return render_template("error.html", code=500, message=_("Something went wrong; nothing was saved.")), 500
