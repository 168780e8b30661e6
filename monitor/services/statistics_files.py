"""Statistics as files: CSV, XLSX, JSON and the newsletter (HTML for print, and its PDF).

The page, the CLI and a published release all write files through `export_file`."""
from flask import render_template

from monitor.checklists.definition import translate
from monitor.statistics import presentation, writers
from monitor.statistics.results import StatisticsReport

#: Format -> MIME type of the download.
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "pdf": "application/pdf",
}


def template_context() -> dict:
    """What statistics templates use to show figures: the presentation helpers, and translate."""
    return {"present": presentation, "translate": translate, "formats": list(FORMATS)}


def newsletter_html(report: StatisticsReport, *, for_pdf: bool = False) -> str:
    """The printable newsletter: self-contained HTML (styles inline, charts as inline SVG)."""
    return render_template("statistics/newsletter.html", report=report, for_pdf=for_pdf, **template_context())


def newsletter_pdf(report: StatisticsReport) -> bytes:
    # WeasyPrint: a maintained HTML-to-PDF renderer that handles SVG and Khmer shaping (pango).
    from weasyprint import HTML

    return HTML(string=newsletter_html(report, for_pdf=True)).write_pdf()


def export_file(report: StatisticsReport, fmt: str) -> tuple[bytes, str, str]:
    """(content, MIME type, file name) of the report in `fmt` (a key of FORMATS)."""
    writer = {"csv": writers.to_csv, "xlsx": writers.to_xlsx, "json": writers.to_json, "pdf": newsletter_pdf}[fmt]
    return writer(report), FORMATS[fmt], f"statistics-{report.period.label}.{fmt}"
