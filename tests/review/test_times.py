"""Are times on the pages shown in the programme's time zone, written the reader's way (they were
all "1:36:27 AM UTC", in Khmer too)?"""
from datetime import UTC, datetime

import pytest

from monitor.config import ConfigurationError
from monitor.extensions import db
from monitor.models import ReviewAction
from tests.support.mini_checklist import complete_document


@pytest.fixture
def app_config(mini_config):
    return mini_config | {"TIME_ZONE": "Asia/Phnom_Penh"}


def test_history_times_are_phnom_penh_times_in_each_language(create_user, create_court, client_for, make_checklist):
    checklist = make_checklist(create_user("monitor"), create_court(), complete_document())
    db.session.query(ReviewAction).filter_by(checklist_id=checklist.id).update(
        {"created_at": datetime(2026, 12, 2, 1, 36, 27, tzinfo=UTC)})
    db.session.commit()
    office = client_for(create_user("manager"))
    english = office.get(f"/review/checklists/{checklist.uuid}?lang=en").text
    assert "2 December 2026, 08:36" in english and "UTC" not in english
    khmer = office.get(f"/review/checklists/{checklist.uuid}?lang=km").text
    assert "2 ធ្នូ 2026, 08:36" in khmer and "UTC" not in khmer


def test_an_unknown_time_zone_stops_the_start(make_app, database_url):
    with pytest.raises(ConfigurationError, match="Asia/Phnom_Penh"):
        make_app(database_url, TIME_ZONE="Asia/Phnom Penh")
