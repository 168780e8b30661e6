"""Refusing input no view can handle, before any view sees it.

PostgreSQL cannot store or even compare text containing U+0000, and Python's JSON parser and
deep copies give up on absurdly nested documents; both would otherwise surface as a 500."""
from flask import Flask, abort, request
from flask_babel import gettext as _

NUL = "\x00"
#: A checklist is at most four levels deep (accused list > accused > annex > multiple choice).
MAX_JSON_DEPTH = 12
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


def json_body():
    """The request's JSON, or None if it is not JSON at all; too deep a document is a 400."""
    try:
        return request.get_json(silent=True)
    except RecursionError:
        abort(400, _("The JSON document is nested too deeply."))


def json_problems(document) -> dict[str, str]:
    """Paths (as in validation errors: `hearing.x`, `accused[0].y`) of NUL characters and excessive nesting."""
    problems = {}
    pending = [("", document, 0)]
    while pending:
        path, value, depth = pending.pop()
        if depth > MAX_JSON_DEPTH:
            problems[path] = _("is nested too deeply")
            continue
        if isinstance(value, str):
            if NUL in value:
                problems[path] = _("must not contain the NUL character (U+0000)")
        elif isinstance(value, dict):
            for key, item in value.items():
                child = f"{path}.{key}" if path else str(key)
                if NUL in str(key):
                    problems[path or ""] = _("has a key containing the NUL character (U+0000)")
                else:
                    pending.append((child, item, depth + 1))
        elif isinstance(value, list):
            pending.extend((f"{path}[{index}]", item, depth + 1) for index, item in enumerate(value))
    return problems
