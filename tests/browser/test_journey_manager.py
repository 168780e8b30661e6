"""A programme manager's journey (issue 13), at 1280 px, then the key screens at 360 px and in Khmer,
asserting what a person sees: the queue shows only checklists waiting; open one, return it with a
comment on one item; the monitor's resubmission (through the service layer) comes back; approve;
correct with a reason; the diff in labels and the audit entry; Statistics; publish the last ended
quarter through the Releases page's menu and buttons; the public page shows it; an unfinished
period is refused with a message. Screenshots go to /tmp/issue-13-shots/<width>-<language>-<step>.png."""
import random
import re
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from monitor.extensions import db
from monitor.models import Court, User
from monitor.services import demo
from monitor.services.checklists import find_checklist, receive_checklist
from monitor.services.definitions import current_definition
from monitor.services.review import review_checklist
from monitor.statistics.periods import last_completed_quarter, quarter_containing
from tests.browser.test_phone_checklist import sign_in

SHOTS = Path("/tmp/issue-13-shots")
LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
ITEM_COMMENT = "The monitor's notes say the doors were closed; check again."
REASON = "The case reference was copied wrongly from the court's list."


def _document(definition, day: date, seed: int) -> dict:
    rng = random.Random(seed)
    while True:
        document = demo.random_document(definition, day, rng, date.today())
        if document:
            document["hearing"]["hearing_open"] = "yes"
            return document


def _desk(app) -> dict:
    """The last ended quarter: four approved hearings, one returned, and the two that wait for review."""
    quarter = last_completed_quarter(date.today(), 1)
    with app.app_context():
        definition = current_definition()
        users = {user.username: user for user in db.session.scalars(select(User))}
        court = db.session.scalars(select(Court).order_by(Court.id)).first()
        filed = []
        for index in range(7):
            day = quarter.start + timedelta(days=3 + 9 * index)
            received = receive_checklist(users["monitor"], definition, court, f"00000000-0000-4000-8000-00000000000{index}",
                                         "submitted", _document(definition, day, index), today=date.today())
            filed.append(received.checklist)
        for checklist in filed[:4]:
            review_checklist(checklist, "approve", users["admin"])
        review_checklist(filed[4], "return", users["admin"], "Please add the judges' panel.")
        waiting = [checklist.uuid for checklist in filed[5:]]
        db.session.remove()
    return {"quarter": quarter, "waiting": waiting}


class Walk:
    def __init__(self, page, width: int, language: str):
        self.page, self.prefix, self.step = page, f"{width}-{language}", 0

    def shot(self, name: str) -> None:
        self.step += 1
        SHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{self.prefix}-{self.step:02d}-{name}.png"), full_page=True)

    def main(self) -> str:
        return re.sub(r"\s+", " ", self.page.inner_text("main"))

    def fits(self, width: int) -> None:
        assert self.page.evaluate("document.documentElement.scrollWidth") <= width, self.page.url


def _resubmit(app, checklist_uuid: str) -> None:
    """The monitor changes the answer the manager commented on and submits again, as the phone does."""
    with app.app_context():
        checklist = find_checklist(checklist_uuid)
        document = {"hearing": dict(checklist.answers), "accused": [
            {**accused.answers, **({"juvenile": accused.juvenile.answers} if accused.juvenile else {})}
            for accused in checklist.accused]}
        document["hearing"].update(hearing_open="no", closed_reason_given="no")
        received = receive_checklist(checklist.monitor, current_definition(), checklist.court, checklist_uuid, "submitted",
                                     document, today=date.today(), base_revision=checklist.revision)
        assert received.checklist.status == "submitted" and received.checklist.revision == 2
        db.session.remove()


