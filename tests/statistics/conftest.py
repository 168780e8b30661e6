"""Statistics fixtures: a programme whose reporting year starts in November, and a hearing factory."""
import uuid
from datetime import date

import pytest

from monitor.extensions import db
from monitor.models import Accused, Checklist, Court, JuvenileAnnex, User


@pytest.fixture
def app(make_app, database_url):
    """The reference organisation's calendar: Q1 is November to January."""
    app = make_app(database_url, REPORTING_YEAR_START_MONTH=11, STATISTICS_COUNT_SUBMITTED=True)
    with app.app_context():
        yield app


@pytest.fixture
def add_hearing(app, create_user):
    """Store a checklist directly (answers as the service stores them), with its accused and annexes.

    `accused` is a list of answer dicts; a "juvenile" entry holds the annex answers."""
    monitor = create_user("monitor")

    def add(court: Court, day: date, status: str, hearing: dict, accused: list[dict], monitor: User = monitor) -> Checklist:
        checklist = Checklist(
            uuid=str(uuid.uuid4()), definition_key="fair_trial", definition_version=1, court=court, monitor=monitor,
            status=status, hearing_date=day, answers={"hearing_date": day.isoformat(), **hearing},
        )
        for position, answers in enumerate(accused):
            answers = dict(answers)
            annex = answers.pop("juvenile", None)
            row = Accused(position=position, answers=answers)
            if annex is not None:
                row.juvenile = JuvenileAnnex(answers=annex, checklist=checklist)
            checklist.accused.append(row)
        db.session.add(checklist)
        db.session.commit()
        return checklist

    return add
