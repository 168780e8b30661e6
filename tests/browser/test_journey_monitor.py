"""A monitor's journey on the phone (issue 16), at 360x740, in English and then in Khmer, asserting
what a person sees: start with the court chosen, fill the hearing, add an adult and an accused
aged 15 at the offence by dates only (the annex is announced), tap Submit with one answer
missing, follow the link, fix it, submit; go offline, submit another, come back and see it sent
once; the manager returns it with a comment and the app shows "Returned" with the comment;
resubmit. Screenshots of each step go to /tmp/journey-monitor/<language>-<step>.png."""
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask_babel import force_locale

from monitor.extensions import db
from monitor.filing.offline_texts import app_texts
from monitor.models import User
from monitor.services import review
from monitor.services.checklists import find_checklist
from tests.support.offline_app import (
    FILL_SECTION,
    REPAIR_SECTION,
    current_route,
    install_app,
    stored_checklists,
    wait_until,
)

SHOTS = Path("/tmp/journey-monitor")
RETURN_COMMENT = "Please check the stage of the proceedings."


class Journey:
    """The phone, the monitor's words in one language, and where to keep what it showed."""

    def __init__(self, page, app, language):
        self.page, self.app, self.language = page, app, language
        with app.test_request_context(), force_locale(language):
            self.words = app_texts(language)
        self.step = 0

    def t(self, text, **values):
        words = self.words.get(text, text)
        if isinstance(words, dict):
            words = words["one" if values.get("count") == 1 and "one" in words else "other"]
        for name, value in values.items():
            words = words.replace(f"%({name})s", str(value))
        return words

    def shot(self, name):
        self.step += 1
        SHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{self.language}-{self.step:02d}-{name}.png"), full_page=False)

    def sees(self, text, where="main"):
        wait_until(self.page, f"document.querySelector({where!r})"
                              f" && document.querySelector({where!r}).innerText.includes({text!r})")

    def answer(self, overrides=None, seed=1):
        self.page.evaluate(FILL_SECTION, [overrides or {}, seed])

    def save_and_continue(self):
        before = self.page.evaluate("location.hash")
        self.page.click("#section-form button[type=submit]")
        wait_until(self.page, f"location.hash !== {before!r} && document.querySelector('#app h1') !== null")

    def section_title(self):
        return self.page.inner_text("#app h1")

    def fill_until_overview(self, overrides=None, seed=1):
        """Answer each section and tap "Save and continue"; an answer a check refuses is marked on
        screen, and the next option is tried, as a monitor correcting it would."""
        while len(current_route(self.page)) > 2:
            self.page.wait_for_selector("#section-form")
            self.answer(overrides, seed)
            for attempt in range(5):
                before = self.page.evaluate("location.hash")
                self.page.click("#section-form button[type=submit]")
                if self.page.evaluate("location.hash") != before:
                    break
                self.page.evaluate(REPAIR_SECTION)
                self.answer(overrides, seed + attempt + 1)
            else:
                raise AssertionError(self.page.inner_text("main"))
            self.page.wait_for_selector("#app h1")
        self.page.wait_for_selector(".steps")


