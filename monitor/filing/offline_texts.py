"""The offline app's own words, as one dictionary per language for its scripts.

The app builds its screens in the browser, so its interface strings cannot go through Jinja one by
one: they are listed here (extracted by pybabel like any `_l` string, translated in the same
catalogue), and the page carries them as JSON in the reader's language. The scripts look each
text up by its English wording and fill `%(name)s` placeholders themselves."""
from flask_babel import force_locale, gettext


def _l(text: str) -> str:
    """Marks a string for pybabel extraction; it is translated when the dictionary is built."""
    return text


TEXTS = (
    # Outbox and statuses
    _l("Saved on this phone, will send when online"),
    _l("Draft · saved on this phone, will send when online"),
    _l("Draft · also saved on the server"),
    _l("Sent"),
    _l("Changed on the server: your copy is kept. Open it to choose what to do."),
    _l("Needs correcting: open it to see what to change."),
    _l("Could not send: %(reason)s. Will try again."),
    _l("no connection"),
    _l("the server answered %(status)s"),
    _l("No connection. Keep working: everything is saved on this phone."),
    _l("%(count)s checklist(s) on this phone not yet on the server."),
    _l("Everything on this phone is on the server."),
    _l("Last sent: %(when)s"),
    _l("Nothing sent from this phone yet."),
    _l("Sign in again to send your checklists."),
    _l("Sign in"),
    _l("Send now"),
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
    _l("Checklist submitted. Sending it now."),
    _l("Checklist submitted. Saved on this phone, will send when online."),
    _l("Answers"),
    _l("The server could not accept this checklist. Correct these answers, then submit again:"),
    _l("Some answers are missing or need correcting; they are listed below."),
    _l("This court is no longer on the list. Choose the court again above."),
    _l("This checklist's questions are not on this phone yet. Open it again with a connection."),
    # Conflicts
    _l("This checklist was changed on the server. Your copy is kept on this phone; nothing has been overwritten."),
    _l("Choose what to do:"),
    _l("The server has a different checklist with this number. Keep your answers as a new checklist:"),
    _l("Keep my answers as a new checklist"),
    _l("Use the server's version"),
    _l("Replace your copy on this phone with the server's version?"),
    _l("Your answers are kept as a new checklist (draft). Check them and submit it again."),
    # A section
    _l("← Back"),
    _l("All sections"),
    _l("Step %(number)s of %(total)s"),
    _l("Save and continue"),
    _l("Please correct the answers marked below. Nothing you typed has been lost."),
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


def app_texts(language: str | None = None) -> dict[str, str]:
    """English wording -> wording in `language` (the request's language when not given)."""
    if language is None:
        return {text: gettext(text) for text in TEXTS}
    with force_locale(language):
        return {text: gettext(text) for text in TEXTS}
