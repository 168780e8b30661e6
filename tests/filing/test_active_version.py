"""The phone fills new checklists with the version an administrator activated, not the highest installed."""
import json
import re

import pytest

from monitor.models import Role
from tests.support.mini_checklist import write_mini_definitions


@pytest.fixture
def app_config(tmp_path):
    folder = write_mini_definitions(tmp_path / "checklists", versions=(1, 2))
    return {"CHECKLIST_FOLDER": str(folder), "DEFAULT_CHECKLIST": "mini"}


def test_the_app_names_the_activated_version(client, runner, create_user, login, create_court):
    create_court()
    login(create_user(Role.MONITOR.value))
    assert runner.invoke(args=["checklists", "activate", "mini", "1"]).exit_code == 0

    page = client.get("/app").get_data(as_text=True)
    current = json.loads(re.search(r'data-current="([^"]*)"', page).group(1).replace("&#34;", '"'))
    assert ["mini", 1] in current and ["mini", 2] not in current
    assert client.get("/api/v1/checklists/mini?lang=en").get_json()["version"] == 1, "what the app fetches and fills"
    first_screen = client.get("/app/new").get_data(as_text=True)
    embedded = re.search(r"<script type=\"application/json\" data-definition>(.*?)</script>", first_screen, re.S)
    definition = json.loads(embedded.group(1))
    assert [definition["key"], definition["version"]] in current, "the first screen draws a version in use"
    sw = client.get("/sw.js").get_data(as_text=True)
    assert "/api/v1/checklists/mini?lang=en" in sw

    assert runner.invoke(args=["checklists", "activate", "mini", "2"]).exit_code == 0
    assert client.get("/api/v1/checklists/mini?lang=en").get_json()["version"] == 2
