"""A signed-in user's own account: change the password, sign out everywhere, create, list and revoke API tokens."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from monitor.security import sessions
from monitor.services import accounts
from monitor.services import tokens as token_service

account = Blueprint("account", __name__, url_prefix="/account")


class NewTokenForm(FlaskForm):
    name = StringField(_l("What is the token for?"), validators=[
        DataRequired(message=_l("Say what the token is for, e.g. 'Office laptop script'.")),
        Length(max=120, message=_l("Keep it under 120 characters.")),
    ])


class RevokeForm(FlaskForm):
    """Only the CSRF token: revoking is a POST from our own page."""


class SignOutEverywhereForm(FlaskForm):
    """Only the CSRF token: a POST from our own page."""


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(message=_l("Enter your current password."))])
    new = PasswordField(_l("New password"), validators=[DataRequired(message=_l("Enter a new password."))])
    repeat = PasswordField(_l("New password again"), validators=[
        DataRequired(message=_l("Enter the new password again.")),
        EqualTo("new", message=_l("The two new passwords are not the same.")),
    ])


def _tokens_page(form: NewTokenForm, new_secret: str | None = None, status: int = 200):
    response = render_template("account/tokens.html", form=form, revoke_form=RevokeForm(),
                               tokens=token_service.tokens_of(current_user), new_secret=new_secret)
    return response, status, {"Cache-Control": "no-store"}


@account.get("/tokens")
@login_required
def tokens():
    return _tokens_page(NewTokenForm())


@account.post("/tokens")
@login_required
def create_token():
    form = NewTokenForm()
    if not form.validate_on_submit():
        return _tokens_page(form, status=422)
    _token, secret = token_service.create_token(current_user, form.name.data)
    # Rendered, not redirected: a flashed message would put the secret into the session cookie.
    return _tokens_page(NewTokenForm(formdata=None), new_secret=secret, status=201)


@account.post("/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    token = token_service.token_of(current_user, token_id)
    if token is None:
        abort(404, _("You have no token with this number."))
    if RevokeForm().validate_on_submit() and token_service.revoke_token(token):
        flash(_("The token is revoked; devices using it can no longer connect."))
    return redirect(url_for("account.tokens"))


@account.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("This is not your current password."))
        else:
            try:
                user = current_user._get_current_object()
                accounts.set_password(user, user, form.new.data)
            except accounts.AccountRefused as refused:
                form.new.errors.append(str(refused))
            else:
                sessions.sign_in(user)  # every session ended with the change; this browser starts a new one
                flash(_("Your password is changed. Every other phone or computer must sign in again with it."))
                return redirect(url_for("account.tokens"))
    return _password_page(form, 422 if form.errors else 200)


def _password_page(form: PasswordForm, status: int = 200):
    return render_template("account/password.html", form=form, everywhere_form=SignOutEverywhereForm()), status


@account.post("/sign-out-everywhere")
@login_required
def sign_out_everywhere():
    """End every session of this account, this browser's included (a lost phone, a shared computer)."""
    if not SignOutEverywhereForm().validate_on_submit():
        return _password_page(PasswordForm(formdata=None), 400)
    user = current_user._get_current_object()
    accounts.sign_out_everywhere(user, user)
    sessions.sign_out()
    flash(_("You are signed out on every phone and computer. Checklists waiting on a phone stay there and are sent "
            "when you sign in on it again."))
    return redirect(url_for("auth.login"))
