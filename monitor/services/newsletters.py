"""The newsletter a manager writes for a period: a title, an introduction and a commentary per indicator
group in each language (Markdown, sanitised to a small safe subset), 3–6 headline figures and optional
anonymised case highlights. Kept as a draft per period (a `settings` row, `newsletter:<period>`) and
frozen into the release at publication (`monitor.services.releases.edition`).

This is the one free text in public outputs (docs/privacy.md): `checks` flags every number in it that
is not a published figure, and names, dates and case numbers in the highlights; a withheld figure can
never be a headline."""
import re

from monitor.checklists.definition import translate
from monitor.checklists.wording import say
from monitor.extensions import db
from monitor.i18n import LANGUAGES
from monitor.models import Setting, User
from monitor.statistics.presentation import number_text, percent_text
from monitor.statistics.results import StatisticsReport

PREFIX = "newsletter:"
HEADLINES = (3, 6)
#: Longest text a field takes (characters of Markdown): about two pages.
MAX_TEXT = 6000
#: What the Markdown may produce: paragraphs, emphasis, lists, quotes and links; nothing else survives.
ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "a"}


class NewsletterInvalid(Exception):
    """`problems` maps a form field to a message."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(f"{name}: {message}" for name, message in problems.items()))


def empty() -> dict:
    return {"title": {}, "introduction": {}, "commentary": {}, "headlines": [], "highlights": {}}


def draft(period_label: str) -> dict:
    """The Markdown draft of a period (empty when none was saved)."""
    row = db.session.get(Setting, PREFIX + period_label)
    return {**empty(), **(row.value.get("value") or {})} if row else empty()


def save_draft(period_label: str, data: dict, report: StatisticsReport, actor: User | None) -> dict:
    """Store the draft after checking it: field lengths, 3–6 headlines, none of them withheld."""
    problems = {}
    cleaned = empty()
    for field in ("title", "introduction", "highlights"):
        for language in LANGUAGES:
            text = (data.get(f"{field}_{language}") or "").strip()
            limit = 200 if field == "title" else MAX_TEXT
            if len(text) > limit:
                problems[f"{field}_{language}"] = say("At most %(limit)s characters.", limit=limit)
            if text:
                cleaned[field][language] = text
    for group in report.groups:
        for language in LANGUAGES:
            text = (data.get(f"commentary_{group['key']}_{language}") or "").strip()
            if len(text) > MAX_TEXT:
                problems[f"commentary_{group['key']}_{language}"] = say("At most %(limit)s characters.", limit=MAX_TEXT)
            if text:
                cleaned["commentary"].setdefault(group["key"], {})[language] = text
    chosen = [key for key in data.get("headlines", []) if key]
    figures = {item.key: item.figure for item in report.indicators}
    unknown = [key for key in chosen if key not in figures]
    withheld = [key for key in chosen if key in figures and (figures[key].suppressed or figures[key].value is None)]
    if unknown:
        problems["headlines"] = say("No such indicator: %(keys)s.", keys=", ".join(unknown))
    elif withheld:
        problems["headlines"] = say("A withheld figure cannot be a headline: %(titles)s.", titles=", ".join(
            translate(report.indicator(key).definition["title"], "en") for key in withheld))
    elif chosen and not HEADLINES[0] <= len(chosen) <= HEADLINES[1]:
        problems["headlines"] = say("Choose from %(least)s to %(most)s headline figures.", least=HEADLINES[0],
                                    most=HEADLINES[1])
    cleaned["headlines"] = chosen
    if problems:
        raise NewsletterInvalid(problems)
    row = db.session.get(Setting, PREFIX + period_label)
    if row is None:
        db.session.add(Setting(key=PREFIX + period_label, value={"value": cleaned},
                               updated_by_id=actor.id if actor else None))
    else:
        row.value = {"value": cleaned}
        row.updated_by_id = actor.id if actor else None
    db.session.commit()
    return cleaned


def markdown_html(text: str) -> str:
    """Markdown to HTML, then sanitised (nh3, the Ammonia sanitiser) to ALLOWED_TAGS: raw HTML typed into
    the text is escaped by the parser, and whatever else slips through is removed."""
    import nh3
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark", {"html": False, "linkify": False}).render(text)
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, url_schemes={"https", "http", "mailto"},
                     link_rel="noopener nofollow")


def frozen(period_label: str, report: StatisticsReport) -> dict | None:
    """The newsletter as published: sanitised HTML per language, headlines that are still published
    figures. None when the manager wrote nothing for the period."""
    source = draft(period_label)
    if source == empty():
        return None
    figures = {item.key: item.figure for item in report.indicators}
    return {
        "title": dict(source["title"]),
        "introduction": {language: markdown_html(text) for language, text in source["introduction"].items()},
        "commentary": {group: {language: markdown_html(text) for language, text in texts.items()}
                       for group, texts in source["commentary"].items()},
        "highlights": {language: markdown_html(text) for language, text in source["highlights"].items()},
        "headlines": [key for key in source["headlines"] if key in figures and not figures[key].suppressed],
    }


# --- checks shown in the preview -----------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?:\s?%)?")
_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2} (January|February|March|April|"
                   r"May|June|July|August|September|October|November|December)\b", re.IGNORECASE)
_CASE_NUMBER = re.compile(r"(?:\b(?:case|file|dossier)\s+)?(?:\bno\.?|\bnumber|#)\s*[:#]?\s*[\w/-]*\d[\w/-]*"
                          r"|\b(?:case|file|dossier)\s*[:#]?\s*[\w/-]*\d[\w/-]*", re.IGNORECASE)
#: Two capitalised words in a row: how a person's name usually looks (a court's name too: only a warning).
_NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")
_KHMER_NAME_WORDS = ("ឈ្មោះ", "លោក", "អ្នកស្រី", "កញ្ញា")


def published_numbers(report: StatisticsReport) -> set[str]:
    """Every number a reader may quote from the release, written as in the text (72.4%, 72%, 41, 1,204)."""
    numbers = set()
    for item in report.indicators:
        figures = [item.figure] + [category.figure for breakdown in item.breakdowns for category in breakdown.categories]
        figures += [point.figure for point in item.trend]
        figures += [comparison.figure for comparison in (item.previous, item.year_earlier) if comparison]
        for figure in figures:
            if figure.suppressed:
                continue
            for value in (figure.n, figure.numerator, figure.denominator,
                          figure.value if figure.kind != "count" else None):
                if value is None:
                    continue
                numbers.add(number_text(value))
                if figure.kind == "percentage" and value == figure.value:
                    numbers.add(percent_text(value))
                    numbers.add(f"{round(value):d}%")
    return {number.replace(" ", "") for number in numbers}


def checks(source: dict, report: StatisticsReport) -> list[dict]:
    """What the manager should look at before publishing: {"field", "text", "message"} each."""
    found = []
    allowed = published_numbers(report) | {str(report.period.year)}
    if report.period.quarter:
        allowed.add(str(report.period.quarter))

    def texts():
        for field in ("title", "introduction", "highlights"):
            for language, text in source[field].items():
                yield f"{field}_{language}", text
        for group, by_language in source["commentary"].items():
            for language, text in by_language.items():
                yield f"commentary_{group}_{language}", text

    for field, text in texts():
        for match in _NUMBER.finditer(text):
            number = match.group(0).replace(" ", "")
            if number not in allowed and not (len(number) == 4 and number.isdigit() and number.startswith(("19", "20"))):
                found.append({"field": field, "text": match.group(0),
                              "message": say("“%(number)s” is not a published figure of this release.",
                                             number=match.group(0))})
        if field.startswith("highlights"):
            warnings = ((_DATE, say("This looks like a date: a date of birth or of a hearing can identify someone.")),
                        (_CASE_NUMBER, say("This looks like a case number: never publish one.")),
                        (_NAME, say("This looks like a person's name: highlights must be anonymised.")))
            for pattern, message in warnings:
                for match in pattern.finditer(text):
                    found.append({"field": field, "text": match.group(0), "message": message})
            for word in _KHMER_NAME_WORDS:
                if word in text:
                    found.append({"field": field, "text": word, "message": say(
                        "This looks like a person's name: highlights must be anonymised.")})
    return found
