"""Public, read-only JSON of published releases: no sign-in, cacheable, readable from any site (CORS).

A versioned address never changes, so it is cached for a year; the index and a period's latest
version change when something is published, so they are cached briefly."""
import hashlib
import json

from flask import Response, abort, request
from flask_babel import gettext as _

from monitor.api import api
from monitor.public.describe import describe, summary
from monitor.services import releases as service

#: Endpoints anyone may read, from any origin.
PUBLIC_ENDPOINTS = {"api.releases_index", "api.release_latest", "api.release_version"}
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"


@api.after_request
def allow_any_origin(response: Response) -> Response:
    """CORS on the public endpoints only (their errors included); nothing else is shared across sites."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = "ETag"
    return response


def _cached(body: dict, etag: str, cache_control: str) -> Response:
    response = Response(json.dumps(body, ensure_ascii=False, sort_keys=True), mimetype="application/json")
    response.set_etag(etag)
    response.headers["Cache-Control"] = cache_control
    return response.make_conditional(request)


@api.get("/releases")
def releases_index():
    releases = service.all_releases()
    latest: dict[str, int] = {}
    for release in releases:
        latest[release.period_label] = max(latest.get(release.period_label, 0), release.version)
    body = {"releases": [summary(release, latest[release.period_label]) for release in releases]}
    etag = hashlib.sha256("".join(r.checksum for r in releases).encode()).hexdigest()
    return _cached(body, etag, SHORT)


@api.get("/releases/<period>")
def release_latest(period: str):
    release = service.find_release(period)
    if release is None:
        abort(404, _("Nothing has been published for this period."))
    return _cached(describe(release), release.checksum + f"-latest-v{release.version}", SHORT)


@api.get("/releases/<period>/v<int:version>")
def release_version(period: str, version: int):
    release = service.find_release(period, version)
    if release is None:
        abort(404, _("No such release."))
    return _cached(describe(release, with_status=False), release.checksum, IMMUTABLE)
