"""A monitor files a whole checklist on a 360 px phone in real Chromium."""
from datetime import date

from sqlalchemy import select

from monitor.extensions import db
from monitor.models import Checklist
from monitor.services.checklists import document_of

MIN_TAP = 44


def sign_in(page, username="monitor", password="monitor-demo-1"):
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("main button[type=submit]")


def assert_fits_a_phone(page):
    """No horizontal scrolling, and every control big enough for a thumb."""
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    small = page.evaluate(f"""() => Array.from(document.querySelectorAll(
        '.field:not([hidden]) label.option, .field:not([hidden]) .options li, .actions .button, main select, main input[type=number], main input[type=date]'))
        .filter(el => el.offsetParent !== null && el.getBoundingClientRect().height < {MIN_TAP - 0.5})
        .map(el => el.outerHTML.slice(0, 80))""")
    assert small == []


def answer_visible_fields(page, overrides: dict):
    """Answer every visible, unanswered question: overrides first, else the first option."""
    for _ in range(3):
        shown = page.locator(".field:not([hidden])").evaluate_all(
            "fields => fields.map(field => [field.dataset.item, field.dataset.type])")
        for key, kind in shown:  # an answer may hide a later field: each is looked up again
            field = page.locator(f".field[data-item='{key}']")
            if field.is_hidden():
                continue
            if key in overrides:
                value = overrides[key]
                if kind in ("yesno", "choice"):
                    field.locator(f"input[value='{value}']").check()
                else:
                    field.locator("input").fill(str(value))
                continue
            if kind in ("yesno", "choice", "multichoice") and field.locator("input:checked").count() == 0:
                options = field.locator("input")
                if options.count():
                    options.first.check()
                else:
                    field.locator("select").select_option(index=1)


def save_and_continue(page):
    """Save the section and go on; a page that stays put with an error fails here instead of looping."""
    before = page.url
    page.click("button[value=next]")
    page.wait_for_load_state()
    errors = page.locator(".field-error, .errors, .flash.error")
    assert page.url != before or errors.count() == 0, (page.url, errors.all_inner_texts())


def test_monitor_files_a_checklist_with_an_adult_and_a_juvenile(phone, live_app):
    phone.set_default_timeout(5000)
    sign_in(phone)
    phone.goto("/checklists/new")  # the server's pages (with JavaScript the list's link opens the offline app)
    assert_fits_a_phone(phone)
    phone.select_option("#court", index=1)  # no court is preset: the monitor chooses
    phone.click("main button[type=submit]")  # today's date is pre-filled

    # Hearing: the reason for a closed hearing appears live when "No" is chosen.
    phone.wait_for_selector("h1")
    while "/hearing/" in phone.url:
        if phone.locator("[data-item=hearing_open]").count():
            reason = phone.locator("[data-item=closed_reason_given]")
            assert reason.is_hidden()
            phone.locator("[data-item=hearing_open] input[value=no]").check()
            assert reason.is_visible()
            phone.locator("[data-item=hearing_open] input[value=yes]").check()
            assert reason.is_hidden()
        answer_visible_fields(phone, {})
        assert_fits_a_phone(phone)
        save_and_continue(phone)

    # Overview: add an adult and a juvenile.
    overview_url = phone.url
    assert phone.locator("h2", has_text="Sections").count() == 1, (phone.url, phone.locator("main").inner_text()[:500])
    for age in (34, 16):
        phone.goto(overview_url)
        phone.click("text=Add an accused")
        answer_visible_fields(phone, {"age_at_offence": age, "gender": "male" if age > 18 else "female",
                                      "claimed_minor": "no"})  # "yes" would open an annex for the adult
        save_and_continue(phone)
        while "/accused/" in phone.url:
            answer_visible_fields(phone, {"in_camera": "no"})  # the hearing was open: version 2 checks they agree
            assert_fits_a_phone(phone)
            save_and_continue(phone)

    phone.goto(overview_url)
    steps = phone.locator(".steps li").all_inner_texts()
    assert any(text.startswith("Juvenile annex 2:") for text in steps)
    assert not any(text.startswith("Juvenile annex 1:") for text in steps)
    assert phone.locator(".step-missing").count() == 0, steps
    phone.click("text=Submit checklist")
    assert "Checklist submitted" in phone.locator(".flash").inner_text()

    with live_app.app_context():
        checklist = db.session.scalar(select(Checklist))
        assert checklist.status == "submitted"
        document = document_of(checklist)
        assert document["hearing"]["hearing_date"] == date.today().isoformat()
        assert [a["age_at_offence"] for a in document["accused"]] == [34, 16]
        assert "juvenile" not in document["accused"][0]
        assert document["accused"][1]["juvenile"]["in_camera"] in ("yes", "no", "unknown")
