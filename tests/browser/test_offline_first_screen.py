"""A phone's first visit: the new checklist's first section comes in the server's HTML, before the
app's script, and nothing typed before the script arrives is lost or sent twice."""
import random

from tests.support.offline_app import (
    TIMEOUT_MS,
    _fill_until_overview,
    assert_answers_intact,
    computed_keys,
    current_route,
    install_app,
    sign_in_over_http,
    stored_checklists,
    wait_until,
)


def hold_the_script(context) -> list:
    """Keep the app's script from arriving (as on a slow link) until the test lets it through."""
    held = []
    context.route("**/app/app.js*", lambda route: held.append(route))
    return held


def open_start_screen_without_script(page) -> list:
    held = hold_the_script(page.context)
    sign_in_over_http(page.context)
    page.goto("/app/new", wait_until="commit")
    page.wait_for_selector("#section-form [data-item=stage]", timeout=TIMEOUT_MS)
    assert held, "the script was asked for while the page was arriving"
    assert page.locator("#app[data-ready]").count() == 0
    return held


def test_answers_typed_before_the_script_arrive_once(phone, live_app):
    """Answers given before the script arrived: kept by the app, sent once, even after going offline?"""
    page = phone
    held = open_start_screen_without_script(page)
    assert page.locator("[data-court] select").is_visible()
    assert "Step 1 of" in page.locator(".progress-row").inner_text()
    page.locator("[data-item=stage] input[value=appeal]").click()
    page.fill("#case_reference", "CR-77")
    page.select_option("[data-court] select", "siem_reap")

    held[0].continue_()
    page.wait_for_selector("#app[data-ready]", timeout=TIMEOUT_MS)
    assert page.evaluate("location.pathname + location.hash") == "/app#/new"
    assert page.locator("[data-item=stage] input[value=appeal]").is_checked()
    assert page.input_value("#case_reference") == "CR-77"
    assert page.locator("[data-save-state]").is_hidden(), "nothing kept before the next change"

    page.locator("[data-item=hearing_type] input[value=trial]").click()
    route = current_route(page)
    assert route[0] == "c" and route[2:] == ["hearing", "hearing_details"]
    uuid = route[1]
    # Kept on the phone as soon as the change is written to its storage (and, 3 s later online,
    # sent as a draft): wait for that rather than read the line while it is being written.
    wait_until(page, "/saved on (this phone|the server)/.test(document.querySelector('[data-save-state]').textContent)")

    page.context.set_offline(True)
    entered = {"hearing": {}, "accused": [{}]}
    _fill_until_overview(page, random.Random(4), entered, {})
    page.click("button:has-text('Add an accused')")
    wait_until(page, "location.hash.includes('/accused/1/')")
    _fill_until_overview(page, random.Random(5), entered, {"age_at_offence": 16, "gender": "male"})
    page.click("[data-submit]")
    page.wait_for_selector(f"[data-group=waiting] [data-uuid='{uuid}']")
    assert all(status == "draft" for status, _, _ in stored_checklists(live_app).values()), "nothing submitted while offline"

    page.context.set_offline(False)
    page.wait_for_selector(f"[data-group=sent] [data-uuid='{uuid}']", timeout=15_000)
    stored = stored_checklists(live_app)
    assert list(stored) == [uuid]
    status, author, document = stored[uuid]
    assert (status, author) == ("submitted", "monitor")
    assert document["hearing"]["stage"] == "appeal" and document["hearing"]["case_reference"] == "CR-77"
    assert document["hearing"]["hearing_type"] == "trial"
    assert_answers_intact(document, entered, computed_keys(live_app))
    assert "juvenile" in document["accused"][0]
    assert page.locator(f"[data-uuid='{uuid}'] strong").inner_text() == "Siem Reap Provincial Court"


def test_tapping_save_before_the_script_starts_the_checklist_on_the_server(phone, live_app):
    """"Save and continue" before the script arrived: started once on the server, answers kept, next section shown?"""
    page = phone
    open_start_screen_without_script(page)
    page.locator("[data-item=stage] input[value=first_instance]").click()
    page.locator("[data-item=hearing_type] input[value=verdict_announcement]").click()
    page.select_option("#court", index=1)  # no court is preset
    page.click("#section-form button[type=submit]")
    page.wait_for_url("**/checklists/*/hearing/*")
    assert "Step 2 of" in page.locator(".progress-row").inner_text()

    stored = stored_checklists(live_app)
    assert len(stored) == 1
    (status, author, document), = stored.values()
    assert (status, author) == ("draft", "monitor")
    assert (document["hearing"]["stage"], document["hearing"]["hearing_type"]) == ("first_instance", "verdict_announcement")


def test_installed_app_draws_the_start_screen_itself_offline(phone, live_app):
    """Once installed, does /app/new open without a connection, and does a screen left untouched leave nothing behind?"""
    page = phone
    install_app(page)
    page.context.set_offline(True)
    page.goto("/app/new")
    page.wait_for_selector("#app[data-ready]", timeout=TIMEOUT_MS)
    assert page.evaluate("location.pathname + location.hash") == "/app#/new"
    assert page.locator("#section-form [data-item=stage]").is_visible()
    assert page.locator("[data-court] select option").count() >= 2
    page.click("text=← Checklists on this phone")
    page.wait_for_selector("[data-outbox]")
    assert page.locator("[data-uuid]").count() == 0
    page.context.set_offline(False)
