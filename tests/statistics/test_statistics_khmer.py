"""Can a Khmer-speaking manager read the statistics, downloads and newsletter entirely in Khmer?"""
import io
import re
import unicodedata

import pytest
from openpyxl import load_workbook

from tests.statistics.conftest import csv_download
from tests.support.pdf import read_pdf

#: Wording and files in Khmer; the database engine does not change them.
pytestmark = pytest.mark.one_database


def skeleton(text: str) -> str:
    """Khmer reduced to its base letters and digits. PDF text extraction drops or reorders the
    glyphs of subscript consonants and vowels, so the PDF's words are compared on this skeleton."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub("\u17d2.", "", text)  # coeng + the subscript consonant it introduces
    return re.sub("[\u17b4-\u17d3\\s]", "", text)  # dependent vowels, signs, spaces


def test_statistics_page_in_khmer(manager_client, quarter_data):
    html = manager_client.get("/statistics?period=2025-Q1&lang=km").get_data(as_text=True)
    assert 'lang="km"' in html
    assert "<h2>ត្រីមាសទី1 ឆ្នាំ2025: 1 វិច្ឆិកា 2024 – 31 មករា 2025</h2>" in html
    for text in ("ជនជាប់ចោទដែលមានមេធាវីតំណាង", "យុត្តិធម៌អនីតិជន", "2 ក្នុងចំណោម 3", "66.7%",
                 "បម្រែបម្រួលធៀបនឹងត្រីមាសមុន (ត្រីមាសទី4 ឆ្នាំ2024: 1)", "និយមន័យ និងមូលដ្ឋានគតិយុត្ត",
                 "ប្រាំបីត្រីមាសចុងក្រោយ", "ក្រោម ១៤ ឆ្នាំ", "ប្រុស", "ឆ្នាំរបាយការណ៍ 2025"):
        assert text in html, text
    assert "<span>ត្រី.2</span>" in html  # trend axis, in HTML under the drawing
    for english in ("Accused represented by a lawyer", "Last eight quarters", "Change against", "Not in the denominator",
                    "Definition and legal basis", "Under 14", ">Male<"):
        assert english not in html, english


def test_period_errors_in_khmer(manager_client, client, create_user, api_token):
    response = manager_client.get("/statistics?period=2025-Q9&lang=km")
    assert response.status_code == 400 and "សូមបញ្ចូលត្រីមាសដូចជា 2025-Q3" in response.get_data(as_text=True)
    headers = {**api_token(create_user("manager", username="api-manager")), "Accept-Language": "km"}
    invalid = client.get("/api/v1/statistics?from=2025-01-01", headers=headers)
    assert invalid.status_code == 422
    assert invalid.get_json()["errors"]["from"] == "សូមបញ្ចូលទាំងកាលបរិច្ឆេទចាប់ផ្ដើម និងកាលបរិច្ឆេទបញ្ចប់"


def test_khmer_downloads_keep_keys_as_column_headers(manager_client, quarter_data):
    disposition, rows = csv_download(manager_client, "period=2025-Q1&lang=km")
    assert disposition == 'attachment; filename="statistics-2025-Q1-km.csv"'
    female = next(r for r in rows if r["indicator"] == "represented_by_lawyer" and r["category"] == "female")
    assert (female["title"], female["category_label"], female["numerator"]) == ("ជនជាប់ចោទដែលមានមេធាវីតំណាង", "ស្រី", "0")

    workbook = load_workbook(io.BytesIO(manager_client.get("/statistics/download.xlsx?period=2025-Q1&lang=km").data),
                             read_only=True)
    assert workbook.sheetnames == ["អំពីឯកសារនេះ", "បរិមាណ", "ការជំនុំជម្រះក្ដីដោយយុត្តិធម៌", "យុត្តិធម៌អនីតិជន",
                                   "សូចនាករយុត្តិធម៌អនីតិជនរបស់", "និយមន័យ"]  # 31 characters at most, cut between words
    fair = list(workbook["ការជំនុំជម្រះក្ដីដោយយុត្តិធម៌"].iter_rows(values_only=True))
    assert fair[0][0] == "សូចនាករនៃការតាមដានការជំនុំជម្រះក្ដីដោយយុត្តិធម៌: ត្រីមាសទី1 ឆ្នាំ2025 · ការជំនុំជម្រះក្ដីដោយយុត្តិធម៌"
    header, labels = fair[1], fair[2]
    assert "indicator" in header and "period_start" in header
    assert labels[header.index("denominator")] == "ភាគបែង"


@pytest.mark.parametrize("pdf_source", ["web", "cli"])
def test_newsletter_pdf_in_khmer(manager_client, runner, quarter_data, tmp_path, pdf_source):
    """The Khmer PDF is shaped with the system's Khmer fonts and its text is Khmer (titles, periods, labels)."""
    if pdf_source == "web":
        response = manager_client.get("/statistics/download.pdf?period=2025-Q1&lang=km")
        assert response.headers["Content-Disposition"] == 'attachment; filename="statistics-2025-Q1-km.pdf"'
        data = response.data
    else:
        result = runner.invoke(args=["stats", "2025-Q1", "--format", "pdf", "--language", "km", "--out", str(tmp_path)])
        assert result.exit_code == 0, result.output
        data = (tmp_path / "statistics-2025-Q1-km.pdf").read_bytes()
    pdf = read_pdf(data)
    assert any("Khmer" in font for font in pdf.fonts), pdf.fonts
    text = pdf.text
    # Extracted exactly where no glyph of the word is shared with an earlier, differently shaped cluster
    # (WeasyPrint keeps one Unicode mapping per glyph); the rest is compared on its letters' skeleton.
    for word in ("វិច្ឆិកា", "មករា", "សូចនាករ", "យុត្តិធម៌"):
        assert unicodedata.normalize("NFC", word) in unicodedata.normalize("NFC", text), word
    phrases = ["ទំព័រ", "ត្រីមាសទី1 ឆ្នាំ2025", "តួលេខសំខាន់ៗ", "ជនជាប់ចោទដែលមានមេធាវីតំណាង", "អនីតិជនជាប់ចោទដែលបានតាមដាន",
               "សវនាការដែលបើកជាសាធារណៈ", "និយមន័យ"]
    assert [phrase for phrase in phrases if skeleton(phrase) not in skeleton(text)] == []
    assert "66.7%" in text  # breakdowns by court are on the page and in the XLSX, not in the newsletter
    assert "Key figures" not in text and "Last eight quarters" not in text
