"""API tokens: created for a device or script, shown once, stored only as a hash, revocable."""
import secrets

from sqlalchemy import select

from monitor.extensions import db
from monitor.models import ApiToken, User
from monitor.models.accounts import hash_token
from monitor.models.timestamps import utcnow


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """Returns the stored token and the secret, which is never available again."""
    secret = secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip()[:120] or "API client", token_hash=hash_token(secret))
    db.session.add(token)
    db.session.commit()
    return token, secret


def tokens_of(user: User) -> list[ApiToken]:
    """Every token of `user`, revoked ones too (so the list shows what happened), newest first."""
    return db.session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    ).all()


def token_of(user: User, token_id: int) -> ApiToken | None:
    """`user`'s token with this id; None when there is none or it is someone else's."""
    token = db.session.get(ApiToken, token_id)
    return token if token is not None and token.user_id == user.id else None


def revoke_token(token: ApiToken) -> bool:
    """Stop the token from working at once; False if it was already revoked."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = utcnow()
    db.session.commit()
    return True
