"""Roles enforced everywhere: every endpoint of the review, administration and API surface, for
every role and for anonymous visitors, answers the expected status; forbidden is always 403.

One world per database (built once per module, since every request here either only reads or is
refused before it changes anything) keeps 300+ cases fast."""
import shutil
import uuid

import pytest

from monitor import create_app
from monitor.extensions import db
from monitor.models import ApiToken, Court, Role, User
from monitor.models.accounts import hash_token
from monitor.services import review
from tests.conftest import PASSWORD, FreshRequestClient, _empty_postgres, _migrated_config
from tests.support.mini_checklist import complete_document, write_mini_definitions

ROLES = ["anonymous", "monitor", "other_monitor", "manager", "admin"]
#: Status for anonymous visitors: HTML pages send them to sign in, the API answers 401.
LOGIN, UNAUTHORIZED = 302, 401

D, S = "{draft}", "{submitted}"  # placeholders: the owner's draft and submitted checklists


def row(method, path, statuses, data=None):
    """statuses: (anonymous, monitor (owner), other_monitor, manager, admin)."""
    return pytest.param(method, path, dict(zip(ROLES, statuses)), data, id=f"{method} {path}")


ENDPOINTS = [
    # monitor pages
    row("GET", "/checklists", (LOGIN, 200, 200, 200, 200)),
    row("GET", "/checklists/new", (LOGIN, 200, 200, 200, 403)),
    row("GET", f"/checklists/{D}", (LOGIN, 200, 403, 200, 200)),
    row("GET", f"/checklists/{D}/hearing/basics", (LOGIN, 200, 403, 403, 403)),
    row("GET", f"/checklists/{D}/accused/1/person", (LOGIN, 200, 403, 403, 403)),
    row("POST", f"/checklists/{D}/accused/9/remove", (LOGIN, 404, 403, 403, 403)),
    row("POST", f"/checklists/{S}/submit", (LOGIN, 302, 403, 403, 403)),
    # review pages
    row("GET", "/review/", (LOGIN, 403, 403, 200, 200)),
    row("GET", f"/review/checklists/{S}", (LOGIN, 403, 403, 200, 200)),
    row("POST", f"/review/checklists/{S}/decide", (LOGIN, 403, 403, 422, 422), {"action": "approve"}),
    row("GET", f"/review/checklists/{S}/revisions/1", (LOGIN, 403, 403, 200, 200)),
    row("GET", f"/review/checklists/{S}/compare", (LOGIN, 403, 403, 200, 200)),
    row("GET", f"/review/checklists/{S}/correct", (LOGIN, 403, 403, 200, 200)),
    row("GET", f"/review/checklists/{S}/correct/hearing/basics", (LOGIN, 403, 403, 200, 200)),
    row("POST", f"/review/checklists/{S}/correct/hearing/basics", (LOGIN, 403, 403, 422, 422), {"hearing_open": "no"}),
    row("GET", f"/review/checklists/{S}/correct/accused/1/person", (LOGIN, 403, 403, 200, 200)),
    row("GET", f"/review/checklists/{S}/correct/accused/1/juvenile/protection", (LOGIN, 403, 403, 404, 404)),
    row("GET", "/review/exports", (LOGIN, 403, 403, 200, 200)),
    row("GET", "/review/exports?download=1&format=csv&states=approved", (LOGIN, 403, 403, 200, 200)),
    row("GET", "/review/exports?download=1&format=xlsx&states=approved", (LOGIN, 403, 403, 200, 200)),
    # administration
    row("GET", "/admin/", (LOGIN, 403, 403, 403, 200)),
    row("GET", "/admin/accounts", (LOGIN, 403, 403, 403, 200)),
    row("POST", "/admin/accounts", (LOGIN, 403, 403, 403, 422), {"username": ""}),
    row("POST", "/admin/accounts/{monitor_id}", (LOGIN, 403, 403, 403, 400), {"change": "promote"}),
    row("GET", "/admin/courts", (LOGIN, 403, 403, 403, 200)),
    row("POST", "/admin/courts", (LOGIN, 403, 403, 403, 422), {"key": ""}),
    row("POST", "/admin/courts/{court_id}", (LOGIN, 403, 403, 403, 400), {"change": "demolish"}),
    row("GET", "/admin/configuration", (LOGIN, 403, 403, 403, 200)),
    row("POST", "/admin/configuration/calendar", (LOGIN, 403, 403, 403, 422), {"start_month": "13"}),
    row("POST", "/admin/configuration/checklist-version", (LOGIN, 403, 403, 403, 302), {"checklist": "mini"}),
    row("GET", "/admin/audit", (LOGIN, 403, 403, 200, 200)),
    row("GET", "/admin/audit.csv", (LOGIN, 403, 403, 200, 200)),
    # JSON API (bearer tokens)
    row("GET", "/api/v1/checklists", (UNAUTHORIZED, 200, 200, 200, 200)),
    row("GET", "/api/v1/courts", (UNAUTHORIZED, 200, 200, 200, 200)),
    row("GET", "/api/v1/submissions", (UNAUTHORIZED, 200, 200, 200, 200)),
    row("POST", "/api/v1/submissions", (UNAUTHORIZED, 422, 422, 422, 403), {}),
    row("GET", f"/api/v1/submissions/{D}", (UNAUTHORIZED, 200, 403, 200, 200)),
    row("POST", f"/api/v1/submissions/{S}/review", (UNAUTHORIZED, 403, 403, 422, 422), {"action": "bless"}),
    row("POST", f"/api/v1/submissions/{S}/corrections", (UNAUTHORIZED, 403, 403, 422, 422), {"base_revision": 1}),
    row("GET", f"/api/v1/submissions/{S}/revisions", (UNAUTHORIZED, 403, 403, 200, 200)),
    row("GET", f"/api/v1/submissions/{S}/revisions/1", (UNAUTHORIZED, 403, 403, 200, 200)),
    row("GET", f"/api/v1/submissions/{S}/diff", (UNAUTHORIZED, 403, 403, 200, 200)),
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request, tmp_path_factory, sqlite_template):
    folder = tmp_path_factory.mktemp("world")
    if request.param == "sqlite":
        shutil.copy(sqlite_template, folder / "roles.sqlite")
        url = f"sqlite:///{folder / 'roles.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_url")
        _empty_postgres(url)
    checklists = write_mini_definitions(folder / "checklists")
    app = create_app(_migrated_config(url) | {"CHECKLIST_FOLDER": str(checklists), "DEFAULT_CHECKLIST": "mini",
                                              "EXPORT_FOLDER": str(folder / "exports")})
    app.test_client_class = FreshRequestClient
    with app.app_context():
        users = {}
        for name, role in [("monitor", Role.MONITOR), ("other_monitor", Role.MONITOR), ("manager", Role.MANAGER),
                           ("admin", Role.ADMIN)]:
            user = User(username=name, display_name=name, role=role.value)
            user.set_password(PASSWORD)
            db.session.add(user)
            users[name] = user
        court = Court(key="pp_first_instance", name="Phnom Penh Court of First Instance")
        db.session.add(court)
        tokens = {}
        for name, user in users.items():
            tokens[name] = uuid.uuid4().hex
            db.session.add(ApiToken(user=user, name="test", token_hash=hash_token(tokens[name])))
        db.session.commit()
        from monitor.services.checklists import receive_checklist
        from monitor.services.definitions import current_definition

        draft = receive_checklist(users["monitor"], current_definition(), court, str(uuid.uuid4()), "draft",
                                  complete_document()).checklist
        submitted = receive_checklist(users["monitor"], current_definition(), court, str(uuid.uuid4()), "submitted",
                                      complete_document()).checklist
        review.review_checklist(submitted, "return", users["manager"], "Please check.")
        review.move(submitted, review.SUBMIT, users["monitor"])  # back to submitted, revision 1
        db.session.commit()
        browsers = {"anonymous": app.test_client()}
        for name in users:
            browsers[name] = app.test_client()
            assert browsers[name].post("/login", data={"username": name, "password": PASSWORD}).status_code == 302
        names = {"draft": draft.uuid, "submitted": submitted.uuid, "monitor_id": users["monitor"].id, "court_id": court.id}
        yield {"browsers": browsers, "api_client": app.test_client(), "tokens": tokens, "names": names}
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method, path, expected, data", ENDPOINTS)
def test_role_matrix(world, role, method, path, expected, data):
    url = path.format(**world["names"])
    if url.startswith("/api/"):  # a device with a token and no cookies
        headers = {"Authorization": f"Bearer {world['tokens'][role]}"} if role != "anonymous" else {}
        response = world["api_client"].open(url, method=method, json=data, headers=headers)
    else:
        response = world["browsers"][role].open(url, method=method, data=data)
    response.get_data()  # run streamed downloads to the end
    assert response.status_code == expected[role], response.get_data(as_text=True)[:500]
    if expected[role] == LOGIN and role == "anonymous":
        assert "/login" in response.location
