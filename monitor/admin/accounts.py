"""Accounts: list, create, change role, deactivate or reactivate, reset password, delete."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from monitor.access import roles_required
from monitor.admin import admin
from monitor.admin.forms import AccountChangeForm, CreateAccountForm
from monitor.labels import role_label
from monitor.models import Role
from monitor.services import accounts as service


def _render(create_form: CreateAccountForm, status: int = 200):
    users = service.all_accounts()
    return render_template("admin/accounts.html", users=users, form=create_form, change_form=AccountChangeForm(),
                           deletable={u.id for u in users if not service.has_history(u)}), status


@admin.get("/accounts")
@roles_required(Role.ADMIN)
def accounts():
    return _render(CreateAccountForm())


@admin.post("/accounts")
@roles_required(Role.ADMIN)
def create_account():
    form = CreateAccountForm()
    if form.validate():
        try:
            user = service.create_account(current_user, form.username.data, form.display_name.data, form.role.data,
                                          form.password.data)
        except service.AccountRefused as refused:
            form.username.errors.append(str(refused))
        else:
            flash(_("Account '%(username)s' created.", username=user.username))
            return redirect(url_for("admin.accounts"))
    return _render(form, 422)


@admin.post("/accounts/<int:user_id>")
@roles_required(Role.ADMIN)
def change_account(user_id: int):
    user = service.account_by_id(user_id)
    if user is None:
        abort(404, _("There is no such account."))
    form = AccountChangeForm()
    if not form.validate():
        abort(400, _("The form was incomplete; reload the page and try again."))
    changes = {
        "role": lambda: service.change_role(current_user, user, form.role.data),
        "deactivate": lambda: service.set_active(current_user, user, False),
        "reactivate": lambda: service.set_active(current_user, user, True),
        "password": lambda: service.set_password(current_user, user, form.password.data or ""),
        "delete": lambda: service.delete_account(current_user, user),
    }
    if form.change.data not in changes:
        abort(400, _("Unknown change."))
    if form.change.data in ("role", "deactivate", "delete") and user.id == current_user.id:
        flash(_("You cannot change your own role, deactivate or delete yourself; ask another administrator."))
        return redirect(url_for("admin.accounts"))
    username = user.username
    try:
        changes[form.change.data]()
    except (service.AccountRefused, ValueError) as refused:
        flash(str(refused), "error")
    else:
        flash({
            "role": lambda: _("'%(username)s' now has the role %(role)s.", username=username, role=role_label(form.role.data)),
            "deactivate": lambda: _("'%(username)s' can no longer sign in.", username=username),
            "reactivate": lambda: _("'%(username)s' can sign in again.", username=username),
            "password": lambda: _("New password set for '%(username)s'.", username=username),
            "delete": lambda: _("Account '%(username)s' deleted.", username=username),
        }[form.change.data]())
    return redirect(url_for("admin.accounts"))
