"""Absolute public addresses, built from PUBLIC_URL (or the one a release was published with),
never from the request: a forged Host or X-Forwarded-Host header cannot put another site's name
into a citation, a download link or an answer cached for a year."""
from urllib.parse import urlsplit

from flask import current_app


def public_url() -> str:
    """The site's public address now (checked at start-up, no trailing slash)."""
    return current_app.config["PUBLIC_URL"]


def external_url(endpoint: str, base: str | None = None, **values) -> str:
    """The absolute address of `endpoint` on the site at `base` (default: PUBLIC_URL), path prefix included."""
    parts = urlsplit(base or public_url())
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme)
    return adapter.build(endpoint, values, force_external=True)