def test_a_programme_manager_reviews_corrects_and_publishes_from_the_screen(browser, server, live_app):
    desk = _desk(live_app)
    quarter = desk["quarter"]
    context = browser.new_context(viewport=LAPTOP, base_url=server.url)
    # Publishing renders the newsletter in two languages before the next page: give it a minute when
    # the suite's other worker (scripts/test.sh runs one per core) is rendering too.
    context.set_default_timeout(60_000)
    page = context.new_page()
    walk = Walk(page, 1280, "en")
    sign_in(page, "manager", "manager-demo-1")

    # The queue: only the two checklists waiting, oldest first, with the counts of every state.
    page.goto("/review/")
    assert page.locator("table.queue tbody tr").count() == 2
    assert "Waiting for review, oldest first: 2" in walk.main()
    assert page.inner_text(".state-tabs a[aria-current=page]").split() == ["Waiting", "for", "review", "2"]
    assert "Approved 4" in page.inner_text(".state-tabs") and "Returned to monitor 1" in page.inner_text(".state-tabs")
    walk.fits(1280)
    walk.shot("queue")

    # Open the first; the answers come first, the decision after them; return with a comment on one item.
    target = desk["waiting"][0]
    page.click(f"a[href='/review/checklists/{target}']")
    assert page.locator("h2:has-text('Answers')").bounding_box()["y"] < page.locator("#decision").bounding_box()["y"]
    item = page.locator("#answer-hearing\\.hearing_open")
    item.locator("summary").click()
    item.locator("textarea").fill(ITEM_COMMENT)
    page.fill("#comment", "One answer to check, see the item.")
    walk.shot("return-with-item-comment")
    page.click("#decision button[value=return]")
    assert "Checklist returned to the monitor." in walk.main()
    assert page.locator("table.queue tbody tr").count() == 1

    # The monitor reads the comment next to its item, changes the answer and submits again.
    _resubmit(live_app, target)
    page.goto("/review/")
    assert page.locator("table.queue tbody tr").count() == 2 and "resubmitted" in walk.main()

    # Approve it; then correct an answer, which needs a reason.
    page.click(f"a[href='/review/checklists/{target}']")
    page.click("#decision button[value=approve]")
    assert "Checklist approved." in walk.main()
    page.goto(f"/review/checklists/{target}")
    page.click("a:has-text('Correct answers')")
    page.click("main a[href*='/correct/hearing/']")
    page.fill("#case_reference", "CR-2026-CORRECTED")
    page.click("button:has-text('Save correction')")
    assert "Say why these answers are corrected" in walk.main(), "no reason, no correction"
    page.fill("#correction-comment", REASON)
    page.click("button:has-text('Save correction')")
    shown = walk.main()
    assert "Correction saved as revision 3." in shown and REASON in shown
    assert "Case reference" in shown and "hearing.case_reference" not in shown, "the diff speaks in labels"
    walk.shot("diff-in-labels")
    page.goto(f"/review/checklists/{target}")
    assert "revision 0" not in walk.main()

    # The audit log reads as sentences with links.
    page.goto("/admin/audit")
    log = walk.main()
    assert "manager corrected" in log and "changes 1 answer." in log and REASON in log
    assert "manager returned" in log and "manager approved" in log
    assert page.locator(f"ol.audit-events a[href='/review/checklists/{target}']").count() >= 3
    walk.fits(1280)
    walk.shot("audit-log")

    # Statistics, then publish the quarter through the Releases page's menu and buttons.
    page.click("nav.topnav a:has-text('Statistics')")
    assert page.locator("h1").inner_text() == "Statistics"
    page.click("main a:has-text('Releases')")
    option = page.locator(f"#period option[value='{quarter.label}']")
    assert re.fullmatch(rf"{quarter.label} \(\w+–\w+ {quarter.end.year}\)", option.inner_text())
    page.select_option("#period", quarter.label)
    walk.shot("releases-menu")
    page.click("main button:has-text('Preview')")
    preview = walk.main()
    assert f"Publishing {quarter.label} as version 1 counts 5 checklists" in preview
    assert ("2 checklists of this period are not approved and will not be counted: 1 submitted, "
            "1 returned to the monitor.") in preview
    walk.shot("preview")
    page.click("main button:has-text('Publish')")
    assert "/releases/preview" in page.url, "publishing asks to confirm the checklists still waiting"
    page.check("input[name=pending_confirmed]")
    page.click("main button:has-text('Publish')")
    assert page.url.endswith(f"/data/{quarter.label}/v1")
    assert quarter.label in walk.main()
    walk.shot("published")

    # A period that has not ended is previewed marked "not over yet", and cannot be published.
    current = quarter_containing(date.today(), 1)
    page.goto("/releases")
    assert page.locator(f"#period option[value='{current.label}']").inner_text().endswith("· not over yet")
    page.select_option("#period", current.label)
    page.click("main button:has-text('Preview')")
    refused = walk.main()
    assert "Not over yet." in refused and f"{current.label} is not over yet: it can be published from" in refused
    assert page.locator("main button:has-text('Publish')").count() == 0
    walk.shot("not-over-yet")
    context.close()

    # The key screens on a phone in Khmer (with the courts' Khmer names), then on a phone in English
    # and on a laptop in Khmer: nothing wider than the screen.
    for viewport, language in [(PHONE, "km"), (PHONE, "en"), (LAPTOP, "km")]:
        phone = viewport is PHONE
        context = browser.new_context(viewport=viewport, base_url=server.url,
                                      **({"device_scale_factor": 2, "is_mobile": True, "has_touch": True} if phone else {}))
        page = context.new_page()
        walk = Walk(page, viewport["width"], language)
        sign_in(page, "manager", "manager-demo-1")
        for name, address in [("queue", f"/review/?lang={language}&state=all"), ("checklist", f"/review/checklists/{target}"),
                              ("revision", f"/review/checklists/{target}/revisions/3"), ("audit-log", "/admin/audit"),
                              ("releases", "/releases"), ("preview", f"/releases/preview?period={current.label}")]:
            page.goto(address)
            assert page.locator("html").get_attribute("lang") == language, address
            walk.fits(viewport["width"])
            walk.shot(name)
        if language == "km":
            page.goto(f"/review/checklists/{target}")
            assert "សាលាដំបូងរាជធានីភ្នំពេញ" in page.inner_text("h1"), "the court's Khmer name"
            page.goto("/releases")
            assert "(" in page.locator(f"#period option[value='{quarter.label}']").inner_text()
            assert "July" not in page.inner_text("#period") and "September" not in page.inner_text("#period")
            page.goto(f"/releases/preview?period={current.label}")
            assert "មិនទាន់ចប់នៅឡើយទេ។" in walk.main()
        context.close()
