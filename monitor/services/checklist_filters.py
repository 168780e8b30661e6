"""Choosing checklists by court, monitor, hearing date and state: one definition of the filters
shared by the review queue, the API list and the raw-data exports."""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select

from monitor.models import Checklist, ChecklistStatus, Court, User

ALL_STATES = tuple(status.value for status in ChecklistStatus)
#: States a manager sees in the queue: drafts are the monitor's own business until submitted.
REVIEWABLE_STATES = tuple(s for s in ALL_STATES if s != ChecklistStatus.DRAFT.value)


@dataclass(frozen=True)
class ChecklistFilter:
    court_key: str | None = None
    monitor_username: str | None = None
    #: Hearing dates from and to, inclusive.
    date_from: date | None = None
    date_to: date | None = None
    states: tuple[str, ...] = field(default=REVIEWABLE_STATES)

    def apply(self, query: Select) -> Select:
        """Narrow a query over `Checklist` (joined to nothing else) to the chosen checklists."""
        query = query.where(Checklist.status.in_(self.states))
        if self.court_key:
            query = query.where(Checklist.court.has(Court.key == self.court_key))
        if self.monitor_username:
            query = query.where(Checklist.monitor.has(User.username == self.monitor_username))
        if self.date_from:
            query = query.where(Checklist.hearing_date >= self.date_from)
        if self.date_to:
            query = query.where(Checklist.hearing_date <= self.date_to)
        return query

    def describe(self) -> dict:
        """The filter as plain values, for the audit log and export file notes."""
        return {
            "court": self.court_key, "monitor": self.monitor_username,
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "states": list(self.states),
        }
