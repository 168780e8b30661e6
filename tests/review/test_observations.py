"""Are a monitor's observations read by the manager and kept in the INTERNAL export, and never
counted or published (issue 16.8)?"""
import io
import random
import zipfile
from datetime import timedelta

import pytest

from monitor.services import demo, review
from monitor.services.definitions import current_definition

HEARING_NOTE = "The judge spoke over the accused.\nThe public seats were closed for ten minutes."
ACCUSED_NOTE = "Brought in handcuffs, removed only when the lawyer asked."


@pytest.fixture
def observed(create_user, create_court, make_checklist, today):
    """An approved version 2 checklist whose hearing and first accused carry observations."""
    monitor, manager = create_user("monitor"), create_user("manager")
    rng = random.Random(4)
    document = None
    while document is None:
        document = demo.random_document(current_definition(), today - timedelta(days=3), rng, today)
    document["hearing"]["hearing_observations"] = HEARING_NOTE
    document["accused"][0]["accused_observations"] = ACCUSED_NOTE
    checklist = make_checklist(monitor, create_court(), document)
    review.review_checklist(checklist, "approve", manager)
    return {"checklist": checklist, "manager": manager, "day": today - timedelta(days=3)}


def test_the_manager_reads_the_observations_line_by_line(observed, client_for):
    office = client_for(observed["manager"])
    page = office.get(f"/review/checklists/{observed['checklist'].uuid}").text
    assert '<dd class="observation">The judge spoke over the accused.\nThe public seats' in page
    assert ACCUSED_NOTE in page


def test_the_internal_export_keeps_them_marked_private(observed, client_for):
    office = client_for(observed["manager"])
    archive = zipfile.ZipFile(io.BytesIO(office.get("/review/exports?download=1&format=csv&states=approved").get_data()))
    hearings = archive.read("hearings.csv").decode("utf-8-sig")
    assert "The judge spoke over the accused." in hearings
    assert ACCUSED_NOTE in archive.read("accused.csv").decode("utf-8-sig")
    labels = archive.read("labels.csv").decode("utf-8-sig")
    assert 'hearings,hearing_observations,"Your observations on this hearing, in your own words",text,,yes,' in labels


def test_statistics_never_carry_them(observed, client_for, api_token):
    """The statistics page, its downloads and the API (what releases are made of) hold no observation."""
    office = client_for(observed["manager"])
    day = observed["day"].isoformat()
    query = f"from={day}&to={day}"
    outputs = [office.get(f"/statistics?{query}").text,
               office.get(f"/statistics/download.csv?{query}").get_data(as_text=True),
               office.get(f"/statistics/download.json?{query}").get_data(as_text=True),
               office.get(f"/api/v1/statistics?{query}", headers=api_token(observed["manager"])).get_data(as_text=True)]
    assert "1" in outputs[0]
    for output in outputs:
        assert "judge spoke over" not in output and "handcuffs, removed" not in output
        assert "hearing_observations" not in output and "accused_observations" not in output
