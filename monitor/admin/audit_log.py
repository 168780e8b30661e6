"""The audit log, read-only, for administrators and managers: each event a sentence with links;
filter by event, actor and date; download as CSV (streamed, with the raw details).

There is deliberately no route that changes or removes an event."""
import io
import json

from flask import Response, render_template, request, stream_with_context
from flask_login import current_user

from monitor.access import roles_required
from monitor.admin import admin
from monitor.admin.audit_sentences import checklist_names, sentence
from monitor.admin.forms import AuditFilterForm
from monitor.extensions import db
from monitor.input_guard import integer_argument
from monitor.models import AuditEventType, Role
from monitor.security.spreadsheets import CsvWriter
from monitor.services import audit
from monitor.services.audit import events_query

PER_PAGE = 50
CSV_COLUMNS = ("id", "time_utc", "event", "actor", "target_type", "target", "details")


def _filtered_query(form: AuditFilterForm):
    if not form.validate():
        return None
    return events_query(event=form.event.data or None, actor=(form.actor.data or "").strip() or None,
                        date_from=form.date_from.data, date_to=form.date_to.data)


#: Managers read the log too: it is the trace of their own and their colleagues' decisions.
READERS = (Role.ADMIN, Role.MANAGER)


@admin.get("/audit")
@roles_required(*READERS)
def audit_log():
    form = AuditFilterForm(request.args)
    query = _filtered_query(form)
    page = db.paginate(query, page=integer_argument("page", 1), per_page=PER_PAGE, error_out=False) \
        if query is not None else None
    args = {key: value for key, value in request.args.items() if key != "page" and value}
    names = checklist_names(page.items) if page else {}
    return render_template("admin/audit.html", form=form, page=page, args=args,
                           sentence=lambda event: sentence(event, names)), 200 if query is not None else 422


@admin.get("/audit.csv")
@roles_required(*READERS)
def audit_csv():
    form = AuditFilterForm(request.args)
    query = _filtered_query(form)
    if query is None:
        return render_template("admin/audit.html", form=form, page=None, args={}, sentence=None), 422
    audit.record(AuditEventType.EXPORT, current_user, ("export", "audit_log"), {
        "event": form.event.data or None, "actor": form.actor.data or None,
        "from": form.date_from.data.isoformat() if form.date_from.data else None,
        "to": form.date_to.data.isoformat() if form.date_to.data else None,
    })
    db.session.commit()

    def rows():
        buffer = io.StringIO()
        writer = CsvWriter(buffer)
        writer.writerow(CSV_COLUMNS)
        for count, (event_id, created_at, event, actor, target_type, target, details) in enumerate(audit.event_rows(query), 1):
            writer.writerow((event_id, created_at.strftime("%Y-%m-%dT%H:%M:%SZ"), event, actor, target_type, target,
                             json.dumps(details, sort_keys=True, ensure_ascii=False)))
            if count % 1000 == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    headers = {"Content-Disposition": 'attachment; filename="court-monitor-audit-log.csv"', "Cache-Control": "private, no-store"}
    return Response(stream_with_context(rows()), mimetype="text/csv", headers=headers)

