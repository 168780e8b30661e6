"""Configuration: the reporting calendar and which checklist version new checklists use."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from monitor.access import roles_required
from monitor.admin import admin
from monitor.admin.forms import MONTHS, ActivateVersionForm, CalendarForm
from monitor.models import Role
from monitor.services import settings
from monitor.services.definitions import current_definition, registry


def _render(calendar_form: CalendarForm, status: int = 200):
    checklists = [(key, registry().versions(key), current_definition(key)) for key in registry().keys()]
    return render_template("admin/configuration.html", calendar_form=calendar_form, checklists=checklists,
                           activate_form=ActivateVersionForm(), months=MONTHS,
                           start_month=settings.reporting_year_start_month()), status


@admin.get("/configuration")
@roles_required(Role.ADMIN)
def configuration():
    return _render(CalendarForm(start_month=settings.reporting_year_start_month()))


@admin.post("/configuration/calendar")
@roles_required(Role.ADMIN)
def set_calendar():
    form = CalendarForm()
    if not form.validate():
        return _render(form, 422)
    settings.set_reporting_year_start_month(form.start_month.data, current_user)
    flash(_("The reporting year now starts in %(month)s.", month=MONTHS[form.start_month.data - 1]))
    return redirect(url_for("admin.configuration"))


@admin.post("/configuration/checklist-version")
@roles_required(Role.ADMIN)
def activate_version():
    form = ActivateVersionForm()
    if not form.validate():
        flash(_("Choose a checklist version to activate."))
        return redirect(url_for("admin.configuration"))
    try:
        settings.activate_version(form.checklist.data, form.version.data, current_user)
    except settings.SettingInvalid as invalid:
        flash(str(invalid), "error")
    else:
        flash(_("New checklists are now filled with %(checklist)s version %(version)s; "
                "checklists already started keep their version.", checklist=form.checklist.data, version=form.version.data))
    return redirect(url_for("admin.configuration"))
