"""The monitor's checklists survive no signal, flapping signal, app updates and shared phones."""
import random
import time

import pytest
from sqlalchemy import select

from monitor.extensions import db
from monitor.models import Checklist, Court

from tests.support.browser import PHONE_VIEWPORT, phone_with_profile
from tests.support.offline_app import (
    assert_answers_intact,
    computed_keys,
    current_route,
    fill_checklist,
    install_app,
    open_app,
    sign_in,
    start_checklist,
    stored_checklists,
    wait_until_all_sent,
)


def wait_for(condition, timeout_s=15):
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_checklist_filled_offline_survives_a_reload_and_arrives_once(phone, live_app):
    """Offline from start to submit, reloaded while still offline: does it arrive once, every answer intact?"""
    page, context = phone, phone.context
    install_app(page)

    context.set_offline(True)
    open_app(page)  # opens from the phone's cache
    assert page.locator("[data-connection=offline]").is_visible()
    uuid, entered = fill_checklist(page, random.Random(3), [{"age_at_offence": 16, "gender": "female"}])
    assert "juvenile" in entered["accused"][0], "the juvenile annex was asked"
    card = page.locator(f"[data-group=waiting] [data-uuid='{uuid}']")
    assert "Saved on this phone, will send when online" in card.inner_text()

    page.reload()
    page.wait_for_selector("#app[data-ready]")
    assert page.locator(f"[data-group=waiting] [data-uuid='{uuid}']").count() == 1
    assert stored_checklists(live_app) == {}

    context.set_offline(False)
    page.wait_for_selector(f"[data-group=sent] [data-uuid='{uuid}']", timeout=15_000)
    assert "Sent" in page.locator(f"[data-uuid='{uuid}']").inner_text()
    assert page.locator("[data-last-sent]").get_attribute("data-last-sent")
    stored = stored_checklists(live_app)
    assert list(stored) == [uuid]
    status, author, document = stored[uuid]
    assert (status, author) == ("submitted", "monitor")
    assert_answers_intact(document, entered, computed_keys(live_app))
    assert document["accused"][0]["age_at_offence"] == 16


def test_flapping_connection_stores_every_checklist_exactly_once(phone, live_app):
    """20 checklists while the signal comes and goes at random: exactly 20 stored, no answer missing?"""
    page, context = phone, phone.context
    rng = random.Random(20)
    install_app(page)
    online = True

    def flap(_route=None):
        nonlocal online
        if rng.random() < 0.35:
            online = not online
            context.set_offline(not online)

    page.on("framenavigated", flap)
    entered_by_uuid = {}
    for _ in range(20):
        accused = [{"age_at_offence": rng.choice([15, 16, 17, 25, 40]), "gender": rng.choice(["male", "female"])}]
        uuid, entered = fill_checklist(page, rng, accused)
        entered_by_uuid[uuid] = entered
        flap()
    page.remove_listener("framenavigated", flap)

    context.set_offline(False)
    wait_until_all_sent(page, timeout_ms=60_000)
    stored = stored_checklists(live_app)
    assert sorted(stored) == sorted(entered_by_uuid)
    computed = computed_keys(live_app)
    for uuid, entered in entered_by_uuid.items():
        status, author, document = stored[uuid]
        assert (status, author) == ("submitted", "monitor")
        assert_answers_intact(document, entered, computed)


def test_queue_survives_closing_the_tab_and_restarting_the_browser(browser, server, live_app, tmp_path):
    """The tab is swiped away, then the phone's browser is closed, with a checklist waiting to be
    sent: is it still in the outbox each time the monitor opens the app again, offline, and does
    it arrive once, every answer intact, when the signal returns?"""
    context = phone_with_profile(browser, server.url, tmp_path / "profile")
    page = context.pages[0]
    install_app(page)
    context.set_offline(True)
    uuid, entered = fill_checklist(page, random.Random(9), [{"age_at_offence": 15, "gender": "male"}])
    waiting = f"[data-group=waiting] [data-uuid='{uuid}']"

    page.close()
    page = context.new_page()
    open_app(page)
    assert page.locator(waiting).count() == 1
    context.close()

    context = phone_with_profile(browser, server.url, tmp_path / "profile")
    try:
        context.set_offline(True)
        page = context.pages[0]
        open_app(page)
        assert "Saved on this phone, will send when online" in page.locator(waiting).inner_text()
        assert stored_checklists(live_app) == {}

        context.set_offline(False)
        page.wait_for_selector(f"[data-group=sent] [data-uuid='{uuid}']", timeout=15_000)
        stored = stored_checklists(live_app)
        assert list(stored) == [uuid]
        assert_answers_intact(stored[uuid][2], entered, computed_keys(live_app))
    finally:
        context.close()


