"""A monitor switches to Khmer on the phone and fills a section in Khmer."""
from tests.browser.test_phone_checklist import answer_visible_fields, save_and_continue, sign_in


def test_monitor_fills_a_checklist_in_khmer(phone):
    phone.set_default_timeout(5000)
    sign_in(phone)
    phone.click("nav.languages a[lang=km]")
    phone.wait_for_load_state()
    assert phone.locator("html").get_attribute("lang") == "km"
    phone.click("text=ចាប់ផ្ដើមបញ្ជីត្រួតពិនិត្យ")  # opens the first section at once
    phone.wait_for_selector("#section-form")
    assert "ជំហានទី 1" in phone.locator(".progress-row").inner_text()
    labels = phone.locator(".field legend, .field > label").all_inner_texts()
    assert labels and all(any("\u1780" <= ch <= "\u17ff" for ch in label) for label in labels), labels
    assert phone.locator("button[value=next]").inner_text() == "រក្សាទុក ហើយបន្ត"
    answer_visible_fields(phone, {})
    save_and_continue(phone)
    assert "សូមជ្រើសរើសតុលាការ" in phone.locator("[data-court]").inner_text(), "no court is preset: the monitor is asked"
    phone.select_option("#court", index=1)
    save_and_continue(phone)
    assert "ជំហានទី 2" in phone.locator(".progress-row").inner_text()
    assert "បាទ/ចាស" in phone.locator(".options").first.inner_text()  # yes/no answers in Khmer too
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
