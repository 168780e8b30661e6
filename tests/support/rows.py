"""Reading the database after a request, to check what it really left behind (not only its status)."""
from sqlalchemy import func, select

from monitor.extensions import db

#: Tables a request may write: everything but accounts, courts and settings made by the test itself.
WRITTEN_TABLES = ("checklists", "accused", "juvenile_annexes", "checklist_revisions", "review_actions", "audit_events")


def row_counts() -> dict[str, int]:
    """Rows in every table a checklist request writes, read on a fresh transaction."""
    db.session.rollback()
    tables = db.metadata.tables
    return {name: db.session.scalar(select(func.count()).select_from(tables[name])) for name in WRITTEN_TABLES}
