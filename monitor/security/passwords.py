"""Password rules, the same for every way an account gets a password (CLI, admin pages, own page).

Following NIST SP 800-63B: a minimum length and a refusal of known-bad passwords, no composition
rules. The list is short and bundled (no library) because the length rule already rules out the
bulk of breached passwords, which are shorter."""
import secrets
from functools import cache
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from werkzeug.security import check_password_hash, generate_password_hash

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


def hash_password(password: str) -> str:
    """werkzeug's salted hash of `password`, made with the configured PASSWORD_HASH_METHOD."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def _stand_in_hash() -> str:
    """The hash of a random password nobody knows, made like every account's: checking a password
    against it costs what checking a real account's does."""
    return _random_password_hash(current_app.config["PASSWORD_HASH_METHOD"])


@cache
def _random_password_hash(method: str) -> str:
    return generate_password_hash(secrets.token_urlsafe(24), method=method)


def verify_password(user, password: str) -> bool:
    """Whether `password` is `user`'s. With no such user a hash is checked all the same, so an
    unknown username takes as long to refuse as a wrong password and does not tell who has an account."""
    matches = check_password_hash(user.password_hash if user is not None else _stand_in_hash(), password or "")
    return matches and user is not None
