"""Refusing form fields and query parameters no view can handle, before any view sees it.

PostgreSQL cannot store or even compare text containing U+0000, nor an integer beyond its 32-bit
`integer` columns; each would otherwise surface as a 500. JSON request bodies are read by
`monitor.api.json_input.load_json`, which also names the path."""
import re

from flask import Flask, abort, jsonify, make_response, request
from flask_babel import gettext as _
from werkzeug.routing import IntegerConverter

from monitor.access import wants_json

NUL = "\x00"
#: The largest PostgreSQL `integer` (int4): no id, version, revision or page number can be larger.
MAX_INTEGER = 2**31 - 1
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,20}")
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


class BoundedIntegerConverter(IntegerConverter):
    """`<int:...>` in every route: a number no row can have (past MAX_INTEGER) matches no route, so it
    is a 404 before any query; a view cannot forget the bound because it never sees the number."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=MAX_INTEGER, signed=False):  # noqa: A002 (werkzeug's names)
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def bound_path_integers(app: Flask) -> None:
    """Before any blueprint registers its routes: they compile `int` with this converter."""
    app.url_map.converters["int"] = BoundedIntegerConverter


def integer_argument(name: str, default: int | None = None, *, minimum: int = 1) -> int | None:
    """The whole number in query-string argument `name` (`default` when absent or empty), between
    `minimum` and MAX_INTEGER; anything else is a 422 naming the argument (JSON on the API)."""
    text = request.args.get(name, "").strip()
    if not text:
        return default
    if _WHOLE_NUMBER.fullmatch(text) and minimum <= int(text) <= MAX_INTEGER:
        return int(text)
    problem = _("must be a whole number from %(minimum)s to %(maximum)s", minimum=minimum, maximum=MAX_INTEGER)
    if wants_json():
        abort(make_response(jsonify(error="invalid", message=_("Some fields are not valid; see errors."),
                                    errors={name: problem}), 422))
    abort(422, _("The address is not valid: '%(field)s' %(problem)s.", field=name, problem=problem))
