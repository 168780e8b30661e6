"""Checklist definitions and courts, so devices can build the form (and cache it for offline use)."""
from flask import abort, jsonify, request
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select

from monitor.api import api
from monitor.api.schemas import CourtSchema, DefinitionSummarySchema
from monitor.checklists.serialise import definition_to_json
from monitor.extensions import db
from monitor.models import Court
from monitor.services.definitions import registry


@api.get("/checklists")
@login_required
def list_checklists():
    summaries = [
        {"key": d.key, "version": d.version, "title": d.title, "versions": [v.version for v in registry().versions(d.key)]}
        for d in registry().current_all()
    ]
    return jsonify(DefinitionSummarySchema(many=True).dump(summaries))


@api.get("/checklists/<key>")
@login_required
def get_checklist(key: str):
    version = request.args.get("version", type=int)
    definition = registry().get(key, version) if version else registry().current(key)
    if definition is None:
        abort(404, _("No checklist '%(key)s' version %(version)s.", key=key, version=version) if version
          else _("No checklist '%(key)s'.", key=key))
    return jsonify(definition_to_json(definition))


@api.get("/courts")
@login_required
def list_courts():
    courts = db.session.scalars(select(Court).where(Court.active).order_by(Court.name)).all()
    return jsonify(CourtSchema(many=True).dump(courts))
