"""The offline phone app: its page, its service worker and what the worker keeps for offline use.

The page (`/app`) is the same for every user and holds no answers: the browser fills it from the
checklist definition and from the phone's own storage (IndexedDB), so it can be cached and opened
without a connection. The worker script is served from the site root so that it controls every
page; its text carries the app version, so a deployment that changes any asset, template or
definition installs a new worker with new caches, while the queue in IndexedDB stays untouched."""
import json

from flask import Response, abort, current_app, jsonify, make_response, render_template, request, url_for
from flask_login import login_required

from monitor.filing.offline_shell import (SERVICE_WORKER, AppBundle, app_page_context, app_version,
                                          offline, precache_urls, with_script_hint)
from monitor.filing.offline_texts import app_texts
from monitor.i18n import LANGUAGES, current_language


@offline.route("/app")
@login_required
def app_page():
    return with_script_hint(make_response(render_template("offline/app.html", **app_page_context(current_language()))))


@offline.route("/app/app.js")
def app_script():
    """The app's scripts joined into one and minified, kept by browsers for a year (the address
    carries the version). Compressed once at the highest brotli/gzip levels rather than per request
    at the fast levels, which saves a third of the bytes on a phone's first visit."""
    bundle = current_app.extensions.get("offline_app_script")
    if bundle is None:
        bundle = AppBundle()
        if not current_app.debug:
            current_app.extensions["offline_app_script"] = bundle
    response = bundle.response(request.accept_encodings)
    if request.args.get("v") == app_version():
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@offline.route("/app/texts/<language>.json")
def texts(language: str):
    """The app's words in another language, for a page the phone kept from before a language switch."""
    if language not in LANGUAGES:
        abort(404)
    response = jsonify(app_texts(language))
    response.headers["Cache-Control"] = "no-cache"
    return response


@offline.route("/sw.js")
def service_worker():
    """The worker script with this deployment's version and file list written in front of it."""
    header = (f"const VERSION = {json.dumps(app_version())};\n"
              f"const PRECACHE = {json.dumps(precache_urls())};\n"
              f"const APP_PAGE = {json.dumps(url_for('offline.app_page'))};\n"
              f"const START_PAGE = {json.dumps(url_for('offline.new_checklist'))};\n")
    response = Response(header + SERVICE_WORKER.read_text(encoding="utf-8"), mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    return response
