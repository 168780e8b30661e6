"""A monitor who works in Khmer fills a checklist in the offline app: questions, answers, buttons,
and statuses are all in Khmer, online and offline."""
import random

from tests.support.offline_app import (
    wait_until,
    TIMEOUT_MS,
    _fill_until_overview,
    current_route,
    install_app,
    stored_checklists,
    wait_until_all_sent,
)

KHMER = range(0x1780, 0x1800)


def is_khmer(text: str) -> bool:
    return any(ord(ch) in KHMER for ch in text)


def test_monitor_fills_a_checklist_in_khmer_in_the_offline_app(phone, live_app):
    page = phone
    install_app(page)
    page.click("nav.languages a[lang=km]")  # the switch on the app's own page
    page.wait_for_selector("#app[data-ready]", timeout=TIMEOUT_MS)
    assert page.locator("html").get_attribute("lang") == "km"
    assert page.locator("main h1").inner_text() == "បញ្ជីត្រួតពិនិត្យនៅលើទូរស័ព្ទនេះ"

    page.click("main a:has-text('ចាប់ផ្ដើមបញ្ជីត្រួតពិនិត្យ')")
    page.wait_for_selector("#section-form")
    labels = page.locator(".field legend, .field > label").all_inner_texts()
    assert labels and all(is_khmer(label) for label in labels), labels
    assert page.locator("button[value=next]").inner_text() == "រក្សាទុក ហើយបន្ត"
    assert all(is_khmer(options) for options in page.locator(".options").all_inner_texts())
    assert "ជំហានទី 1" in page.locator(".progress-row").inner_text()
    page.select_option("#court", index=1)
    page.locator("[data-item=stage] input").first.click()
    assert page.locator("[data-save-state]").inner_text() == "សេចក្ដីព្រាង · បានរក្សាទុកនៅលើទូរស័ព្ទនេះ នឹងផ្ញើនៅពេលមានអ៊ីនធឺណិត"

    uuid = current_route(page)[1]
    _fill_until_overview(page, random.Random(7), {"hearing": {}, "accused": []}, {})
    assert page.locator("main h2").first.inner_text() == "ផ្នែក"
    assert all(is_khmer(step) for step in page.locator(".steps li").all_inner_texts())

    page.context.set_offline(True)
    page.click("button:has-text('បន្ថែមជនជាប់ចោទ')")
    wait_until(page, "location.hash.includes('/accused/1/')")
    assert page.locator("[data-connection=offline]").inner_text() == (
        "គ្មានអ៊ីនធឺណិត។ សូមបន្តការងារ៖ អ្វីៗទាំងអស់ត្រូវបានរក្សាទុកនៅលើទូរស័ព្ទនេះ។")
    entered = {"hearing": {}, "accused": [{}]}
    _fill_until_overview(page, random.Random(8), entered, {"age_at_offence": 30})
    page.click("[data-submit]")
    page.wait_for_selector(f"[data-uuid='{uuid}']")
    assert page.locator(".flash").inner_text() == (
        "បញ្ជីត្រួតពិនិត្យត្រូវបានដាក់ស្នើ។ បានរក្សាទុកនៅលើទូរស័ព្ទនេះ ហើយនឹងផ្ញើនៅពេលមានអ៊ីនធឺណិត។")
    assert page.locator(f"[data-uuid='{uuid}'] .sync-status").inner_text() == "បានរក្សាទុកនៅលើទូរស័ព្ទនេះ នឹងផ្ញើនៅពេលមានអ៊ីនធឺណិត"

    page.context.set_offline(False)
    wait_until_all_sent(page)
    assert page.locator(f"[data-uuid='{uuid}'] .sync-status").inner_text() == "បានផ្ញើ"
    assert stored_checklists(live_app)[uuid][0] == "submitted"