def test_a_phone_whose_session_ended_keeps_its_checklists_and_sends_them_after_signing_in(phone, live_app):
    """The monitor changes their password on the office computer while the phone, offline in court,
    holds an unsent checklist. The phone's session ended with the change: back online, the checklist
    waits on the phone (never lost, never sent by a signed-out phone) and arrives once, every answer
    intact, after the monitor signs in on the phone again."""
    page, context = phone, phone.context
    install_app(page)
    context.set_offline(True)
    uuid, entered = fill_checklist(page, random.Random(14), [{"age_at_offence": 16, "gender": "female"}])
    waiting = f"[data-group=waiting] [data-uuid='{uuid}']"
    assert page.locator(waiting).count() == 1

    new_password = "a new passphrase for court"
    with live_app.app_context():
        office = live_app.test_client()
        office.post("/login", data={"username": "monitor", "password": "monitor-demo-1"})
        changed = office.post("/account/password", data={"current": "monitor-demo-1", "new": new_password,
                                                         "repeat": new_password})
        assert changed.status_code == 302

    context.set_offline(False)
    notice = page.locator(".error-summary:has-text('Sign in again to send your checklists.')")
    notice.wait_for(timeout=15_000)
    assert page.locator(waiting).count() == 1
    assert stored_checklists(live_app) == {}, "a phone whose session ended sends nothing"
    page.screenshot(path="/tmp/issue14-phone-session-ended.png")

    notice.locator("a").click()
    page.wait_for_url("**/login**")
    page.fill("#username", "monitor")
    page.fill("#password", new_password)
    page.click("main button[type=submit]")
    page.wait_for_url("**/app**")
    page.wait_for_selector(f"[data-group=sent] [data-uuid='{uuid}']", timeout=15_000)
    stored = stored_checklists(live_app)
    assert list(stored) == [uuid] and stored[uuid][:2] == ("submitted", "monitor")
    assert_answers_intact(stored[uuid][2], entered, computed_keys(live_app))


def test_queue_survives_a_new_app_version(phone, live_app):
    """A deployment while a checklist waits to be sent: new caches, and the checklist still arrives once?"""
    page, context = phone, phone.context
    install_app(page)
    old_caches = page.evaluate("caches.keys()")
    assert any(name.startswith("court-monitor-") for name in old_caches)

    context.set_offline(True)
    uuid, entered = fill_checklist(page, random.Random(7), [{"age_at_offence": 30, "gender": "male"}])

    live_app.config["OFFLINE_APP_VERSION"] = "next-release"
    context.route("**/api/v1/submissions", lambda route: route.abort())  # the server cannot be reached yet
    context.set_offline(False)
    page.reload()
    page.wait_for_selector("#app[data-ready]")
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    wait_for(lambda: page.evaluate("caches.keys()") == ["court-monitor-next-release"])
    page.reload()
    page.wait_for_selector("#app[data-ready]")
    assert "next-release" in page.locator("script[src*='app.js']").get_attribute("src")
    waiting = page.locator(f"[data-uuid='{uuid}']")
    assert waiting.get_attribute("data-state") in ("pending", "error")
    assert stored_checklists(live_app) == {}

    context.unroute("**/api/v1/submissions")
    page.click("[data-send-now]")
    wait_until_all_sent(page)
    stored = stored_checklists(live_app)
    assert list(stored) == [uuid]
    assert_answers_intact(stored[uuid][2], entered, computed_keys(live_app))


