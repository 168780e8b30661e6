"""The offline app's own words, as one dictionary per language for its scripts.

The app builds its screens in the browser, so its interface strings cannot go through Jinja one by
one: they are listed here (extracted by pybabel like any `_l` string, translated in the same
catalogue), and the page carries them as JSON in the reader's language. The scripts look each
text up by its English wording and fill `%(name)s` placeholders themselves. A text with plural
forms is looked up by its singular wording and comes as {"one": ..., "other": ...} (Khmer has a
single form); the script picks the form with the language's plural rules."""
from flask_babel import force_locale, get_translations, gettext


def _l(text: str) -> str:
    """Marks a string for pybabel extraction; it is translated when the dictionary is built."""
    return text


def _n(singular: str, plural: str) -> tuple[str, str]:
    """Marks a text with plural forms for pybabel extraction (keyword `_n:1,2`)."""
    return singular, plural


TEXTS = (
    # Outbox and statuses
    _l("Saved on this phone, will send when online"),
    _l("Draft · saved on this phone, will send when online"),
    _l("Draft · also saved on the server"),
    _l("Sent"),
    _l("Changed on the server: your copy is kept. Open it to review the differences."),
    _l("Returned: open it to see the manager's comment"),
    _l("Returned · your changes are saved on this phone, will send when online"),
    _l("Approved"),
    _l("Rejected"),
    _l("Needs correcting: open it to see what to change."),
    _l("Could not send: %(reason)s. Will try again."),
    _l("no connection"),
    _l("the server answered %(status)s"),
    _l("No connection. Keep working: everything is saved on this phone."),
    _n("%(count)s checklist on this phone is not yet on the server.", "%(count)s checklists on this phone are not yet on the server."),  # noqa: E501
    _l("Everything on this phone is on the server."),
    _l("Last sent: %(when)s"),
    _l("Nothing sent from this phone yet."),
    _l("Sign in again to send your checklists."),
    _l("%(name)s is signed in now, in another tab. These checklists are %(owner)s's: nothing is sent until %(owner)s signs in again."),  # noqa: E501
    _l("This phone keeps your checklists until they are sent."),
    _l("This browser may clear its storage when the phone runs short of space. Send your checklists when you can."),
    _n("%(count)s checklist waiting to be sent is no longer on this phone, and the server does not have it.",
       "%(count)s checklists waiting to be sent are no longer on this phone, and the server does not have them."),
    _n("%(count)s checklist waiting to be sent is no longer on this phone. Connect to check whether the server has it.",
       "%(count)s checklists waiting to be sent are no longer on this phone. Connect to check whether the server has them."),
    _l("The browser cleared this phone's storage. Tell your manager, and fill the checklist again from your notes if you can."),
    _l("I have noted this"),
    _l("This phone cannot keep checklists"),
    _l("The browser's storage cannot be opened (private browsing, storage turned off, or the phone is full), so this app cannot keep your answers."),  # noqa: E501
    _l("Use the pages that save on the server instead, while you have a connection:"),
    _l("Sign in"),
    _l("Send now"),
    _l("Returned to you"),
    _l("Needs your attention"),
    _l("Waiting to send"),
    _l("Drafts"),
    _l("no date"),
    _l("%(count)s accused"),
    _l("No checklists on this phone yet."),
    _l("All my checklists on the server"),
    _l("Checklists on this phone"),
    _l("← Checklists on this phone"),
    _l("Signed out"),
    _l("Sign in when you have a connection to see your checklists."),
    _l("Sign out"),
    _l("Court Monitor"),
    # Starting a checklist
    _l("Start a checklist"),
    _l("This phone has not got the checklist yet. Open this page once with a connection."),
    _l("Checklist"),
    _l("Court"),
    _l("— Choose the court —"),
    _l("Choose the court."),
    _l("Court not chosen yet"),
    _l("The court you chose last time. Change it if this hearing is elsewhere."),
    # Overview
    _l("Sections"),
    _l("%(count)s to complete"),
    _l("done"),
    _l("not started"),
    _l("Accused"),
    _l("Accused %(number)s"),
    _l("Accused %(number)s · juvenile"),
    _l("Remove"),
    _l("Remove accused %(number)s and all their answers?"),
    _l("No accused yet."),
    _l("Add an accused"),
    _l("Submit checklist"),
    _l("Submit again"),
    _l("Change the answers below, then submit the checklist again."),
    _l("Returned for changes by %(name)s on %(date)s:"),
    _l("Approved by %(name)s on %(date)s."),
    _l("Rejected by %(name)s on %(date)s:"),
    _l("Manager: %(comment)s"),
    _l("Checklist submitted. Sending it now."),
    _l("Checklist submitted. Saved on this phone, will send when online."),
    _l("Answers"),
    _l("The server could not accept this checklist. Correct these answers, then submit again:"),
    _l("Some answers are missing or need correcting. Tap one to answer it:"),
    _l("This court is no longer on the list. Choose the court again above."),
    _l("This checklist's questions are not on this phone yet. Open it again with a connection."),
    # Conflicts
    _l("This checklist was changed on the server (on another device, or by a manager) since this phone last sent it. Your copy is kept on this phone; nothing has been overwritten. Review the differences:"),  # noqa: E501
    _l("This checklist was already submitted from another device with other answers. Your copy is kept on this phone; nothing has been overwritten. Review the differences:"),  # noqa: E501
    _l("On this phone: %(answer)s"),
    _l("On the server: %(answer)s"),
    _l("Send my answers"),
    _l("Use the server's answers"),
    _l("Replace your copy on this phone with the server's answers?"),
    _l("The server has a different checklist with this number. Your answers are kept on this phone; keep them as a new checklist:"),  # noqa: E501
    _l("Keep my answers as a new checklist"),
    _l("This checklist was submitted in another tab on this phone; it can no longer be changed here."),
    _l("This part of the checklist was removed in another tab on this phone."),
    _l("Your answers are kept as a new checklist (draft). Check them and submit it again."),
    # A section
    _l("← Back"),
    _l("All sections"),
    _l("Step %(number)s of %(total)s"),
    _l("Not answered yet in “%(section)s”: %(questions)s. You can come back to them before submitting."),
    _l("Juvenile annex added: accused %(number)s was %(age)s at the time of the offence."),
    _l("Juvenile annex added for accused %(number)s."),
    _l("Juvenile annex added: accused %(number)s claimed or appears to be under 18 at the time of the offence."),
    _l("Juvenile annex removed for accused %(number)s: not under 18 at the time of the offence."),
    _l("DD/MM/YYYY"),
    _l("Write the date as day/month/year, for example 25/11/2026."),
    _l("Save and continue"),
    _l("Please correct the answers marked below. Nothing you typed has been lost."),
    _l("Could not save on this phone: %(reason)s"),
    _l("Please answer this question."),
    _l("This answer %(problem)s."),
    _l("required"),
    _l("Guidance"),
    _l("Worked out from the dates you entered."),
    _l("Filled in automatically when both dates are known; otherwise enter it."),
    _l("Yes"), _l("No"), _l("N/A"), _l("Unknown"),
    # The checks of answers.py, repeated in the browser (rules.js)
    _l("must be one of: %(answers)s"),
    _l("must be a list of choices"),
    _l("unknown choice %(unknown)s; choose from: %(answers)s"),
    _l("lists a choice twice"),
    _l("lists %(count)s choices; there are only %(choices)s"),
    _l("must be a whole number"),
    _l("must be at least %(min)s"),
    _l("must be at most %(max)s"),
    _l("must be a date written YYYY-MM-DD"),
    _l("cannot be in the future"),
    _l("must be a time written HH:MM (24-hour clock)"),
    _l("must be text"),
    _l("must be at most %(count)s characters"),
    _l("at most %(count)s accused per checklist"),
    _l("add at least %(count)s accused"),
    _l("is not an item of this part of the checklist"),
    _l("is required"),
)


def _translated(text):
    if isinstance(text, str):
        return gettext(text)
    singular, plural = text
    translations = get_translations()
    return {"one": translations.ungettext(singular, plural, 1), "other": translations.ungettext(singular, plural, 2)}


def app_texts(language: str | None = None) -> dict:
    """English wording (the singular one for plural texts) -> wording in `language` (the
    request's language when not given). A text worded as its key is left out: the scripts show
    the key itself (about 2 KB less on an English phone's first visit)."""
    if language is None:
        return _differing({_key(text): _translated(text) for text in TEXTS})
    with force_locale(language):
        return _differing({_key(text): _translated(text) for text in TEXTS})


def _differing(words: dict) -> dict:
    return {key: value for key, value in words.items() if value != key}


def _key(text) -> str:
    return text if isinstance(text, str) else text[0]
