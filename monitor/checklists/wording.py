"""Messages from the checklist rules in the reader's language.

The rules run in web requests, API calls, the CLI and plain scripts; inside a request the
message is translated by Flask-Babel, elsewhere it stays English. `say` is an extraction keyword
for pybabel (see docs/languages.md)."""


def say(template: str, **values) -> str:
    from flask import has_request_context

    if has_request_context():
        from flask_babel import gettext

        return gettext(template, **values)
    return template % values if values else template


def shortened(value, limit: int = 60) -> str:
    """A value a client sent, as a message quotes it: at most `limit` characters, so that an answer
    never grows with the request that caused it."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"
