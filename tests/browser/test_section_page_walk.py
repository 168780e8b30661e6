"""What a monitor sees on the server's section pages at 360 px (found walking the demo)."""
from tests.browser.test_phone_checklist import sign_in


def open_first_accused(page) -> str:
    """A new checklist with one accused; the URL of its overview."""
    sign_in(page)
    page.goto("/checklists/new")
    page.select_option("#court", index=1)
    page.click("main button[type=submit]")
    page.wait_for_selector("h1")
    overview = page.url.split("/hearing/")[0]
    page.goto(overview)
    page.click("text=Add an accused")
    page.wait_for_load_state()
    return overview


def test_ages_are_filled_in_live_from_day_month_year_dates(phone):
    phone.set_default_timeout(5000)
    overview = open_first_accused(phone)
    phone.goto(overview + "/accused/1/identity_and_age")
    phone.fill("#date_of_birth", "15/03/2010")
    phone.fill("#offence_date", "01/02/2026")
    assert phone.input_value("#age_at_offence") == "15"
    assert phone.locator("#age_at_offence").get_attribute("readonly") is not None


def test_remove_asks_first_naming_the_accused(phone):
    phone.set_default_timeout(5000)
    overview = open_first_accused(phone)
    phone.goto(overview + "/accused/1/identity_and_age")
    phone.locator("[data-item=gender] input[value=female]").check()
    phone.click("button[value=save]")
    phone.goto(overview)
    phone.click(".accused-list >> text=Remove")
    assert phone.locator("h1").inner_text() == "Remove accused 1?"
    assert "answers given: 1" in phone.inner_text("[data-remove-summary]")
    phone.click("text=Keep accused 1")
    assert phone.locator(".accused-list li").inner_text().startswith("Accused 1")
    phone.click(".accused-list >> text=Remove")
    phone.click("button:has-text('Remove accused 1')")
    phone.wait_for_load_state()
    assert "No accused yet." in phone.inner_text(".accused-list")
    phone.click("text=Add an accused")
    phone.goto(overview)
    phone.click(".accused-list >> text=Remove")
    phone.click("nav.languages a[lang=km]")
    assert phone.locator("h1").inner_text() == "ដកជនជាប់ចោទទី 1 ចេញឬ?"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path="/tmp/walkfix-monitor-shots/remove-km.png")


def test_unsaved_answers_are_kept_or_warned_about(phone):
    phone.set_default_timeout(5000)
    overview = open_first_accused(phone)
    section = overview + "/accused/1/identity_and_age"
    phone.goto(section)
    phone.locator("[data-item=gender] input[value=female]").check()
    dialogs = []
    phone.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    phone.click("nav.crumbs >> text=All sections")
    assert dialogs == ["beforeunload"] and phone.url == section  # asked, and stayed
    phone.click("nav.languages a[lang=km]")  # saves, then shows the section in Khmer
    phone.wait_for_selector("html[lang=km]")
    assert phone.locator("[data-item=gender] input[value=female]").is_checked()
    phone.click("nav.crumbs a >> nth=-1")  # nothing changed since: leaves without asking
    phone.wait_for_url(overview)
    assert dialogs == ["beforeunload"]