def day_month_year(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.mark.parametrize("language", ["en", "km"])
def test_a_monitor_s_journey_on_the_phone(phone, live_app, language):
    page = phone
    journey = Journey(page, live_app, language)
    t = journey.t
    install_app(page)
    if language == "km":
        page.goto("/app?lang=km#/")
        page.wait_for_selector("#app[data-ready]")
    assert page.locator("html").get_attribute("lang") == language
    journey.shot("home")

    # Start: the court is chosen, never preset.
    page.click(f"main a:has-text('{t('Start a checklist')}')")
    page.wait_for_selector("#section-form [data-item]")
    assert page.input_value("#court") == ""
    assert t("Step %(number)s of %(total)s", number=1, total=14) in page.inner_text(".progress-row")
    journey.answer({"case_reference": "CR-J1"}, seed=3)
    page.click("#section-form button[type=submit]")
    journey.sees(t("Choose the court."), "[data-court]")
    journey.shot("court-asked")
    page.select_option("#court", value="kandal")  # its label is the Khmer name on a Khmer phone
    journey.save_and_continue()
    uuid = current_route(page)[1]
    assert t("Step %(number)s of %(total)s", number=2, total=14) in page.inner_text(".progress-row"), \
        "progress counts the accused still to come"

    # The hearing, leaving one answer of "Court and judges" for later.
    journey.fill_until_overview({"judge_used_phone": None, "hearing_open": "yes", "hearing_adjourned": "no",
                                 "verdict_announced": "no"}, seed=5)
    journey.shot("overview")

    # An adult, then an accused aged 15 at the offence, by dates only: the annex is announced.
    page.click(f"button:has-text('{t('Add an accused')}')")
    wait_until(page, "location.hash.includes('/accused/1/')")
    journey.fill_until_overview({"gender": "male", "age_at_offence": 34, "claimed_minor": "no", "outcome": "pending"}, seed=7)
    page.click(f"button:has-text('{t('Add an accused')}')")
    wait_until(page, "location.hash.includes('/accused/2/')")
    offence = date.today() - timedelta(days=60)
    born = offence.replace(year=offence.year - 15) - timedelta(days=10)
    journey.answer({"gender": "female", "date_of_birth": day_month_year(born), "offence_date": day_month_year(offence)}, seed=9)
    journey.sees(t("Juvenile annex added: accused %(number)s was %(age)s at the time of the offence.", number=2, age=15),
                 "[data-announce]")
    assert page.input_value("#age_at_offence") == "15"
    journey.shot("annex-announced")
    journey.save_and_continue()
    journey.fill_until_overview({"outcome": "pending"}, seed=11)

    # Submit with one answer missing: the list stays, and its entry opens the question.
    page.click("[data-submit]")
    missing = page.locator("[data-missing]")
    missing.wait_for()
    page.wait_for_timeout(2500)  # it used to vanish after 1-2 s
    assert missing.is_visible()
    assert t("Some answers are missing or need correcting. Tap one to answer it:") in missing.inner_text()
    link = missing.locator("a").first
    question = link.inner_text()
    journey.shot("missing-listed")
    link.click()
    page.wait_for_selector("#section-form")
    assert page.evaluate("document.activeElement.closest('[data-item]').dataset.item") == "judge_used_phone"
    journey.shot("question-opened")
    page.locator("[data-item=judge_used_phone] input[value=no]").click()
    page.click(f"a:has-text('{t('All sections')}')")
    page.wait_for_selector(".steps")
    assert page.locator("[data-missing]").count() == 0
    page.click("[data-submit]")
    page.wait_for_selector("[data-group]")
    journey.sees(t("Checklist submitted. Sending it now."))
    page.wait_for_selector(f"[data-group=sent] [data-uuid='{uuid}']", timeout=20_000)
    journey.shot("sent")
    assert question

    # Offline: another checklist, submitted, sent once when the signal comes back.
    page.context.set_offline(True)
    page.click(f"main a:has-text('{t('Start a checklist')}')")
    page.wait_for_selector("#section-form [data-item]")
    assert page.input_value("#court") == "kandal_provincial_court" or page.input_value("#court"), "the last court, shown"
    journey.sees(t("The court you chose last time. Change it if this hearing is elsewhere."), "[data-court]")
    journey.answer({}, seed=13)
    journey.save_and_continue()
    second = current_route(page)[1]
    journey.fill_until_overview({"hearing_open": "yes"}, seed=15)
    page.click(f"button:has-text('{t('Add an accused')}')")
    wait_until(page, "location.hash.includes('/accused/1/')")
    journey.fill_until_overview({"gender": "male", "age_at_offence": 40, "claimed_minor": "no", "outcome": "pending"}, seed=17)
    page.click("[data-submit]")
    page.wait_for_selector("[data-group=waiting]")
    journey.sees(t("Checklist submitted. Saved on this phone, will send when online."))
    journey.sees(t("%(count)s checklist on this phone is not yet on the server.", count=1))
    journey.shot("offline-waiting")
    page.context.set_offline(False)
    page.wait_for_selector(f"[data-group=sent] [data-uuid='{second}']", timeout=20_000)
    journey.sees(t("Everything on this phone is on the server."))
    assert sorted(stored_checklists(live_app)) == sorted([uuid, second]), "each arrived once"

    # The manager returns the first with a comment; the app shows it, returned first.
    with live_app.app_context():
        manager = db.session.query(User).filter_by(username="manager").one()
        review.review_checklist(find_checklist(uuid), review.RETURN, manager, RETURN_COMMENT)
        db.session.remove()
    page.click("[data-send-now]") if page.locator("[data-send-now]").count() else page.reload()
    page.wait_for_selector(f"[data-group=returned] [data-uuid='{uuid}']", timeout=20_000)
    first_group = page.locator("[data-group]").first.get_attribute("data-group")
    assert first_group == "returned"
    card = page.locator(f"[data-uuid='{uuid}']").inner_text()
    assert t("Returned: open it to see the manager's comment") in card and RETURN_COMMENT in card
    journey.shot("returned")
    page.click(f"[data-uuid='{uuid}'] a")
    journey.sees(RETURN_COMMENT, "[data-review]")
    journey.shot("returned-comment")

    # Resubmit: a change, then Submit again; it arrives as a new revision.
    page.click(".steps a >> nth=0")
    page.wait_for_selector("#section-form")
    page.locator("[data-item=stage] input[value=supreme_court]").click()
    page.click(f"a:has-text('{t('All sections')}')")
    page.wait_for_selector(".steps")
    page.click("[data-submit]")
    page.wait_for_selector(f"[data-group=sent] [data-uuid='{uuid}']", timeout=20_000)
    journey.shot("resubmitted")
    status, author, document = stored_checklists(live_app)[uuid]
    assert (status, author, document["hearing"]["stage"]) == ("submitted", "monitor", "supreme_court")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
