"""Each audit event as a sentence a manager can read, with links to what it concerns: "Bopha
approved the checklist Phnom Penh Court of First Instance · 4 March 2025 (revision 2)."

Pieces from the database are escaped; the sentence templates are translated. The raw details
stay in the CSV download for anyone who needs them."""
from flask import url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup, escape
from sqlalchemy import select

from monitor.extensions import db
from monitor.i18n import current_language
from monitor.models import AuditEvent, Checklist, Court
from monitor.labels import audit_detail_label, audit_event_label, setting_label


def _link(href: str, text: str) -> Markup:
    return Markup('<a href="{}">{}</a>').format(href, text)


def _quote(text: str) -> Markup:
    return Markup('<q>{}</q>').format(text)


def checklist_names(events: list[AuditEvent]) -> dict[str, str]:
    """Court and hearing date of every checklist the events concern, in one query."""
    uuids = {event.target_key for event in events if event.target_type == "checklist"}
    if not uuids:
        return {}
    rows = db.session.execute(select(Checklist.uuid, Checklist.hearing_date, Checklist.court_id)
                              .where(Checklist.uuid.in_(uuids))).all()

    language = current_language()
    courts = {court.id: court.name_in(language) for court in db.session.scalars(select(Court))}
    return {row.uuid: f"{courts.get(row.court_id, '')} · {format_date(row.hearing_date, 'long') if row.hearing_date else ''}"
            for row in rows}


def _checklist(event: AuditEvent, names: dict[str, str]) -> Markup:
    name = names.get(event.target_key)
    if name is None:  # removed since, or never stored
        return escape(event.target_key)
    return _link(url_for("review.checklist_page", checklist_uuid=event.target_key), name)


def sentence(event: AuditEvent, names: dict[str, str]) -> Markup:
    """What happened, in one sentence of the reader's language."""
    details = event.details or {}
    actor = escape(event.actor_name)
    kind = event.event
    if kind == "sign_in":
        return Markup(escape(_("%(actor)s signed in."))) % {"actor": actor}
    if kind == "sign_out":
        return Markup(escape(_("%(actor)s signed out."))) % {"actor": actor}
    if kind == "sign_in_failed":
        return Markup(escape(_("A sign-in as %(username)s failed (%(reason)s)."))) % {
            "username": details.get("username", ""), "reason": details.get("reason", "")}
    if kind == "sign_in_locked_out":
        return Markup(escape(_("%(username)s was locked out after %(count)s wrong passwords."))) % {
            "username": event.target_key, "count": details.get("failures", "")}
    if kind == "submission":
        text = (_("%(actor)s submitted %(checklist)s again, as revision %(revision)s.") if details.get("resubmission")
                else _("%(actor)s submitted %(checklist)s (revision %(revision)s)."))
        return Markup(escape(text)) % {"actor": actor, "checklist": _checklist(event, names),
                                       "revision": details.get("revision", "")}
    if kind == "review":
        action = details.get("action", "")
        template = {"approve": _("%(actor)s approved %(checklist)s (revision %(revision)s)."),
                    "return": _("%(actor)s returned %(checklist)s to the monitor (revision %(revision)s)."),
                    "reject": _("%(actor)s rejected %(checklist)s (revision %(revision)s).")}.get(
            action, _("%(actor)s decided on %(checklist)s (revision %(revision)s)."))
        text = Markup(escape(template)) % {
            "actor": actor, "checklist": _checklist(event, names), "revision": details.get("revision", "")}
        return text + (Markup(" ") + _quote(details["comment"]) if details.get("comment") else "")
    if kind == "correction":
        revision = details.get("revision")
        number = _link(url_for("review.revision_page", checklist_uuid=event.target_key, number=revision),
                       _("revision %(number)s", number=revision)) if event.target_key in names and revision else revision
        count = len(details.get("changed", []))
        text = Markup(escape(ngettext("%(actor)s corrected %(checklist)s: %(revision)s changes %(num)s answer.",
                                      "%(actor)s corrected %(checklist)s: %(revision)s changes %(num)s answers.",
                                      count, actor="%(actor)s", checklist="%(checklist)s", revision="%(revision)s"))) % {
            "actor": actor, "checklist": _checklist(event, names), "revision": number}
        return text + (Markup(" ") + _quote(details["comment"]) if details.get("comment") else "")
    if kind == "publication":
        period, _slash, version = event.target_key.partition("/v")
        release = _link(url_for("public.release", period=period, version=version), f"{period} v{version}") \
            if version.isdigit() else escape(event.target_key)
        return Markup(escape(_("%(actor)s published %(release)s, counting %(count)s checklists."))) % {
            "actor": actor, "release": release, "count": details.get("checklists", "")}
    if kind == "export":
        what = _("the audit log") if event.target_key == "audit_log" else _("checklist data (%(format)s)",
                                                                                format=details.get("format", ""))
        return Markup(escape(_("%(actor)s downloaded %(what)s."))) % {"actor": actor, "what": what}
    return _generic(event, actor, details)


def _generic(event: AuditEvent, actor: Markup, details: dict) -> Markup:
    """Accounts, courts and settings: the event, what it concerns, and what changed, in words."""
    changes = ", ".join(f"{audit_detail_label(key)}: {value}" for key, value in details.items()
                        if key != "ip" and value not in (None, ""))
    target = setting_label(event.target_key) if event.target_type == "setting" and event.target_key else event.target_key
    text = Markup(escape(_("%(actor)s: %(event)s, %(target)s."))) % {
        "actor": actor, "event": audit_event_label(event.event).lower(), "target": target or "—"}
    return text + (Markup(' <span class="muted">{}</span>').format(changes) if changes else "")
