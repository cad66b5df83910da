"""IT's pages: the council file, the people and committees, the policy (with a dry run, versions and
reverts), ingestion status and the audit log. Admins change things; auditors and the Proper
Officer may read what makes sense for them.
"""

import difflib
import hashlib
import io
from datetime import UTC, datetime
from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.utils import secure_filename

from gateway.access import policies
from gateway.domain.models import (
    AuditRecord,
    Committee,
    CouncilSettings,
    Document,
    Group,
    Interest,
    Matter,
    Member,
    Notice,
    Officer,
    PolicyVersion,
    Portfolio,
    Referral,
    Seat,
)
from gateway.services import amendments
from gateway.services import audit as audit_service
from gateway.services import council as council_service
from gateway.services import ingestion as ingestion_service
from gateway.services import members as member_service
from gateway.services import policy as policy_service
from gateway.services.outcomes import InvalidField, NotFound
from gateway.web.context import db, gateway
from gateway.web.forms import (
    ApplyCouncilForm,
    AuditFilterForm,
    ConfirmForm,
    CouncilUploadForm,
    PolicyForm,
    member_form,
    options,
)
from gateway.web.pages import guard, pairs, register_filters, require, show_on_form

blueprint = Blueprint("admin", __name__, url_prefix="/admin")
guard(blueprint, lambda user: user.is_admin or user.is_auditor or user.is_proper_officer)
register_filters(blueprint)

AUDIT_PAGE_SIZE = 50
DRY_RUN_SHOWN = 200


def is_it(user) -> bool:
    return user.is_admin


def _it_only() -> None:
    require(is_it)


@blueprint.context_processor
def _roles():
    return {"can_change": current_user.is_authenticated and current_user.is_admin}


@blueprint.route("/")
def index():
    session = db()
    council = session.get(CouncilSettings, 1)
    counts = {
        "members": session.scalar(select(func.count()).select_from(Member)),
        "officers": session.scalar(select(func.count()).select_from(Officer)),
        "committees": session.scalar(select(func.count()).select_from(Committee)),
        "groups": session.scalar(select(func.count()).select_from(Group)),
        "documents": session.scalar(select(func.count()).select_from(Document)),
        "pending": session.scalar(select(func.count()).select_from(Referral).where(Referral.status == "pending")),
    }
    active = session.scalars(select(PolicyVersion).where(PolicyVersion.active)).first()
    return render_template("admin/index.html", council=council, counts=counts, active=active,
                           title="Administration")


# -- the council file and its people ----------------------------------------------------------

SECTION_NAMES = {"council": "The council", "groups": "Party groups", "matters": "Matters", "portfolios": "Portfolios",
                 "committees": "Committees", "members": "Members", "officers": "Officers"}


@blueprint.route("/council", methods=["GET", "POST"])
def council():
    """Upload the council file: it is checked and shown as the changes it would make; `apply_council` loads it."""
    _it_only()
    form = CouncilUploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        name = secure_filename(upload.filename or "") or "council.yaml"
        staged = council_service.stage(gateway(), upload.read(), Path(name).suffix.lower())
        try:
            changes = council_service.preview(gateway(), staged, shown_name=name)
        except InvalidField as exc:
            staged.unlink(missing_ok=True)
            show_on_form(form, exc)
        else:
            counts = {"added": 0, "changed": 0, "not_in_file": 0}
            for entry in changes["entries"]:
                counts[entry["change"]] += 1
            return render_template("admin/council_preview.html", changes=changes, counts=counts, name=name,
                                   sections=SECTION_NAMES, form=ApplyCouncilForm(staged=staged.name, name=name),
                                   title="Check the changes before loading")
    status = 400 if form.errors else 200
    current = db().get(CouncilSettings, 1)
    return render_template("admin/council.html", form=form, error=None, council=current,
                           title=("Error: " if status == 400 else "") + "Upload the council file"), status


