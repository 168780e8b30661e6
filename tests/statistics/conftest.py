"""Statistics fixtures: a programme whose reporting year starts in November, and a hearing factory."""
import csv
import io
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

    def add(court: Court, day: date, status: str, hearing: dict, accused: list[dict], monitor: User = monitor,
            version: int = 1) -> Checklist:
        checklist = Checklist(
            uuid=str(uuid.uuid4()), definition_key="fair_trial", definition_version=version, court=court, monitor=monitor,
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


@pytest.fixture
def quarter_data(add_hearing, create_court):
    """2025-Q1 (Nov 2024 - Jan 2025): two hearings, three accused, one juvenile; one hearing in 2024-Q4."""
    alpha, beta = create_court("alpha", "Alpha Court"), create_court("beta", "Beta Court")
    add_hearing(alpha, date(2024, 11, 20), "approved",
                {"hearing_type": "trial", "stage": "first_instance", "hearing_open": "yes"}, [
        {"gender": "male", "age_at_offence": 35, "represented_by_lawyer": "yes", "detention_status": "pretrial_detention",
         "pretrial_detention_days": 90},
        {"gender": "female", "age_at_offence": 15, "represented_by_lawyer": "no", "detention_status": "not_detained",
         "juvenile": {"juvenile_pretrial_detention": "no", "juvenile_verdict_public": "na"}},
    ])
    add_hearing(beta, date(2025, 1, 5), "approved", {"hearing_type": "trial", "stage": "appeal", "hearing_open": "no"}, [
        {"gender": "male", "age_at_offence": 50, "represented_by_lawyer": "yes", "detention_status": "unknown",
         "case_reference": "must-never-appear"},
    ])
    add_hearing(alpha, date(2024, 9, 9), "approved", {"hearing_type": "trial", "stage": "appeal", "hearing_open": "yes"},
                [{"gender": "male"}])


@pytest.fixture
def manager_client(client, create_user, login):
    login(create_user("manager"))
    return client


def csv_download(client, query: str) -> tuple[str, list[dict]]:
    """The file name and rows of the CSV download of `query` (e.g. "period=2025-Q1&lang=km")."""
    response = client.get(f"/statistics/download.csv?{query}")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    return response.headers["Content-Disposition"], rows
