"""Sign-in and sign-out pages, and a password change: thin callers of `services.accounts`.

The session cookie carries a server-side session id (Flask-Login's user id); each request looks it
up, so a session ended by signing out, a new password or IT is refused even from a copied cookie.
"""

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import UserMixin, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

from gateway.domain.accounts import Account
from gateway.domain.sessions import session_account
from gateway.services import accounts
from gateway.services.outcomes import InvalidField, SignInRefused
from gateway.web.context import council, db, gateway
from gateway.web.extensions import login_manager

blueprint = Blueprint("auth", __name__)


class User(UserMixin):
    """The signed-in account as Flask-Login sees it; its id is the session's, not the account's."""

    def __init__(self, account: Account, session_id: str):
        self.account = account
        self.session_id = session_id
        self.id = account.id
        self.name = account.name
        self.kind = account.kind
        self.roles = account.roles

    def get_id(self) -> str:
        return self.session_id

    @property
    def is_member(self) -> bool:
        return self.kind == "member"

    @property
    def is_proper_officer(self) -> bool:
        return self.account.is_proper_officer

    @property
    def is_admin(self) -> bool:
        return self.account.is_admin

    @property
    def is_auditor(self) -> bool:
        return self.account.is_auditor


@login_manager.user_loader
def load_user(session_id: str):
    account = session_account(db(), session_id)
    return User(account, session_id) if account else None


class SignInForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(message="Enter your username"), Length(max=100)])
    password = PasswordField("Password", validators=[DataRequired(message="Enter your password"), Length(max=200)])
    next = HiddenField()


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[
        DataRequired(message="Enter your current password"), Length(max=200)])
    new_password = PasswordField("New password (10 characters or more)", validators=[
        DataRequired(message="Enter a new password"), Length(max=200)])


def home_for(user) -> str:
    if user.is_member:
        return url_for("councillor.search")
    if user.is_proper_officer:   # and deputies: the dashboard's figures lead to the queue and the lists
        return url_for("dashboard.dashboard")
    if user.is_admin or user.is_auditor:
        return url_for("admin.index")
    return url_for("councillor.search")


def same_site(target: str | None) -> str | None:
    """`target` when it is a path on this site ("/documents/x?y"); None for anything that could leave it."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc and not any(c < " " for c in target) else None


def _it_contact() -> str:
    """Who unlocks accounts: the council file's `it_contact`, else the council's IT service desk."""
    settings = council()
    return (settings.it_contact if settings is not None else None) or "the council's IT service desk"


def _begin(signed_in) -> None:
    session.clear()  # no value of the signed-out session carries over (session fixation)
    login_user(User(signed_in.account, signed_in.secret))


@blueprint.route("/")
def index():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    return redirect(url_for("auth.sign_in"))


@blueprint.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    if request.method == "GET":
        form.next.data = same_site(request.args.get("next")) or ""
    error = None
    if form.validate_on_submit():
        try:
            signed_in = accounts.sign_in(gateway(), db(), form.username.data, form.password.data, via="web")
        except SignInRefused as exc:
            error = exc.message + (f" To be let in sooner, contact {_it_contact()}." if exc.locked else "")
        else:
            _begin(signed_in)
            return redirect(same_site(form.next.data) or home_for(current_user))
    status = 200 if error is None and not form.errors else 400
    return render_template("sign_in.html", form=form, error=error), status


@blueprint.route("/sign-out", methods=["POST"])
@login_required
def sign_out():
    accounts.sign_out(gateway(), db(), current_user.id)
    logout_user()
    flash("You have signed out.")
    return redirect(url_for("auth.sign_in"))


@blueprint.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            signed_in = accounts.change_password(gateway(), db(), current_user.id, form.current_password.data,
                                                 form.new_password.data)
        except InvalidField as exc:
            form[exc.field].errors = [exc.message[:1].upper() + exc.message[1:]]
        else:
            _begin(signed_in)
            flash("Your password is changed. Every other session of your account has ended.")
            return redirect(home_for(current_user))
    return render_template("password.html", form=form, title="Change your password"), 400 if form.errors else 200