def shown_value(value) -> str:
    """A council-file value in words for the preview: lists joined, seats and interests as 'key: value'."""
    if value is None or value == [] or value == "":
        return "none"
    if isinstance(value, list):
        return "; ".join(shown_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, "", []))
    return str(value)


blueprint.add_app_template_filter(shown_value, "shown_value")


@blueprint.route("/council/apply", methods=["POST"])
def apply_council():
    """Loads the upload that was checked, in one go."""
    _it_only()
    form = ApplyCouncilForm()
    if not form.validate_on_submit():
        abort(400)
    name = secure_filename(form.name.data or "") or "council.yaml"
    try:
        counts = council_service.load_staged(gateway(), current_user.id, form.staged.data, name)
    except (InvalidField, NotFound) as exc:  # changed meanwhile (a committee removed?) or no longer kept
        flash(f"The council file was not loaded: {exc.message}")
        return redirect(url_for("admin.council"))
    flash("The council file is loaded: " + ", ".join(f"{n} {k}" for k, n in counts.items()) + ".")
    return redirect(url_for("admin.council"))


@blueprint.route("/members")
def members():
    session = db()
    rows = list(session.scalars(select(Member).order_by(Member.name)))
    officers = list(session.scalars(select(Officer).order_by(Officer.name)))
    return render_template("admin/members.html", members=rows, officers=officers, **_names(session),
                           locked=member_service.locked_accounts(session), form=ConfirmForm(),
                           requests=member_service.requests_by_member(gateway(), session, current_user.id),
                           title="Members and officers")


@blueprint.route("/members/<member_id>")
def member(member_id):
    session = db()
    row = session.get(Member, member_id)
    if row is None:
        abort(404)
    # IT: only requests for what it may discover, by title
    requests = member_service.requests_by_member(gateway(), session, current_user.id, row.id).get(row.id, [])
    locked = member_service.locked_accounts(session)
    return render_template("admin/member.html", m=row, requests=requests, **_names(session),
                           email=row.email, locked=locked.get(row.id), form=ConfirmForm(), title=row.name)


def _member_form(session, entry: dict):
    """The edit form for a member whose stored fields are `entry`, with the choices the council file allows."""
    committees = list(session.execute(select(Committee.id, Committee.name).order_by(Committee.name)))
    roles = {seat["committee"]: seat["role"] for seat in entry["committees"]}
    data = {"group": entry["group"] or "", "ward": entry["ward"] or "", "email": entry["email"] or "",
            "portfolio_holder": entry["portfolio_holder"], "opposition_spokesperson": entry["opposition_spokesperson"],
            **{f"seat_{n}": roles.get(ident, "") for n, (ident, _name) in enumerate(committees)}}
    for n, interest in enumerate(entry["interests"]):
        data.update({f"interest_{n}_kind": interest["kind"], f"interest_{n}_matter": interest["matter"],
                     f"interest_{n}_description": interest["description"]})
    form = member_form(committees, session.execute(select(Group.id, Group.name).order_by(Group.name)),
                       list(session.execute(select(Portfolio.id, Portfolio.name).order_by(Portfolio.name))),
                       session.execute(select(Matter.id, Matter.title).order_by(Matter.title)),
                       len(entry["interests"]), data=data)
    return form, [ident for ident, _name in committees]


