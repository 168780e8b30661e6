"""Forms of the manager pages. Filter forms are GET forms (bookmarkable, no CSRF needed)."""
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import DateField, HiddenField, IntegerField, RadioField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from monitor.extensions import db
from monitor.forms import MultiCheckboxField, choices_of
from monitor.models import Court, Role, User
from monitor.services.checklist_filters import ALL_STATES, REVIEWABLE_STATES, ChecklistFilter
from monitor.services.corrections import COMMENT_MAX_LENGTH
from monitor.services.review import COMMENT_MAX_LENGTH as REVIEW_COMMENT_MAX_LENGTH

STATE_LABELS = {"draft": "Draft", "submitted": "Submitted (to review)", "returned": "Returned to monitor",
                "approved": "Approved", "rejected": "Rejected"}


def _court_choices() -> list[tuple[str, str]]:
    courts = db.session.scalars(select(Court).order_by(Court.name)).all()
    return choices_of([("", "All courts")] + [(c.key, c.name if c.active else f"{c.name} (inactive)") for c in courts])


class _GetForm(FlaskForm):
    class Meta:
        csrf = False


class PeriodFilterMixin:
    court = SelectField("Court", validators=[Optional()])
    date_from = DateField("Hearings from", validators=[Optional()])
    date_to = DateField("to", validators=[Optional()])

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError("The end date must be on or after the start date.")


class QueueFilterForm(PeriodFilterMixin, _GetForm):
    monitor = SelectField("Monitor", validators=[Optional()])
    state = SelectField("State", validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.court.choices = _court_choices()
        monitors = db.session.scalars(select(User).where(User.role != Role.ADMIN.value).order_by(User.display_name)).all()
        self.monitor.choices = choices_of([("", "All monitors")] + [(u.username, u.display_name) for u in monitors])
        self.state.choices = choices_of([("", "All but drafts")] + [(s, STATE_LABELS[s]) for s in REVIEWABLE_STATES])

    def to_filter(self) -> ChecklistFilter:
        return ChecklistFilter(
            court_key=self.court.data or None, monitor_username=self.monitor.data or None,
            date_from=self.date_from.data, date_to=self.date_to.data,
            states=(self.state.data,) if self.state.data else REVIEWABLE_STATES,
        )


class ExportForm(PeriodFilterMixin, _GetForm):
    format = RadioField("Format", choices=choices_of([("csv", "CSV (zip of three tables)"), ("xlsx", "Excel workbook (XLSX)")]),
                        default="csv")
    states = MultiCheckboxField("States", default=["approved"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.court.choices = _court_choices()
        self.states.choices = choices_of((s, STATE_LABELS[s]) for s in ALL_STATES)

    def validate_states(self, field):
        if not field.data:
            raise ValidationError("Choose at least one state.")
        if set(field.data) - set(ALL_STATES):
            raise ValidationError("Unknown state.")

    def validate_format(self, field):
        if field.data not in ("csv", "xlsx"):
            raise ValidationError("Choose CSV or XLSX.")

    def to_filter(self) -> ChecklistFilter:
        return ChecklistFilter(court_key=self.court.data or None, date_from=self.date_from.data,
                               date_to=self.date_to.data, states=tuple(self.states.data))


class ReviewForm(FlaskForm):
    """Approve, return or reject; the revision the manager looked at travels with the decision."""

    action = HiddenField()
    comment = TextAreaField("Comment", validators=[Length(max=REVIEW_COMMENT_MAX_LENGTH)])
    revision = IntegerField(validators=[InputRequired(), NumberRange(min=0)])


class CorrectionForm(FlaskForm):
    """Travels with a section form: the revision the correction is based on, and why."""

    class Meta:
        csrf = False  # the section form in the same request checks the CSRF token

    base_revision = IntegerField(validators=[InputRequired(message="The form lost its revision; reload the page."),
                                             NumberRange(min=1)])
    comment = TextAreaField("Reason for the correction", validators=[Length(max=COMMENT_MAX_LENGTH)])