def test_second_user_on_the_same_phone_never_sees_the_first_users_checklists(phone, live_app):
    """Signing out with unsent checklists warns and keeps them; the next user sees none of them."""
    page, context = phone, phone.context
    install_app(page, "monitor", "monitor-demo-1")
    context.route("**/api/v1/submissions", lambda route: route.abort())
    start_checklist(page)
    page.locator("[data-item=stage] input").first.click()
    first_uuid = current_route(page)[1]
    open_app(page)
    assert page.locator(f"[data-uuid='{first_uuid}']").count() == 1

    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.click("header button:has-text('Sign out')")
    page.wait_for_url("**/login")
    assert dialogs and "1 checklist on this phone has not been sent yet" in dialogs[0]
    context.unroute("**/api/v1/submissions")

    sign_in(page, "monitor2", "monitor-demo-2")
    open_app(page)
    assert page.locator("[data-uuid]").count() == 0
    assert first_uuid not in page.content()
    assert "Second Demo Monitor" in page.locator("[data-who]").inner_text()
    context.set_offline(True)
    open_app(page)
    assert page.locator("[data-uuid]").count() == 0
    context.set_offline(False)
    assert stored_checklists(live_app) == {}, "the first monitor's draft is only sent when they sign in again"

    page.click("header button:has-text('Sign out')")
    page.wait_for_url("**/login")
    sign_in(page, "monitor", "monitor-demo-1")
    open_app(page)
    page.wait_for_selector(f"[data-uuid='{first_uuid}'][data-state=sent]", timeout=15_000)
    stored = stored_checklists(live_app)
    assert stored[first_uuid][:2] == ("draft", "monitor")
    assert stored[first_uuid][2]["hearing"]["stage"]


def test_refused_checklist_stays_in_the_outbox_until_corrected(phone, live_app):
    """The server refuses a checklist (its court was closed meanwhile): is the monitor told, in words, and can they fix it?"""
    page, context = phone, phone.context
    install_app(page)
    context.set_offline(True)
    uuid, _ = fill_checklist(page, random.Random(5), [{"age_at_offence": 30, "gender": "male"}])
    court_name = page.evaluate(f"document.querySelector(\"[data-uuid='{uuid}'] strong\").textContent")
    with live_app.app_context():
        court = db.session.scalar(select(Court).where(Court.name == court_name))
        court.active = False
        db.session.commit()
        db.session.remove()

    context.set_offline(False)
    card = page.locator(f"[data-group=attention] [data-uuid='{uuid}']")
    card.wait_for(timeout=15_000)
    assert "Needs correcting" in card.inner_text()
    card.locator("a").click()
    problems = page.locator("[data-server-errors]")
    assert "This court is no longer on the list" in problems.inner_text()
    page.select_option("#court", index=1)
    page.click("[data-submit]")
    page.wait_for_selector(f"[data-group=sent] [data-uuid='{uuid}']", timeout=15_000)
    status, _, _ = stored_checklists(live_app)[uuid]
    assert status == "submitted"


def test_conflict_keeps_both_versions_until_the_monitor_chooses(phone, live_app):
    """The checklist was submitted from another device after the phone sent a draft: are both
    versions kept, the differences shown, and no second checklist made with the same case?"""
    page = phone
    sign_in(page)
    open_app(page)
    start_checklist(page)
    page.locator("[data-item=stage] input[value=appeal]").click()
    uuid = current_route(page)[1]
    page.wait_for_selector("[data-save-state]:has-text('also saved on the server')", timeout=15_000)

    with live_app.app_context():  # meanwhile the checklist is submitted from another device
        checklist = db.session.scalar(select(Checklist).where(Checklist.uuid == uuid))
        checklist.status = "submitted"
        db.session.commit()
        db.session.remove()

    page.locator("[data-item=stage] input[value=first_instance]").click()
    open_app(page, f"#/c/{uuid}")
    page.wait_for_selector("[data-conflict]", timeout=15_000)
    conflict = page.locator("[data-conflict]").inner_text()
    assert "already submitted from another device" in conflict and "Your copy is kept on this phone" in conflict
    assert "On this phone: First instance" in conflict and "On the server: Appeal" in conflict
    assert page.locator("button:has-text('Keep my answers as a new checklist')").count() == 0, \
        "no second checklist of one hearing"
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-use-server]")
    page.wait_for_selector("[data-conflict]", state="detached")
    open_app(page)
    assert page.locator(f"[data-uuid='{uuid}']").get_attribute("data-status") == "submitted"

    stored = stored_checklists(live_app)
    assert list(stored) == [uuid]
    assert stored[uuid][0] == "submitted" and stored[uuid][2]["hearing"]["stage"] == "appeal"


