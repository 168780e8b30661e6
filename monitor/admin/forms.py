"""Forms of the administration pages."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from monitor.filing.forms import choices_of
from monitor.labels import AUDIT_EVENT_LABELS, ROLE_LABELS
from monitor.models import AuditEventType
from monitor.services.accounts import PASSWORD_MIN_LENGTH

MONTHS = [_l("January"), _l("February"), _l("March"), _l("April"), _l("May"), _l("June"), _l("July"), _l("August"),
          _l("September"), _l("October"), _l("November"), _l("December")]


class CreateAccountForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(message=_l("Enter a username.")), Length(max=80)])
    display_name = StringField(_l("Name shown in the app"), validators=[Optional(), Length(max=120)])
    role = SelectField(_l("Role"), choices=choices_of(ROLE_LABELS.items()))
    password = PasswordField(_l("Password"), validators=[
        DataRequired(message=_l("Enter a password.")),
        Length(min=PASSWORD_MIN_LENGTH,
               message=_l("The password must be at least %(count)s characters long.", count=PASSWORD_MIN_LENGTH)),
    ])


class AccountChangeForm(FlaskForm):
    """One form per account row: the button pressed says which change (role, active, delete, password)."""

    change = HiddenField()
    role = SelectField(_l("Role"), choices=choices_of(ROLE_LABELS.items()), validators=[Optional()])
    password = PasswordField(_l("New password"), validators=[Optional()])


class CourtForm(FlaskForm):
    key = StringField(_l("Key (used by the API and exports)"),
                      validators=[DataRequired(message=_l("Enter a key.")), Length(max=60)])
    name = StringField(_l("Name"), validators=[DataRequired(message=_l("Enter the court's name.")), Length(max=200)])
    name_km = StringField(_l("Name in Khmer"), validators=[Optional(), Length(max=200)])


class CourtChangeForm(FlaskForm):
    change = HiddenField()
    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    name_km = StringField(_l("Name in Khmer"), validators=[Optional(), Length(max=200)])


class CalendarForm(FlaskForm):
    start_month = SelectField(_l("The reporting year starts in"), coerce=int,
                              choices=choices_of(enumerate(MONTHS, 1)))


class ActivateVersionForm(FlaskForm):
    checklist = HiddenField(validators=[DataRequired()])
    version = IntegerField(validators=[DataRequired(), NumberRange(min=1)])


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    event = SelectField(_l("Event"), validators=[Optional()],
                        choices=choices_of([("", _l("All events"))]
                                           + [(e.value, AUDIT_EVENT_LABELS.get(e.value, e.value)) for e in AuditEventType]))
    actor = StringField(_l("Actor (username)"), validators=[Optional(), Length(max=80)])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("to"), validators=[Optional()])

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date must be on or after the start date."))
