"""Settings an administrator changes in the app, stored in the `settings` table.

Each setting falls back to the application configuration when nothing is stored, so a fresh
installation behaves as configured and the admin page only records deliberate changes."""
from flask import current_app

from monitor.checklists.wording import say
from monitor.extensions import db
from monitor.models import AuditEventType, Setting, User
from monitor.services import audit

REPORTING_YEAR_START_MONTH = "reporting_year_start_month"
ORGANISATION_NAME = "organisation_name"
ORGANISATION_LOGO = "organisation_logo"
#: The name a fresh installation carries: nothing is published under it (a release must say who made it).
DEFAULT_ORGANISATION_NAME = "Court Monitor trial monitoring programme"
#: A logo is printed small on the newsletter and the page: PNG or JPEG, at most this many bytes.
MAX_LOGO_BYTES = 200_000
ACTIVE_VERSION_PREFIX = "active_version:"


class SettingInvalid(ValueError):
    """A value an administrator cannot store, with a message naming the problem."""


def _stored(key: str):
    setting = db.session.get(Setting, key)
    return None if setting is None else setting.value.get("value")


def _store(key: str, value, actor: User | None, event: AuditEventType, details: dict) -> None:
    setting = db.session.get(Setting, key)
    before = None if setting is None else setting.value.get("value")
    if setting is None:
        setting = Setting(key=key, value={"value": value})
        db.session.add(setting)
    else:
        setting.value = {"value": value}
    setting.updated_by_id = actor.id if actor is not None else None
    audit.record(event, actor, ("setting", key), {"before": before, "after": value, **details})
    db.session.commit()


def reporting_year_start_month() -> int:
    """The month (1-12) the reporting year starts (DESIGN.md §3): stored by an administrator,
    else `REPORTING_YEAR_START_MONTH` from the configuration, else January."""
    stored = _stored(REPORTING_YEAR_START_MONTH)
    if stored is not None:
        return int(stored)
    return int(current_app.config.get("REPORTING_YEAR_START_MONTH", 1))


def set_reporting_year_start_month(month: int, actor: User | None) -> None:
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise SettingInvalid(say("The reporting year must start in a month from 1 (January) to 12 (December)."))
    _store(REPORTING_YEAR_START_MONTH, month, actor, AuditEventType.CONFIGURATION_CHANGE, {})


def active_version(checklist_key: str) -> int | None:
    """The version an administrator chose for new checklists of `checklist_key`, if any."""
    stored = _stored(ACTIVE_VERSION_PREFIX + checklist_key)
    return None if stored is None else int(stored)


def activate_version(checklist_key: str, version: int, actor: User | None) -> None:
    """New checklists of `checklist_key` are filled with `version`; stored ones keep theirs."""
    registry = current_app.extensions["checklists"]
    if registry.get(checklist_key, version) is None:
        raise SettingInvalid(say("There is no checklist '%(key)s' version %(version)s installed.",
                                 key=checklist_key, version=version))
    _store(ACTIVE_VERSION_PREFIX + checklist_key, version, actor, AuditEventType.CHECKLIST_VERSION_ACTIVATED,
           {"checklist": checklist_key})


def organisation_name() -> str:
    """Who publishes: the name stored by a manager, else ORGANISATION_NAME from the configuration."""
    stored = _stored(ORGANISATION_NAME)
    return stored or current_app.config["ORGANISATION_NAME"]


def organisation_logo() -> str | None:
    """The organisation's logo as a data: URL (it travels inside the PDF and the page), or None."""
    return _stored(ORGANISATION_LOGO)


def organisation_is_default() -> bool:
    return organisation_name().strip() == DEFAULT_ORGANISATION_NAME


def set_organisation(name: str, logo: bytes | None, actor: User | None) -> None:
    """Store the organisation's name and, when given, its logo; raises SettingInvalid naming the problem."""
    name = " ".join((name or "").split())
    if not 2 <= len(name) <= 150:
        raise SettingInvalid(say("Give the organisation's name (2 to 150 characters)."))
    if name == DEFAULT_ORGANISATION_NAME:
        raise SettingInvalid(say("This is the name Court Monitor ships with: give your organisation's own name."))
    if logo:
        kind = "png" if logo.startswith(b"\x89PNG\r\n\x1a\n") else "jpeg" if logo.startswith(b"\xff\xd8\xff") else None
        if kind is None:
            raise SettingInvalid(say("The logo must be a PNG or JPEG image."))
        if len(logo) > MAX_LOGO_BYTES:
            raise SettingInvalid(say("The logo must be at most 200 KB."))
        import base64

        _store(ORGANISATION_LOGO, f"data:image/{kind};base64,{base64.b64encode(logo).decode()}", actor,
               AuditEventType.CONFIGURATION_CHANGE, {"before": "", "after": f"{kind}, {len(logo)} bytes"})
    _store(ORGANISATION_NAME, name, actor, AuditEventType.CONFIGURATION_CHANGE, {})
