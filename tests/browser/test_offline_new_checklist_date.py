"""The offline app's new checklist starts on today's hearing date, as the server's pages do."""
from datetime import date

import pytest

from tests.support.offline_app import TIMEOUT_MS, install_app, open_app


@pytest.mark.parametrize("language", ["en", "km"])
def test_a_new_checklist_on_the_phone_starts_with_today(phone, live_app, language):
    phone.set_default_timeout(TIMEOUT_MS)
    install_app(phone)
    phone.goto(f"/app?lang={language}#/")
    phone.wait_for_selector("#app[data-ready]")
    today = date.today().strftime("%d/%m/%Y")
    phone.context.set_offline(True)
    for route in ("#/new", "#/"):
        open_app(phone, route)
        if route == "#/":
            phone.click("a[href$='new'], button:has-text('Start'), a:has-text('Start'), a:has-text('ចាប់')")
        phone.wait_for_selector("[data-item=hearing_date] input")
        assert phone.input_value("[data-item=hearing_date] input") == today, route
