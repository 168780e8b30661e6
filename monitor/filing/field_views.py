"""What the one field macro (`checklists/_field.html`) needs to draw a question: for the server's
section pages from the section's form, and for the offline app as one placeholder per kind of
question, which the app fills in from the definition. So the markup exists once."""
import json

from flask_babel import gettext as _

from monitor.checklists import answers
from monitor.checklists.definition import Item, Section, translate

#: Kinds of control, as the app's templates are named: how each item type is asked.
KIND_OF_TYPE = {"yesno": "radio", "choice": "radio", "multichoice": "checkbox", "integer": "number", "date": "date",
                "time": "time", "text": "text"}
#: Beyond this many choices a one-answer question is a drop-down list rather than radio buttons.
MOST_RADIO_CHOICES = 7
#: Visible lines of a multi-line text (observations): room to read back a paragraph on a phone.
TEXTAREA_ROWS = 5


def kind_of(item: Item) -> str:
    if item.type == "choice" and len(item.choices) > MOST_RADIO_CHOICES:
        return "select"
    if item.type == "text" and item.multiline:
        return "textarea"
    return KIND_OF_TYPE[item.type]


def input_attributes(kind: str, item: Item | None = None) -> dict:
    """The attributes of a typed-in answer's <input>; those of one item (its bounds) when given."""
    if kind == "number":
        return {"type": "number", "inputmode": "numeric", "step": 1,
                "min": item.min if item else None, "max": item.max if item else None}
    if kind == "text":
        return {"type": "text", "maxlength": item.max_length if item else None}
    if kind == "textarea":
        return {"rows": TEXTAREA_ROWS, "maxlength": item.max_length if item else None}
    if kind == "date":  # typed as day/month/year (see forms.DayMonthYearField)
        return {"type": "text", "inputmode": "numeric", "autocomplete": "off", "placeholder": _("DD/MM/YYYY")}
    return {"type": kind}


def unit_suffix(label: str, unit: str) -> str:
    """" (years)" after a label, unless the label already says it ("Age at the hearing (years)")."""
    return f" ({unit})" if unit and f"({unit})" not in label else ""


def field_views(form, section: Section, scope, language: str) -> list[dict]:
    """One view per item of the section, with the form's answers and problems."""
    return [_view(form[item.key], section, item, scope, language) for item in section.items]


def _view(field, section: Section, item: Item, scope, language: str) -> dict:
    kind = kind_of(item)
    label = translate(item.label, language)
    computed = answers.is_computed(item, scope)
    view = {
        "key": item.key, "type": item.type, "kind": kind, "label": label, "required": item.required,
        "unit_suffix": unit_suffix(label, translate(item.unit, language)),
        "help": translate(item.help, language), "legal": "; ".join(item.legal_basis),
        "show_when": json.dumps(item.show_when.to_json()) if item.show_when else "",
        "compute": json.dumps({"function": item.compute.function, "args": list(item.compute.args)}) if item.compute else "",
        "shown": answers.item_is_shown_in_section(section, item, scope), "computed": computed,
        "errors": list(field.errors), "options": [], "value": "", "input_attributes": {},
    }
    if kind in ("radio", "checkbox", "select"):
        view["options"] = [{"value": option.data, "label": option.label.text, "checked": option.checked}
                           for option in field if option.data != ""]
    else:
        view["value"] = field._value() or ""
        view["input_attributes"] = input_attributes(kind, item)
    return view


def field_templates() -> dict[str, dict]:
    """One placeholder view per kind of question, for the offline app to clone: every optional part
    present (required mark, unit, guidance, the computed hint), one option where there are options."""
    option = [{"value": "", "label": "", "checked": False}]
    views = {}
    for kind in ("radio", "checkbox", "select", "number", "date", "time", "text", "textarea"):
        views[kind] = {
            "key": "", "type": "", "kind": kind, "label": "", "required": True, "unit_suffix": "", "help": " ",
            "legal": " ", "show_when": "", "compute": " " if kind == "number" else "",
            "shown": True, "computed": False, "errors": [],
            "options": option if kind in ("radio", "checkbox", "select") else [], "value": "",
            "input_attributes": input_attributes(kind),
        }
    return views
