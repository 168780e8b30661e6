"""Checklist definitions and courts, so devices can build the form (and cache it for offline use)."""
from flask import abort, jsonify, request
from flask_babel import gettext as _
from flask_login import login_required

from monitor.api import api
from monitor.api.schemas import CourtSchema, DefinitionSummarySchema
from monitor.checklists.serialise import definition_to_json, in_one_language
from monitor.i18n import LANGUAGES
from monitor.input_guard import integer_argument
from monitor.services.courts import active_courts
from monitor.services.definitions import current_definition, current_definitions, registry


def _active(key: str):
    return current_definition(key) if key in registry().keys() else None


@api.get("/checklists")
@login_required
def list_checklists():
    """The version new checklists are filled with (as activated by an administrator), per key."""
    summaries = [
        {"key": d.key, "version": d.version, "title": d.title, "versions": [v.version for v in registry().versions(d.key)]}
        for d in current_definitions()
    ]
    return jsonify(DefinitionSummarySchema(many=True).dump(summaries))


@api.get("/checklists/<key>")
@login_required
def get_checklist(key: str):
    """The definition with every text in English and Khmer, or with `?lang=` in that language only
    (about half the bytes, for a phone on a slow link)."""
    version = integer_argument("version")
    definition = registry().get(key, version) if version else _active(key)
    if definition is None:
        abort(404, _("No checklist '%(key)s' version %(version)s.", key=key, version=version) if version
          else _("No checklist '%(key)s'.", key=key))
    data = definition_to_json(definition)
    language = request.args.get("lang", "").strip().lower()
    if language in LANGUAGES:
        data = in_one_language(data, language)
    return _revalidatable(jsonify(data))


@api.get("/courts")
@login_required
def list_courts():
    courts = active_courts()
    return _revalidatable(jsonify(CourtSchema(many=True).dump(courts)))


def _revalidatable(response):
    """An ETag, so a phone that already has this answer gets a short 304 instead of it again."""
    response.add_etag()
    response.headers["Cache-Control"] = "no-cache, private"
    return response.make_conditional(request)
