"""Raw-data downloads for managers: CSV (zip of three tables) or XLSX, streamed.

Served only to signed-in managers with `Cache-Control: private, no-store`: the files may contain
case references and must never sit at a public or cached address."""
import os
import tempfile
from pathlib import Path

from flask import Response, render_template, request, stream_with_context
from flask_login import current_user

from monitor.access import REVIEW_ROLES, roles_required
from monitor.i18n import current_language
from monitor.review import review
from monitor.review.forms import ExportForm
from monitor.raw_export.csv_zip import zip_chunks
from monitor.raw_export.xlsx import write_workbook
from monitor.services.exports import raw_export, raw_export_filename

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILE_CHUNK = 64 * 1024


@review.get("/exports")
@roles_required(*REVIEW_ROLES)
def exports():
    form = ExportForm(request.args) if request.args else ExportForm()
    if request.args.get("download") and form.validate():
        return _download(form)
    return render_template("review/exports.html", form=form), 422 if request.args.get("download") else 200


def _download(form: ExportForm) -> Response:
    export_format, checklist_filter, language = form.format.data, form.to_filter(), current_language()
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


def _file_chunks(path: str):
    """Stream the finished workbook and delete it afterwards, even if the download is cut off."""
    try:
        with open(path, "rb") as workbook:
            while chunk := workbook.read(FILE_CHUNK):
                yield chunk
    finally:
        os.unlink(path)
