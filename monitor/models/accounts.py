"""People who sign in, and the API tokens their devices use."""
import enum
import hashlib
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash

from monitor.extensions import db
from monitor.models.timestamps import utcnow
from monitor.security.passwords import hash_password


class Role(str, enum.Enum):
    MONITOR = "monitor"
    MANAGER = "manager"
    ADMIN = "admin"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    #: werkzeug's salted scrypt hash; the password itself is never stored.
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default=Role.MONITOR.value)
    #: Deactivated accounts cannot sign in but keep their checklists.
    active: Mapped[bool] = mapped_column(default=True)
    #: The interface language the person chose; None until they choose (the browser's is used).
    language: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    tokens: Mapped[list["ApiToken"]] = relationship(back_populates="user")

    def set_password(self, password: str) -> None:
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses sign-in for inactive users
        return self.active

    def has_role(self, *roles: Role) -> bool:
        return self.role in {role.value for role in roles}

    @property
    def is_manager(self) -> bool:
        """Managers and admins see and review every checklist of the organisation."""
        return self.has_role(Role.MANAGER, Role.ADMIN)


def hash_token(token: str) -> str:
    """Tokens are random, so a fast unsalted hash is enough and allows lookup by hash."""
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    #: SHA-256 of the token; the token is shown once, at creation.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship(back_populates="tokens")


class SignInFailure(db.Model):
    """One wrong password (or unknown username), kept only as long as the lock-out window.

    Counted in the database, not in a worker's memory, so that every gunicorn worker and every
    app server behind the load balancer sees the same count."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (Index("ix_sign_in_failures_username_attempted_at", "username", "attempted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: As typed, lower-cased; not a foreign key, so guesses at unknown usernames count too.
    username: Mapped[str] = mapped_column(String(80))
    remote_addr: Mapped[str] = mapped_column(String(45), default="")
    attempted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class SignInSession(db.Model):
    """One signed-in browser (a phone, a laptop). The session cookie carries a random secret; only
    its SHA-256 is stored. A request is signed in only while its row exists, so signing out (or a
    password change, deactivation, role change, "Sign out everywhere") ends a copied cookie too."""

    __tablename__ = "sign_in_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: SHA-256 of the secret in the session cookie.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Renewed at most every few minutes; a session idle longer than PERMANENT_SESSION_LIFETIME is over.
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
