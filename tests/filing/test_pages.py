"""The monitor's story on the phone pages: sign in, start, fill section by section, submit."""
import random
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from monitor.services import demo
from monitor.extensions import db
from monitor.models import Checklist
from monitor.services.checklists import document_of
from monitor.services.definitions import current_definition
from monitor.filing.steps import steps_of


@pytest.fixture
def monitor_user(create_user, create_court, login):
    create_court()
    user = create_user("monitor", username="monitor")
    login(user)
    return user


def start(client, hearing_date: date | None = None) -> Checklist:
    court_id = db.session.scalar(select(Checklist.court_id).limit(1)) or 1
    response = client.post("/checklists/new",
                           data={"court": court_id, "hearing_date": (hearing_date or date.today()).isoformat()})
    assert response.status_code == 302, response.text
    return db.session.scalars(select(Checklist).order_by(Checklist.id.desc())).first()


def form_data(values: dict) -> dict:
    """Answers as a browser posts them: lists for multiple choice, numbers as text."""
    data = {}
    for key, value in values.items():
        data[key] = value if isinstance(value, list) else str(value)
    return data


def test_pages_need_sign_in(client):
    response = client.get("/checklists")
    assert response.status_code == 302 and "/login" in response.location


def test_wrong_password_is_refused_with_a_message(client, create_user):
    user = create_user("monitor")
    response = client.post("/login", data={"username": user.username, "password": "not it"})
    assert response.status_code == 200
    assert "Wrong username or password." in response.text


def test_start_goes_to_first_section_with_progress(client, monitor_user):
    checklist = start(client)
    assert checklist.status == "draft" and checklist.monitor_id == monitor_user.id
    assert checklist.answers["hearing_date"] == date.today().isoformat()
    first = current_definition().hearing.sections[0]
    page = client.get(f"/checklists/{checklist.uuid}/hearing/{first.key}")
    assert page.status_code == 200
    assert re.search(r"Step 1 of \d+", page.text)


def test_future_hearing_date_is_refused(client, monitor_user):
    response = client.post("/checklists/new", data={"court": 1, "hearing_date": (date.today() + timedelta(days=1)).isoformat()})
    assert response.status_code == 200
    assert "cannot be in the future" in response.text


def test_invalid_answers_are_shown_next_to_the_field_and_kept(client, monitor_user):
    """A typo never loses what the monitor typed, and never saves half a section."""
    checklist = start(client)
    client.post(f"/checklists/{checklist.uuid}/accused", data={})
    url = f"/checklists/{checklist.uuid}/accused/1/identity_and_age"
    section = current_definition().accused.section("identity_and_age")
    assert section is not None, [s.key for s in current_definition().accused.sections]
    future = (date.today() + timedelta(days=3)).isoformat()
    response = client.post(url, data={"gender": "female", "age_at_offence": "sixteen", "offence_date": future})
    assert response.status_code == 200
    assert "Not a valid integer value." in response.text
    assert 'value="sixteen"' in response.text  # typed text is still in the box
    assert "cannot be in the future" in response.text
    assert re.search(r'value="female"[^>]*checked|checked[^>]*value="female"', response.text)
    db.session.expire_all()
    assert "gender" not in document_of(checklist)["accused"][0]


def test_annex_appears_only_for_the_juvenile(client, monitor_user):
    checklist = start(client)
    for _age in (35, 16):
        client.post(f"/checklists/{checklist.uuid}/accused", data={})
    client.post(f"/checklists/{checklist.uuid}/accused/1/identity_and_age", data={"age_at_offence": "35", "action": "save"})
    response = client.post(f"/checklists/{checklist.uuid}/accused/2/identity_and_age", data={"age_at_offence": "16"})
    assert response.status_code == 302
    told = client.get(response.location).text
    assert "Juvenile annex added: accused 2 was 16 at the time of the offence." in told, "the annex is announced"
    assert "Not answered yet in “Accused 2: Identity and age”: Gender of the accused." in told, "and what was left unanswered"
    db.session.expire_all()
    steps = steps_of(current_definition(), document_of(checklist))
    annex_steps = [(s.level, s.accused_index) for s in steps if s.level == "juvenile"]
    assert annex_steps and all(index == 1 for _, index in annex_steps)
    overview = client.get(f"/checklists/{checklist.uuid}").text
    assert "Juvenile annex 2:" in overview and "Juvenile annex 1:" not in overview
    first_annex = current_definition().juvenile.sections[0].key
    assert client.get(f"/checklists/{checklist.uuid}/accused/1/juvenile/{first_annex}").status_code == 404


