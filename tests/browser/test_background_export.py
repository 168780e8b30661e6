"""A manager asks for an XLSX too large to wait for, on a phone in English and on a laptop in Khmer:
a page says it is being prepared, then offers the file (issue 20.5)."""
from pathlib import Path

from tests.browser.test_phone_checklist import sign_in
from tests.browser.test_review_screens import _fill_queue

SHOTS = Path("/tmp/issue-20-shots")


def _ask_for_a_large_xlsx(page) -> None:
    page.goto("/review/exports")
    page.check("input[name=states][value=submitted]")
    page.check("input[name=format][value=xlsx]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/review/exports/background/*")


def _until_ready(page, ready: str, again: str) -> None:
    for _ in range(60):
        if ready in page.locator(".export-state").inner_text():
            return
        page.get_by_role("link", name=again).click()
        page.wait_for_load_state()
    raise AssertionError("never ready")


def test_a_large_xlsx_is_prepared_then_offered_on_a_phone_and_in_khmer(browser, server, live_app, phone):
    live_app.config["RAW_EXPORT_BACKGROUND_CHECKLISTS"] = 1
    _fill_queue(live_app, 3)
    SHOTS.mkdir(exist_ok=True)
    sign_in(phone, "manager", "manager-demo-1")
    phone.goto("/review/exports")
    assert "more than 1 checklists is prepared in the background" in phone.locator("main").inner_text()
    _ask_for_a_large_xlsx(phone)
    state = phone.locator(".export-state").inner_text()
    assert "being prepared" in state or "is ready" in state, "a small build may already be done"
    phone.screenshot(path=str(SHOTS / "phone-en-preparing.png"), full_page=True)
    _until_ready(phone, "is ready", "Check again")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=str(SHOTS / "phone-en-ready.png"), full_page=True)
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Download").click()
    assert download.value.suggested_filename.startswith("court-monitor-raw-data-INTERNAL-")
    assert Path(download.value.path()).read_bytes()[:2] == b"PK", "an XLSX is a zip"

    laptop = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=server.url)
    page = laptop.new_page()
    sign_in(page, "manager", "manager-demo-1")
    page.click("nav.languages a[lang=km]")
    page.wait_for_load_state()
    _ask_for_a_large_xlsx(page)
    page.screenshot(path=str(SHOTS / "laptop-km-preparing.png"), full_page=True)
    _until_ready(page, "រួចរាល់ហើយ", "ពិនិត្យម្ដងទៀត")
    assert "ជួរ" in page.locator(".export-state").inner_text()
    page.screenshot(path=str(SHOTS / "laptop-km-ready.png"), full_page=True)
    laptop.close()
