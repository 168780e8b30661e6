"""A manager follows a case on a phone and on a laptop, in English and Khmer, in real Chromium:
the facts first, then every hearing linked to its checklist, and back from a checklist to its case."""
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from monitor.extensions import db
from monitor.models import Court, User
from tests.browser.test_phone_checklist import sign_in
from tests.support.browser import phone_context
from tests.support.case_checklist import file_followed_case, write_case_definitions
from tests.support.live_server import LiveServer

SHOTS = Path("/tmp/issue-19-shots")


@pytest.fixture
def case_server(make_app, demo_sqlite_template, tmp_path):
    path = tmp_path / "browser.sqlite"
    shutil.copy(demo_sqlite_template, path)
    app = make_app(f"sqlite:///{path}", CHECKLIST_FOLDER=str(write_case_definitions(tmp_path / "checklists")),
                   DEFAULT_CHECKLIST="mini_case")
    with app.app_context():
        monitor = db.session.scalar(select(User).where(User.username == "monitor"))
        first, appeal = db.session.scalars(select(Court).order_by(Court.id).limit(2)).all()
        code = file_followed_case(monitor, first, appeal).code
        db.session.remove()
    with LiveServer(app) as running:
        yield running, code


def fits(page, width: int) -> None:
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_manager_reads_a_case_on_a_phone_and_a_laptop_in_both_languages(browser, case_server):
    server, code = case_server
    SHOTS.mkdir(exist_ok=True)
    phone = phone_context(browser, server.url)
    page = phone.new_page()
    sign_in(page, "manager", "manager-demo-1")
    page.goto("/review/")
    page.locator("a[href='/review/cases']").click()
    page.wait_for_load_state("load")
    fits(page, 360)
    assert page.locator("table.case-list thead").is_hidden(), "cases as cards on a phone"
    page.screenshot(path=str(SHOTS / "cases-360-en.png"), full_page=True)
    page.locator(f"table.case-list a:text('{code}')").click()
    page.wait_for_load_state("load")
    fits(page, 360)
    assert page.locator("h1").inner_text() == f"Case {code}"
    assert page.locator("table.case-timeline thead").is_hidden(), "hearings as cards on a phone"
    first_accused = page.locator("table.case-accused tbody tr").first
    assert "92 days" in first_accused.inner_text()
    assert page.locator(".disagree").inner_text() == "hearings disagree"
    page.screenshot(path=str(SHOTS / "case-360-en.png"), full_page=True)
    page.goto(f"/review/cases/{code}?lang=km")
    fits(page, 360)
    assert page.locator("h1").inner_text() == f"សំណុំរឿង {code}"
    assert "92 ថ្ងៃ" in page.locator("table.case-accused tbody tr").first.inner_text()
    page.screenshot(path=str(SHOTS / "case-360-km.png"), full_page=True)
    phone.close()

    laptop = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=server.url)
    page = laptop.new_page()
    sign_in(page, "manager", "manager-demo-1")
    page.goto(f"/review/cases/{code}?lang=en")
    fits(page, 1280)
    assert page.locator("table.case-timeline thead").is_visible(), "a table on a laptop"
    rows = page.locator("table.case-timeline tbody tr")
    assert rows.count() == 5 and page.locator("tr.not-counted").count() == 1
    page.screenshot(path=str(SHOTS / "case-1280-en.png"), full_page=True)
    page.goto(f"/review/cases/{code}?lang=km")
    fits(page, 1280)
    page.screenshot(path=str(SHOTS / "case-1280-km.png"), full_page=True)
    page.goto("/review/cases?lang=km")
    fits(page, 1280)
    assert page.locator("h1").inner_text() == "សំណុំរឿង"
    assert page.locator("table.case-list thead").is_visible()
    page.screenshot(path=str(SHOTS / "cases-1280-km.png"), full_page=True)
    page.goto(f"/review/cases/{code}?lang=en")
    rows.first.locator("a").click()
    page.wait_for_load_state("load")
    assert "/review/checklists/" in page.url
    page.locator(".case-link a").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == f"Case {code}"
    laptop.close()
