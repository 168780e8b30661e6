"""A programme manager reads the statistics page in Khmer on a phone."""
from tests.browser.test_phone_checklist import sign_in


def test_manager_reads_statistics_in_khmer(phone):
    phone.set_default_timeout(10000)
    sign_in(phone, "manager", "manager-demo-1")
    phone.goto("/statistics?period=2025-Q1&lang=km")
    assert phone.locator("html").get_attribute("lang") == "km"
    assert phone.locator("h1").inner_text() == "ស្ថិតិ"
    assert phone.locator(".report-head h2").inner_text() == "ត្រីមាសទី1 ឆ្នាំ2025: 1 មករា 2025 – 31 មីនា 2025"
    headings = phone.locator(".indicator-group > h2").all_inner_texts()
    assert headings[:3] == ["បរិមាណ", "ការជំនុំជម្រះក្ដីដោយយុត្តិធម៌", "យុត្តិធម៌អនីតិជន"]
    assert "ជនជាប់ចោទដែលមានមេធាវីតំណាង" in phone.locator("#indicator-represented_by_lawyer h3").inner_text()
    phone.locator("#indicator-accused details.breakdowns summary").click()
    table = phone.locator("#indicator-accused details.breakdowns").inner_text()
    assert "ក្រោម ១៤ ឆ្នាំ" in table and "ស្រី" in table
    # a Khmer font is available to draw them (fonts-khmeros), not empty boxes
    assert phone.evaluate("document.fonts.check('16px \"Khmer OS\"', 'ស្ថិតិ')")