def _member_changes(form, committees: list, interests: int) -> tuple[dict, dict]:
    """The member fields as the form gives them, and {the use-case's field prefix: the form's field name}
    so that a message about `committees[1].role` or `interests[0].matter` lands on the row it is about."""
    text = lambda value: (value or "").strip() or None  # noqa: E731
    changes = {"group": form.group.data or None, "ward": text(form.ward.data), "email": text(form.email.data),
               "portfolio_holder": list(form.portfolio_holder.data or []),
               "opposition_spokesperson": list(form.opposition_spokesperson.data or []),
               "committees": [], "interests": []}
    where = {}
    for n, ident in enumerate(committees):
        role = form[f"seat_{n}"].data
        if role:
            where[f"committees[{len(changes['committees'])}]"] = f"seat_{n}"
            changes["committees"].append({"committee": ident, "role": role})
    for n in range(interests + 1):
        row = {key: (form[f"interest_{n}_{key}"].data or "").strip() for key in ("kind", "matter", "description")}
        if (n < interests and form[f"interest_{n}_remove"].data) or (n == interests and not any(row.values())):
            continue
        where[f"interests[{len(changes['interests'])}]"] = f"interest_{n}"
        changes["interests"].append(row)
    return changes, where


def _form_field(form, field: str, where: dict) -> str:
    """The form's field for the use-case's `field` (e.g. interests[0].matter -> interest_2_matter)."""
    base, _, rest = field.partition(".")
    prefix = where.get(base)
    if prefix and prefix.startswith("seat_"):
        return prefix
    if prefix and f"{prefix}_{rest}" in form:
        return f"{prefix}_{rest}"
    name = field.split("[", 1)[0]
    return name if name in form else field


@blueprint.route("/members/<member_id>/edit", methods=["GET", "POST"])
def edit_member(member_id):
    """IT changes one member's committees, portfolios, spokesperson roles, interests, group, ward or email."""
    _it_only()
    session = db()
    entry = member_service.get_member(session, member_id)
    form, committees = _member_form(session, entry)
    error = None
    if form.validate_on_submit():
        changes, where = _member_changes(form, committees, len(entry["interests"]))
        try:
            member_service.patch_member(gateway(), session, current_user.id, member_id, changes)
        except InvalidField as exc:
            field = _form_field(form, exc.field, where)
            message = f"{form[field].label.text}: {exc.message}" if field in form else f"{exc.field}: {exc.message}"
            error = show_on_form(form, InvalidField(field, message))
        else:
            flash(f"{entry['name']}'s details are saved. Decisions and search use them from now on.")
            return redirect(url_for("admin.member", member_id=member_id))
    status = 400 if (error or form.errors) else 200
    title = f"Change {entry['name']}'s details"
    return render_template("admin/member_edit.html", form=form, error=error, m=entry, committees=committees,
                           interests=len(entry["interests"]),
                           title=("Error: " if status == 400 else "") + title, heading=title), status


@blueprint.route("/accounts/<account_id>/unlock", methods=["POST"])
def unlock_account(account_id):
    """IT clears an account's sign-in back-off; back to the page the button was on."""
    _it_only()
    if not ConfirmForm().validate_on_submit():
        abort(400)
    member_service.unlock_account(gateway(), db(), current_user.id, account_id)
    flash(f"{account_id} is unlocked: they can sign in again now.")
    back = url_for("admin.member", member_id=account_id) if db().get(Member, account_id) else url_for("admin.members")
    return redirect(back)


@blueprint.route("/committees")
def committees():
    session = db()
    rows = list(session.scalars(select(Committee).order_by(Committee.name)))
    seats = {}
    for seat, name in session.execute(select(Seat, Member.name).join(Member, Member.id == Seat.member_id)
                                      .order_by(Member.name)):
        seats.setdefault(seat.committee_id, []).append((seat, name))
    return render_template("admin/committees.html", committees=rows, seats=seats, **_names(session),
                           title="Committees")


@blueprint.route("/groups")
def groups():
    session = db()
    rows = list(session.scalars(select(Group).order_by(Group.name)))
    members_of = {}
    for m in session.scalars(select(Member).order_by(Member.name)):
        members_of.setdefault(m.group_id, []).append(m)
    council = session.get(CouncilSettings, 1)
    return render_template("admin/groups.html", groups=rows, members_of=members_of,
                           administration=set(council.administration or []) if council else set(),
                           title="Party groups")


