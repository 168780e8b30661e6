"""A monitor who lost a phone signs out everywhere from the office computer, in English or Khmer, on a
wide screen or a phone: the page explains what happens to checklists waiting on a phone, and the
lost phone is signed out."""
import pytest

from tests.support.browser import PHONE_VIEWPORT, phone_context
from tests.support.offline_app import sign_in

TEXTS = {
    "en": {"heading": "Signed in on a phone you no longer have?", "button": "Sign out everywhere",
           "done": "You are signed out on every phone and computer."},
    "km": {"heading": "បានចូលគណនីនៅលើទូរស័ព្ទដែលអ្នកលែងមានហើយឬ?", "button": "ចាកចេញពីគ្រប់ឧបករណ៍",
           "done": "អ្នកបានចាកចេញពីគ្រប់ទូរស័ព្ទ និងកុំព្យូទ័រហើយ។"},
}


@pytest.mark.parametrize("language", ["en", "km"])
@pytest.mark.parametrize("width", [PHONE_VIEWPORT["width"], 1280])
def test_sign_out_everywhere_from_the_password_page(browser, server, language, width):
    lost_phone = phone_context(browser, server.url)
    office = browser.new_context(viewport={"width": width, "height": 800}, base_url=server.url)
    try:
        phone_page, page = lost_phone.new_page(), office.new_page()
        sign_in(phone_page)
        sign_in(page)
        page.goto(f"/account/password?lang={language}")
        texts = TEXTS[language]
        assert page.locator("h2").inner_text() == texts["heading"]
        button = page.locator(f"button:has-text('{texts['button']}')")
        assert button.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "nothing wider than the screen"
        page.screenshot(path=f"/tmp/issue14-sign-out-everywhere-{language}-{width}.png", full_page=True)

        button.click()
        page.wait_for_url("**/login")
        assert texts["done"] in page.locator("main").inner_text()
        page.screenshot(path=f"/tmp/issue14-signed-out-everywhere-{language}-{width}.png", full_page=True)
        phone_page.goto("/checklists")
        assert "/login" in phone_page.url, "the lost phone is signed out too"
    finally:
        office.close()
        lost_phone.close()
