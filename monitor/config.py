"""Configuration defaults; environment variables override them, `create_app(config)` overrides both."""
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

#: The only value of `MONITOR_ENV` that relaxes production rules (no SECRET_KEY needed, cookies
#: over plain HTTP). Anything else, including nothing, is production: forgetting to set it fails safe.
DEVELOPMENT = "development"
#: Used only in development, so a developer's sessions survive restarts.
DEVELOPMENT_SECRET_KEY = "dev-only-not-secret"
#: Where `flask run` serves on a developer's machine.
DEVELOPMENT_PUBLIC_URL = "http://localhost:5000"


class ConfigurationError(RuntimeError):
    """The app refuses to start with a setting that would make it unsafe."""


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
        #: "development" or anything else (production); set with MONITOR_ENV.
        "ENV": os.environ.get("MONITOR_ENV", "production"),
        "SECRET_KEY": os.environ.get("SECRET_KEY"),
        #: The site's public address (https://data.example.org, or with a path prefix): every
        #: address the app gives out (release citations, downloads, API links) starts with it,
        #: never with the Host header of a request, which anyone can forge. Required in production.
        "PUBLIC_URL": os.environ.get("PUBLIC_URL"),
        "SQLALCHEMY_DATABASE_URI": database_url_from_environment(instance_path),
        "CHECKLIST_FOLDER": str(Path(__file__).parent / "checklists"),
        "EXPORT_FOLDER": os.environ.get("EXPORT_FOLDER", str(Path(instance_path).parent / "exports")),
        #: A raw-data XLSX of more checklists than this is built in the background and downloaded
        #: from a page once ready: at 20,000 it takes 7 s of CPU, 15-20 s on a busy 2-core server,
        #: well inside the 60 s after which a proxy commonly gives up (docs/benchmarks.md). Set with
        #: MONITOR_RAW_EXPORT_BACKGROUND_CHECKLISTS.
        "RAW_EXPORT_BACKGROUND_CHECKLISTS": 20_000,
        #: Under this age at the time of the offence an accused is a juvenile (DESIGN.md §2).
        "JUVENILE_AGE": 18,
        #: The indicator set the statistics compute (DESIGN.md §3); checked against the checklist on start-up.
        "INDICATOR_FILE": str(Path(__file__).parent / "checklists" / "fair_trial.indicators.yaml"),
        #: The definitions and indicator set compiled at a start, kept for the next starts while
        #: none of their files changes (monitor/checklists/compiled.py); empty: compile at every start.
        "COMPILED_CHECKLISTS_FILE": str(Path(instance_path) / "compiled-checklists.pickle"),
        #: The programme's time zone (IANA name): every time on a page is shown in it, written the
        #: reader's way; stored times stay UTC. Set with MONITOR_TIME_ZONE; the demo uses Asia/Phnom_Penh.
        "TIME_ZONE": "UTC",
        #: First month of the reporting year (1 = January; the reference organisation uses 11, November).
        "REPORTING_YEAR_START_MONTH": 1,
        #: Count submitted (not yet reviewed) checklists in statistics as well as approved ones: a
        #: preview switch for programmes that have not started reviewing. Off: only approved count.
        "STATISTICS_COUNT_SUBMITTED": False,
        #: Where each quarter's statistics are kept between reports, under a digest of everything
        #: they rest on (monitor/services/statistics_kept.py); empty: compute every report from rows.
        "STATISTICS_KEPT_FOLDER": str(Path(instance_path) / "statistics-kept"),
        #: Four eyes: nobody approves or corrects a checklist they filed themselves. Off only with
        #: MONITOR_FOUR_EYES=off (or false, 0, no), for a programme with a single manager.
        "FOUR_EYES": True,
        #: Published releases withhold any cell resting on fewer units than this (frozen per release).
        "RELEASE_SUPPRESSION_THRESHOLD": 5,
        #: Named as the author in the citation of every published release.
        "ORGANISATION_NAME": os.environ.get("ORGANISATION_NAME", "Court Monitor trial monitoring programme"),
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_HTTPONLY": True,
        #: A court day: a monitor signs in before the first hearing and is never interrupted in the
        #: middle of one; a phone left idle overnight has to sign in again. Every request renews it.
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        "SESSION_REFRESH_EACH_REQUEST": True,
        #: A whole checklist is a few kilobytes; anything far larger is refused with 413 before parsing.
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        #: Per-address sign-in limit (Flask-Limiter). memory:// counts per worker process; see docs/operations.md.
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "SIGN_IN_RATE_LIMIT": "20 per minute",
        #: Account lock-out, counted in the database so every worker and server sees the same count.
        "SIGN_IN_MAX_FAILURES": 5,
        "SIGN_IN_LOCKOUT_MINUTES": 15,
        #: How passwords are hashed (werkzeug's method string). The default, scrypt at werkzeug's
        #: cost, is what deployments use; the test suite asks for a cheaper cost so that its
        #: thousands of test accounts do not spend most of the run hashing.
        "PASSWORD_HASH_METHOD": "scrypt",
        #: How many reverse proxies in front of the app set X-Forwarded-For/-Proto (0: none trusted).
        #: X-Forwarded-Host is never trusted: public addresses come from PUBLIC_URL.
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", "0")),
    }


