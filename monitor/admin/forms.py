"""Forms of the administration pages."""
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from monitor.forms import choices_of
from monitor.models import AuditEventType, Role
from monitor.services.accounts import PASSWORD_MIN_LENGTH

ROLE_LABELS = {Role.MONITOR.value: "Monitor", Role.MANAGER.value: "Programme manager", Role.ADMIN.value: "Administrator"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


class CreateAccountForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(message="Enter a username."), Length(max=80)])
    display_name = StringField("Name shown in the app", validators=[Optional(), Length(max=120)])
    role = SelectField("Role", choices=choices_of(ROLE_LABELS.items()))
    password = PasswordField("Password", validators=[
        DataRequired(message="Enter a password."),
        Length(min=PASSWORD_MIN_LENGTH, message=f"The password must be at least {PASSWORD_MIN_LENGTH} characters long."),
    ])


class AccountChangeForm(FlaskForm):
    """One form per account row: the button pressed says which change (role, active, delete, password)."""

    change = HiddenField()
    role = SelectField("Role", choices=choices_of(ROLE_LABELS.items()), validators=[Optional()])
    password = PasswordField("New password", validators=[Optional()])


class CourtForm(FlaskForm):
    key = StringField("Key (used by the API and exports)", validators=[DataRequired(message="Enter a key."), Length(max=60)])
    name = StringField("Name", validators=[DataRequired(message="Enter the court's name."), Length(max=200)])


class CourtChangeForm(FlaskForm):
    change = HiddenField()
    name = StringField("Name", validators=[Optional(), Length(max=200)])


class CalendarForm(FlaskForm):
    start_month = SelectField("The reporting year starts in", coerce=int,
                              choices=choices_of(enumerate(MONTHS, 1)))


class ActivateVersionForm(FlaskForm):
    checklist = HiddenField(validators=[DataRequired()])
    version = IntegerField(validators=[DataRequired(), NumberRange(min=1)])


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    event = SelectField("Event", validators=[Optional()],
                        choices=choices_of([("", "All events")] + [(e.value, e.value.replace("_", " ")) for e in AuditEventType]))
    actor = StringField("Actor (username)", validators=[Optional(), Length(max=80)])
    date_from = DateField("From", validators=[Optional()])
    date_to = DateField("to", validators=[Optional()])

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError("The end date must be on or after the start date.")
