"""A release as the public sees it: one plain description the pages and the JSON API share.

Only what was frozen at publication plus addresses; never who published it or which checklists
were counted. A release's addresses start with the PUBLIC_URL frozen with it (`Release.public_url`)."""
from flask import current_app

from monitor.models import Release
from monitor.models.timestamps import as_utc
from monitor.public.addresses import external_url, public_url
from monitor.public.citation import citation, citation_texts
from monitor.services import releases as service


def _base(release: Release) -> str:
    return release.public_url or public_url()


def address(release: Release) -> str:
    return external_url("public.release", _base(release), period=release.period_label, version=release.version)


def published_at(release: Release) -> str:
    """In UTC with its zone, as in the manifest, whichever engine stored it (SQLite forgets the zone)."""
    return as_utc(release.published_at).isoformat()


def summary(release: Release, latest: int | None) -> dict:
    """What the index lists about a version. `latest` None leaves out whether it is superseded, for
    the immutable versioned address (readers find newer versions in the index or at the period)."""
    period = release.report["period"]
    status = {} if latest is None else {"superseded": release.version < latest, "latest_version": latest}
    return {
        "period": period["label"], "period_kind": period["kind"], "start": period["start"], "end": period["end"],
        "version": release.version, "published_at": published_at(release), "checksum": release.checksum,
        "errata": release.errata, **status, "address": address(release),
        "api": external_url("api.release_version", _base(release), period=release.period_label, version=release.version),
    }


def edition_of(release: Release) -> dict:
    return release.methodology.get("edition") or {}


def describe(release: Release, *, with_status: bool = True) -> dict:
    """Everything public about a release; `with_status` adds whether a newer version exists."""
    latest = service.latest_version(release.period_label) or release.version
    report = release.report
    files = [{**entry, "url": external_url("public.download", _base(release), period=release.period_label,
                                           version=release.version, name=entry["name"])} for entry in release.files]
    return {
        **summary(release, latest if with_status else None),
        # Changes with every correction anyway (never in an immutable answer): the site's address now.
        **({"latest_address": external_url("public.release", period=release.period_label, version=latest)}
           if with_status else {}),
        "suppression_threshold": release.threshold,
        "definitions": release.definitions,
        "methodology": release.methodology,
        # A release with an edition names the publisher it froze; an older one, the configured name.
        "citation": citation((release.methodology.get("edition") or {}).get("organisation")
                             or current_app.config["ORGANISATION_NAME"], report["indicator_set"]["title"], report["period"],
                             release.version, published_at(release), address(release), release.checksum),
        **({"citation_texts": citation_texts(edition_of(release)["organisation"], report["indicator_set"]["title"],
                                             report["period"], release.version, published_at(release), address(release),
                                             release.checksum)} if edition_of(release).get("citation_languages") else {}),
        "files": files,
        "report": report,
    }
