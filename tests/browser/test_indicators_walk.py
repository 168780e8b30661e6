"""Walked in Chromium at 360 and 1280 px, in English and Khmer (issue 21, 16.8): the statistics page
says "related to Manual indicator N, not comparable" and shows the new figures; the monitor's
observations are a box of several lines. Screenshots in /tmp/issue-21-shots."""
from pathlib import Path

import pytest

from tests.browser.test_phone_checklist import sign_in
from tests.browser.test_figures_at_any_width import last_quarter

SHOTS = Path("/tmp/issue-21-shots")
BADGE = {"en": "Related to Manual indicator 3 — not comparable", "km": "ពាក់ព័ន្ធនឹងសូចនាករទី 3 នៃសៀវភៅណែនាំ — មិនអាចប្រៀបធៀបបាន"}


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("language", ["en", "km"])
def test_statistics_say_related_not_comparable(browser, server, live_app, language, width):
    assert live_app.test_cli_runner().invoke(args=["demo", "load", "--hearings", "60", "--seed", "4"]).exit_code == 0
    context = browser.new_context(viewport={"width": width, "height": 740}, base_url=server.url)
    page = context.new_page()
    page.set_default_timeout(15000)
    sign_in(page, "manager", "manager-demo-1")
    page.goto(f"/statistics?period={last_quarter()}&lang={language}")
    badge = page.locator("#indicator-unodc_pre_sentence_detention h3 .badge")
    assert badge.inner_text() == BADGE[language]
    assert page.locator("#indicator-possible_juvenile_accused").is_visible()
    assert page.locator("#indicator-hearings_closed_without_reason").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "nothing wider than the screen"
    badge.scroll_into_view_if_needed()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"statistics-badge-{language}-{width}.png"))
    context.close()


@pytest.mark.parametrize("language", ["en", "km"])
def test_observations_box_on_the_server_pages(phone, language):
    phone.set_default_timeout(15000)
    sign_in(phone)
    phone.goto(f"/checklists/new?lang={language}")
    phone.select_option("#court", index=1)
    phone.fill("#hearing_date", "02/06/2025")
    phone.locator("form button[type=submit]").last.click()
    phone.wait_for_url("**/hearing/**")
    phone.goto(phone.url.rsplit("/hearing/", 1)[0] + f"/hearing/hearing_notes?lang={language}")
    box = phone.locator("textarea#hearing_observations")
    box.fill("The judge arrived late.\nThe public was sent out.")
    assert box.evaluate("element => element.clientHeight") > 3 * 16, "several lines visible"
    assert box.evaluate("element => element.getBoundingClientRect().right") <= 360
    SHOTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(SHOTS / f"observations-{language}-360.png"), full_page=True)
