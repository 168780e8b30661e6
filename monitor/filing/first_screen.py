"""Starting a checklist in the offline app: its first screen, rendered by the server.

On a phone's first visit nothing is cached yet, and on a slow link (400 ms a round trip) waiting
for the app's script and then for the checklist definition before showing a question costs
seconds. So `/app/new` arrives with the court chooser and the first section's questions already
in the HTML (the same fields as the plain section page), and carries what the app needs to take
them over without another request: who is signed in, the definition in the page's language and
the courts. The script then saves every answer on the phone, including those typed before it
arrived.

The page holds the monitor's identity, so it is never kept by the service worker; once the app
is installed, opening `/app/new` shows the kept `/app` page, which draws the same screen itself.
If "Save and continue" is tapped before the script runs (or without JavaScript), the form posts
here and the checklist is started on the server with the page's uuid, then filled on the plain
pages; the app later sending the same uuid cannot make a second checklist."""
import json
import uuid as uuid_module
from datetime import date

from flask import abort, current_app, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from monitor.filing import section_page
from monitor.access import FILING_ROLES, roles_required
from monitor.api.schemas import CourtSchema, UserSchema
from monitor.checklists import answers
from monitor.checklists.serialise import definition_to_json, in_one_language
from monitor.filing.forms import section_form
from monitor.i18n import current_language
from monitor.models import Court
from monitor.filing.offline_shell import STATIC, app_page_context, offline, with_script_hint
from monitor.filing.navigation import after_section_saved
from monitor.security.headers import allow_style_block
from monitor.services import checklists as service
from monitor.services.courts import active_courts
from monitor.services.definitions import current_definitions
from monitor.filing.steps import planned_step_count, scope_of, steps_of

HEARING_DATE = service.HEARING_DATE


def _json(data) -> str:
    """Compact JSON with Khmer as UTF-8 (a third of the bytes of \\u escapes before compression)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _data_block(data) -> str:
    """JSON safe inside `<script type="application/json">`: no `</script>` or `<!--` can end it."""
    return _json(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@offline.route("/app/new", methods=["GET", "POST"])
@roles_required(*FILING_ROLES)
def new_checklist():
    definition = current_definitions()[0]  # the first of the definitions the app lists
    language = current_language()
    today = date.today()
    document = answers.normalise(definition, {"hearing": {HEARING_DATE: today.isoformat()}, "accused": []})
    steps = steps_of(definition, document)
    step = steps[0]
    courts = active_courts()
    chosen_court, court_error = None, None

    if request.method == "POST":
        shown_before = section_page.shown_keys(step.section, scope_of(document, "hearing", None))
        form = section_form(step.section, language)
        form_is_valid = form.validate()
        section_page.apply_form(form, step.section, document["hearing"])
        chosen_court = request.form.get("court")
        court = next((c for c in courts if c.key == chosen_court), None)
        if court is None:
            court_error = _("Choose the court.")
        problems = {}
        try:
            document = service.prepare_document(definition, document, submitting=False, today=today, blocking=step.owns)
        except service.ChecklistInvalid as invalid:
            problems = invalid.problems
        if HEARING_DATE not in document["hearing"]:
            problems.setdefault(f"hearing.{HEARING_DATE}", _("Enter the hearing date as a date."))
        if form_is_valid and court is not None and not problems:
            return _start(_valid_uuid(request.form.get("uuid")), court, definition, document, step, shown_before)
        section_page.show_problems(form, problems)
        checklist_uuid = _valid_uuid(request.form.get("uuid"))
    else:
        form = section_page.filled_form(step.section, document["hearing"], language)
        checklist_uuid = str(uuid_module.uuid4())

    stylesheet = _stylesheet()
    page = render_template(
        "offline/new.html",
        **app_page_context(language),
        stylesheet=Markup(stylesheet),
        definition=definition,
        step=step,
        total=planned_step_count(definition, document),
        form=form,
        courts=courts,
        chosen_court=chosen_court,
        court_error=court_error,
        checklist_uuid=checklist_uuid,
        page_user=_json(UserSchema().dump(current_user)),
        courts_json=_json(CourtSchema(many=True).dump(courts)),
        definition_json=_data_block(in_one_language(definition_to_json(definition), language)),
        **section_page.template_context(document, step, language, form),
    )
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"
    return allow_style_block(with_script_hint(response), stylesheet)


def _stylesheet() -> str:
    """The site's stylesheet, read once (it changes only with a deployment)."""
    css = current_app.extensions.get("offline_stylesheet")
    if css is None:
        css = (STATIC / "css" / "app.css").read_text(encoding="utf-8")
        if not current_app.debug:
            current_app.extensions["offline_stylesheet"] = css
    return css


def _valid_uuid(value: str | None) -> str:
    """The page's uuid as sent back, or a new one when it was lost or altered."""
    try:
        return str(uuid_module.UUID(value or ""))
    except ValueError:
        return str(uuid_module.uuid4())


def _start(checklist_uuid: str, court: Court, definition, document: dict, step, shown_before: set[str]):
    """Start the checklist on the server (the script was not there to keep it on the phone).
    A second tap sends the same uuid: it opens the checklist already started."""
    existing = service.find_checklist(checklist_uuid)
    if existing is not None:
        if existing.monitor_id != current_user.id:
            abort(409, _("This checklist belongs to another monitor."))
        return redirect(url_for("pages.overview", checklist_uuid=existing.uuid))
    hearing_date = date.fromisoformat(document["hearing"][HEARING_DATE])
    checklist = service.start_checklist(current_user, court, hearing_date, definition, checklist_uuid)
    service.save_draft(checklist, document, blocking=step.owns)
    return after_section_saved(checklist, step, shown_before)
