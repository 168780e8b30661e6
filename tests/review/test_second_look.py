"""Does the review page show the answers first and the decision after them, with what deserves a
second look highlighted: a typed age against the dates, an accused under 18 without the annex, the
annex's detention answer against the accused block's, "unknown" where most monitors answer, and a
hearing longer than a working day?"""
import re

import pytest

from monitor.services.review import review_checklist
from tests.support.mini_checklist import complete_document


@pytest.fixture
def app_config(mini_config):
    return mini_config


def test_the_page_shows_answers_first_the_decision_after_and_unknown_where_most_answer(
        create_user, create_court, client_for, make_checklist):
    court, colleague, manager = create_court(), create_user("monitor"), create_user("manager")
    for day in range(1, 11):  # ten approved checklists all answer whether the hearing was open
        approved = make_checklist(colleague, court, complete_document(f"2025-02-{day:02d}"))
        review_checklist(approved, "approve", manager)
    checklist = make_checklist(create_user("monitor"), court, complete_document(open_hearing="unknown"))

    page = re.sub(r"\s+", " ", client_for(manager).get(f"/review/checklists/{checklist.uuid}").text)
    assert page.index("<h2>Answers</h2>") < page.index('id="decision"') < page.index("<h2>History</h2>")
    assert ('<li><a href="#answer-hearing.hearing_open">Hearing · Was the hearing open to the public?</a>: '
            'Unknown here, but only 0% of approved checklists answer it so.</li>') in page
    assert '<div class="answer flagged" id="answer-hearing.hearing_open">' in page
