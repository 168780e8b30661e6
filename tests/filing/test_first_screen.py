"""The new checklist's first screen drawn by the server (/app/new): what a phone's first visit gets,
and what happens when it is sent before the app's script took it over."""
import base64
import hashlib
import json
import re
import uuid
from datetime import date, timedelta

from sqlalchemy import func, select

from monitor.extensions import db
from monitor.models import Checklist, Role
from monitor.services.checklists import document_of
from monitor.services.definitions import registry


def first_section():
    return registry().current_all()[0].hearing.sections[0]


def test_first_screen_shows_the_first_section_and_carries_what_the_app_needs(client, create_user, create_court, login):
    """No request after the page is needed to show the questions or to let the app take them over."""
    create_court("siem_reap", "Siem Reap Provincial Court")
    user = create_user(Role.MONITOR.value)
    login(user)
    response = client.get("/app/new")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store", "it holds the monitor's identity: never kept"
    page = response.get_data(as_text=True)
    head = page.split("</head>")[0]
    assert re.search(r'<script src="/app/app\.js\?v=\w+" defer></script>', head)
    assert 'id="section-form"' in page
    assert all(f'data-item="{item.key}"' in page for item in first_section().items)
    assert f'value="{date.today().strftime("%d/%m/%Y")}"' in page, "today, written day/month/year"
    assert '<option value="siem_reap">Siem Reap Provincial Court</option>' in page
    assert re.search(r"Step 1 of \d+", page)

    definition = json.loads(re.search(r'<script type="application/json" data-definition>(.*?)</script>', page, re.S).group(1))
    assert (definition["key"], definition["language"]) == (registry().current_all()[0].key, "en")
    user_json = re.search(r'data-user="([^"]+)"', page).group(1).replace("&#34;", '"')
    assert json.loads(user_json)["id"] == user.id
    assert uuid.UUID(re.search(r'name="uuid" value="([^"]+)"', page).group(1))


def test_first_screen_in_khmer(client, create_user, create_court, login):
    create_court()
    login(create_user(Role.MONITOR.value))
    page = client.get("/app/new?lang=km").get_data(as_text=True)
    definition = json.loads(re.search(r"data-definition>(.*?)</script>", page, re.S).group(1))
    assert definition["language"] == "km"
    assert "ជំហានទី 1" in page and "តុលាការ" in page


def test_only_people_who_file_checklists_get_the_first_screen(client, create_user, login):
    assert client.get("/app/new").status_code == 302
    login(create_user(Role.ADMIN.value))
    assert client.get("/app/new").status_code == 403


def test_first_screen_sent_without_the_app_shows_problems_and_keeps_answers(client, create_user, create_court, login):
    """Sent before the script arrived, with mistakes: is each named next to its field, and nothing stored?"""
    create_court()
    login(create_user(Role.MONITOR.value))
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = client.post("/app/new",
                           data={"court": "nowhere", "hearing_date": tomorrow, "stage": "appeal", "uuid": str(uuid.uuid4())})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Choose the court." in page and "cannot be in the future" in page
    assert re.search(r'<input [^>]*value="appeal" checked', page), "the answer given is still chosen"
    assert db.session.scalar(select(func.count(Checklist.id))) == 0


def test_first_screen_sent_without_the_app_starts_the_checklist_once(client, create_user, create_court, login):
    """A double tap sends the page's uuid twice: one checklist, and the second tap opens it."""
    court = create_court()
    user = create_user(Role.MONITOR.value)
    login(user)
    checklist_uuid = str(uuid.uuid4())
    data = {"court": court.key, "hearing_date": date.today().isoformat(), "stage": "appeal", "hearing_type": "trial",
            "case_reference": "CR-9", "uuid": checklist_uuid}
    first = client.post("/app/new", data=data)
    assert first.status_code == 302 and re.search(rf"/checklists/{checklist_uuid}/hearing/\w+$", first.location)
    assert first_section().key not in first.location, "on to the next section"
    again = client.post("/app/new", data=data)
    assert again.status_code == 302 and again.location.endswith(f"/checklists/{checklist_uuid}")

    checklist = db.session.scalar(select(Checklist))
    assert db.session.scalar(select(func.count(Checklist.id))) == 1
    stored = (checklist.uuid, checklist.monitor_id, checklist.court_id, checklist.status)
    assert stored == (checklist_uuid, user.id, court.id, "draft")
    hearing = document_of(checklist)["hearing"]
    assert (hearing["stage"], hearing["hearing_type"], hearing["case_reference"]) == ("appeal", "trial", "CR-9")


def test_first_screen_cannot_take_over_another_monitors_checklist(client, create_user, create_court, login, client_for):
    court = create_court()
    data = {"court": court.key, "hearing_date": date.today().isoformat(), "uuid": str(uuid.uuid4())}
    first = client_for(create_user(Role.MONITOR.value))
    assert first.post("/app/new", data=data).status_code == 302
    login(create_user(Role.MONITOR.value))
    assert client.post("/app/new", data=data).status_code == 409
    assert db.session.scalar(select(func.count(Checklist.id))) == 1


def test_first_screen_paints_without_waiting_for_other_files(client, create_user, create_court, login):
    """Its styles come inside the page, allowed by their hash only, and the script is named in the headers."""
    create_court()
    login(create_user(Role.MONITOR.value))
    response = client.get("/app/new")
    page = response.get_data(as_text=True)
    css = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    policy = response.headers["Content-Security-Policy"]
    assert f"style-src 'self' 'sha256-{digest}'" in policy and "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert 'rel="stylesheet"' not in page.split("</head>")[0]
    assert re.fullmatch(r"</app/app\.js\?v=\w+>; rel=preload; as=script", response.headers["Link"])
