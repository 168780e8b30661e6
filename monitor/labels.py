"""Words shown for stored codes (statuses, yes/no answers), in the reader's language."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

#: Checklist statuses as a monitor or manager reads them.
STATUS_LABELS = {
    "draft": _l("draft"),
    "submitted": _l("submitted"),
    "returned": _l("returned"),
    "approved": _l("approved"),
    "rejected": _l("rejected"),
}

#: The same statuses as a manager's filters and menus name them, saying what each means for review.
STATE_LABELS = {"draft": _l("Draft"), "submitted": _l("Submitted (to review)"), "returned": _l("Returned to monitor"),
                "approved": _l("Approved"), "rejected": _l("Rejected")}

#: Case statuses (`CaseStatus` values) as a manager reads them.
CASE_STATUS_LABELS = {"ongoing": _l("ongoing"), "verdict": _l("verdict given"), "appeal": _l("on appeal"),
                      "closed": _l("closed")}

#: The four answers of every yes/no item (DESIGN.md §2).
YESNO_LABELS = {"yes": _l("Yes"), "no": _l("No"), "na": _l("N/A"), "unknown": _l("Unknown")}


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def answer_label(item, value, language: str) -> str:
    """A stored answer as words: choice labels, yes/no labels, lists joined."""
    if value is None:
        return ""
    if item.type == "yesno":
        return str(YESNO_LABELS.get(value, value))
    if item.type == "choice":
        return item.choice_label(value, language)
    if item.type == "multichoice":
        return ", ".join(item.choice_label(v, language) for v in value)
    return str(value)


#: Audit log event types (`AuditEventType` values) as the audit page shows them.
AUDIT_EVENT_LABELS = {
    "sign_in": _l("sign-in"),
    "sign_in_failed": _l("failed sign-in"),
    "sign_in_locked_out": _l("sign-in locked after failed attempts"),
    "sign_out": _l("sign-out"),
    "submission": _l("submission"),
    "review": _l("review decision"),
    "correction": _l("correction"),
    "export": _l("export"),
    "publication": _l("publication"),
    "account_change": _l("account change"),
    "court_change": _l("court change"),
    "configuration_change": _l("configuration change"),
    "checklist_version_activated": _l("checklist version activated"),
    "case_change": _l("change of cases"),
}

#: The settings a configuration event names (monitor.services.settings keys).
SETTING_LABELS = {
    "reporting_year_start_month": _l("first month of the reporting year"),
    "organisation_name": _l("organisation's name"),
    "organisation_logo": _l("organisation's logo"),
}
ACTIVE_VERSION_PREFIX = "active_version:"

#: The details an account, court, case or setting event records, as the audit log names them.
AUDIT_DETAIL_LABELS = {
    "before": _l("before"), "after": _l("after"), "change": _l("change"), "action": _l("action"),
    "name": _l("name"), "name_km": _l("name in Khmer"), "role": _l("role"), "from": _l("from"), "to": _l("to"),
    "checklist": _l("checklist"), "absorbed": _l("cases merged into it"), "cases_opened": _l("cases opened"),
    "checklists_named": _l("checklists"), "group_by_reference": _l("grouped by case reference"),
    "hearings_moved": _l("hearings moved"),
}

#: What each entry of a checklist's review history records.
REVIEW_ACTION_LABELS = {
    "submit": _l("Submitted"),
    "approve": _l("Approved"),
    "return": _l("Returned to the monitor"),
    "reject": _l("Rejected"),
}

#: How a revision came about (`RevisionKind`).
REVISION_KIND_LABELS = {
    "submission": _l("submission"),
    "resubmission": _l("resubmission"),
    "correction": _l("correction"),
}

#: Account roles (`Role` values).
ROLE_LABELS = {"monitor": _l("Monitor"), "manager": _l("Programme manager"), "admin": _l("Administrator")}


def audit_event_label(event: str) -> str:
    return str(AUDIT_EVENT_LABELS.get(event, event.replace("_", " ")))


def setting_label(key: str) -> str:
    if key.startswith(ACTIVE_VERSION_PREFIX):
        return _("active version of the checklist %(key)s", key=key.removeprefix(ACTIVE_VERSION_PREFIX))
    return str(SETTING_LABELS.get(key, key))


def audit_detail_label(key: str) -> str:
    return str(AUDIT_DETAIL_LABELS.get(key, key))


def review_action_label(action: str) -> str:
    return str(REVIEW_ACTION_LABELS.get(action, action))


def revision_kind_label(kind: str) -> str:
    return str(REVISION_KIND_LABELS.get(kind, kind))


def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))
