"""An indicator's definition in plain words, for readers of the newsletter, the page and the XLSX.

Written from the definition itself (its kind, unit, title, description and which answers are counted
apart), never from its condition syntax: `hearing_open in [yes, no]` means nothing to a journalist.
The conditions stay in the JSON for researchers. Words go through `say`, so callers render inside
the reader's language (`monitor.services.statistics_files.in_language`)."""
from monitor.checklists.definition import translate
from monitor.checklists.wording import say


def units_text(unit: str) -> str:
    """The unit an indicator counts, as a plural noun."""
    if unit == "hearing":
        return say("hearings")
    if unit == "accused":
        return say("accused")
    return say("juvenile accused")


def _lowered(title: str) -> str:
    """"Hearings open to the public" -> "hearings open to the public"; "UNODC..." stays as it is."""
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def plain_definition(definition: dict, language: str = "en", short: bool = False) -> str:
    """One short paragraph: what is counted, among whom, and what is left out of a percentage
    (`short` leaves that last part to the methodology, said once for every figure)."""
    title = translate(definition["title"], language)
    units = units_text(definition["unit"])
    kind = definition["kind"]
    if kind == "percentage":
        sentences = [say("Share of %(title)s, among %(units)s for which the monitor could tell.",
                         title=_lowered(title) if language == "en" else title, units=units)]
    elif kind == "duration":
        sentences = [say("Median number of days (half the %(units)s waited fewer, half more): %(title)s.",
                         units=units, title=_lowered(title) if language == "en" else title)]
    else:
        sentences = [say("Number of %(units)s: %(title)s.", units=units,
                         title=_lowered(title) if language == "en" else title)]
    description = translate(definition.get("description"), language)
    if description:
        sentences.append(description)
    conditions = definition.get("conditions") or {}
    if short:
        return " ".join(sentences)
    if kind == "percentage":
        apart = []
        if conditions.get("unknown"):
            apart.append(say("“unknown” answers (the monitor could not see or hear it)"))
        if conditions.get("not_applicable"):
            apart.append(say("“not applicable” answers"))
        apart.append(say("checklists where the question was not answered"))
        sentences.append(say("Counted apart, not in the denominator: %(parts)s.", parts="; ".join(apart)))
    elif kind == "duration":
        sentences.append(say("Those without a recorded length are counted apart."))
    return " ".join(sentences)
