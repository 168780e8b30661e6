"""Khmer and English throughout: catalogues complete, language chosen, remembered and switchable."""
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from monitor.checklists.loader import read_definition_file
from monitor.checklists.indicators import read_indicator_file
from monitor.cli.translations import missing_definition_texts, missing_indicator_texts, missing_interface_strings

#: Catalogues and wording; the database engine does not change them.
pytestmark = pytest.mark.one_database

ROOT = Path(__file__).parents[1]
CATALOGUE = ROOT / "monitor" / "translations" / "km" / "LC_MESSAGES"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None, "say": None, "_n": (1, 2)}
METHODS = [("monitor/**.py", "python"), ("monitor/templates/**.html", "jinja2")]


def interface_strings() -> set[str]:
    """Every string the code and templates show, as pybabel extracts them (babel.cfg)."""
    found = extract_from_dir(str(ROOT), method_map=METHODS, keywords=KEYWORDS)
    return {message if isinstance(message, str) else message[0] for _, _, message, _, _ in found}


def test_every_interface_string_has_a_khmer_translation():
    """Adding a string without translating it fails here (run the README's translation commands)."""
    with (CATALOGUE / "messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    translated = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalogue  # plural texts by their singular
                  if m.id and m.string and all(m.string if isinstance(m.string, tuple) else [m.string]) and not m.fuzzy}
    untranslated = sorted(interface_strings() - translated)
    assert untranslated == []
    assert missing_interface_strings("km") == []


def test_compiled_catalogue_matches_the_po_file():
    """The .mo the app loads is compiled from the current .po (pybabel compile)."""
    def plain(value):  # plural texts: tuples in the .po reader, lists in the .mo reader
        return tuple(value) if isinstance(value, (list, tuple)) else value

    with (CATALOGUE / "messages.po").open("rb") as handle:
        po = {plain(m.id): plain(m.string) for m in read_po(handle) if m.id}
    with (CATALOGUE / "messages.mo").open("rb") as handle:
        mo = {plain(m.id): plain(m.string) for m in read_mo(handle) if m.id}
    assert mo == po


@pytest.mark.parametrize("definition_file", sorted((ROOT / "monitor" / "checklists").glob("*.v*.yaml")))
def test_every_checklist_text_has_khmer(definition_file):
    assert missing_definition_texts(read_definition_file(definition_file), "km") == []


@pytest.mark.parametrize("indicator_file", sorted((ROOT / "monitor" / "checklists").glob("*.indicators.yaml")))
def test_every_indicator_text_has_khmer(app, indicator_file):
    """Titles, descriptions, groups, breakdowns and age bands of the statistics all read in Khmer."""
    indicator_set = read_indicator_file(indicator_file, app.extensions["checklists"])
    assert missing_indicator_texts(indicator_set, "km") == []


def test_translations_missing_lists_an_indicator_without_khmer(app, tmp_path):
    """A translator sees the indicator file and the path of an untranslated title."""
    source = (ROOT / "monitor" / "checklists" / "fair_trial.indicators.yaml").read_text(encoding="utf-8")
    untranslated = source.replace('      en: Hearings monitored\n      km: "សវនាការដែលបានតាមដាន"\n',
                                  '      en: Hearings monitored\n')
    assert untranslated != source
    path = tmp_path / "new.indicators.yaml"
    path.write_text(untranslated, encoding="utf-8")
    app.config["INDICATOR_FILE"] = str(path)
    app.extensions["indicators"] = read_indicator_file(path, app.extensions["checklists"])
    result = app.test_cli_runner().invoke(args=["translations", "missing"])
    assert f"{path}: indicators.hearings.title" in result.output
    assert result.exit_code == 1


def test_language_switch_is_remembered_for_anonymous_visitors(client):
    assert "Sign in" in client.get("/login").text
    khmer = client.get("/login?lang=km").text
    assert "ចូលគណនី" in khmer and 'lang="km"' in khmer
    assert "ចូលគណនី" in client.get("/login").text  # remembered in the session
    assert "Sign in" in client.get("/login?lang=en").text


def test_browser_language_is_the_default(client):
    assert "ចូលគណនី" in client.get("/login", headers={"Accept-Language": "km-KH,km;q=0.9,en;q=0.5"}).text
    assert "Sign in" in client.get("/login", headers={"Accept-Language": "fr"}).text


def test_signed_in_users_language_is_stored_on_the_account(client, create_user, create_court, login):
    create_court()
    user = create_user("monitor")
    login(user)
    client.get("/checklists?lang=km")
    assert user.language == "km"
    other_browser = client.application.test_client()
    other_browser.post("/login", data={"username": user.username, "password": "correct horse battery"})
    page = other_browser.get("/checklists").text
    assert "បញ្ជីត្រួតពិនិត្យរបស់ខ្ញុំ" in page


def test_checklist_labels_and_answers_follow_the_language(client, create_user, create_court, login):
    create_court()
    login(create_user("monitor"))
    response = client.post("/checklists/new?lang=km", data={"court": 1, "hearing_date": "2026-01-05"})
    section = client.get(response.location).text
    assert "បាទ/ចាស" in section or "តុលាការ" in section
    assert "Save and continue" not in section and "រក្សាទុក ហើយបន្ត" in section


def test_api_messages_follow_accept_language_or_lang(app):
    def message(url, **headers):
        return app.test_client().get(url, headers=headers).json["message"]

    assert message("/api/v1/checklists?lang=km").startswith("សូមចូលគណនី")
    assert message("/api/v1/checklists", **{"Accept-Language": "km"}).startswith("សូមចូលគណនី")
    assert message("/api/v1/checklists").startswith("Sign in")


def test_validation_messages_are_translated(client, create_user, create_court, api_token):
    create_court()
    headers = api_token(create_user("monitor")) | {"Accept-Language": "km"}
    body = {"uuid": "6b0f8c5e-8a53-4f8a-9e1c-1f7f6f0f0a01", "checklist": "fair_trial", "version": 1, "court": "pp_first_instance",
            "status": "submitted", "hearing": {"hearing_date": "2026-01-05"}, "accused": []}
    errors = client.post("/api/v1/submissions", json=body, headers=headers).json["errors"]
    assert errors["hearing.hearing_open"] == "ត្រូវតែបំពេញ"


def test_translations_missing_command(runner):
    result = runner.invoke(args=["translations", "missing"])
    assert result.exit_code == 0, result.output
    assert "0 texts have no" in result.output


def test_error_pages_describe_the_error_in_the_readers_language(client):
    """A Khmer reader of a missing page reads why in Khmer, not werkzeug's English description."""
    client.get("/?lang=km")
    page = client.get("/no-such-page").get_data(as_text=True)
    assert "The requested URL was not found" not in page
    assert "There is no page at this address" not in page
    assert "គ្មានទំព័រ" in page
    english = client.get("/no-such-page?lang=en").get_data(as_text=True)
    assert "There is no page at this address" in english
    assert "Nothing has been published for this period." in client.get("/data/2019-Q1?lang=en").get_data(as_text=True)
