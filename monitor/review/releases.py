"""Manager pages: published releases, the preview of a period exactly as the public will see it, and publishing.

Thin views: everything is `monitor.services.releases`. The form is protected by CSRF (CSRFProtect)."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from monitor.access import roles_required
from monitor.models import Role
from monitor.services import newsletters
from monitor.services import releases as service
from monitor.services import settings
from monitor.services import statistics as statistics_service
from monitor.services.statistics_files import template_context

releases = Blueprint("releases", __name__, url_prefix="/releases")
MANAGERS = (Role.MANAGER, Role.ADMIN)


@releases.get("")
@roles_required(*MANAGERS)
def index():
    choices = statistics_service.period_choices(statistics_service.reporting_year_start_month())
    latest_ended = next((choice.label for choice in choices if service.has_ended(choice)), None)
    return render_template("releases/index.html", releases=service.all_releases(), choices=choices,
                           selected=request.args.get("period") or latest_ended, ended=service.has_ended,
                           counted=service.counted_checklist_ids, **template_context())


def _preview(period_text: str | None, errors: dict, errata: str = ""):
    try:
        period = service.publishable_period(period_text)
    except service.PublishRefused as refused:
        flash(refused.problems.get("period", ""), "error")
        return redirect(url_for("releases.index"))
    try:
        draft = service.prepare(period)
    except service.PublishRefused as refused:  # the disclosure audit refused, or could not run
        flash(refused.problems.get("period", ""), "error")
        return redirect(url_for("releases.index"))
    release = {"version": draft.next_version, "superseded": False, "errata": errata, "methodology": draft.methodology,
               "definitions": draft.definitions}
    return render_template("releases/preview.html", draft=draft, release=release, report=draft.report, preview=True,
                           not_over=service.not_over_message(period), errors=errors, errata=errata,
                           default_name=settings.organisation_is_default(), address=service.publication_address(),
                           **template_context()), 400 if errors else 200


@releases.get("/preview")
@roles_required(*MANAGERS)
def preview():
    return _preview(request.args.get("period"), {})


@releases.post("")
@roles_required(*MANAGERS)
def publish():
    period, errata = request.form.get("period"), request.form.get("errata", "")
    try:
        release = service.publish(period, errata, by=current_user, pending_confirmed=bool(request.form.get("pending_confirmed")))
    except service.PublishRefused as refused:
        if "period" not in refused.problems:
            return _preview(period, refused.problems, errata)
        flash(refused.problems["period"], "error")
        return redirect(url_for("releases.index", period=period))
    flash(_("Published %(period)s version %(version)s.", period=release.period_label, version=release.version))
    return redirect(url_for("public.release", period=release.period_label, version=release.version))


def _newsletter_page(period_text: str | None, errors: dict, values: dict | None = None):
    try:
        period = service.publishable_period(period_text)
    except service.PublishRefused as refused:
        flash(refused.problems.get("period", ""), "error")
        return redirect(url_for("releases.index"))
    draft = service.prepare(period)
    source = newsletters.draft(period.label)
    return render_template("releases/newsletter.html", report=draft.report, source=source, values=values,
                           checks=newsletters.checks(source, draft.report), errors=errors,
                           organisation=settings.organisation_name(), default_name=settings.organisation_is_default(),
                           logo=settings.organisation_logo(), **template_context()), 400 if errors else 200


@releases.get("/newsletter")
@roles_required(*MANAGERS)
def newsletter():
    """The manager's newsletter for a period: the draft, and what to check before publishing."""
    return _newsletter_page(request.args.get("period"), {})


@releases.post("/newsletter")
@roles_required(*MANAGERS)
def save_newsletter():
    period_text = request.form.get("period")
    try:
        period = service.publishable_period(period_text)
    except service.PublishRefused as refused:
        flash(refused.problems.get("period", ""), "error")
        return redirect(url_for("releases.index"))
    data = {**request.form.to_dict(), "headlines": request.form.getlist("headlines")}
    try:
        newsletters.save_draft(period.label, data, service.prepare(period).report, current_user)
    except newsletters.NewsletterInvalid as invalid:
        return _newsletter_page(period.label, invalid.problems, data)
    flash(_("Newsletter draft for %(period)s saved.", period=period.label))
    return redirect(url_for("releases.newsletter", period=period.label))


@releases.post("/organisation")
@roles_required(*MANAGERS)
def organisation():
    """The publisher's name and logo, printed on every release."""
    period = request.form.get("period", "")
    upload = request.files.get("logo")
    try:
        settings.set_organisation(request.form.get("organisation", ""), upload.read() if upload else None, current_user)
    except settings.SettingInvalid as invalid:
        flash(str(invalid), "error")
    else:
        flash(_("Organisation saved."))
    return redirect(url_for("releases.newsletter", period=period) if period else url_for("releases.index"))
