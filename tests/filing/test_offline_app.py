"""What the server gives the offline phone app: its page, service worker, manifest and session."""
import gzip
import json

import brotli

from monitor.models import Role


def status_of(client, url: str) -> int:
    with client.get(url) as response:  # static files are streamed: close them
        return response.status_code


def test_offline_page_needs_sign_in_and_holds_nobody_s_data(client, create_user, login):
    """The page is cached on the phone, so is it the same for everyone: no name, no token, no answers?"""
    assert client.get("/app").status_code == 302
    user = create_user(Role.MONITOR.value)
    login(user)
    page = client.get("/app").get_data(as_text=True)
    assert user.display_name not in page
    assert 'name="csrf_token" value=""' in page
    assert 'id="app"' in page and '<script src="/app/app.js?v=' in page


def test_app_words_come_in_the_monitors_language(client, create_user, login):
    """Does a Khmer monitor's app page carry the app's words in Khmer, and is English kept for a switch?"""
    login(create_user(Role.MONITOR.value))
    page = client.get("/app?lang=km").get_data(as_text=True)
    assert 'data-language="km"' in page and "បានរក្សាទុកនៅលើទូរស័ព្ទនេះ" in page
    english = client.get("/app/texts/en.json").get_json()
    assert "Saved on this phone, will send when online" not in english, "worded as its key: the script shows the key"
    assert english["%(count)s checklist on this phone is not yet on the server."] == {
        "one": "%(count)s checklist on this phone is not yet on the server.",
        "other": "%(count)s checklists on this phone are not yet on the server."}
    khmer = client.get("/app/texts/km.json").get_json()
    assert khmer["%(count)s checklist on this phone is not yet on the server."]["other"].startswith("បញ្ជីត្រួតពិនិត្យ")
    assert client.get("/app/texts/xx.json").status_code == 404


def test_definition_in_one_language_for_slow_phones(client, create_user, login):
    """Does ?lang=km give Khmer texts only (about half the bytes), without changing the monitor's language?"""
    user = create_user(Role.MONITOR.value)
    login(user)
    both = client.get("/api/v1/checklists/fair_trial").get_json()
    khmer = client.get("/api/v1/checklists/fair_trial?lang=km").get_json()
    assert set(both["title"]) == {"en", "km"} and list(khmer["title"]) == ["km"] and khmer["language"] == "km"
    assert khmer["hearing"]["sections"][0]["items"][0]["label"]["km"] == both["hearing"]["sections"][0]["items"][0]["label"]["km"]
    assert len(json.dumps(khmer, ensure_ascii=False)) < len(json.dumps(both, ensure_ascii=False))
    assert user.language != "km"


def test_service_worker_names_its_version_and_what_it_keeps(client, app):
    """Does a new deployment (another version) give phones a new worker, and does it keep the definitions?"""
    first = client.get("/sw.js")
    assert first.status_code == 200
    assert first.mimetype == "text/javascript"
    assert first.headers["Cache-Control"] == "no-cache"
    text = first.get_data(as_text=True)
    precache = json.loads(text.split("const PRECACHE = ", 1)[1].split(";\n", 1)[0])
    assert "/app" in precache and "/api/v1/checklists/fair_trial?lang=km" in precache and "/api/v1/courts" in precache
    assert all(status_of(client, url) == 200 for url in precache if url.startswith("/static/"))

    app.config["OFFLINE_APP_VERSION"] = "2026.11.2"
    second = client.get("/sw.js").get_data(as_text=True)
    assert 'const VERSION = "2026.11.2"' in second and second != text
    assert "/static/css/app.css?v=2026.11.2" in second


def test_manifest_makes_the_app_installable(client):
    with client.get("/static/manifest.webmanifest") as manifest:
        data = json.loads(manifest.get_data(as_text=True))
    assert data["start_url"] == "/app" and data["display"] == "standalone"
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512", "any"} <= sizes
    for icon in data["icons"]:
        assert status_of(client, icon["src"]) == 200


def test_session_says_who_is_signed_in(client, create_user, login):
    assert client.get("/api/v1/session").status_code == 401
    user = create_user(Role.MONITOR.value)
    login(user)
    data = client.get("/api/v1/session").get_json()
    assert data["user"]["id"] == user.id and data["user"]["username"] == user.username
    assert data["csrf_token"]


def test_scripts_and_pages_are_compressed(client):
    """Phones on slow links get gzip when they ask for it."""
    with client.get("/static/js/offline/app.js", headers={"Accept-Encoding": "gzip"}) as compressed, \
            client.get("/static/js/offline/app.js") as plain:
        assert compressed.headers["Content-Encoding"] == "gzip"
        assert len(compressed.get_data()) < len(plain.get_data()) / 2


def test_plain_pages_keep_working_without_javascript(client, create_user, login):
    """The list page still links to the server's start form; the way to the offline app shows only with JS."""
    login(create_user(Role.MONITOR.value))
    page = client.get("/checklists").get_data(as_text=True)
    assert 'href="/checklists/new"' in page
    assert '<p data-offline-only hidden><a class="button secondary" href="/app">' in page


def test_app_script_is_minified_and_compressed_once_at_the_highest_level(client):
    """The bundle a phone downloads first: brotli or gzip as the browser accepts, the same code in each."""
    with client.get("/app/app.js", headers={"Accept-Encoding": "gzip, deflate, br, zstd"}) as br, \
            client.get("/app/app.js", headers={"Accept-Encoding": "gzip"}) as gzipped, client.get("/app/app.js") as plain:
        assert (br.headers["Content-Encoding"], gzipped.headers["Content-Encoding"]) == ("br", "gzip")
        assert "Content-Encoding" not in plain.headers and "Accept-Encoding" in plain.headers["Vary"]
        code = plain.get_data()
        assert brotli.decompress(br.get_data()) == code == gzip.decompress(gzipped.get_data())
    assert b"$js_offline_rules" in code and b"/* " not in code, "comments are left out"
    assert len(br.get_data()) < len(code) / 3


def _texts_shown_by_the_app() -> set[str]:
    """Every string literal the app's modules pass to T(...) as the text (not one compared in a condition)."""
    import re
    from pathlib import Path

    found = set()
    for path in (Path(__file__).parents[2] / "monitor" / "static" / "js" / "offline").glob("*.js"):
        source = path.read_text(encoding="utf-8")
        for call in re.finditer(r"(?<![\w.$])T\(", source):
            depth, end = 0, call.end()
            while end < len(source):
                char = source[end]
                if char == '"':
                    end = source.index('"', end + 1) + 1 if source[end + 1] != '"' else end + 2
                    while source[end - 2] == "\\":
                        end = source.index('"', end) + 1
                    continue
                if char in "([{":
                    depth += 1
                elif char in ")]}" and depth == 0 or char == "," and depth == 0:
                    break
                elif char in ")]}":
                    depth -= 1
                end += 1
            argument = source[call.end():end]
            literals = re.finditer(r'(===\s*|!==\s*)?"((?:[^"\\]|\\.)*)"', argument)
            found |= {match.group(2) for match in literals if not match.group(1)}
    return found


def test_every_text_the_app_shows_is_translated():
    """A text added to a script without listing it in offline_texts would stay English in Khmer."""
    from monitor.filing.offline_texts import TEXTS

    listed = {text if isinstance(text, str) else text[0] for text in TEXTS}
    assert _texts_shown_by_the_app() - listed == set()
    assert len(_texts_shown_by_the_app()) > 80
