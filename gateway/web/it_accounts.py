"""IT's account pages: add a member or officer, disable or enable an account, reset a password. Thin callers
of `services.account_admin`; a generated password is shown once, on the answer to the form that made it
(never in a redirect, a flash message or the log); the app marks every answer no-store."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from gateway.domain.accounts import account_row
from gateway.domain.models import Group, Member
from gateway.services import account_admin
from gateway.services.outcomes import Conflict, InvalidField
from gateway.web.admin_forms import AddAccountForm
from gateway.web.context import db, gateway
from gateway.web.forms import ConfirmForm, options
from gateway.web.pages import guard, show_on_form

blueprint = Blueprint("accounts", __name__, url_prefix="/admin/accounts")
guard(blueprint, lambda user: user.is_admin)


def _back(account_id: str) -> str:
    """The page the account's buttons are on: a member's own page, or the members and officers page."""
    if db().get(Member, account_id) is not None:
        return url_for("admin.member", member_id=account_id)
    return url_for("admin.members")


@blueprint.route("/new", methods=["GET", "POST"])
def add():
    form = AddAccountForm()
    form.group.choices = options([("", "Not in a group")] + list(db().execute(
        select(Group.id, Group.name).order_by(Group.name))))
    error = None
    if form.validate_on_submit():
        kind = form.kind.data
        values = {"id": (form.id.data or "").strip(), "name": (form.name.data or "").strip(),
                  "email": (form.email.data or "").strip() or None}
        if kind == "member":
            values.update(group=form.group.data or None, ward=(form.ward.data or "").strip() or None)
        else:
            values.update(roles=list(form.roles.data or []), service=(form.service.data or "").strip() or None)
        try:
            account, password = account_admin.add_account(gateway(), db(), current_user.id, kind, values)
        except InvalidField as exc:
            field = exc.field.split("[", 1)[0].split(".", 1)[0]   # roles[0] -> roles
            message = f"{form[field].label.text}: {exc.message}" if field in form else exc.message
            error = show_on_form(form, InvalidField(field, message))
        else:
            return render_template("accounts/password.html", account=account, password=password, added=True,
                               back=_back(account["id"]), title=f"{account['name']}'s account is ready")
    status = 400 if (error or form.errors) else 200
    return render_template("accounts/new.html", form=form, error=error,
                           title=("Error: " if status == 400 else "") + "Add an account"), status


def _confirmed() -> None:
    if not ConfirmForm().validate_on_submit():
        abort(400)


@blueprint.route("/<account_id>/disable", methods=["POST"])
def disable(account_id):
    _confirmed()
    try:
        account = account_admin.disable_account(gateway(), db(), current_user.id, account_id)
    except Conflict as exc:
        flash(exc.message)
    else:
        flash(f"{account['name']}'s account is disabled: they are signed out everywhere and cannot sign in.")
    return redirect(_back(account_id))


@blueprint.route("/<account_id>/enable", methods=["POST"])
def enable(account_id):
    _confirmed()
    account = account_admin.enable_account(gateway(), db(), current_user.id, account_id)
    flash(f"{account['name']}'s account is enabled: they can sign in with their password again.")
    return redirect(_back(account_id))


@blueprint.route("/<account_id>/password", methods=["POST"])
def reset_password(account_id):
    _confirmed()
    password = account_admin.reset_password(gateway(), db(), current_user.id, account_id)
    account = account_admin.account_json(account_row(db(), account_id))
    return render_template("accounts/password.html", account=account, password=password, added=False,
                       back=_back(account_id), title=f"A new password for {account['name']}")
