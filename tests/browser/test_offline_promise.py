"""Where the offline promise broke (issue 16, points 9-12), kept broken-proof: each test compares the
answers entered on the phone with the rows the server stored. The server's checks (the author of a
send, the copy it started from) run on SQLite and on PostgreSQL; what only the phone decides (two
tabs, cleared storage) runs on SQLite."""
import random

from sqlalchemy import func, select

from monitor.extensions import db
from monitor.models import Checklist
from tests.support.offline_app import (
    _fill_until_overview,
    assert_answers_intact,
    computed_keys,
    current_route,
    install_app,
    open_app,
    sign_in,
    start_checklist,
    stored_checklists,
    wait_until,
)

SUBMISSIONS = "**/api/v1/submissions"


def start_draft(page, stage="appeal") -> str:
    """A checklist started on the phone with its court and one answer; returns its uuid."""
    start_checklist(page)
    page.locator(f"[data-item=stage] input[value={stage}]").click()
    wait_until(page, "location.hash.startsWith('#/c/')")
    wait_until(page, "!document.querySelector('[data-save-state]').hidden")  # kept on the phone
    return current_route(page)[1]


def wait_until_sent(page, uuid, timeout_ms=20_000):
    open_app(page)
    try:
        page.wait_for_selector(f"[data-uuid='{uuid}'][data-state=sent]", timeout=timeout_ms)
    except Exception:
        locks = page.evaluate("navigator.locks.query().then((q) => JSON.stringify(q))")
        raise AssertionError(f"not sent: {page.inner_text('main')} {locks}") from None


def test_sign_out_in_another_tab_never_stores_a_checklist_under_the_next_monitor(phone_on, live_app_on):
    """Point 9: A's checklist waits in tab 1; in tab 2 A signs out and B signs in. Tab 1 still
    holds A's CSRF token: does it send nothing as B, say who is signed in, and send it as A later?"""
    tab1, context = phone_on, phone_on.context
    install_app(tab1)
    context.route(SUBMISSIONS, lambda route: route.abort())  # no signal yet: the checklist waits
    uuid = start_draft(tab1)
    tab1.fill("#case_reference", "CR-9")
    open_app(tab1)
    assert tab1.locator(f"[data-uuid='{uuid}']").get_attribute("data-state") in ("pending", "error")

    tab2 = context.new_page()
    open_app(tab2)
    tab2.once("dialog", lambda dialog: dialog.accept())  # "1 checklist ... has not been sent yet. Sign out anyway?"
    tab2.click("header button:has-text('Sign out')")
    tab2.wait_for_url("**/login")
    sign_in(tab2, "monitor2", "monitor-demo-2")
    context.unroute(SUBMISSIONS)

    tab1.click("[data-send-now]")
    blocked = tab1.locator("[data-blocked=other-user]")
    blocked.wait_for(timeout=15_000)
    assert "Second Demo Monitor is signed in now, in another tab" in blocked.inner_text()
    assert stored_checklists(live_app_on) == {}, "nothing stored under B's name"

    tab2.click("header button:has-text('Sign out')")
    tab2.wait_for_url("**/login")
    sign_in(tab2, "monitor", "monitor-demo-1")
    tab1.reload()
    tab1.wait_for_selector("#app[data-ready]")
    tab1.wait_for_selector(f"[data-uuid='{uuid}'][data-state=sent]", timeout=20_000)
    status, author, document = stored_checklists(live_app_on)[uuid]
    assert (status, author) == ("draft", "monitor")
    assert (document["hearing"]["stage"], document["hearing"]["case_reference"]) == ("appeal", "CR-9")


def test_two_tabs_on_one_draft_keep_both_answers_and_never_duplicate_it(phone, live_app):
    """Point 10: two tabs edit one draft; tab 1 submits; tab 2, still on the old screen, changes
    an answer. Are both tabs' answers kept, is tab 2 told (not "the server"), and does exactly one
    checklist arrive, as submitted?"""
    tab1, context = phone, phone.context
    install_app(tab1)
    context.set_offline(True)  # in court without signal: everything stays on the phone
    uuid = start_draft(tab1)
    section = f"#/c/{uuid}/hearing/hearing_details"
    tab2 = context.new_page()
    open_app(tab2, section)
    open_app(tab1, section)

    tab1.fill("#case_reference", "CR-10")
    tab2.fill("#start_time", "09:30")  # tab 2 still shows no case reference
    tab2.locator("[data-item=hearing_type] input[value=trial]").click()
    wait_until(tab1, "document.querySelector('[data-save-state]').textContent.length > 0")

    tab1.locator("[data-item=offence_categories] input").first.click()
    tab1.click("#section-form button[type=submit]")
    entered = {"hearing": {}, "accused": [{}]}
    _fill_until_overview(tab1, random.Random(10), entered, {})
    tab1.click("button:has-text('Add an accused')")
    wait_until(tab1, "location.hash.includes('/accused/1/')")
    _fill_until_overview(tab1, random.Random(11), entered, {"age_at_offence": 30, "gender": "male"})
    tab1.click("[data-submit]")
    try:
        tab1.wait_for_selector("[data-group]")
    except Exception as error:
        raise AssertionError(tab1.inner_text("main")) from error

    tab2.locator("[data-item=stage] input[value=first_instance]").click()  # a stale screen of a submitted checklist
    told = tab2.wait_for_selector(".flash", timeout=10_000).inner_text()
    assert "submitted in another tab on this phone" in told and "server" not in told

    context.set_offline(False)
    wait_until_sent(tab1, uuid)
    stored = stored_checklists(live_app)
    assert list(stored) == [uuid], "one checklist, never a second copy"
    status, _, document = stored[uuid]
    assert status == "submitted"
    hearing = document["hearing"]
    assert (hearing["case_reference"], hearing["start_time"], hearing["hearing_type"], hearing["stage"]) == (
        "CR-10", "09:30", "trial", "appeal")
    assert_answers_intact({"hearing": {}, "accused": document["accused"]}, {"hearing": {}, "accused": entered["accused"]},
                          computed_keys(live_app))


