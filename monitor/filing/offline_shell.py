"""The offline app's shell: its blueprint, version, script bundle and what every page of it carries.

Shared by the app's page and worker (offline_app.py) and its first screen (first_screen.py)."""
import gzip
import hashlib
import json
from pathlib import Path

import brotli
import rjsmin
from flask import Blueprint, Flask, Response, current_app, url_for

from monitor.filing.field_views import field_templates
from monitor.filing.offline_texts import app_texts
from monitor.filing.script_bundle import bundle
from monitor.i18n import LANGUAGES
from monitor.services.definitions import current_definitions

offline = Blueprint("offline", __name__)

#: The offline app's entry module. It and the modules it imports are sent as one file (`/app/app.js`):
#: on a slow link every extra request costs a round trip of about half a second.
APP_ENTRY = "js/offline/app.js"
SHARED_FILES = ("css/app.css", "js/boot.js", "icons/icon.svg", "icons/icon-192.png", "icons/icon-512.png")
STATIC = Path(__file__).parent.parent / "static"
SERVICE_WORKER = STATIC / "js" / "sw.js"


def compute_app_version(app: Flask) -> str:
    """A short digest of everything the phone caches: static files, templates and definitions."""
    digest = hashlib.sha256()
    package = Path(__file__).parent.parent
    for folder in (package / "static", package / "templates"):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(package)).encode())
                digest.update(path.read_bytes())
    for definition in app.extensions["checklists"].current_all():
        digest.update(f"{definition.key}@{definition.version}".encode())
    return digest.hexdigest()[:12]


def app_version() -> str:
    """`OFFLINE_APP_VERSION` when configured (a release tag), else the digest taken at start-up."""
    return current_app.config.get("OFFLINE_APP_VERSION") or current_app.extensions["offline_app_version"]


def asset_url(filename: str) -> str:
    """A static URL that changes with the app version, so a new deployment never reads an old file."""
    return url_for("static", filename=filename, v=app_version())


def precache_urls() -> list[str]:
    """What a phone needs to start, fill and submit checklists with no connection."""
    urls = [url_for("offline.app_page"), url_for("static", filename="manifest.webmanifest")]
    urls += [app_script_url()] + [asset_url(name) for name in SHARED_FILES]
    urls += [url_for("api.list_checklists"), url_for("api.list_courts")]
    urls += [url_for("offline.texts", language=code) for code in LANGUAGES]
    urls += [url_for("api.get_checklist", key=d.key, lang=code) for d in current_definitions() for code in LANGUAGES]
    return urls


def app_script_url() -> str:
    return url_for("offline.app_script", v=app_version())


def current_checklists() -> list[list]:
    """[key, version] of the version new checklists are filled with (as an administrator activated
    it), per checklist: the same for every user, so the page can carry it and the app need not ask
    for the list before the definition. The app checks the list again when it has a connection
    (a page kept on the phone may predate an activation)."""
    return [[d.key, d.version] for d in current_definitions()]


def app_page_context(language: str) -> dict:
    """What every page of the app carries: its script, its words and checklists as JSON, and the
    markup of each kind of question for the app to fill in."""
    return {"script": app_script_url(), "language": language, "field_templates": field_templates(),
            "texts": json.dumps(app_texts(), ensure_ascii=False, separators=(",", ":")),
            "checklists": json.dumps(current_checklists(), separators=(",", ":"))}


def with_script_hint(response: Response) -> Response:
    """Name the app's script in the response headers: the browser starts fetching it at once,
    instead of when the compressed page has arrived whole and been read."""
    response.headers.add("Link", f"<{app_script_url()}>; rel=preload; as=script")
    return response


class AppBundle:
    """The app's modules joined into one script, minified (rjsmin keeps the code, drops comments
    and spaces) and compressed in each encoding a browser may ask for."""

    def __init__(self, entry: str = APP_ENTRY):
        self.plain = rjsmin.jsmin(bundle(STATIC, entry)).encode()
        self.encoded = {"br": brotli.compress(self.plain, quality=11), "gzip": gzip.compress(self.plain, 9)}

    def response(self, accepted) -> Response:
        encoding = next((name for name in ("br", "gzip") if accepted[name]), None)
        response = Response(self.encoded[encoding] if encoding else self.plain, mimetype="text/javascript")
        if encoding:
            response.headers["Content-Encoding"] = encoding
        response.vary.add("Accept-Encoding")
        return response
