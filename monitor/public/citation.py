"""How to cite a release: a plain-text line and a BibTeX entry naming period, version, address and date."""
from datetime import date

from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from monitor.checklists.definition import translate
from monitor.i18n import LANGUAGES


def _bibtex_safe(text: str) -> str:
    return "".join(ch for ch in text if ch not in "{}\\")


def citation_text(organisation: str, title: dict, period: dict, version: int, published: str, address: str,
                  checksum: str | None = None) -> str:
    """The plain line; without `checksum` for the files of the release, whose sums the checksum covers."""
    name = translate(title, "en")
    text = (f"{organisation} ({published[:4]}). {name}: {period['label']} ({period['start']} to {period['end']}), "
            f"version {version}. Published {published[:10]}. {address}")
    return f"{text} (SHA-256 {checksum})." if checksum else f"{text}."


def citation(organisation: str, title: dict, period: dict, version: int, published: str, address: str, checksum: str) -> dict:
    """`published` is the ISO date of publication; `address` the release's stable, versioned URL."""
    name = translate(title, "en")
    text = citation_text(organisation, title, period, version, published, address, checksum)
    key_prefix = "".join(ch for ch in organisation.split()[0] if ch.isalnum()).lower() or "release"
    key = f"{key_prefix}_{period['label'].replace('-', '')}_v{version}"
    bibtex = "\n".join([
        f"@misc{{{key},",
        f"  author       = {{{{{_bibtex_safe(organisation)}}}}},",
        f"  title        = {{{_bibtex_safe(name)}: {period['label']} ({period['start']} to {period['end']}),"
        f" version {version}}},",
        f"  year         = {{{published[:4]}}},",
        f"  date         = {{{published[:10]}}},",
        f"  url          = {{{address}}},",
        f"  howpublished = {{\\url{{{address}}}}},",
        f"  note         = {{Version {version}, published {published[:10]}; SHA-256 {checksum}}}",
        "}",
    ])
    return {"text": text, "bibtex": bibtex}


def citation_texts(organisation: str, title: dict, period: dict, version: int, published: str, address: str,
                   checksum: str) -> dict:
    """The plain line in every interface language, dates written as its readers write them; English is
    `citation_text` itself, so the API's `text` and the English page say the same."""
    texts = {"en": citation_text(organisation, title, period, version, published, address, checksum)}
    for language in LANGUAGES:
        if language == "en":
            continue
        with force_locale(language):
            def day(iso: str) -> str:
                return format_date(date.fromisoformat(iso[:10]), "long")
            texts[language] = _("%(organisation)s (%(year)s). %(title)s: %(period)s (%(start)s to %(end)s), version "
                                "%(version)s. Published %(published)s. %(address)s (SHA-256 %(checksum)s).",
                                organisation=organisation, year=published[:4], title=translate(title, language),
                                period=period["label"], start=day(period["start"]), end=day(period["end"]),
                                version=version, published=day(published), address=address, checksum=checksum)
    return texts
