"""Web forms. Section forms are built from the checklist definition, so an item is described once."""
from datetime import date, time

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    Field,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget, NumberInput, TextInput

from flask_babel import lazy_gettext as _l

from monitor.checklists.definition import Item, Section, translate
from monitor.i18n import SHORT_DATE
from monitor.labels import YESNO_LABELS

#: Khmer digits typed on a Khmer keyboard read as the digits they are.
KHMER_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")


class DayMonthYearField(DateField):
    """A date typed as day/month/year (25/11/2026, or 25-11-2026, 25.11.2026, Khmer digits, or
    2026-11-25), shown back as 25/11/2026: the browser's own date box shows each phone's locale
    format (11/25/2026 on an American-English phone), so dates would read three ways."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {}).update({"inputmode": "numeric", "autocomplete": "off"})
        super().__init__(label, validators, format=[SHORT_DATE, "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"],
                         invalid_value_message=_l("Write the date as day/month/year, for example 25/11/2026."), **kwargs)

    def process_formdata(self, valuelist):
        super().process_formdata([value.translate(KHMER_DIGITS).strip() for value in valuelist])



class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def choices_of(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


def _field_for(item: Item, language: str) -> Field:
    label = translate(item.label, language)
    kwargs = {"label": label, "validators": [Optional()]}
    if item.type == "yesno":
        choices = choices_of((key, YESNO_LABELS[key]) for key in item.answer_keys)
        return RadioField(choices=choices, validate_choice=False, **kwargs)
    if item.type == "choice":
        choices = choices_of((c.key, translate(c.label, language)) for c in item.choices)
        if len(choices) > 7:
            return SelectField(choices=choices_of([("", "—")]) + choices, validate_choice=False, **kwargs)
        return RadioField(choices=choices, validate_choice=False, **kwargs)
    if item.type == "multichoice":
        choices = choices_of((c.key, translate(c.label, language)) for c in item.choices)
        return MultiCheckboxField(choices=choices, validate_choice=False, **kwargs)
    if item.type == "integer":
        widget = NumberInput(min=item.min, max=item.max)
        return IntegerField(widget=widget, render_kw={"inputmode": "numeric"}, **kwargs)
    if item.type == "date":
        return DayMonthYearField(**kwargs)
    if item.type == "time":
        return TimeField(**kwargs)
    if item.multiline:
        return TextAreaField(render_kw={"maxlength": item.max_length}, **kwargs)
    return StringField(render_kw={"maxlength": item.max_length}, **kwargs)


def section_form(section: Section, language: str = "en", **form_kwargs) -> FlaskForm:
    """A form with one field per item of the section, named by item key."""
    fields = {item.key: _field_for(item, language) for item in section.items}
    form_class = type(f"SectionForm_{section.key}", (FlaskForm,), fields)
    return form_class(**form_kwargs)


def to_answer(value):
    """A form field's data as the value stored in the checklist document (None when empty)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if value in ("", [], None):
        return None
    return value


def to_form_data(item: Item, value):
    """A stored answer as the field's data, so a saved section shows what the monitor entered."""
    if value is None:
        return None
    try:
        if item.type == "date":
            return date.fromisoformat(value)
        if item.type == "time":
            return time.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return value


def _court_id(value) -> int | None:
    try:
        return int(value) if value not in ("", None) else None
    except (TypeError, ValueError):
        return None


class StartChecklistForm(FlaskForm):
    #: No court is chosen until the monitor chooses one: a preset court sent drafts to the wrong court.
    court = SelectField(_l("Court"), coerce=_court_id, validate_choice=False,
                        validators=[DataRequired(message=_l("Choose the court."))])
    hearing_date = DayMonthYearField(_l("Hearing date"),
                                     validators=[DataRequired(message=_l("Enter the hearing date as a date."))])
    uuid = StringField(validators=[Optional()])


class ConfirmForm(FlaskForm):
    """An empty form: only its CSRF token matters (submit, add or remove an accused)."""