def test_a_draft_edited_on_another_device_is_never_silently_overwritten(phone_on, live_app_on, browser):
    """Point 11: the draft reached the server; on a laptop the monitor changes it; the phone, back
    online with its own change, gets a 409: is the server's copy kept until the monitor chooses,
    the differences shown, and the monitor's choice stored?"""
    page = phone_on
    install_app(page)
    uuid = start_draft(page, stage="appeal")
    page.wait_for_selector("[data-save-state]:has-text('also saved on the server')", timeout=20_000)

    laptop = browser.new_context(base_url=page.url.split("/app")[0])
    other = laptop.new_page()
    sign_in(other)
    other.goto(f"/checklists/{uuid}/hearing/hearing_details")
    other.locator("[data-item=stage] input[value=supreme_court]").check()
    other.click("button[value=save]")
    other.wait_for_selector(".flash")
    laptop.close()
    assert stored_checklists(live_app_on)[uuid][2]["hearing"]["stage"] == "supreme_court"

    page.locator("[data-item=hearing_type] input[value=trial]").click()
    open_app(page, f"#/c/{uuid}")
    conflict = page.locator("[data-conflict]")
    conflict.wait_for(timeout=20_000)
    assert "changed on the server (on another device, or by a manager)" in conflict.inner_text()
    differences = page.locator("[data-differences]").inner_text()
    assert "Hearing details: Stage of proceedings" in differences or "Stage" in differences
    assert "On this phone: Appeal" in differences and "On the server: Supreme Court" in differences
    assert stored_checklists(live_app_on)[uuid][2]["hearing"]["stage"] == "supreme_court", "not replaced silently"

    page.click("[data-keep-mine]")
    wait_until_sent(page, uuid)
    hearing = stored_checklists(live_app_on)[uuid][2]["hearing"]
    assert (hearing["stage"], hearing["hearing_type"]) == ("appeal", "trial")
    with live_app_on.app_context():
        assert db.session.scalar(select(func.count()).select_from(Checklist)) == 1
        db.session.remove()


def test_a_cleared_storage_is_said_loudly_and_nothing_is_claimed_sent(phone, live_app):
    """Point 12: the browser clears the site's IndexedDB while a checklist waits: does the app say
    so (not "everything is on the server"), check with the server, and ask for persistent storage?"""
    page, context = phone, phone.context
    install_app(page)
    assert page.locator("[data-persisted]").count() == 1, "the answer to navigator.storage.persist() is shown"
    context.set_offline(True)
    uuid = start_draft(page)
    open_app(page)
    assert page.locator(f"[data-uuid='{uuid}']").count() == 1

    cdp = context.new_cdp_session(page)
    origin = page.evaluate("location.origin")
    cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "indexeddb"})
    page.reload()
    page.wait_for_selector("#app[data-ready]")
    lost = page.locator("[data-lost]")
    assert "1 checklist waiting to be sent is no longer on this phone" in lost.inner_text()
    assert "Everything on this phone is on the server" not in page.inner_text("main")

    context.set_offline(False)
    page.wait_for_selector("[data-lost][data-checked=true]", timeout=20_000)
    assert "and the server does not have it" in page.locator("[data-lost]").inner_text()
    assert stored_checklists(live_app) == {}


def test_storage_that_cannot_open_is_said_instead_of_waiting_forever(phone):
    """Point 12: IndexedDB refuses to open (private mode, blocked storage): no endless "Opening your checklists…"."""
    phone.context.add_init_script("IDBFactory.prototype.open = "
                                  "function () { throw new DOMException('denied', 'SecurityError'); };")
    sign_in(phone)
    phone.goto("/app#/")
    phone.wait_for_selector("[data-storage-unavailable]", timeout=10_000)
    text = phone.inner_text("main")
    assert "This phone cannot keep checklists" in text and "Opening your checklists" not in text
    assert phone.locator("[data-storage-unavailable] a").get_attribute("href") == "/checklists"

