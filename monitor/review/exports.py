"""Raw-data downloads for managers: CSV (zip of three tables) or XLSX, streamed; an XLSX of more
checklists than RAW_EXPORT_BACKGROUND_CHECKLISTS is built in the background and downloaded from its
own page once ready (monitor/services/export_jobs.py).

Served only to signed-in managers with `Cache-Control: private, no-store`: the files may contain
case references and must never sit at a public or cached address."""
import os
import tempfile
from pathlib import Path

from flask import Response, abort, current_app, redirect, render_template, request, stream_with_context, url_for
from flask_login import current_user

from monitor.access import REVIEW_ROLES, roles_required
from monitor.i18n import current_language
from monitor.review import review
from monitor.review.forms import ExportForm
from monitor.raw_export.csv_zip import zip_chunks
from monitor.raw_export.xlsx import write_workbook
from monitor.services import export_jobs
from monitor.services.exports import raw_export, raw_export_filename

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILE_CHUNK = 64 * 1024


@review.get("/exports")
@roles_required(*REVIEW_ROLES)
def exports():
    form = ExportForm(request.args) if request.args else ExportForm()
    if request.args.get("download") and form.validate():
        return _download(form)
    limit = current_app.config["RAW_EXPORT_BACKGROUND_CHECKLISTS"]
    return render_template("review/exports.html", form=form, background_limit=limit), \
        422 if request.args.get("download") else 200


@review.get("/exports/background/<token>")
@roles_required(*REVIEW_ROLES)
def export_job(token: str):
    """How far a large XLSX has got, and its download once ready (only for whoever asked for it)."""
    job = export_jobs.find(token, current_user) or abort(404)
    return render_template("review/export_job.html", job=job)


@review.get("/exports/background/<token>/file")
@roles_required(*REVIEW_ROLES)
def export_job_file(token: str):
    job = export_jobs.find(token, current_user) or abort(404)
    if job.shown_state != "ready":
        return redirect(url_for("review.export_job", token=token))
    headers = {"Content-Disposition": f'attachment; filename="{job.filename}"', "Cache-Control": "private, no-store",
               "Content-Length": str(job.size)}
    return Response(_file_chunks(str(export_jobs.file_path(job)), delete=False), mimetype=XLSX_TYPE, headers=headers)


def _download(form: ExportForm) -> Response:
    export_format, checklist_filter, language = form.format.data, form.to_filter(), current_language()
    if export_jobs.too_large_to_wait_for(export_format, checklist_filter):
        job = export_jobs.start(current_user, checklist_filter, language)
        return redirect(url_for("review.export_job", token=job.token), 303)
    name = raw_export_filename(export_format)
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "private, no-store"}
    if export_format == "csv":
        def chunks():
            with raw_export(current_user, export_format, checklist_filter, language=language) as tables:
                yield from zip_chunks(tables)

        return Response(stream_with_context(chunks()), mimetype="application/zip", headers=headers)
    handle, path = tempfile.mkstemp(suffix=".xlsx", prefix="court-monitor-export-")
    os.close(handle)
    try:
        with raw_export(current_user, export_format, checklist_filter, language=language) as tables:
            write_workbook(tables, Path(path))
    except BaseException:
        os.unlink(path)
        raise
    headers["Content-Length"] = str(os.path.getsize(path))
    return Response(_file_chunks(path), mimetype=XLSX_TYPE, headers=headers)


def _file_chunks(path: str, *, delete: bool = True):
    """Stream a finished workbook; one built for this request is deleted afterwards, even if the
    download is cut off (one built in the background stays for its day: a cut download can restart)."""
    try:
        with open(path, "rb") as workbook:
            while chunk := workbook.read(FILE_CHUNK):
                yield chunk
    finally:
        if delete:
            os.unlink(path)
