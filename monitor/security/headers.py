"""Security headers on every response.

A dozen lines of `after_request` instead of Flask-Talisman: Talisman is barely maintained, and
most of what it adds (HTTPS redirects, HSTS) belongs to the TLS-terminating reverse proxy."""
import base64
import hashlib

from flask import Flask, Response

#: No inline script or style anywhere: templates load /static files only, so an injected
#: `<script>` or `style=` attribute does nothing. `form-action` keeps forms posting to us.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

#: For self-contained documents made to be saved or printed (the newsletter keeps its styles inline
#: so the same HTML renders as PDF): inline styles allowed, scripts still only from our files.
SELF_CONTAINED_DOCUMENT_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    #: For browsers that predate frame-ancestors.
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def allow_inline_styles(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = SELF_CONTAINED_DOCUMENT_POLICY
    return response


def allow_style_block(response: Response, css: str) -> Response:
    """Allow one `<style>` block, this exact text (by its hash; `style=` attributes stay refused):
    a page that must paint before a stylesheet could arrive on a slow link."""
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.replace(
        "style-src 'self'", f"style-src 'self' 'sha256-{digest}'")
    return response


def register(app: Flask) -> None:
    app.after_request(add_security_headers)
