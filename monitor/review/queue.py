"""The review queue: every checklist of the organisation, filtered and paginated."""
from flask import render_template, request
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from monitor.access import REVIEW_ROLES, roles_required
from monitor.extensions import db
from monitor.input_guard import integer_argument
from monitor.review import review
from monitor.review.forms import STATE_LABELS, QueueFilterForm
from monitor.models import Checklist

PER_PAGE = 25


@review.get("/")
@roles_required(*REVIEW_ROLES)
def queue():
    form = QueueFilterForm(request.args)
    checklist_filter = form.to_filter() if form.validate() else QueueFilterForm().to_filter()
    query = checklist_filter.apply(
        select(Checklist).options(selectinload(Checklist.court), selectinload(Checklist.monitor), selectinload(Checklist.accused))
    ).order_by(Checklist.submitted_at.desc().nulls_last(), Checklist.id.desc())
    page = db.paginate(query, page=integer_argument("page", 1), per_page=PER_PAGE, error_out=False)
    args = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template("review/queue.html", form=form, page=page, args=args, state_labels=STATE_LABELS)
