"""Manager pages: the statistics of a period, its downloads and the printable newsletter.

Thin views: computing is `monitor.services.statistics`, files are `monitor.services.statistics_files`."""
from flask import Blueprint, Response, abort, make_response, render_template, request
from flask_babel import gettext as _

from monitor.access import roles_required
from monitor.i18n import current_language
from monitor.models import Role
from monitor.security.headers import allow_inline_styles
from monitor.services import statistics as service
from monitor.services.statistics_files import FORMATS, export_file, newsletter_html, template_context
from monitor.statistics.periods import PeriodInvalid

statistics = Blueprint("statistics", __name__, url_prefix="/statistics")
MANAGERS = (Role.MANAGER, Role.ADMIN)


def _period():
    return service.period_from_arguments(request.args.get("period"), request.args.get("from"), request.args.get("to"))


@statistics.get("")
@roles_required(*MANAGERS)
def index():
    month = service.reporting_year_start_month()
    try:
        period = _period()
    except PeriodInvalid as invalid:
        field = "from" if request.args.get("from") or request.args.get("to") else "period"
        return render_template(
            "statistics/index.html", report=None, errors={field: str(invalid)}, choices=service.period_choices(month),
            args=request.args, **template_context(),
        ), 400
    report = service.build_report(period)
    return render_template(
        "statistics/index.html", report=report, errors={}, choices=service.period_choices(month), args=request.args,
        **template_context(),
    )


@statistics.get("/newsletter")
@roles_required(*MANAGERS)
def newsletter():
    try:
        period = _period()
    except PeriodInvalid as invalid:
        abort(400, str(invalid))
    return allow_inline_styles(make_response(newsletter_html(service.build_report(period), current_language())))


@statistics.get("/download.<fmt>")
@roles_required(*MANAGERS)
def download(fmt: str):
    if fmt not in FORMATS:
        abort(404, _("No download in the format '%(format)s'; choose one of %(formats)s.",
                     format=fmt, formats=", ".join(FORMATS)))
    try:
        period = _period()
    except PeriodInvalid as invalid:
        abort(400, str(invalid))
    content, mimetype, filename = export_file(service.build_report(period), fmt, current_language())
    return Response(content, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})
