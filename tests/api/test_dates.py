"""Are dates accepted only as YYYY-MM-DD and compared as dates, so that a date of birth after the
offence is refused whatever way it is written?"""
from datetime import date, timedelta

from tests.api.conftest import envelope
from tests.support.rows import row_counts


def week_date(day: date) -> str:
    """`day` as an ISO week date (2026-W42-4), which Python's date.fromisoformat also reads."""
    year, week, weekday = day.isocalendar()
    return f"{year}-W{week:02d}-{weekday}"


def post(client, headers, body):
    return client.post("/api/v1/submissions", json=body, headers=headers)


def test_only_year_month_day_is_a_date(client, court, monitor_headers, document):
    body = envelope(document, "draft")
    hearing_date = date.fromisoformat(body["hearing"]["hearing_date"])
    before = row_counts()
    for written in [week_date(hearing_date), "2025-1-5", "20250105", "2025-02-30", " 2025-01-05", "2025-01-05T00:00",
                    "٢٠٢٥-٠١-٠٥"]:
        body["hearing"]["hearing_date"] = written
        response = post(client, monitor_headers, body)
        assert response.status_code == 422, (written, response.json)
        assert response.json["errors"]["hearing.hearing_date"] == "must be a date written YYYY-MM-DD", written
    assert row_counts() == before


def test_a_date_of_birth_after_the_offence_is_refused_by_field(client, court, monitor_headers, document):
    body = envelope(document, "draft")
    accused = body["accused"][0]
    offence = date.fromisoformat(accused["offence_date"])
    accused["date_of_birth"] = (offence + timedelta(days=40)).isoformat()
    accused.pop("age_at_offence", None)
    accused.pop("age_at_hearing", None)
    response = post(client, monitor_headers, body)
    assert response.status_code == 422, response.json
    assert response.json["errors"]["accused[0].date_of_birth"] == "The date of birth must be before the date of the offence."


def test_a_week_date_cannot_slip_a_birth_after_the_offence_past_the_check(client, court, monitor_headers, document):
    """'2025-06-01' < '2025-W01-1' as text, though 1 June comes after 30 December 2024."""
    body = envelope(document, "draft")
    accused = body["accused"][0]
    offence = date.fromisoformat(accused["offence_date"])
    accused["offence_date"] = week_date(offence)
    accused["date_of_birth"] = (offence + timedelta(days=40)).isoformat()
    accused.pop("date_of_arrest", None)
    for key in ("age_at_offence", "age_at_hearing"):
        accused.pop(key, None)
    response = post(client, monitor_headers, body)
    assert response.status_code == 422, response.json
    assert response.json["errors"]["accused[0].offence_date"] == "must be a date written YYYY-MM-DD"
    assert row_counts()["checklists"] == 0
