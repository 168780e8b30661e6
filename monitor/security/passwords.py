"""Password rules, the same for every way an account gets a password (CLI, admin pages, own page).

Following NIST SP 800-63B: a minimum length and a refusal of known-bad passwords, no composition
rules. The list is short and bundled (no library) because the length rule already rules out the
bulk of breached passwords, which are shorter."""
from functools import cache

from flask_babel import gettext as _
from pathlib import Path

MIN_LENGTH = 10
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def password_problem(password: str, username: str) -> str | None:
    """Why `password` may not be used by `username`, or None when it may."""
    password = password or ""
    if len(password) < MIN_LENGTH:
        return _("The password must be at least 10 characters long.")
    lowered = password.lower()
    if lowered == (username or "").strip().lower():
        return _("The password must not be the username.")
    if lowered in common_passwords() or len(set(lowered)) == 1:
        return _("This password is too common and easy to guess; choose another.")
    return None