def engine_options(url: str) -> dict:
    """PostgreSQL connections are checked before use, so the first request after a database restart
    or failover gets a fresh connection instead of an error; an SQLite file cannot go away like that."""
    return {} if url.startswith("sqlite") else {"pool_pre_ping": True}


def is_development(config) -> bool:
    return config.get("ENV") == DEVELOPMENT


def apply_environment_rules(config) -> None:
    """Production needs a real SECRET_KEY and sends cookies only over HTTPS."""
    development = is_development(config)
    if not config.get("SECRET_KEY"):
        if not development:
            raise ConfigurationError(
                "SECRET_KEY is not set. Outside development Court Monitor refuses to start without it, "
                "because anyone who knows the key can forge sign-ins. Set SECRET_KEY to a long random "
                "value (for example: python -c 'import secrets; print(secrets.token_hex(32))'), or set "
                "MONITOR_ENV=development on a developer's machine."
            )
        config["SECRET_KEY"] = DEVELOPMENT_SECRET_KEY
    config["SESSION_COOKIE_SECURE"] = not development
    config["REMEMBER_COOKIE_SECURE"] = not development
    config["PUBLIC_URL"] = checked_public_url(config.get("PUBLIC_URL"), development)


def checked_public_url(url: str | None, development: bool) -> str:
    """PUBLIC_URL without a trailing slash; ConfigurationError when it is missing in production or
    is not a plain http(s) address (production: https, since its cookies only travel over HTTPS)."""
    if not url:
        if development:
            return DEVELOPMENT_PUBLIC_URL
        raise ConfigurationError(
            "PUBLIC_URL is not set. Outside development Court Monitor refuses to start without it, because "
            "every published address (release citations, downloads, API links) starts with it and must not "
            "come from a request's Host header, which anyone can forge. Set PUBLIC_URL to the site's public "
            "address, for example: PUBLIC_URL=https://data.example.org")
    parts = urlsplit(url.strip())
    schemes = ("http", "https") if development else ("https",)
    try:
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
        plain = parts.scheme in schemes and parts.hostname and not (parts.username or parts.password or parts.query
                                                                     or parts.fragment)
    except ValueError:
        plain = False
    if not plain:
        raise ConfigurationError(
            f"PUBLIC_URL {url!r} is not a site address: give {' or '.join(s + '://' for s in schemes)} and the host name, "
            "optionally a port and a path, without a query or fragment (for example https://data.example.org).")
    return url.strip().rstrip("/")
