"""Sign-in and sign-out (Flask-Login sessions, Argon2 passwords, lock-out), every attempt audited."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import UserMixin, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from gateway.domain.accounts import Account, SignInError, authenticate, find_account
from gateway.domain.audit import Entry
from gateway.web.app import login_manager
from gateway.web.context import db, gateway

blueprint = Blueprint("auth", __name__)


class User(UserMixin):
    """The signed-in account as Flask-Login sees it."""

    def __init__(self, account: Account):
        self.account = account
        self.id = account.id
        self.name = account.name
        self.kind = account.kind
        self.roles = account.roles

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
def load_user(account_id: str):
    account = find_account(db(), account_id)
    return User(account) if account else None


class SignInForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(message="Enter your username"), Length(max=100)])
    password = PasswordField("Password", validators=[DataRequired(message="Enter your password"), Length(max=200)])


def home_for(user) -> str:
    if user.is_member:
        return url_for("councillor.search")
    if user.is_proper_officer:
        return url_for("officer.queue")
    if user.is_admin or user.is_auditor:
        return url_for("admin.index")
    return url_for("councillor.search")


@blueprint.route("/")
def index():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    return redirect(url_for("auth.sign_in"))


@blueprint.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    error = None
    if form.validate_on_submit():
        username = form.username.data.strip()
        session = db()
        try:
            account = authenticate(session, username, form.password.data)
        except SignInError as exc:
            session.commit()  # keep the failure count
            gateway().audit.append(Entry("signin_failed", actor=None, detail={"username": username[:100]}))
            error = str(exc)
        else:
            session.commit()
            gateway().audit.append(Entry("signin", actor=account.id))
            login_user(User(account))
            return redirect(home_for(current_user))
    status = 200 if error is None and not form.errors else 400
    return render_template("sign_in.html", form=form, error=error), status


@blueprint.route("/sign-out", methods=["POST"])
@login_required
def sign_out():
    gateway().audit.append(Entry("signout", actor=current_user.id))
    logout_user()
    flash("You have signed out.")
    return redirect(url_for("auth.sign_in"))
