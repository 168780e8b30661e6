"""Courts: list, add, rename, deactivate and reactivate."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from monitor.access import roles_required
from monitor.admin import admin
from monitor.admin.forms import CourtChangeForm, CourtForm
from monitor.models import Role
from monitor.services import courts as service


def _render(form: CourtForm, status: int = 200):
    courts = service.all_courts(active_first=True)
    return render_template("admin/courts.html", courts=courts, form=form, change_form=CourtChangeForm()), status


@admin.get("/courts")
@roles_required(Role.ADMIN)
def courts():
    return _render(CourtForm())


@admin.post("/courts")
@roles_required(Role.ADMIN)
def add_court():
    form = CourtForm()
    if form.validate():
        try:
            court = service.add_court(current_user, form.key.data, form.name.data, form.name_km.data)
        except service.CourtRefused as refused:
            form.key.errors.append(str(refused))
        else:
            flash(_("Court '%(name)s' added.", name=court.name))
            return redirect(url_for("admin.courts"))
    return _render(form, 422)


@admin.post("/courts/<int:court_id>")
@roles_required(Role.ADMIN)
def change_court(court_id: int):
    court = service.court_by_id(court_id)
    if court is None:
        abort(404, _("There is no such court."))
    form = CourtChangeForm()
    if not form.validate() or form.change.data not in ("rename", "deactivate", "reactivate"):
        abort(400, _("The form was incomplete; reload the page and try again."))
    try:
        if form.change.data == "rename":
            service.rename_court(current_user, court, form.name.data, form.name_km.data)
        else:
            service.set_court_active(current_user, court, form.change.data == "reactivate")
    except service.CourtRefused as refused:
        flash(str(refused), "error")
    else:
        flash(_("Court '%(name)s' saved.", name=court.name))
    return redirect(url_for("admin.courts"))
