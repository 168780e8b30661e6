"""Can figures be read on a 360 px phone and on a 1280 px desktop, in English and Khmer: no number or
word split over two lines, trend labels apart, charts no wider than a reader's eye span?"""
from datetime import date

import pytest

from monitor.statistics.periods import quarter
from tests.browser.test_phone_checklist import sign_in
from tests.support.browser import PHONE_VIEWPORT
from tests.support.readable import problems, shot

WIDTHS = {"phone": PHONE_VIEWPORT, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def demo_server(live_app):
    """Two years of synthetic hearings (the demo generator), served."""
    from tests.support.live_server import LiveServer

    result = live_app.test_cli_runner().invoke(args=["demo", "load", "--hearings", "160", "--seed", "18"])
    assert result.exit_code == 0, result.output
    with LiveServer(live_app) as running:
        yield running


def last_quarter() -> str:
    today = date.today()
    quarter = (today.month - 1) // 3  # the quarter before this one, in a calendar year starting in January
    return f"{today.year - (quarter == 0)}-Q{quarter or 4}"


@pytest.mark.parametrize("language", ["en", "km"])
def test_statistics_page_reads_at_phone_and_desktop_width(browser, demo_server, language):
    for name, viewport in WIDTHS.items():
        context = browser.new_context(viewport=viewport, base_url=demo_server.url, device_scale_factor=1)
        page = context.new_page()
        sign_in(page, "manager", "manager-demo-1")
        page.goto(f"/statistics?period={last_quarter()}&lang={language}")
        assert page.locator(".trend").count() >= 4 and page.locator(".bars").count() >= 10
        found = problems(page)
        shot(page, f"statistics-{language}-{name}")
        assert found == {"broken": [], "overlapping": [], "wide": [], "page": []}, (name, found)
        context.close()


def test_quarter_helper_names_a_period_that_has_ended():
    assert quarter(*map(int, last_quarter().split("-Q")), 1).end < date.today()


@pytest.mark.parametrize("language", ["en", "km"])
def test_newsletter_editor_fits_a_phone(browser, demo_server, language):
    """The manager writes the newsletter on a phone too: every field reachable, nothing wider than the screen."""
    context = browser.new_context(viewport=PHONE_VIEWPORT, base_url=demo_server.url, device_scale_factor=1)
    page = context.new_page()
    sign_in(page, "manager", "manager-demo-1")
    page.goto(f"/releases/newsletter?period={last_quarter()}&lang={language}")
    assert page.locator("#organisation").is_visible() and page.locator("#introduction_km").count() == 1
    assert page.locator("input[name=headlines]:not([disabled])").count() >= 3
    shot(page, f"newsletter-editor-{language}-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_VIEWPORT["width"]
    context.close()
