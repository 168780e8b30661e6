"""Refusing form fields and query parameters no view can handle, before any view sees it.

PostgreSQL cannot store or even compare text containing U+0000; it would otherwise surface as a
500. JSON request bodies are read by `monitor.api.json_input.load_json`, which also names the path."""
from flask import Flask, abort, request
from flask_babel import gettext as _

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _refuse_nul_characters() -> None:
    if NUL in request.path:
        abort(404, _("There is nothing at this address."))
    sources = [request.args]
    if request.mimetype in FORM_TYPES:
        sources.append(request.form)
    for source in sources:
        for key, values in source.lists():
            if NUL in key or any(NUL in value for value in values):
                abort(400, _("The field '%(field)s' contains the NUL character (U+0000), which is not allowed.",
                            field=key.replace(NUL, "")))


def register(app: Flask) -> None:
    app.before_request(_refuse_nul_characters)
