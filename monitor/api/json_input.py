"""Reading the body of a JSON write request: the one way every write endpoint of the API does it.

`load_json(schema)` answers 400 when the body is not JSON at all (another content type, not UTF-8,
not parseable, nested beyond what the parser follows), and 422 naming the path of everything that
is JSON but that no database could store or that would vanish without a word: the NUL character
(PostgreSQL cannot store it), lone surrogates (half a character: no UTF-8 for them, so neither the
database nor the answer could carry them), NaN and infinities (not JSON; Python's parser lets them
in), a key sent twice in one object (the parser would keep the last), nesting deeper than any
checklist; then whatever the endpoint's schema refuses. So no view ever sees such a value."""
import json
import math
import re

from flask import abort, request
from flask_babel import gettext as _
from marshmallow import Schema

from monitor.api import Unprocessable, load
from monitor.api.schemas import DocumentSchema

#: A checklist is at most four levels deep (accused list > accused > annex > multiple choice).
MAX_DEPTH = 12
#: What no text may contain: U+0000, and any half of a surrogate pair (a whole pair is one
#: character once parsed, so every surrogate left in a parsed string is a lone one).
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def load_json(schema: Schema) -> dict:
    """The request's JSON object loaded by `schema`; aborts with 400, or raises Unprocessable (422)."""
    document = _parse()
    problems = {}
    if isinstance(document, dict):
        # Sizes first: they are cheap to check, and an oversized document is refused whatever it holds.
        problems = schema.size_problems(document) if isinstance(schema, DocumentSchema) else {}
        problems = problems or unstorable(document)
    if problems:
        raise Unprocessable(problems)
    return load(schema, document)


class _RepeatedKeys(dict):
    """A JSON object in which some key came more than once; `repeated` names them."""

    repeated: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, object]]) -> dict:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen, repeated = set(), []
    for key, _value in pairs:
        if key in seen and key not in repeated:
            repeated.append(key)
        seen.add(key)
    result = _RepeatedKeys(result)
    result.repeated = tuple(repeated)
    return result


def _parse():
    if not request.is_json:
        abort(400, _("The request body must be JSON (Content-Type: application/json)."))
    try:
        return json.loads(request.get_data().decode("utf-8"), object_pairs_hook=_object)
    except RecursionError:
        abort(400, _("The JSON document is nested too deeply."))
    except UnicodeDecodeError:
        abort(400, _("The request body must be JSON written in UTF-8."))
    except json.JSONDecodeError as error:
        abort(400, _("The request body is not valid JSON: %(reason)s (line %(line)s, column %(column)s).",
                     reason=error.msg, line=error.lineno, column=error.colno))
    except ValueError:  # an integer of thousands of digits
        abort(400, _("The request body is not valid JSON: a number is too long."))


def unstorable(document) -> dict[str, str]:
    """Path -> problem of every value or key no database can store, every key sent twice, and
    every place nested too deeply; in document order."""
    problems = {}
    pending = [("", document, 0)]
    while pending:
        path, container, depth = pending.pop()
        if depth >= MAX_DEPTH:
            problems[path] = _("is nested too deeply (a checklist has at most %(levels)s levels)", levels=MAX_DEPTH)
            continue
        children = []
        if isinstance(container, dict):
            for key in getattr(container, "repeated", ()):
                problems[_joined(path, key)] = _("is sent twice in the same object; send each answer once")
            for key, value in container.items():
                problem = _text_problem(key, key=True)
                if problem:
                    problems[_joined(path, key)] = problem
                else:
                    _check(problems, children, _joined(path, key), value, depth)
        else:
            for index, value in enumerate(container):
                _check(problems, children, f"{path}[{index}]", value, depth)
        pending.extend(reversed(children))
    return problems


def _check(problems: dict[str, str], children: list, path: str, value, depth: int) -> None:
    """Check a scalar at once; keep a container to look into."""
    if isinstance(value, str):
        problem = _text_problem(value, key=False)
        if problem:
            problems[path] = problem
    elif isinstance(value, (dict, list)):
        children.append((path, value, depth + 1))
    elif isinstance(value, float) and not math.isfinite(value):
        problems[path] = _("must be a number JSON can carry (not NaN or Infinity)")


def _text_problem(text: str, *, key: bool) -> str | None:
    found = UNSTORABLE.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return (_("is a key containing the NUL character (U+0000), which is not allowed") if key
                else _("must not contain the NUL character (U+0000)"))
    code = f"U+{ord(found.group()):04X}"
    return (_("is a key with a broken character (%(code)s, half of a surrogate pair), which cannot be stored", code=code)
            if key else _("must not contain a broken character (%(code)s, half of a surrogate pair); type the text again",
                          code=code))


def _joined(path: str, key: str) -> str:
    """The path of `key` in the object at `path`, with characters no answer can carry written as escapes."""
    readable = UNSTORABLE.sub(lambda found: f"\\u{ord(found.group()):04x}", key)
    return f"{path}.{readable}" if path else readable