@blueprint.route("/interests")
def interests():
    session = db()
    rows = list(session.execute(select(Interest, Member.name).join(Member, Member.id == Interest.member_id)
                                .order_by(Member.name, Interest.id)))
    return render_template("admin/interests.html", rows=rows, **_names(session), title="Declared interests")


def _names(session) -> dict:
    return {
        "committee_names": pairs(session, select(Committee.id, Committee.name)),
        "group_names": pairs(session, select(Group.id, Group.name)),
        "matter_names": pairs(session, select(Matter.id, Matter.title)),
        "portfolio_names": pairs(session, select(Portfolio.id, Portfolio.name)),
    }


# -- the policy --------------------------------------------------------------------------------

def _active_version(session) -> PolicyVersion:
    active = session.scalars(select(PolicyVersion).where(PolicyVersion.active)).first()
    if active is None:
        abort(503)
    return active


def _diff(before: str, after: str) -> list[tuple[str, str]]:
    """('add'|'remove'|'same', line) for the policy lines that differ, with a line of context."""
    lines = []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=1):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            lines.append(("gap", "…"))
        elif line.startswith("+"):
            lines.append(("add", line[1:]))
        elif line.startswith("-"):
            lines.append(("remove", line[1:]))
        else:
            lines.append(("same", line[1:]))
    return lines


def _digest(text: str) -> str:
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


@blueprint.route("/policy")
def policy():
    session = db()
    active = _active_version(session)
    model = Path(gateway().model_path).read_text(encoding="utf-8")
    return render_template("admin/policy.html", active=active, model=model, versions=policies.versions(session),
                           title="Access policy")


@blueprint.route("/policy/edit", methods=["GET", "POST"])
def edit_policy():
    """Edit the lines, check them and see the dry run, then activate exactly what was checked."""
    _it_only()
    session = db()
    active = _active_version(session)
    form = PolicyForm()
    if request.method == "GET":
        form.text.data = active.text
    error, changes, diff, checked = None, None, None, None
    if form.validate_on_submit():
        text = form.text.data.replace("\r\n", "\n")
        action = request.form.get("action", "check")
        if action == "activate" and request.form.get("checked") == _digest(text):
            try:
                version = policy_service.activate(gateway(), session, current_user.id, text, form.note.data)
            except InvalidField as exc:
                show_on_form(form, exc)
            else:
                flash(f"Policy version {version.id} is now active. Every decision from now on uses it.")
                return redirect(url_for("admin.policy"))
        else:
            if action == "activate":
                form.text.errors = ["The policy changed after you checked it: check the changes again before activating"]
            try:
                changes = policy_service.dry_run(gateway(), session, text)
            except InvalidField as exc:
                show_on_form(form, exc)
            else:
                diff, checked = _diff(active.text, text), _digest(text)
    status = 400 if (error or form.errors) else 200
    return render_template("admin/policy_edit.html", form=form, active=active, error=error, changes=changes,
                           shown=changes[:DRY_RUN_SHOWN] if changes else [], diff=diff, checked=checked,
                           title="Change the policy"), status


@blueprint.route("/policy/versions/<int:version_id>")
def policy_version(version_id):
    session = db()
    version = session.get(PolicyVersion, version_id)
    if version is None:
        abort(404)
    active = _active_version(session)
    changes, error = None, None
    if not version.active:
        try:
            changes = policy_service.dry_run(gateway(), session, version.text)
        except InvalidField as exc:  # an old version that today's checks refuse cannot be reverted to
            error = show_on_form({}, exc)
    return render_template("admin/policy_version.html", version=version, active=active,
                           diff=_diff(active.text, version.text), changes=changes,
                           shown=changes[:DRY_RUN_SHOWN] if changes else [], error=error, form=ConfirmForm(),
                           title=f"Policy version {version.id}")


