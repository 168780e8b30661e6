"""Does a `flask` command start without paying for work it does not do (issue 20.1)?

The CPU figures are in docs/benchmarks.md (bench/startup.py). These tests guard their causes
without timing anything: the heavy libraries stay unimported until something uses them, the
definitions are read with libyaml and kept compiled between starts, and wsgi.py freezes what
start-up built."""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from alembic.script import ScriptDirectory

from monitor.checklists import loader
from monitor.checklists.indicators import read_indicator_file
from monitor.checklists.loader import DefinitionRegistry

ROOT = Path(__file__).resolve().parent.parent
CHECKLIST_FOLDER = ROOT / "monitor" / "checklists"

#: Imported by the work that needs it, never by a start: each costs a tenth of a second of CPU or
#: more at every `flask` command and worker start.
HEAVY = {
    "pandas": "the statistics engine",
    "weasyprint": "the newsletter PDF",
    "openpyxl": "XLSX exports",
    "xlsxwriter": "the raw export's XLSX",
    "scipy": "disclosure control's linear programming",
    "alembic": "`flask db` migrations",
    "flask_migrate": "`flask db` migrations (it imports Alembic's runtime)",
    "apispec": "the OpenAPI document",
}
#: Only needed to compile definitions, which a start with the compiled ones kept does not do.
COMPILING = {"lark": "parsing conditions"}

#: What a script prints at its end: the top-level modules loaded and how many objects are frozen.
REPORT = """print("REPORT " + json.dumps({"modules": sorted({name.split(".")[0] for name in sys.modules}),
                                     "frozen": gc.get_freeze_count()}))"""
#: Runs its arguments as the `flask` command, then reports.
FLASK_WITH_REPORT = f"""
import atexit, gc, json, sys
atexit.register(lambda: {REPORT})
sys.argv = ["flask", *sys.argv[1:]]
from flask.cli import main
main()
"""
#: Builds the app, as a server worker does, then reports.
CREATE_APP_WITH_REPORT = f"""
import gc, json, sys
from monitor import create_app
create_app()
{REPORT}
"""


@pytest.fixture
def environment(tmp_path, sqlite_template):
    """A migrated SQLite database and a place to keep compiled definitions, for fresh processes."""
    shutil.copy(sqlite_template, tmp_path / "monitor.sqlite")
    return {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'monitor.sqlite'}", "MONITOR_ENV": "development",
            "MONITOR_COMPILED_CHECKLISTS_FILE": str(tmp_path / "compiled-checklists.pickle")}


def _run(script: str, *arguments: str, env: dict) -> tuple[str, set[str], int]:
    """Output, loaded top-level modules and frozen objects of `script` run in a fresh interpreter."""
    result = subprocess.run([sys.executable, "-c", script, *arguments], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    output, _, report = result.stdout.rpartition("REPORT ")
    report = json.loads(report)
    return output, set(report["modules"]), report["frozen"]


def _imported(modules: set[str], names: dict[str, str]) -> dict[str, str]:
    return {name: used_for for name, used_for in names.items() if name in modules}


def test_a_server_start_imports_no_heavy_library(environment):
    """Does `create_app` leave pandas, WeasyPrint, openpyxl, SciPy, Alembic and apispec unimported,
    and, once the compiled definitions are kept, lark too?"""
    _, first_start, _ = _run(CREATE_APP_WITH_REPORT, env=environment)
    assert _imported(first_start, HEAVY) == {}
    assert Path(environment["MONITOR_COMPILED_CHECKLISTS_FILE"]).exists()

    _, next_start, _ = _run(CREATE_APP_WITH_REPORT, env=environment)
    assert _imported(next_start, HEAVY | COMPILING) == {}


def test_a_cheap_command_imports_no_heavy_library(environment):
    """Does `flask courts list` answer without importing any library it does not use, with what
    start-up built frozen out of the collector's way?"""
    _run(FLASK_WITH_REPORT, "--app", "wsgi", "courts", "add", "pp", "Phnom Penh", env=environment)

    output, modules, frozen = _run(FLASK_WITH_REPORT, "--app", "wsgi", "courts", "list", env=environment)

    assert output.strip() == "pp\tPhnom Penh"
    assert _imported(modules, HEAVY | COMPILING) == {}
    assert frozen > 10_000, "wsgi.py no longer freezes what start-up built: every exit walks it again"


def test_flask_db_is_still_flask_migrate(environment, make_app):
    """Is `flask db`, set up on first use, the same group as Flask-Migrate's, and does it act?"""
    app = make_app(environment["DATABASE_URL"])
    runner = app.test_cli_runner()
    assert re.search(r"\n  db +Perform database migrations\.\n", runner.invoke(args=["--help"]).output)
    output = runner.invoke(args=["db", "--help"]).output
    for command in ("upgrade", "downgrade", "current", "history", "stamp", "migrate"):
        assert f"  {command} " in output
    assert "-d, --directory" in output

    current, _, _ = _run(FLASK_WITH_REPORT, "--app", "wsgi", "db", "current", env=environment)
    with app.app_context():
        head = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config()).get_current_head()
    assert current.split()[-2:] == [head, "(head)"]


def test_definitions_are_read_with_libyaml(monkeypatch):
    """Are definition and indicator files read by libyaml, PyYAML's slow pure-Python reader used
    for nothing when the files are valid?"""
    assert yaml.__with_libyaml__, "PyYAML was installed without libyaml: reinstall the binary wheel"
    assert loader.FAST_LOADER is yaml.CSafeLoader

    def pure_python_reader(*args, **kwargs):
        raise AssertionError("a valid file was read by PyYAML's pure-Python reader")

    monkeypatch.setattr(yaml, "compose", pure_python_reader)
    monkeypatch.setattr(yaml, "safe_load", pure_python_reader)
    registry = DefinitionRegistry.from_folder(CHECKLIST_FOLDER)
    read_indicator_file(CHECKLIST_FOLDER / "fair_trial.indicators.yaml", registry)


@pytest.mark.parametrize("path", sorted(CHECKLIST_FOLDER.glob("*.yaml")), ids=lambda path: path.name)
def test_shipped_files_read_the_same_without_libyaml(path):
    """Would the shipped files read the same where PyYAML has no libyaml? (libyaml also accepts a
    few forms PyYAML refuses, such as a tab after a colon; the shipped files must use none.)"""
    text = path.read_text(encoding="utf-8")
    assert yaml.load(text, Loader=yaml.CSafeLoader) == yaml.load(text, Loader=yaml.SafeLoader)

