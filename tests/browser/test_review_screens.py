"""The manager's and administrator's screens on a 360 px phone and on a laptop, in real Chromium."""
import random
from datetime import date

from sqlalchemy import select

from monitor.services import demo
from monitor.extensions import db
from monitor.models import User
from monitor.services.checklists import receive_checklist
from monitor.services.definitions import current_definition
from tests.browser.test_phone_checklist import sign_in


def _fill_queue(app, count: int = 3) -> None:
    with app.app_context():
        monitor = db.session.scalar(select(User).where(User.username == "monitor"))
        courts = demo.ensure_courts()
        rng, today = random.Random(7), date.today()
        for _, document in demo.demo_documents(current_definition(), count, 7, today):
            receive_checklist(monitor, current_definition(), rng.choice(courts), demo.new_uuid(rng), "submitted", document)
        db.session.remove()


def _fits(page, width: int) -> None:
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_manager_screens_fit_a_phone_and_use_a_table_on_a_laptop(browser, server, live_app, phone):
    _fill_queue(live_app)
    sign_in(phone, "manager", "manager-demo-1")
    phone.goto("/review/")
    _fits(phone, 360)
    assert phone.locator("table.queue thead").is_hidden(), "cards on a phone"
    assert phone.locator(".topnav a:not(.who)").all_inner_texts() == ["Mine", "Review", "Data", "Statistics"]
    phone.locator("table.queue td a").first.click()
    _fits(phone, 360)
    assert phone.locator("button[value=approve]").is_visible()
    phone.goto("/review/exports")
    _fits(phone, 360)

    laptop = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=server.url)
    page = laptop.new_page()
    sign_in(page, "manager", "manager-demo-1")
    page.goto("/review/")
    assert page.locator("table.queue thead").is_visible(), "a table from 48rem"
    assert page.locator("table.queue tbody tr").count() == 3
    laptop.close()


def test_admin_screens_fit_a_phone(phone):
    sign_in(phone, "admin", "admin-demo-1")
    assert phone.locator(".topnav a:not(.who)").all_inner_texts() == ["Review", "Data", "Statistics", "Admin"]
    for path in ("/admin/", "/admin/accounts", "/admin/courts", "/admin/configuration", "/admin/audit"):
        phone.goto(path)
        _fits(phone, 360)
