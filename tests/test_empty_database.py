"""A fresh install before `flask db upgrade`: does every command and page say what to do, in one line,
instead of a 60-line traceback or a 500?"""
import click
import pytest

from monitor.services import schema

NO_TABLES_LINE = "Error: The database has no tables yet: run `flask --app wsgi db upgrade`\n"

#: Arguments that get each command past its own checks to the database. A new command must be added
#: here (the test below fails until it is).
ARGUMENTS = {
    "cases migrate": ["--group-by-reference"],
    "cases move": ["0b0e7a56-3c4e-4c1b-9a51-7f0f3f0c2a11", "C-00001"],
    "cases merge": ["C-00001", "C-00002"],
    "checklists activate": ["fair_trial", "1"],
    "courts add": ["kandal", "Kandal Provincial Court"],
    "courts rename": ["kandal", "Kandal Court"],
    "courts deactivate": ["kandal"],
    "courts reactivate": ["kandal"],
    "courts list": [],
    "demo load": [],
    "export raw": [],
    "releases publish": ["2025-Q1"],
    "releases list": [],
    "review approve": ["0b0e7a56-3c4e-4c1b-9a51-7f0f3f0c2a11", "--as", "manager"],
    "review return": ["0b0e7a56-3c4e-4c1b-9a51-7f0f3f0c2a11", "--as", "manager", "--comment", "Check the date"],
    "review reject": ["0b0e7a56-3c4e-4c1b-9a51-7f0f3f0c2a11", "--as", "manager", "--comment", "Duplicate"],
    "settings year-start": [],
    "settings organisation": [],
    "stats": ["2025-Q1"],
    "users create": ["sokha", "--role", "monitor", "--password", "a long enough password"],
    "users list": [],
    "users set-role": ["sokha", "manager"],
    "users deactivate": ["sokha"],
    "users reactivate": ["sokha"],
    "users delete": ["sokha"],
    "users token": ["sokha", "--name", "laptop"],
    "users tokens": ["sokha"],
    "users revoke-token": ["1"],
    "users unlock": ["sokha"],
    "users sign-out": ["sokha"],
}
#: Commands that read files only, never the database: they work before the tables exist.
WITHOUT_DATABASE = {"checklists validate", "checklists list", "indicators validate", "translations missing", "backup", "restore"}


def leaf_commands(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        path = f"{prefix} {name}".strip()
        if isinstance(command, click.Group):
            yield from leaf_commands(command, path)
        else:
            yield path


@pytest.fixture
def fresh_app(make_app, empty_database):
    app = make_app(empty_database)
    with app.app_context():
        yield app


def test_every_command_says_in_one_line_to_create_the_tables(fresh_app):
    commands = {path for path in leaf_commands(fresh_app.cli) if not path.startswith(("db ", "limiter "))}
    assert commands - WITHOUT_DATABASE == set(ARGUMENTS), "add the new command's arguments to ARGUMENTS"
    runner = fresh_app.test_cli_runner()
    for path, arguments in ARGUMENTS.items():
        result = runner.invoke(args=[*path.split(), *arguments])
        assert (result.exit_code, result.output) == (1, NO_TABLES_LINE), path
    assert not schema.database_has_tables(), "no command created a table behind the operator's back"


def test_web_app_answers_503_and_logs_the_one_line(fresh_app, caplog):
    """Anonymous sign-in, a session cookie, an API token, the health check: 503, never a 500 or a traceback."""
    browser = fresh_app.test_client()
    signing_in = browser.post("/login", data={"username": "sokha", "password": "a long enough password"})
    assert signing_in.status_code == 503 and "Court Monitor is not set up yet" in signing_in.text
    with browser.session_transaction() as session:
        session.update({"_user_id": "1", "_sign_in_session": "a session secret"})
    assert browser.get("/checklists").status_code == 503
    api = fresh_app.test_client().get("/api/v1/courts", headers={"Authorization": "Bearer abc"})
    assert api.status_code == 503 and api.get_json()["error"] == "not_set_up"
    health = fresh_app.test_client().get("/health")
    assert (health.status_code, health.get_json()) == (503, {"status": "unavailable", "database": "no tables"})
    assert "The database has no tables yet: run `flask --app wsgi db upgrade`" in caplog.text
    assert "Traceback" not in caplog.text and not any(record.exc_info for record in caplog.records)


def test_a_backup_restores_into_a_database_without_tables(app, runner, create_user, make_app, fresh_app, tmp_path):
    """Disaster recovery onto a new, empty database server works: restore needs no tables."""
    backup_file = tmp_path / "monitor.backup"
    with app.app_context():
        create_user("monitor", username="sokha")
        assert runner.invoke(args=["backup", "--out", str(backup_file)]).exit_code == 0
    with fresh_app.app_context():
        restored = fresh_app.test_cli_runner().invoke(args=["restore", str(backup_file), "--yes"])
        assert restored.exit_code == 0, restored.output
        listed = fresh_app.test_cli_runner().invoke(args=["users", "list"])
        assert "sokha" in listed.output
