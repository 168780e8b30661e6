"""Language of every page, API answer and output: chosen per user, remembered, switchable anywhere.

Order: `?lang=` on the request (remembered in the session and, when signed in, on the account),
for API calls the Accept-Language header, then the account's language, then the session, then
the browser's Accept-Language."""
from urllib.parse import quote

from flask import Flask, has_request_context, request, session
from flask_babel import Babel, format_date, format_datetime, format_decimal, format_percent, get_locale
from flask_login import current_user

#: Languages with a complete interface catalogue.
LANGUAGES = {"en": "English", "km": "ខ្មែរ"}
DEFAULT_LANGUAGE = "en"

babel = Babel()


def _requested_language() -> str | None:
    code = request.args.get("lang", "").strip().lower()
    return code if code in LANGUAGES else None


def select_language() -> str:
    if not request:
        return DEFAULT_LANGUAGE
    requested = _requested_language()
    if requested:
        return requested
    if request.blueprint == "api" and request.headers.get("Accept-Language"):
        return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE
    user_language = getattr(current_user, "language", None) if current_user else None
    if user_language in LANGUAGES:
        return user_language
    if session.get("language") in LANGUAGES:
        return session["language"]
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE


def remember_requested_language() -> None:
    """A `?lang=` choice on a page sticks: in the session, and on the account of a signed-in user.
    On the API it only chooses the language of that answer (the offline app fetches the definition
    in every language to keep them all, which must not change the monitor's choice)."""
    from monitor.extensions import db

    requested = _requested_language()
    if requested is None or request.blueprint == "api":
        return
    session["language"] = requested
    if getattr(current_user, "is_authenticated", False) and current_user.language != requested:
        current_user.language = requested
        db.session.commit()


def url_with_language(code: str) -> str:
    """This page's address in another language, keeping its other query parameters."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [code]
    query = "&".join(f"{quote(k)}={quote(v)}" for k, values in args.items() for v in values)
    return f"{request.path}?{query}"


def current_language() -> str:
    """The reader's language inside a request; outside one (the CLI, scripts) the default, English."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    locale = get_locale()
    return locale.language if locale else DEFAULT_LANGUAGE


#: How a monitor types and reads a date, in both languages: day first, as dates are written in
#: Cambodia, the same on the phone app and the phone pages (see static/js/offline/dates.js).
SHORT_DATE = "%d/%m/%Y"


def short_date(value) -> str:
    """A date as a monitor types it: 25/11/2026."""
    return value.strftime(SHORT_DATE) if value else ""


#: A moment on a page: "2 December 2026, 08:36" / "2 ធ្នូ 2026, 08:36", in the programme's time zone.
MOMENT_PATTERN = "d MMMM y, HH:mm"


def moment_text(value) -> str:
    """A stored (UTC) time in the programme's time zone (TIME_ZONE), written the reader's way."""
    return format_datetime(value, MOMENT_PATTERN) if value else ""


def check_time_zone(name: str) -> str:
    """The IANA name if it exists; refusing to start beats showing every time shifted."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        from monitor.config import ConfigurationError

        raise ConfigurationError(f"TIME_ZONE (MONITOR_TIME_ZONE) '{name}' is not a time zone name such as "
                                 "Asia/Phnom_Penh or UTC.") from None
    return name


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    app.config["BABEL_DEFAULT_TIMEZONE"] = check_time_zone(app.config.get("TIME_ZONE") or "UTC")
    babel.init_app(app, locale_selector=select_language)
    app.json.ensure_ascii = False  # Khmer as UTF-8 in JSON answers: half the bytes of \u escapes
    app.before_request(remember_requested_language)
    from monitor.labels import (
        answer_label,
        audit_event_label,
        review_action_label,
        revision_kind_label,
        role_label,
        status_label,
    )

    app.jinja_env.globals.update(
        status_label=status_label,
        answer_label=answer_label,
        audit_event_label=audit_event_label,
        review_action_label=review_action_label,
        revision_kind_label=revision_kind_label,
        role_label=role_label,
        LANGUAGES=LANGUAGES,
        current_language=current_language,
        url_with_language=url_with_language,
        format_date=format_date,
        short_date=short_date,
        format_datetime=format_datetime,
        moment_text=moment_text,
        court_name=lambda court: court.name_in(current_language()) if court is not None else "",
        format_decimal=format_decimal,
        format_percent=format_percent,
    )