#: A keyboard that left half of an emoji (a lone surrogate) at the end of the case reference.
BROKEN_CASE_REFERENCE = """() => {
  const input = document.querySelector("[data-item=case_reference] input");
  input.value = "CR-7 " + String.fromCharCode(0xD83D);
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new Event("change", { bubbles: true }));
}"""


#: What the phone shows of the server's refusal, in the monitor's language.
REFUSAL_WORDS = {"en": ("Case reference", "broken character"), "km": ("លេខសំណុំរឿង", "តួអក្សរខូច")}


@pytest.mark.parametrize("language", ["en", "km"])
def test_text_the_server_cannot_store_is_kept_on_the_phone_and_shown_until_corrected(phone, live_app, language):
    """The server refuses a checklist whose case reference ends in half a character: does the phone
    keep it (not retry it forever), say which answer and why in the monitor's language, and send it
    once corrected?"""
    page, context = phone, phone.context
    install_app(page)
    context.set_offline(True)
    uuid, _ = fill_checklist(page, random.Random(5), [{"age_at_offence": 30, "gender": "male"}],
                             before_filling=BROKEN_CASE_REFERENCE)
    if language != "en":  # the monitor switches language on the phone, still without signal
        page.goto(f"/app?lang={language}#/")
        page.wait_for_selector("#app[data-ready]")

    context.set_offline(False)
    card = page.locator(f"[data-group=attention] [data-uuid='{uuid}']")
    card.wait_for(timeout=15_000)
    assert uuid not in stored_checklists(live_app), "nothing of the refused checklist is on the server"
    card.locator("a").click()
    problem = page.locator("[data-server-errors] [data-path='hearing.case_reference']").inner_text()
    label, reason = REFUSAL_WORDS[language]
    assert label in problem and reason in problem
    page.screenshot(path=f"/tmp/i12-phone-refused-360-{language}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=f"/tmp/i12-phone-refused-1280-{language}.png", full_page=True)
    page.set_viewport_size(PHONE_VIEWPORT)

    page.locator(".steps a").first.click()
    page.fill("[data-item=case_reference] input", "CR-7")
    page.click("#section-form button[type=submit]")
    page.click(".crumbs a:last-child")
    page.click("[data-submit]")
    page.wait_for_selector(f"[data-group=sent] [data-uuid='{uuid}']", timeout=15_000)
    status, _, document = stored_checklists(live_app)[uuid]
    assert status == "submitted" and document["hearing"]["case_reference"] == "CR-7"


def test_observations_are_typed_in_a_box_of_several_lines_and_arrive_whole(phone, live_app):
    """Version 2's observations (hearing and accused): a multi-line box on the phone, every line kept."""
    page = phone
    install_app(page)
    open_app(page)
    note = "The public was sent out for ten minutes.\nNo reason was given."
    uuid, entered = fill_checklist(
        page, random.Random(21), [{"age_at_offence": 30, "gender": "male", "claimed_minor": "no",
                                    "accused_observations": "Kept in handcuffs throughout."}],
        hearing_overrides={"hearing_observations": note})
    page.wait_for_selector(f"[data-group=sent] [data-uuid='{uuid}']", timeout=15_000)
    status, _, document = stored_checklists(live_app)[uuid]
    assert document["hearing"]["hearing_observations"] == note
    assert document["accused"][0]["accused_observations"] == "Kept in handcuffs throughout."
    assert_answers_intact(document, entered, computed_keys(live_app))
