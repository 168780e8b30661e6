"""The review queue: checklists waiting for review (oldest first), counts per state, filters, and
approving several at once after one confirmation. Queries and writes are `monitor.services.review_queue`."""
from flask import render_template, request, url_for
from flask_login import current_user

from monitor.access import REVIEW_ROLES, roles_required
from monitor.extensions import db
from monitor.input_guard import integer_argument
from monitor.review import review
from monitor.review.forms import QUEUE_STATE_LABELS, STATE_LABELS, WAITING, QueueFilterForm
from monitor.services import four_eyes
from monitor.services import review_queue as service

PER_PAGE = 25


@review.get("/")
@roles_required(*REVIEW_ROLES)
def queue():
    form = QueueFilterForm(request.args)
    checklist_filter = form.to_filter() if form.validate() else QueueFilterForm(formdata=None).to_filter()
    page = db.paginate(service.queue_query(checklist_filter), page=integer_argument("page", 1), per_page=PER_PAGE,
                       error_out=False)
    args = {key: value for key, value in request.args.items() if key != "page" and value}
    counts = service.state_counts(checklist_filter)
    state = form.state.data or WAITING
    filters = {key: value for key, value in args.items() if key not in ("state", "lang")}
    tabs = [(value, label, counts.get(value, sum(counts.values())), url_for("review.queue", **filters, state=value))
            for value, label in QUEUE_STATE_LABELS.items()]
    return render_template("review/queue.html", form=form, page=page, args=args, state_labels=STATE_LABELS, tabs=tabs,
                           state=state if state in QUEUE_STATE_LABELS else WAITING, filtered=bool(filters),
                           selectable={c.uuid for c in page.items
                                       if c.status == WAITING and not four_eyes.blocks(c, current_user)})


@review.post("/approve")
@roles_required(*REVIEW_ROLES)
def approve_selected():
    """First the confirmation (what will be approved, what is skipped and why); then, confirmed, approve."""
    picks = service.parse_picks(request.form.getlist("pick"))
    if request.form.get("confirmed"):
        result = service.approve_selected(picks, current_user)
        return render_template("review/approved.html", result=result)
    selection = service.select_for_approval(picks, current_user)
    return render_template("review/approve_confirm.html", selection=selection), 200 if picks else 422
