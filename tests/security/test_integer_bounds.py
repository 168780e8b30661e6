"""Can a number too large for the database break a page? Every integer in an address (path or query
string) is bounded once: past PostgreSQL's integer (2147483647) a path is a 404, a query argument a 422."""
import re
from pathlib import Path

import pytest

import monitor

#: PostgreSQL's largest `integer`.
MAX_INTEGER = 2147483647

#: Just past PostgreSQL's int4, past SQLite's int8, and past anything a 64-bit integer holds.
TOO_LARGE = [MAX_INTEGER + 1, 2**63, 99999999999999999999]


@pytest.fixture
def app_config(mini_config):
    return mini_config


@pytest.fixture
def people(create_user, create_court, make_checklist, client_for, api_token):
    monitor_user, manager, admin = create_user("monitor"), create_user("manager"), create_user("admin")
    checklist = make_checklist(monitor_user, create_court())
    return {"checklist": checklist, "manager": client_for(manager), "admin": client_for(admin),
            "monitor": client_for(monitor_user), "token": api_token(manager)}


def _path(rule, number: int, checklist_uuid: str) -> str:
    values = {"checklist_uuid": checklist_uuid, "section_key": "hearing", "period": "2025-Q1", "name": "x.csv",
              "key": "mini", "fmt": "csv"}
    return re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: str(number) if m.group(1) == "int" else values[m.group(2)], rule.rule)


def test_every_integer_in_a_path_is_bounded(app, people):
    """Every route with an <int:...> part, as a signed-in user who may use it: never a 500; past the
    database's integer the address does not exist (404), and the largest integer itself is looked up safely."""
    rules = [rule for rule in app.url_map.iter_rules() if "<int:" in rule.rule]
    assert len(rules) >= 10
    for rule in rules:
        browser = people["admin" if rule.endpoint.startswith("admin.") else
                         "monitor" if rule.endpoint.startswith("pages.") else "manager"]
        method = "GET" if "GET" in rule.methods else "POST"
        headers = people["token"] if rule.endpoint.startswith("api.") else {}
        for number in [*TOO_LARGE, MAX_INTEGER]:
            path = _path(rule, number, people["checklist"].uuid)
            status = browser.open(path, method=method, headers=headers).status_code
            expected = {404} if number > MAX_INTEGER else {302, 400, 403, 404}
            assert status in expected, f"{method} {path}: {status}"


QUERY_ARGUMENTS = [
    ("manager", "/review/?page={n}"),
    ("admin", "/admin/audit?page={n}"),
    ("manager", "/review/checklists/{uuid}/compare?from={n}"),
    ("manager", "/review/checklists/{uuid}/compare?to={n}"),
    ("token", "/api/v1/submissions/{uuid}/diff?from={n}"),
    ("token", "/api/v1/submissions/{uuid}/diff?to={n}"),
    ("token", "/api/v1/checklists/mini?version={n}"),
    ("token", "/api/v1/submissions?page={n}"),
]


@pytest.mark.parametrize("who, address", QUERY_ARGUMENTS)
def test_every_integer_in_a_query_string_is_bounded(people, client, who, address):
    """Too large, negative or not a number: a 422 naming the argument; the largest integer works."""
    argument = re.search(r"[?&](\w+)=\{n\}", address).group(1)
    browser, headers = (client, people["token"]) if who == "token" else (people[who], {})
    for value in [*TOO_LARGE, -1, "abc"]:
        response = browser.get(address.format(n=value, uuid=people["checklist"].uuid), headers=headers)
        assert response.status_code == 422, f"{address} with {value}: {response.status_code}"
        if who == "token":
            assert list(response.get_json()["errors"]) == [argument]
        else:
            assert f"&#39;{argument}&#39; must be a whole number from 1 to 2147483647" in response.text
    largest = browser.get(address.format(n=MAX_INTEGER, uuid=people["checklist"].uuid), headers=headers)
    assert largest.status_code in (200, 404)


def test_no_view_reads_an_integer_argument_without_the_bound():
    """`request.args.get(..., type=int)` accepts any size; views use input_guard.integer_argument."""
    package = Path(monitor.__file__).parent
    offenders = [str(path.relative_to(package)) for path in package.rglob("*.py") if "type=int)" in path.read_text()]
    assert offenders == []
