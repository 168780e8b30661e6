"""Configuration defaults; environment variables override them, `create_app(config)` overrides both."""
import os
from pathlib import Path


def database_url_from_environment(instance_path: str) -> str:
    """`DATABASE_URL` if set (PostgreSQL in production), else an SQLite file in the instance folder."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "monitor.sqlite")
    return normalise_database_url(url)


def normalise_database_url(url: str) -> str:
    """Accept the `postgres://` and `postgresql://` forms hosting providers hand out; we drive psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def default_config(instance_path: str) -> dict:
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY", "dev-only-not-secret"),
        "SQLALCHEMY_DATABASE_URI": database_url_from_environment(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "CHECKLIST_FOLDER": str(Path(__file__).parent / "checklists"),
        "EXPORT_FOLDER": os.environ.get("EXPORT_FOLDER", str(Path(instance_path).parent / "exports")),
        #: Under this age at the time of the offence an accused is a juvenile (DESIGN.md §2).
        "JUVENILE_AGE": 18,
        #: The indicator set the statistics compute (DESIGN.md §3); checked against the checklist on start-up.
        "INDICATOR_FILE": str(Path(__file__).parent / "checklists" / "fair_trial.indicators.yaml"),
        #: First month of the reporting year (1 = January; the reference organisation uses 11, November).
        "REPORTING_YEAR_START_MONTH": 1,
        #: Count submitted (not yet reviewed) checklists in statistics as well as approved ones: a
        #: preview switch for programmes that have not started reviewing. Off: only approved count.
        "STATISTICS_COUNT_SUBMITTED": False,
        #: Published releases withhold any cell resting on fewer units than this (frozen per release).
        "RELEASE_SUPPRESSION_THRESHOLD": 5,
        #: Named as the author in the citation of every published release.
        "ORGANISATION_NAME": os.environ.get("ORGANISATION_NAME", "Court Monitor trial monitoring programme"),
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_HTTPONLY": True,
    }
