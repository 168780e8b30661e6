"""Answers as people read them: "Yes" rather than `yes`, choice labels rather than keys."""
from monitor.checklists.definition import Item, translate

YESNO_LABELS = {"yes": "Yes", "no": "No", "na": "N/A", "unknown": "Unknown"}


def display_answer(item: Item | None, value, language: str = "en") -> str:
    """An answer as text for pages and diffs; empty when not answered."""
    if value is None or value == "" or value == []:
        return ""
    if item is None:
        return str(value)
    if item.type == "yesno":
        return YESNO_LABELS.get(value, str(value))
    if item.type == "choice":
        return item.choice_label(value, language)
    if item.type == "multichoice" and isinstance(value, list):
        return ", ".join(item.choice_label(key, language) for key in value)
    return str(value)
