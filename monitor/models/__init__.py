"""Database models. Checklist answers are stored one row per level (hearing, accused, juvenile
annex) with the answers as a JSON document keyed by item key, so the definition can change
without a migration and statistics read each level with one query."""
from monitor.models.accounts import ApiToken, Role, SignInFailure, SignInSession, User
from monitor.models.audit import AuditEvent, AuditEventType
from monitor.models.cases import Case, CaseAccused, CaseStatus
from monitor.models.checklists import Accused, Checklist, ChecklistStatus, JuvenileAnnex
from monitor.models.courts import Court
from monitor.models.releases import Release, ReleaseChecklist
from monitor.models.reviews import ReviewAction
from monitor.models.revisions import ChecklistRevision, RevisionKind
from monitor.models.settings import Setting

__all__ = [
    "Accused", "ApiToken", "AuditEvent", "AuditEventType", "Case", "CaseAccused", "CaseStatus", "Checklist", "ChecklistRevision",
    "ChecklistStatus", "Court", "JuvenileAnnex", "Release", "ReleaseChecklist", "ReviewAction", "RevisionKind", "Role", "Setting",
    "SignInFailure", "SignInSession", "User",
]