def fill_every_step(client, checklist, document):
    """Post every section of `document` through the pages, as a monitor tapping through would."""
    hearing_answers = {k: v for k, v in document["hearing"].items()}
    definition = current_definition()
    for _accused in document["accused"]:
        client.post(f"/checklists/{checklist.uuid}/accused", data={})
    for _ in range(3):  # answers can reveal sections, so go round until nothing new appears
        posted = set()
        while True:  # an answer can also hide a later section: ask for the steps after each one
            db.session.expire_all()
            step = next((step for step in steps_of(definition, document_of(checklist))
                         if (step.level, step.accused_index, step.section.key) not in posted), None)
            if step is None:
                break
            posted.add((step.level, step.accused_index, step.section.key))
            if step.level == "hearing":
                source, url = hearing_answers, f"/checklists/{checklist.uuid}/hearing/{step.section.key}"
            else:
                accused = document["accused"][step.accused_index]
                source = accused if step.level == "accused" else accused.get("juvenile", {})
                middle = "" if step.level == "accused" else "juvenile/"
                url = f"/checklists/{checklist.uuid}/accused/{step.accused_index + 1}/{middle}{step.section.key}"
            values = {item.key: source[item.key] for item in step.section.items if item.key in source}
            response = client.post(url, data=form_data(values))
            assert response.status_code == 302, (url, re.findall(r'class="error"[^>]*>([^<]+)', response.text))


def test_incomplete_checklist_cannot_be_submitted(client, monitor_user):
    checklist = start(client)
    response = client.post(f"/checklists/{checklist.uuid}/submit", data={})
    assert response.status_code == 302
    overview = client.get(response.location).text
    assert "Before you can submit" in overview and 'data-path="hearing.hearing_open"' in overview
    assert "<code>" not in overview, "problems in words, not paths in code style"
    assert "Accused</a> — add at least 1 accused" in overview
    assert re.search(r'<a href="/checklists/[^"]+/hearing/publicity#field-hearing_open">'
                     r'Public hearing: Was the hearing open', overview)
    db.session.expire_all()
    assert checklist.status == "draft"


def test_no_court_is_preset_and_dates_read_day_first(client, monitor_user):
    form = client.get("/checklists/new").text
    assert re.search(r'<option selected value="">|<option value="" selected>', form), "the court is chosen by the monitor"
    assert date.today().strftime("%d/%m/%Y") in form
    refused = client.post("/checklists/new", data={"court": "", "hearing_date": date.today().strftime("%d/%m/%Y")})
    assert refused.status_code == 200 and "Choose the court." in refused.text
    checklist = start(client, date.today())
    assert date.today().strftime("%d/%m/%Y") in client.get(f"/checklists/{checklist.uuid}").text


def test_a_unit_already_in_the_label_is_not_repeated(client, monitor_user):
    checklist = start(client)
    client.post(f"/checklists/{checklist.uuid}/accused", data={})
    page = client.get(f"/checklists/{checklist.uuid}/accused/1/identity_and_age").text
    assert "(years)" in page and "(years)</span><span data-unit></span>" in page and "(years) (years)" not in page


def test_complete_checklist_is_submitted_and_stored(client, monitor_user):
    definition = current_definition()
    rng = random.Random(7)
    hearing_date = date.today() - timedelta(days=10)
    document = None
    while document is None or not any("juvenile" in a for a in document["accused"]) or len(document["accused"]) < 2:
        document = demo.random_document(definition, hearing_date, rng, date.today())
    checklist = start(client, hearing_date)
    fill_every_step(client, checklist, document)
    response = client.post(f"/checklists/{checklist.uuid}/submit", data={})
    assert response.status_code == 302 and response.location.endswith("/checklists")
    db.session.expire_all()
    assert checklist.status == "submitted"
    assert document_of(checklist) == document
    listing = client.get("/checklists").text
    assert "Checklist submitted" in listing
    # A submitted checklist is read-only for the monitor.
    first = definition.hearing.sections[0].key
    assert client.get(f"/checklists/{checklist.uuid}/hearing/{first}").status_code == 302


