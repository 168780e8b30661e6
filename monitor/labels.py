"""Words shown for stored codes (statuses, yes/no answers), in the reader's language."""
from flask_babel import lazy_gettext as _l

#: Checklist statuses as a monitor or manager reads them.
STATUS_LABELS = {
    "draft": _l("draft"),
    "submitted": _l("submitted"),
    "returned": _l("returned"),
    "approved": _l("approved"),
    "rejected": _l("rejected"),
}

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
