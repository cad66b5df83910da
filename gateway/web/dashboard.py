"""The Proper Officer's view of the service: the dashboard, the lists behind its figures, the Decided tab
(who decided, their reasons, on time or not; filtered, exported as CSV) and the standard reasons.
The Proper Officer and their deputies only; every figure and list comes from `services.oversight`."""

import io
from datetime import UTC, datetime

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from gateway.domain.accounts import account_names
from gateway.domain.clock import london_today
from gateway.domain.models import Member, Referral
from gateway.services import oversight
from gateway.services import standard_reasons as reason_service
from gateway.services.outcomes import InvalidField, NotFound
from gateway.web.admin_forms import DecidedFilterForm, StandardReasonForm
from gateway.web.context import db, gateway
from gateway.web.forms import ConfirmForm, options
from gateway.web.pages import guard, register_filters, show_on_form

blueprint = Blueprint("dashboard", __name__, url_prefix="/officer")
guard(blueprint, lambda user: user.is_proper_officer)
register_filters(blueprint)

DECIDED_PAGE_SIZE = 100


@blueprint.route("/dashboard")
def dashboard():
    today = london_today()
    figures = oversight.dashboard(db(), today)
    return render_template("dashboard/dashboard.html", figures=figures, month=oversight.this_month(today),
                           today=today, title="How the service is doing")


@blueprint.route("/requests/<name>")
def requests(name):
    """The requests one of the dashboard's figures counts."""
    if name not in oversight.LISTS:
        abort(404)
    session, today = db(), london_today()
    rows = oversight.requests(session, name, today)
    return render_template("dashboard/requests.html", rows=rows, name=name, heading=oversight.LISTS[name],
                           names=oversight.names(session, rows), titles=oversight.titles(session, rows), today=today,
                           title=oversight.LISTS[name])


def _decided_filter(form: DecidedFilterForm) -> oversight.DecidedFilter:
    session = db()
    deciders = sorted(set(session.scalars(select(Referral.decided_by).where(Referral.decided_by.is_not(None)))))
    names = account_names(session, deciders)
    form.decider.choices = options([("", "Anyone")] + [(d, names.get(d, d)) for d in deciders])
    form.member.choices = options([("", "Any member")] + list(session.execute(
        select(Member.id, Member.name).order_by(Member.name))))
    if not form.validate():
        return None
    return oversight.DecidedFilter(
        decider=form.decider.data or None, outcome=form.outcome.data or None, member=form.member.data or None,
        on_time={"yes": True, "no": False}.get(form.on_time.data), since=form.since.data, until=form.until.data)


@blueprint.route("/decided")
def decided():
    """Decided requests with who decided, their reasons and whether on time; ?format=csv exports what is shown."""
    session = db()
    form = DecidedFilterForm(formdata=request.args)
    chosen = _decided_filter(form)
    rows = oversight.decided(session, chosen) if chosen is not None else []
    args = {k: v for k, v in request.args.items() if k not in ("page", "format") and v}
    if request.args.get("format") == "csv" and chosen is not None:
        out = io.StringIO()
        oversight.write_decided_csv(session, rows, out)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        response = Response(out.getvalue(), mimetype="text/csv")
        response.charset = "utf-8"
        response.headers["Content-Disposition"] = f'attachment; filename="decided-{stamp}.csv"'
        return response
    try:
        page = max(1, int(request.args.get("page", 1)))
    except ValueError:
        page = 1
    pages = max(1, -(-len(rows) // DECIDED_PAGE_SIZE))
    page = min(page, pages)
    shown = rows[(page - 1) * DECIDED_PAGE_SIZE: page * DECIDED_PAGE_SIZE]
    return render_template("dashboard/decided.html", form=form, rows=shown, total=len(rows), page=page, pages=pages,
                           args=args, names=oversight.names(session, shown), titles=oversight.titles(session, shown),
                           on_time=oversight.on_time,
                           title=("Error: " if form.errors else "") + "Decided requests"), 400 if form.errors else 200


# -- standard reasons ------------------------------------------------------------------------------

def _reasons_page(form=None, error=None, status=200):
    return render_template("dashboard/reasons.html", reasons=reason_service.standard_reasons(db()),
                           form=form or StandardReasonForm(formdata=None), error=error, remove=ConfirmForm(),
                           title=("Error: " if status == 400 else "") + "Standard reasons"), status


@blueprint.route("/reasons", methods=["GET", "POST"])
def reasons():
    """The standard reasons, and a form to add one."""
    form = StandardReasonForm()
    if not form.validate_on_submit():
        return _reasons_page(form if request.method == "POST" else None, status=400 if form.errors else 200)
    try:
        reason_service.save_reason(gateway(), db(), current_user.id, form.title.data, form.text.data)
    except InvalidField as exc:
        return _reasons_page(form, show_on_form(form, exc), status=400)
    flash(f"“{form.title.data.strip()}” is added to the standard reasons.")
    return redirect(url_for("dashboard.reasons"))


@blueprint.route("/reasons/<int:reason_id>", methods=["GET", "POST"])
def edit_reason(reason_id):
    try:
        row = reason_service.reason(db(), reason_id)
    except NotFound:
        abort(404)
    form = StandardReasonForm(obj=row)
    error = None
    if form.validate_on_submit():
        try:
            reason_service.save_reason(gateway(), db(), current_user.id, form.title.data, form.text.data, reason_id)
        except InvalidField as exc:
            error = show_on_form(form, exc)
        else:
            flash("The standard reason is changed. Decisions already made keep the words they were made with.")
            return redirect(url_for("dashboard.reasons"))
    status = 400 if (error or form.errors) else 200
    return render_template("dashboard/reason_edit.html", form=form, error=error, reason_id=reason_id,
                           title=("Error: " if status == 400 else "") + "Change a standard reason"), status


@blueprint.route("/reasons/<int:reason_id>/remove", methods=["POST"])
def remove_reason(reason_id):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        reason_service.remove_reason(gateway(), db(), current_user.id, reason_id)
    except NotFound:
        abort(404)
    flash("The standard reason is removed. Decisions already made keep its words.")
    return redirect(url_for("dashboard.reasons"))
