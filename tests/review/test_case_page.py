"""Does a manager see a case's hearings in order, each linked to its checklist, with the facts
they tell together, and never the court's case number?"""
import pytest

from monitor.models import Role
from tests.support.case_checklist import file_followed_case, write_case_definitions


@pytest.fixture
def app_config(tmp_path) -> dict:
    return {"CHECKLIST_FOLDER": str(write_case_definitions(tmp_path / "checklists")), "DEFAULT_CHECKLIST": "mini_case"}


@pytest.fixture
def followed(app, create_court, create_user):
    return file_followed_case(create_user(), create_court(), create_court("appeal", "Court of Appeal"))


def text_of(response) -> str:
    import html
    import re

    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


def test_the_case_page_shows_the_timeline_and_the_facts(client, login, create_user, followed):
    login(create_user(Role.MANAGER.value))
    page = client.get(f"/review/cases/{followed.code}")
    assert page.status_code == 200
    text = text_of(page)
    assert "Case C-00001" in text and "ongoing" in text and "Drugs" in text
    assert "Hearings 4 (1 on appeal)" in text
    assert "First hearing Jan 10, 2025" in text and "Last hearing Jun 1, 2025" in text
    assert "Adjournments 2 Jan 10, 2025: no reason given Feb 14, 2025: a reason was given" in text
    assert "A1 Dec 1, 2024 Mar 3, 2025 92 days 92 days Jun 1, 2025" in text
    assert "A2 Dec 5, 2024 hearings disagree Mar 3, 2025 88 days not known none" in text
    html = page.get_data(as_text=True)
    assert html.count('href="/review/checklists/') == 5
    assert "draft · not counted" in text
    assert "CR-77" not in html


def test_the_checklist_page_links_to_its_case(client, login, create_user, followed):
    login(create_user(Role.MANAGER.value))
    case_page = client.get(f"/review/cases/{followed.code}").get_data(as_text=True)
    first = case_page.split('href="/review/checklists/')[1].split('"')[0]
    checklist = client.get(f"/review/checklists/{first}").get_data(as_text=True)
    assert f'href="/review/cases/{followed.code}"' in checklist


def test_unknown_cases_and_monitors_are_refused(client, login, create_user, followed):
    login(create_user(Role.MANAGER.value))
    assert client.get("/review/cases/C-99999").status_code == 404
    client.post("/logout")
    login(create_user(Role.MONITOR.value))
    assert client.get(f"/review/cases/{followed.code}").status_code == 403


def test_hearings_filed_with_the_fair_trial_checklist_show_their_stage_and_type(client, login, create_user, create_court):
    """The shipped checklist's answers fill the timeline's columns (the mini one has fewer items)."""
    import uuid
    from datetime import date

    from monitor.extensions import db
    from monitor.services import cases, demo
    from monitor.services.checklists import receive_checklist
    from monitor.services.definitions import registry

    monitor, court = create_user(), create_court()
    definition = registry().current("fair_trial")
    case = cases.open_case(monitor, court, [], 1).case
    for _, document in demo.demo_documents(definition, 2, 5, date(2025, 6, 30)):
        checklist = receive_checklist(monitor, definition, court, str(uuid.uuid4()), "submitted", document).checklist
        cases.name_case(checklist, case)
    db.session.commit()
    login(create_user(Role.MANAGER.value))
    text = text_of(client.get(f"/review/cases/{case.code}"))
    assert "Hearings 2" in text and "Type of hearing" in text and "Verdict announced" in text


def test_a_merged_case_says_where_its_hearings_went(client, login, create_user, create_court, followed):
    from monitor.services import case_changes, cases

    absorbed = cases.open_case(create_user(), create_court("kandal", "Kandal Court"), [], 1).case
    case_changes.merge_cases(None, followed, absorbed)
    login(create_user(Role.MANAGER.value))
    page = client.get(f"/review/cases/{absorbed.code}").get_data(as_text=True)
    assert f'href="/review/cases/{followed.code}"' in page and "This case was merged into" in page


def test_managers_find_cases_by_code_and_court_from_the_queue(client, login, create_user, create_court, followed):
    from monitor.services import cases

    other = cases.open_case(create_user(), create_court("kandal", "Kandal Court"), [], 3).case
    login(create_user(Role.MANAGER.value))
    assert 'href="/review/cases"' in client.get("/review/").get_data(as_text=True)
    listed = text_of(client.get("/review/cases"))
    assert "C-00002 Kandal Court ongoing 3 0" in listed and "C-00001 Phnom Penh Court of First Instance ongoing 2 5" in listed
    assert "C-00002" not in text_of(client.get("/review/cases?q=1"))
    assert "C-00001" not in text_of(client.get(f"/review/cases?court={other.court.key}"))
    assert "No case matches." in text_of(client.get("/review/cases?q=C-9"))
    refused = client.get("/review/cases?court=nowhere")
    assert refused.status_code == 422 and "unknown court 'nowhere'" in text_of(refused)


def test_two_checklists_of_one_hearing_date_are_flagged(client, login, create_user, followed, make_checklist):
    """A second monitor files the verdict hearing too: the page says so, until one is rejected."""
    from monitor.extensions import db
    from monitor.services import cases, review
    from tests.support.case_checklist import hearing, person

    court = cases.checklists_of_case(followed)[0].court
    second = make_checklist(create_user(), court, hearing("2025-03-03", person("convicted"), person("acquitted")))
    cases.name_case(second, followed)
    db.session.commit()
    manager = create_user(Role.MANAGER.value)
    login(manager)
    text = text_of(client.get(f"/review/cases/{followed.code}"))
    assert "Several checklists for the same hearing date" in text and "Mar 3, 2025: 2 checklists" in text
    assert text.count("same date twice") == 2
    review.review_checklist(second, "reject", manager, comment="Filed twice")
    assert "same date twice" not in text_of(client.get(f"/review/cases/{followed.code}"))
