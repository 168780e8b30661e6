"""Administration pages (administrators only): accounts, courts, configuration, the audit log."""
from flask import Blueprint, render_template

from monitor.access import roles_required
from monitor.models import Role

admin = Blueprint("admin", __name__, url_prefix="/admin")


@admin.get("/")
@roles_required(Role.ADMIN)
def index():
    return render_template("admin/index.html")


from monitor.admin import accounts, audit_log, configuration, courts  # noqa: E402,F401  (routes register on import)
