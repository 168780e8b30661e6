"""Where a monitor goes after saving a section: the same section when it revealed new questions
or on "Save", else the next section. Shared by the phone pages and the offline app's first screen."""
from flask import flash, redirect, request, url_for
from flask_babel import gettext as _

from monitor.checklists import answers
from monitor.checklists.definition import translate
from monitor.checklists.wording import say
from monitor.i18n import current_language
from monitor.filing import section_page
from monitor.filing.steps import block_answers, find_step, scope_of, steps_of
from monitor.models import Checklist
from monitor.services import checklists as service
from monitor.services.definitions import definition_of


def checklist_document(checklist: Checklist) -> tuple:
    """The checklist's definition and its answers, normalised as every page shows them."""
    definition = definition_of(checklist)
    document = answers.normalise(definition, service.document_of(checklist))
    return definition, document


def step_url(checklist: Checklist, step) -> str:
    """The page of one section of the checklist."""
    if step.level == "hearing":
        return url_for("pages.edit_hearing", checklist_uuid=checklist.uuid, section_key=step.section.key)
    endpoint = "pages.edit_accused" if step.level == "accused" else "pages.edit_juvenile"
    return url_for(endpoint, checklist_uuid=checklist.uuid, number=step.accused_index + 1, section_key=step.section.key)


def problem_links(checklist: Checklist, definition, document: dict, problems: dict[str, str], language: str) -> list[dict]:
    """Each problem in words, with the address of the section that asks the question: "Accused 1:
    Identity: Gender — is required", never the path in code."""
    steps = steps_of(definition, document)
    links = []
    for path, message in problems.items():
        step = next((s for s in steps if s.owns(path)), None)
        if step is None:
            where = _("Accused") if path == "accused" else path
            url = url_for("pages.overview", checklist_uuid=checklist.uuid)
        else:
            item = next(i for i in step.section.items if i.key == path.rpartition(".")[2])
            where = f"{step.title(definition, language)}: {translate(item.label, language)}"
            url = step_url(checklist, step) + "#field-" + item.key
        links.append({"path": path, "where": where, "message": message, "url": url})
    return links


def _annex_news(document: dict, annexes_before: list[bool]) -> None:
    """Say which juvenile annexes the saved answers added or removed (the phone app says the same)."""
    for number, (had, accused) in enumerate(zip(annexes_before, document["accused"]), start=1):
        has = answers.ANNEX in accused
        if has and not had:
            age = accused.get("age_at_offence")
            if isinstance(age, int) and age < 18:
                flash(_("Juvenile annex added: accused %(number)s was %(age)s at the time of the offence.", number=number, age=age))  # noqa: E501
            elif accused.get("claimed_minor") == "yes":  # an adult's dates: the annex is there for the claim
                flash(_("Juvenile annex added: accused %(number)s claimed or appears to be under 18 at the time of the offence.", number=number))  # noqa: E501
            else:
                flash(_("Juvenile annex added for accused %(number)s.", number=number))
        elif had and not has:
            flash(_("Juvenile annex removed for accused %(number)s: not under 18 at the time of the offence.", number=number))


def _unanswered_news(checklist: Checklist, definition, step) -> None:
    """Name the questions of the section left unanswered that submitting needs, without stopping the monitor."""
    required = say("is required")
    missing = [path.rpartition(".")[2] for path, message in service.submission_problems(checklist).items()
               if message == required and step.owns(path)]
    if missing:
        language = current_language()
        labels = [translate(item.label, language) for item in step.section.items if item.key in missing]
        flash(_("Not answered yet in “%(section)s”: %(questions)s. You can come back to them before submitting.",
                section=step.title(definition, language), questions="; ".join(labels)))


def after_section_saved(checklist: Checklist, step, shown_before: set[str], annexes_before: list[bool] | None = None):
    """Stay on the section for "Save", or when the answers revealed new questions in it (without
    JavaScript the monitor would otherwise never see them); else go to the next section, naming
    what was left unanswered there and any juvenile annex that appeared."""
    definition, document = checklist_document(checklist)
    if annexes_before is not None:
        _annex_news(document, annexes_before)
    steps = steps_of(definition, document)
    position = find_step(steps, step.level, step.section.key, step.accused_index)
    if position is not None:
        scope = scope_of(document, step.level, step.accused_index)
        answered = block_answers(document, step.level, step.accused_index)
        newly_shown = section_page.shown_keys(step.section, scope) - shown_before
        revealed = {key for key in newly_shown if not answers.is_answered(answered.get(key))}
        if revealed:
            flash(_("More questions appeared because of your answers. Please answer them too."))
            return redirect(step_url(checklist, step))
    if request.form.get("action") == "save":
        flash(_("Saved."))
        return redirect(step_url(checklist, step))
    _unanswered_news(checklist, definition, step)
    if position is not None and position + 1 < len(steps):
        return redirect(step_url(checklist, steps[position + 1]))
    return redirect(url_for("pages.overview", checklist_uuid=checklist.uuid))