@blueprint.route("/policy/versions/<int:version_id>/revert", methods=["POST"])
def revert_policy(version_id):
    _it_only()
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    session = db()
    try:
        version = policy_service.revert(gateway(), session, current_user.id, version_id)
    except (InvalidField, NotFound) as exc:
        flash(f"The policy was not reverted: {exc.message}.")
        return redirect(url_for("admin.policy_version", version_id=version_id))
    flash(f"Version {version_id}'s policy is active again, as version {version.id}.")
    return redirect(url_for("admin.policy"))


# -- ingestion ---------------------------------------------------------------------------------

@blueprint.route("/ingestion")
def ingestion():
    """Documents whose text could not be read and documents needing review; ids, titles and reasons to IT only,
    and only of the documents IT may discover."""
    session = db()
    found = ingestion_service.status(gateway(), session, current_user.id)
    runs = audit_service.records(gateway(), session, current_user.id, event="ingest", limit=5,
                                 descending=True) if is_it(current_user) else []
    return render_template("admin/ingestion.html", status=found, runs=runs, show_details=is_it(current_user),
                           amended=amendments.changed_published(gateway(), session, current_user.id),
                           title="Ingestion status")


# -- the audit log -----------------------------------------------------------------------------

@blueprint.route("/audit")
def audit():
    session = db()
    form = AuditFilterForm(formdata=request.args)
    events = sorted(e for e in session.scalars(select(AuditRecord.event).distinct()) if e)
    form.event.choices = options([("", "Any event")] + [(e, e.replace("_", " ")) for e in events])
    records, page, more = [], 1, False
    if form.validate():
        page = form.page.data or 1
        found = audit_service.records(gateway(), session, current_user.id, **_audit_filters(form),
                                      limit=page * AUDIT_PAGE_SIZE + 1, descending=True)
        records = found[(page - 1) * AUDIT_PAGE_SIZE: page * AUDIT_PAGE_SIZE]
        more = len(found) > page * AUDIT_PAGE_SIZE
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("admin/audit.html", form=form, records=records, page=page, more=more, args=args,
                           names=audit_service.names(session, records), title="Audit log"), \
        200 if not form.errors else 400


def _audit_filters(form: AuditFilterForm) -> dict:
    """The filters on screen as `audit_service.records` and `export` take them."""
    return {"since": form.since.data.isoformat() if form.since.data else None,
            "actor": (form.actor.data or "").strip() or None,
            "document": (form.document.data or "").strip() or None, "event": form.event.data or None}


@blueprint.route("/audit/export")
def audit_export():
    """The records the filters on screen select (all of them without filters), as this viewer may see them."""
    fmt = request.args.get("format", "jsonl")
    form = AuditFilterForm(formdata=request.args)
    form.event.choices = options([("", "Any event")])   # any event name filters; one no record has finds nothing
    if fmt not in ("jsonl", "csv") or not form.validate():
        abort(400)
    out = io.StringIO()
    audit_service.export(gateway(), db(), current_user.id, out, fmt, **_audit_filters(form))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    response = Response(out.getvalue(), mimetype="text/csv" if fmt == "csv" else "application/x-ndjson")
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="audit-{stamp}.{fmt}"'
    return response


@blueprint.route("/audit/verify")
def audit_verify():
    result = gateway().audit.verify()
    return render_template("admin/audit_verify.html", result=result, title="Check the audit log")


# -- the outbox of notices ------------------------------------------------------------------------

@blueprint.route("/notices")
def notices():
    """The outbox: what waits, what was sent, what failed and why. Subjects and bodies (document titles) are
    not shown here: they are for their recipients."""
    from gateway.domain import notices as outbox

    status = request.args.get("status") or None
    if status not in (None, "pending", "sent", "failed"):
        status = None
    session = db()
    counts = dict(session.execute(select(Notice.status, func.count()).group_by(Notice.status)).all())
    return render_template("admin/notices.html", items=outbox.outbox(session, status), status=status, counts=counts,
                           smtp=bool(gateway().settings.smtp_host), title="Notices")
