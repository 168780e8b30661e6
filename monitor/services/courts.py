"""Managing the list of courts monitors choose from. Courts are never deleted: checklists name
them; a court no longer monitored is deactivated and disappears from new checklists."""
import re

from sqlalchemy import bindparam, select

from monitor.checklists.wording import say
from monitor.extensions import db
from monitor.models import AuditEventType, Court, User
from monitor.services import audit

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,59}$")
#: Built once: every submission looks up its court.
ACTIVE_COURT = select(Court).where(Court.key == bindparam("key"), Court.active)


class CourtRefused(Exception):
    """The change is not allowed, with a message naming the problem."""


def active_courts() -> list[Court]:
    """The courts a monitor may choose for a new checklist, by name."""
    return db.session.scalars(select(Court).where(Court.active).order_by(Court.name)).all()


def active_court(key: str) -> Court | None:
    """The active court with this key; None for an unknown or deactivated one."""
    return db.session.scalar(ACTIVE_COURT, {"key": key})


def all_courts(*, active_first: bool = False) -> list[Court]:
    """Every court, deactivated ones too, by name (active ones first when asked)."""
    order = (Court.active.desc(), Court.name) if active_first else (Court.name,)
    return db.session.scalars(select(Court).order_by(*order)).all()


def court_by_key(key: str) -> Court | None:
    """The court with this key, active or not."""
    return db.session.scalar(select(Court).where(Court.key == key))


def court_by_id(court_id: int) -> Court | None:
    return db.session.get(Court, court_id)


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise CourtRefused(say("Enter the court's name."))
    if len(name) > 200:
        raise CourtRefused(say("The name must be at most %(count)s characters.", count=200))
    return name


def _check_khmer_name(name: str | None) -> str | None:
    name = (name or "").strip()
    if len(name) > 200:
        raise CourtRefused(say("The name must be at most %(count)s characters.", count=200))
    return name or None


def add_court(actor: User | None, key: str, name: str, name_km: str | None = None) -> Court:
    key = (key or "").strip()
    if not KEY_PATTERN.match(key):
        raise CourtRefused(say("The key must be 2-60 lower-case letters, digits or _, starting with a letter."))
    if db.session.scalar(select(Court).where(Court.key == key)):
        raise CourtRefused(say("A court with key '%(key)s' already exists.", key=key))
    court = Court(key=key, name=_check_name(name), name_km=_check_khmer_name(name_km))
    db.session.add(court)
    audit.record(AuditEventType.COURT_CHANGE, actor, court, {"change": "added", "name": court.name,
                                                             **({"name_km": court.name_km} if court.name_km else {})})
    db.session.commit()
    return court


def rename_court(actor: User | None, court: Court, name: str, name_km: str | None = None) -> None:
    """A new English name, and the Khmer one when given (None leaves it as it is)."""
    name = _check_name(name)
    name_km = court.name_km if name_km is None else _check_khmer_name(name_km)
    if (name, name_km) == (court.name, court.name_km):
        return
    details = {"change": "renamed", "before": court.name, "after": name}
    if name_km != court.name_km:
        details |= {"before_km": court.name_km, "after_km": name_km}
    court.name, court.name_km = name, name_km
    audit.record(AuditEventType.COURT_CHANGE, actor, court, details)
    db.session.commit()


def set_court_active(actor: User | None, court: Court, active: bool) -> None:
    if active == court.active:
        return
    court.active = active
    audit.record(AuditEventType.COURT_CHANGE, actor, court, {"change": "reactivated" if active else "deactivated"})
    db.session.commit()
