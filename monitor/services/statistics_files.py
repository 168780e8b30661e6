"""Statistics as files: CSV, XLSX, JSON and the newsletter (HTML for print, and its PDF).

The page, the CLI and a published release all write files through `export_file`, in a language
chosen by the caller: the reader's on the page, `--language` on the command line."""
from contextlib import contextmanager

from flask import current_app, has_request_context, render_template
from flask_babel import force_locale

from monitor.checklists.definition import translate
from monitor.i18n import DEFAULT_LANGUAGE
from monitor.statistics import presentation, writers
from monitor.statistics.plain_words import plain_definition
from monitor.statistics.results import StatisticsReport

#: Format -> MIME type of the download.
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "pdf": "application/pdf",
}


@contextmanager
def in_language(language: str):
    """Interface words (templates, `say` in the statistics code) in `language`, in a request or not (CLI)."""
    if has_request_context():
        with force_locale(language):
            yield
        return
    with current_app.test_request_context(), force_locale(language):
        yield


def default_imprint() -> dict:
    """What a download made outside a release says about its publisher."""
    from monitor.services import settings

    return {"organisation": settings.organisation_name(), "logo": settings.organisation_logo()}


def template_context() -> dict:
    """What statistics templates use to show figures: the presentation helpers, and translate."""
    return {"present": presentation, "translate": translate, "formats": list(FORMATS), "plain": plain_definition}


def newsletter_html(report: StatisticsReport, language: str = DEFAULT_LANGUAGE, *, for_pdf: bool = False,
                    imprint: dict | None = None) -> str:
    """The printable newsletter: self-contained HTML (styles inline, charts drawn inline, their words HTML).
    `imprint`: organisation, logo (a data: URL), the manager's newsletter texts, a release's methodology."""
    imprint = imprint or default_imprint()
    with in_language(language):
        return render_template("statistics/newsletter.html", report=report, for_pdf=for_pdf, language=language,
                               organisation=imprint.get("organisation", ""), logo=imprint.get("logo"),
                               newsletter=imprint.get("newsletter"), methodology=imprint.get("methodology"),
                               **template_context())


def newsletter_pdf(report: StatisticsReport, language: str = DEFAULT_LANGUAGE, imprint: dict | None = None) -> bytes:
    return pdf_from_html(newsletter_html(report, language, for_pdf=True, imprint=imprint))


def pdf_from_html(html: str) -> bytes:
    """The PDF of a self-contained HTML page. WeasyPrint: a maintained HTML-to-PDF renderer that
    handles SVG and Khmer shaping (pango); Khmer glyphs come from the system's fonts-khmeros,
    nothing is fetched. Rendering takes seconds: the same HTML always gives the same pages."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def export_file(report: StatisticsReport, fmt: str, language: str = DEFAULT_LANGUAGE,
                imprint: dict | None = None) -> tuple[bytes, str, str]:
    """(content, MIME type, file name) of the report in `fmt` (a key of FORMATS), texts in `language`.
    Non-English files say their language in the name, so both can sit in one folder. `imprint`
    (organisation, citation, methodology) is what the XLSX and the newsletter say about a release."""
    with in_language(language):
        if fmt == "xlsx":
            content = writers.to_xlsx(report, language, imprint or default_imprint())
        elif fmt == "pdf":
            content = newsletter_pdf(report, language, imprint)
        else:
            content = {"csv": writers.to_csv, "json": writers.to_json}[fmt](report, language)
    suffix = "" if language == DEFAULT_LANGUAGE or fmt == "json" else f"-{language}"
    return content, FORMATS[fmt], f"statistics-{report.period.label}{suffix}.{fmt}"
