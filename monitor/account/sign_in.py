"""Signing in and out."""
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired

from monitor.extensions import db, limiter
from monitor.models import AuditEventType
from monitor.security import sessions, throttling
from monitor.security.passwords import verify_password
from monitor.services import accounts, audit

auth = Blueprint("auth", __name__)


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(message=_l("Enter your username."))])
    password = PasswordField(_l("Password"), validators=[DataRequired(message=_l("Enter your password."))])


def _safe_next(target: str | None) -> str:
    """Only follow `next` to a path on this site, never to another host."""
    if target and not urlsplit(target).netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("pages.home")


def _locked_out(form: LoginForm):
    form.password.errors.append(_("Too many wrong passwords for this account. Sign-in is paused for %(minutes)s "
                                  "minutes; try again later or ask an administrator to unlock it.",
                                  minutes=current_app.config["SIGN_IN_LOCKOUT_MINUTES"]))
    return render_template("auth/login.html", form=form), 429


@auth.route("/login", methods=["GET", "POST"])
@limiter.limit(throttling.sign_in_rate_limit, methods=["POST"],
               error_message=lambda: _("Too many sign-in attempts from your network. Wait a minute and try again."))
def login():
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    form = LoginForm()
    if form.validate_on_submit():
        username = form.username.data.strip()
        attempt = throttling.claim_attempt(username)  # counted before the password is checked
        if attempt is None:
            return _locked_out(form)
        user = accounts.account_named(username)
        # Checked for unknown and deactivated accounts too: every refusal costs the same time.
        if verify_password(user, form.password.data) and user.active:
            throttling.forget_failures(username)
            sessions.sign_in(user)  # a new session: nothing of the anonymous one survives
            audit.record(AuditEventType.SIGN_IN, user)
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")))
        reason = "unknown username" if user is None else ("deactivated" if not user.active else "wrong password")
        audit.record(AuditEventType.SIGN_IN_FAILED, None, None,
                     {"username": form.username.data.strip()[:80], "reason": reason})
        db.session.commit()
        if throttling.confirm_failure(username, attempt):
            return _locked_out(form)
        form.password.errors.append(_("Wrong username or password."))
    return render_template("auth/login.html", form=form)


@auth.route("/logout", methods=["POST"])
def logout():
    if current_user.is_authenticated:
        audit.record(AuditEventType.SIGN_OUT, current_user._get_current_object())
        db.session.commit()
    sessions.sign_out()  # this session's row goes: a copied cookie is signed out too
    flash(_("You are signed out."))
    return redirect(url_for("auth.login"))
