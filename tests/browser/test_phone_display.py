"""What a monitor sees around the checklist: a dark theme for the courtroom, readable colours, and
a plain word when the address cannot keep the app offline."""
import re
from pathlib import Path

import pytest

from tests.support.browser import CHROMIUM_ARGS, PHONE_VIEWPORT
from tests.support.offline_app import open_app, sign_in

CSS = Path(__file__).parents[2] / "monitor" / "static" / "css" / "app.css"
#: (text, background) pairs people read; each needs 4.5:1 (WCAG AA) in both themes.
PAIRS = [("text", "page"), ("text", "surface"), ("muted", "surface"), ("muted", "page"), ("accent", "surface"),
         ("accent", "page"), ("returned", "surface"), ("returned", "page"), ("danger-text", "danger-bg"),
         ("ok", "ok-bg"), ("danger", "surface"), ("text", "warn-bg"), ("text", "danger-bg"), ("text", "chosen-bg")]


def _variables(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-f]{6}|#[0-9a-f]{3})\b", block))


def _luminance(colour: str) -> float:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    channels = [int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_text_colour_reads_at_4_5_to_1(theme):
    """The orange "Returned" was 4.33:1; is every pair at least 4.5:1, in the dark theme too?"""
    css = CSS.read_text()
    block = (css.split(":root {", 1)[1].split("}", 1)[0] if theme == "light"
             else css.split(":root[data-theme=dark] {", 1)[1].split("}", 1)[0])
    colours = _variables(block)
    weak = {f"{text} on {background}": round(contrast(colours[text], colours[background]), 2) for text, background in PAIRS
            if contrast(colours[text], colours[background]) < 4.5}
    assert weak == {}


def test_the_dark_theme_follows_the_phone_and_the_switch_is_remembered(browser, server):
    context = browser.new_context(viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True, base_url=server.url,
                                  color_scheme="dark")
    page = context.new_page()
    try:
        sign_in(page)
        open_app(page)
        background = "getComputedStyle(document.body).backgroundColor"
        assert page.evaluate(background) == "rgb(18, 20, 23)", "dark, as the phone is set"
        switch = page.locator("[data-theme-switch]")
        assert switch.inner_text() == "Light"
        switch.click()
        assert page.evaluate(background) == "rgb(246, 247, 249)"
        page.goto("/checklists")
        assert page.evaluate(background) == "rgb(246, 247, 249)", "the choice holds on every page"
        assert page.locator("html").get_attribute("data-theme") == "light"
        page.locator("[data-theme-switch]").click()
        assert page.evaluate(background) == "rgb(18, 20, 23)"
        page.screenshot(path="/tmp/journey-monitor/dark-theme.png")
    finally:
        context.close()


def test_an_address_that_cannot_keep_the_app_says_so(browser, server):
    """Opened over plain HTTP on a network name, the service worker cannot install: is the monitor told?"""
    port = server.url.rsplit(":", 1)[1]
    insecure = browser.browser_type.launch(executable_path=browser_executable(), args=CHROMIUM_ARGS + [
        "--host-resolver-rules=MAP monitor-server.lan 127.0.0.1"])
    try:
        page = insecure.new_page(viewport=PHONE_VIEWPORT, base_url=f"http://monitor-server.lan:{port}")
        sign_in(page)
        assert page.evaluate("window.isSecureContext") is False
        notice = page.locator("[data-insecure]")
        notice.wait_for()
        assert "This address is not secure (http://)" in notice.inner_text()
        assert "https://" in notice.inner_text()
        assert page.locator("[data-offline-only]").is_hidden(), "the offline app is not offered where it cannot be kept"
    finally:
        insecure.close()


def browser_executable() -> str:
    import shutil

    return shutil.which("chromium")
