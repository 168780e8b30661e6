"""Does the newsletter PDF read as a newsletter: at most 8 A4 pages before an annex of at most 4, with a
page of the programme's own commentary; definitions in plain words, never condition syntax; Khmer
shaped everywhere, chart labels included?

On two years of demo data (the default indicator set), on SQLite: the subject is the layout of the
file, which the database does not change."""
import io
import re
import shutil
import unicodedata

import pytest
from pypdf import PdfReader

from monitor.services import statistics as statistics_service
from monitor.services.statistics_files import export_file, newsletter_html
from monitor.statistics.suppression import suppress_report
from tests.statistics.test_statistics_khmer import skeleton
from tests.statistics.test_statistics_outputs import CONDITION_SYNTAX

COMMENTARY = ("Hearings were more often open to the public than a year earlier, and more accused had a lawyer. "
              "Pretrial detention remains the rule rather than the exception, as in every quarter we monitored. ") * 6
KHMER_COMMENTARY = "សវនាការបើកជាសាធារណៈញឹកញាប់ជាងមុន ហើយជនជាប់ចោទច្រើនជាងមុនមានមេធាវី។ " * 12


@pytest.fixture
def demo_quarter(make_app, sqlite_template, tmp_path):
    """The app over 300 synthetic hearings, and its last full quarter as a release would freeze it."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    app = make_app(f"sqlite:///{path}", REPORTING_YEAR_START_MONTH=11)
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["demo", "load", "--hearings", "300", "--seed", "7"])
        assert result.exit_code == 0, result.output
        period = statistics_service.period_choices(11)[1]
        yield suppress_report(statistics_service.build_report(statistics_service.period_from_arguments(
            period.label, None, None)), 5)


def imprint() -> dict:
    """About a page of the manager's own words, as the newsletter of point 1 carries them."""
    groups = ("volume", "fair_trial", "juvenile", "unodc")
    return {"organisation": "Cambodian Trial Monitors", "newsletter": {
        "introduction": {"en": COMMENTARY[:400], "km": KHMER_COMMENTARY[:300]},
        "commentary": {group: {"en": COMMENTARY, "km": KHMER_COMMENTARY} for group in groups}}}


def pages_of(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def headings(report, language: str) -> dict[str, int]:
    """Each heading of the laid-out newsletter -> its page (0-based): the PDF's bookmarks, taken from the
    shaped text of the document itself (a PDF reader cannot give Khmer back exactly, see below)."""
    from weasyprint import HTML

    document = HTML(string=newsletter_html(report, language, for_pdf=True, imprint=imprint())).render()
    found = {}

    def walk(tree):
        for label, (page, _x, _y), children, _state in tree:
            found.setdefault(label, page)
            walk(children)
    walk(document.make_bookmark_tree())
    return found | {"pages": len(document.pages)}


@pytest.mark.parametrize("language, annex", [("en", "Annex: how the figures are made"), ("km", "ឧបសម្ព័ន្ធ៖ របៀបគណនាតួលេខ")])
def test_newsletter_fits_eight_pages_and_an_annex_of_four(demo_quarter, language, annex):
    content, _, _ = export_file(demo_quarter, "pdf", language, imprint())
    pages = pages_of(content)
    laid_out = headings(demo_quarter, language)
    assert laid_out["pages"] == len(pages)
    start = laid_out[annex]
    assert 1 <= start <= 8, f"{start} pages before the annex"
    assert len(pages) - start <= 4, f"an annex of {len(pages) - start} pages"
    assert "Cambodian Trial Monitors" in pages[0]
    if language == "en":
        text = "\n".join(pages)
        assert "Share of hearings open to the public, among hearings for which the monitor could tell." in \
            re.sub(r"\s+", " ", text)
        assert not CONDITION_SYNTAX.search(text), CONDITION_SYNTAX.search(text)


def test_khmer_newsletter_draws_no_word_inside_a_chart(demo_quarter):
    """WeasyPrint draws SVG text one code point at a time: every Khmer word must be HTML, beside the drawing."""
    html = newsletter_html(demo_quarter, "km", for_pdf=True, imprint=imprint())
    drawings = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(drawings) > 10
    assert [d for d in drawings if re.search("[\u1780-\u17ff]", d)] == []
    # The shaped headings are the source strings, exactly.
    laid_out = headings(demo_quarter, "km")
    for source in ("តួលេខសំខាន់ៗ", "ការជំនុំជម្រះក្ដីដោយយុត្តិធម៌", "យុត្តិធម៌អនីតិជន", "សូចនាករទាំងអស់", "និយមន័យ"):
        assert source in laid_out, source
    # What a PDF reader extracts: the base letters of each word, in order. WeasyPrint keeps one Unicode
    # mapping per glyph (its ToUnicode map), so a glyph shared by two Khmer clusters gives back the first
    # cluster's text: subscripts and vowels can come back misplaced. The letters' skeleton survives.
    pages = pages_of(export_file(demo_quarter, "pdf", "km", imprint())[0])
    text = unicodedata.normalize("NFC", "\n".join(pages))
    for source in ("ត្រី.1", "ត្រី.4", "សវនាការដែលបើកជាសាធារណៈ", "ជនជាប់ចោទដែលមានមេធាវីតំណាង"):
        assert skeleton(source) in skeleton(text), source


def test_annual_report_compares_the_quarters_of_the_reporting_year(demo_quarter):
    """The reporting year (November to October) as its own edition: each key figure quarter by quarter."""
    year = statistics_service.period_from_arguments(str(demo_quarter.period.year), None, None)
    report = suppress_report(statistics_service.build_report(year), 5)
    html = newsletter_html(report, "en", for_pdf=True, imprint=imprint())
    table = html[html.index("Quarter by quarter"):html.index("</table>", html.index("Quarter by quarter"))]
    assert [f"{year.year}-Q{number}" in table for number in (1, 2, 3, 4)] == [True] * 4
    assert table.count("<tr>") == 1 + sum(1 for item in report.indicators if item.trend)
    laid_out = headings(report, "en")
    assert laid_out["Annex: how the figures are made"] <= 8 and laid_out["pages"] - laid_out[
        "Annex: how the figures are made"] <= 4
