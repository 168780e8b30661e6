"""Forms of the manager pages. Filter forms are GET forms (bookmarkable, no CSRF needed)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from monitor.filing.forms import MultiCheckboxField, choices_of
from monitor.i18n import current_language
from monitor.labels import STATE_LABELS
from monitor.services.accounts import people_who_file
from monitor.services.checklist_filters import ALL_STATES, REVIEWABLE_STATES, ChecklistFilter
from monitor.services.corrections import COMMENT_MAX_LENGTH
from monitor.services.courts import all_courts
from monitor.services.review import COMMENT_MAX_LENGTH as REVIEW_COMMENT_MAX_LENGTH

#: The queue's state menu: waiting for review first (the default), then each state, then all.
WAITING, EVERY_STATE = "submitted", "all"
QUEUE_STATE_LABELS = {WAITING: _l("Waiting for review"), "returned": _l("Returned to monitor"), "approved": _l("Approved"),
                      "rejected": _l("Rejected"), EVERY_STATE: _l("All but drafts")}


def _court_choices() -> list[tuple[str, str]]:
    courts = all_courts()
    language = current_language()
    return choices_of([("", _l("All courts"))] + [(c.key, c.name_in(language) if c.active else _l(
        "%(name)s (inactive)", name=c.name_in(language))) for c in courts])


class _GetForm(FlaskForm):
    class Meta:
        csrf = False


class PeriodFilterMixin:
    court = SelectField(_l("Court"), validators=[Optional()])
    date_from = DateField(_l("Hearings from"), validators=[Optional()])
    date_to = DateField(_l("to"), validators=[Optional()])

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date must be on or after the start date."))


class QueueFilterForm(PeriodFilterMixin, _GetForm):
    monitor = SelectField(_l("Monitor"), validators=[Optional()])
    state = SelectField(_l("State"), validators=[Optional()], default=WAITING)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.court.choices = _court_choices()
        monitors = people_who_file()
        self.monitor.choices = choices_of([("", _l("All monitors"))] + [(u.username, u.display_name) for u in monitors])
        self.state.choices = choices_of(list(QUEUE_STATE_LABELS.items()))

    def to_filter(self) -> ChecklistFilter:
        """Waiting checklists unless another state (or all) is chosen."""
        state = self.state.data or WAITING
        return ChecklistFilter(
            court_key=self.court.data or None, monitor_username=self.monitor.data or None,
            date_from=self.date_from.data, date_to=self.date_to.data,
            states=REVIEWABLE_STATES if state == EVERY_STATE else (state,),
        )


class ExportForm(PeriodFilterMixin, _GetForm):
    format = RadioField(_l("Format"),
                        choices=choices_of([("csv", _l("CSV (zip of tables)")), ("xlsx", _l("Excel workbook (XLSX)"))]),
                        default="csv")
    states = MultiCheckboxField(_l("States"), default=["approved"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.court.choices = _court_choices()
        self.states.choices = choices_of((s, STATE_LABELS[s]) for s in ALL_STATES)

    def validate_states(self, field):
        if not field.data:
            raise ValidationError(_l("Choose at least one state."))
        if set(field.data) - set(ALL_STATES):
            raise ValidationError(_l("Unknown state."))

    def validate_format(self, field):
        if field.data not in ("csv", "xlsx"):
            raise ValidationError(_l("Choose CSV or XLSX."))

    def to_filter(self) -> ChecklistFilter:
        return ChecklistFilter(court_key=self.court.data or None, date_from=self.date_from.data,
                               date_to=self.date_to.data, states=tuple(self.states.data))


class ReviewForm(FlaskForm):
    """Approve, return or reject; the revision the manager looked at travels with the decision."""

    action = HiddenField()
    comment = TextAreaField(_l("Comment"), validators=[Length(max=REVIEW_COMMENT_MAX_LENGTH)])
    revision = IntegerField(validators=[InputRequired(), NumberRange(min=0)])


class CorrectionForm(FlaskForm):
    """Travels with a section form: the revision the correction is based on, and why."""

    class Meta:
        csrf = False  # the section form in the same request checks the CSRF token

    base_revision = IntegerField(validators=[InputRequired(message=_l("The form lost its revision; reload the page.")),
                                             NumberRange(min=1)])
    comment = TextAreaField(_l("Reason for the correction"), validators=[
        DataRequired(message=_l("Say why these answers are corrected; the history and the audit log keep the reason.")),
        Length(max=COMMENT_MAX_LENGTH)])