def test_monitor_cannot_open_anothers_checklist(client, monitor_user, create_user, login):
    checklist = start(client)
    other = create_user("monitor")
    client.post("/logout")
    login(other)
    assert client.get(f"/checklists/{checklist.uuid}").status_code == 403
    assert client.get(f"/checklists/{checklist.uuid}/hearing/x").status_code == 403
    assert checklist.uuid not in client.get("/checklists").text


def test_remove_accused(client, monitor_user):
    checklist = start(client)
    client.post(f"/checklists/{checklist.uuid}/accused", data={})
    client.post(f"/checklists/{checklist.uuid}/accused", data={})
    client.post(f"/checklists/{checklist.uuid}/accused/1/identity_and_age", data={"age_at_offence": "40", "action": "save"})
    client.post(f"/checklists/{checklist.uuid}/accused/1/remove", data={})
    db.session.expire_all()
    assert len(checklist.accused) == 1 and "age_at_offence" not in checklist.accused[0].answers


def test_unknown_pages_are_404_not_500(client, monitor_user):
    checklist = start(client)
    assert client.get("/checklists/does-not-exist").status_code == 404
    assert client.get(f"/checklists/{checklist.uuid}/hearing/no_such_section").status_code == 404
    assert client.get(f"/checklists/{checklist.uuid}/accused/9/identity_and_age").status_code == 404
    assert client.post(f"/checklists/{checklist.uuid}/accused/9/remove", data={}).status_code == 404


def test_forms_refuse_missing_csrf_token(make_app, database_url):
    """A form posted from another site is refused with an explanation, not a crash."""
    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        response = client.post("/login", data={"username": "x", "password": "y"})
    assert response.status_code == 400
    assert "The form expired or was sent from another site" in response.text


def test_without_javascript_revealed_questions_are_asked_on_the_same_section(client, monitor_user):
    """Answering "No" to an open hearing must lead to the question about the reason, even with no JS."""
    checklist = start(client)
    url = f"/checklists/{checklist.uuid}/hearing/publicity"
    page = client.get(url).text
    assert re.search(r'data-item="closed_reason_given"[^>]*hidden', page.replace("\n", " "))
    response = client.post(url, data={"hearing_open": "no", "action": "next"})
    assert response.status_code == 302 and response.location.endswith(url)
    page = client.get(url).text
    assert "More questions appeared" in page
    assert not re.search(r'data-item="closed_reason_given"[^>]*hidden', page.replace("\n", " "))
    response = client.post(url, data={"hearing_open": "no", "closed_reason_given": "yes", "action": "next"})
    assert not response.location.endswith(url)


def test_observations_are_a_multi_line_box_kept_line_by_line(client, monitor_user):
    """Version 2: the monitor writes what they saw in a box of several lines; the lines are kept."""
    checklist = start(client)
    assert checklist.definition_version == 2
    url = f"/checklists/{checklist.uuid}/hearing/hearing_notes"
    page = client.get(url).text
    assert re.search(r'<textarea id="hearing_observations" name="hearing_observations" rows="5" maxlength="4000"', page)
    note = "The judge arrived late.\r\nThe public was asked to leave for ten minutes."
    response = client.post(url, data={"hearing_observations": note, "action": "save"})
    assert response.status_code == 302, response.text
    db.session.expire_all()
    assert document_of(db.session.get(Checklist, checklist.id))["hearing"]["hearing_observations"] == note
    assert "The judge arrived late.\r\nThe public was asked" in client.get(url).text


def test_annex_for_a_claimed_minor_says_so_not_the_adult_age(client, monitor_user):
    checklist = start(client)
    client.post(f"/checklists/{checklist.uuid}/accused", data={})
    response = client.post(f"/checklists/{checklist.uuid}/accused/1/identity_and_age",
                           data={"age_at_offence": "35", "claimed_minor": "yes"})
    told = client.get(response.location).text
    assert "Juvenile annex added: accused 1 claimed or appears to be under 18 at the time of the offence." in told
    assert "was 35" not in told
