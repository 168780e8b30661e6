"""Public data pages (no sign-in): the index of releases, each release, and its published files.

Anonymous visitors can read these and nothing else; everything shown comes from what was frozen
at publication (`monitor.services.releases`)."""
from itertools import groupby

from flask import Blueprint, Response, abort, redirect, render_template, url_for
from flask_babel import gettext as _

from monitor.public.describe import describe, summary
from monitor.services import release_files
from monitor.services import releases as service
from monitor.services.statistics_files import FORMATS, template_context

public = Blueprint("public", __name__, url_prefix="/data")


@public.get("/")
def index():
    releases = service.all_releases()
    periods = []
    for _label, versions in groupby(releases, key=lambda r: r.period_label):
        versions = list(versions)
        latest = max(r.version for r in versions)
        periods.append([summary(r, latest) for r in sorted(versions, key=lambda r: r.version, reverse=True)])
    return render_template("public/index.html", periods=periods)


@public.get("/<period>")
def latest(period: str):
    version = service.latest_version(period)
    if version is None:
        abort(404, _("Nothing has been published for this period."))
    return redirect(url_for("public.release", period=period, version=version))


def _release_or_404(period: str, version: int):
    release = service.find_release(period, version)
    if release is None:
        abort(404, _("No such release: see the list of published releases at /data/."))
    return release


@public.get("/<period>/v<int:version>")
def release(period: str, version: int):
    found = _release_or_404(period, version)
    return render_template("public/release.html", release=describe(found), report=service.report_of(found),
                           preview=False, **template_context())


@public.get("/<period>/v<int:version>/<name>")
def download(period: str, version: int, name: str):
    """The file exactly as written at publication."""
    _release_or_404(period, version)
    path = release_files.stored_file(period, version, name)
    if path is None:
        abort(404, _("This release has no file by that name."))
    mimetype = "application/json" if name.endswith(".json") else FORMATS.get(path.suffix.lstrip("."), "application/octet-stream")
    response = Response(path.read_bytes(), mimetype=mimetype)
    if not name.endswith(".json"):
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
