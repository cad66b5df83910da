"""The Proper Officer's pages: the referrals queue, a referral with everything needed to decide it,
decisions with written reasons, dispute outcomes, and reclassification. Proper Officer only.
"""

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, or_, select

from gateway.domain import referrals, reviews
from gateway.domain.clock import london_today
from gateway.domain.documents import FLAGS, document_labels
from gateway.domain.models import (
    Committee,
    CouncilSettings,
    Document,
    Group,
    Matter,
    Member,
    Officer,
    Portfolio,
    Referral,
)
from gateway.services import amendments, classification
from gateway.services import documents as document_service
from gateway.services import referrals as referral_service
from gateway.services import reviews as review_service
from gateway.services.outcomes import Conflict, InvalidField, NotFound
from gateway.services.standard_reasons import standard_reasons
from gateway.web.context import account_id, db, gateway
from gateway.web.forms import (
    FLAG_LABELS,
    PARAGRAPHS,
    AdjudicationForm,
    DisputeOutcomeForm,
    ReclassifyForm,
    ReviewForm,
    WithdrawalForm,
    options,
)
from gateway.web.pages import guard, long_date, pairs, register_filters, show_on_form

blueprint = Blueprint("officer", __name__, url_prefix="/officer")
guard(blueprint, lambda user: user.is_proper_officer)
register_filters(blueprint)

VIEWS = {"pending": "Waiting for a decision", "disputes": "Disputes to record", "decided": "Decided"}
DOCUMENTS_PAGE_SIZE = 50
DECIDED_SHOWN = 200


# -- the queue --------------------------------------------------------------------------------

@blueprint.route("/")
def home():
    return redirect(url_for("dashboard.dashboard"))


@blueprint.route("/queue")
def queue():
    view = request.args.get("view", "pending")
    if view not in VIEWS:
        view = "pending"
    session, today = db(), london_today()
    if view == "pending":
        items = referrals.queue(session, "pending", today)
    elif view == "disputes":
        items = [i for i in referrals.queue(session, "denied", today) if i.referral.dispute and
                 not i.referral.dispute_outcome]
    else:
        items = [i for status in ("granted", "denied", "withdrawn") for i in referrals.queue(session, status, today)]
        items.sort(key=lambda i: i.referral.decided_at or i.referral.created_at, reverse=True)
        items = items[:DECIDED_SHOWN]
    counts = {
        "pending": session.scalar(select(func.count()).select_from(Referral).where(Referral.status == "pending")),
        "disputes": session.scalar(select(func.count()).select_from(Referral).where(
            Referral.status == "denied", Referral.dispute.is_not(None), Referral.dispute_outcome.is_(None))),
    }
    ids = {i.referral.document_id for i in items}
    members = {i.referral.member_id for i in items}
    titles = pairs(session, select(Document.id, Document.title).where(Document.id.in_(ids))) if ids else {}
    names = pairs(session, select(Member.id, Member.name).where(Member.id.in_(members))) if members else {}
    overdue = sum(1 for i in items if i.overdue)
    return render_template("officer/queue.html", items=items, view=view, views=VIEWS, counts=counts,
                           titles=titles, names=names, overdue=overdue, today=today, title="Referrals queue")


# -- one referral ------------------------------------------------------------------------------

def _classification(row: Document) -> dict:
    """Declared against classified, key by key, and the evidence the classifiers found."""
    declared, classified = row.declared or {}, row.classified or {}
    effective = document_labels(row)
    keys = (("exempt_paragraphs", "Schedule 12A paragraphs"), ("party_group", "Internal to a party group"),
            ("flags", "Other labels"), ("needs_review", "Needs review"))
    return {
        "rows": [{"label": label, "declared": declared.get(key), "is_declared": key in declared,
                  "classified": classified.get(key), "effective": effective.get(key)} for key, label in keys],
        "evidence": classified.get("evidence") or [],
        "confidence": classified.get("confidence"),
        "effective": effective,
        "reclassification": row.reclassification,
    }


def _member_profile(member_id: str) -> dict | None:
    session = db()
    member = session.get(Member, member_id)
    if member is None:
        return None
    committees = {c.id: c for c in session.scalars(select(Committee))}
    portfolios = pairs(session, select(Portfolio.id, Portfolio.name))
    matters = pairs(session, select(Matter.id, Matter.title))
    group = session.get(Group, member.group_id) if member.group_id else None
    return {"member": member, "group": group, "committees": committees, "portfolios": portfolios,
            "matters": matters}


def _committee_choices(form) -> None:
    form.committee.choices = options([("", "Choose a committee")] + [
        (c.id, c.name) for c in db().scalars(select(Committee).order_by(Committee.name))])


def _timeline(history: referrals.History) -> list[tuple]:
    """The member's requests for the document and the decisions on it, as (when, kind, row), oldest first."""
    return sorted([(q.created_at, "request", q) for q in history.requests]
                  + [(d.decided_at, "decision", d) for d in history.decisions], key=lambda e: (e[0], e[1]))


def _referral_page(referral_id: int, form=None, outcome_form=None, error=None, status=200,
                   reconsider_form=None, withdrawal_form=None):
    session = db()
    referral = session.get(Referral, referral_id)
    if referral is None:
        abort(404)
    opened = document_service.open_document(gateway(), session, account_id(), referral.document_id)
    doc, decision = opened.doc, opened.decision
    row = session.get(Document, doc.id)
    earlier = [r for r in referrals.member_requests(session, referral.member_id) if r.id != referral.id]
    others = list(session.scalars(select(Referral).where(Referral.document_id == doc.id, Referral.id != referral.id)
                                  .order_by(Referral.id.desc())))
    ids = {r.document_id for r in earlier}
    titles = pairs(session, select(Document.id, Document.title).where(Document.id.in_(ids))) if ids else {}
    member_ids = {r.member_id for r in others}
    names = pairs(session, select(Member.id, Member.name).where(Member.id.in_(member_ids))) if member_ids else {}
    if referral.status == "pending" and form is None:
        form = AdjudicationForm(formdata=None)
    if form is not None:
        _standard_reason_choices(form)
    if referral.dispute and not referral.dispute_outcome and outcome_form is None:
        outcome_form = DisputeOutcomeForm(formdata=None)
    if outcome_form is not None:
        _committee_choices(outcome_form)
    today = london_today()
    if referral.status == "denied" and referral.dispute_result != "upheld" and reconsider_form is None:
        reconsider_form = AdjudicationForm(formdata=None, prefix="reconsider")
    if referrals.standing_grant(session, referral, today) is not None and withdrawal_form is None:
        withdrawal_form = WithdrawalForm(formdata=None, prefix="withdraw")
    council = session.get(CouncilSettings, 1)
    in_administration = set(council.administration or []) if council else set()
    return render_template(
        "officer/referral.html", r=referral, doc=doc, decision=decision, row=row,
        classification=_classification(row), profile=_member_profile(referral.member_id),
        earlier=earlier, titles=titles, others=others, names=names, form=form, outcome_form=outcome_form,
        reconsider_form=reconsider_form, withdrawal_form=withdrawal_form,
        timeline=_timeline(referrals.history(session, referral.member_id, referral.document_id)), error=error,
        today=today, paragraphs=PARAGRAPHS, flag_labels=FLAG_LABELS,
        administration=in_administration, officers=pairs(session, select(Officer.id, Officer.name)),
        title=f"Referral {referral.id}"), status


def _standard_reason_choices(form) -> None:
    form.standard_reason.choices = options([("", "None: my own words only")] + [
        (str(r.id), r.title) for r in standard_reasons(db())])


@blueprint.route("/referrals/<int:referral_id>")
def referral(referral_id):
    return _referral_page(referral_id)


def _act_on(referral_id: int, form_name: str, form, act, said, then: str):
    """One Proper Officer action on a referral: `act()` through the services layer; on success flash
    `said(result)` and go to `then`; otherwise the referral page again with the form and its errors."""
    error = None
    if form.validate_on_submit():
        try:
            done = act()
        except InvalidField as exc:
            error = show_on_form(form, exc)
        except (Conflict, NotFound) as exc:
            error = exc.message
        else:
            flash(said(done))
            return redirect(then)
    return _referral_page(referral_id, error=error, status=400, **{form_name: form})


def _until(done_until) -> str:
    return f" until {long_date(done_until)}" if done_until else ""


@blueprint.route("/referrals/<int:referral_id>/decision", methods=["POST"])
def decide(referral_id):
    form = AdjudicationForm()

    def said(done):
        member, document = db().get(Member, done.member_id), db().get(Document, done.document_id)
        verb = "granted" if done.status == "granted" else "refused"
        return (f"You {verb} {member.name if member else done.member_id} access to "
                f"“{document.title if document else done.document_id}”{_until(done.until)}. "
                "They will see your reasons.")

    return _act_on(referral_id, "form", form, lambda: referral_service.decide(
        gateway(), db(), current_user.id, referral_id, form.outcome.data, form.reasons.data, form.until.data,
        form.standard_reason.data), said, url_for("officer.queue"))


@blueprint.route("/referrals/<int:referral_id>/dispute-outcome", methods=["POST"])
def dispute_outcome(referral_id):
    form = DisputeOutcomeForm()
    _committee_choices(form)

    def said(done):
        if done.dispute_result == "upheld":
            return ("You recorded that the committee upheld the dispute. The member is granted access from now"
                    f"{_until(done.dispute_until)}.")
        return "You recorded that the committee dismissed the dispute. The refusal stands."

    return _act_on(referral_id, "outcome_form", form, lambda: referral_service.record_dispute_outcome(
        gateway(), db(), current_user.id, referral_id, form.result.data, form.committee.data, form.reasons.data,
        form.until.data), said, url_for("officer.queue", view="disputes"))


@blueprint.route("/referrals/<int:referral_id>/reconsideration", methods=["POST"])
def reconsider(referral_id):
    """A refusal decided again on new information: the new decision replaces it; the member is told."""
    form = AdjudicationForm(prefix="reconsider")
    return _act_on(referral_id, "reconsider_form", form, lambda: referral_service.reconsider(
        gateway(), db(), current_user.id, referral_id, form.outcome.data, form.reasons.data, form.until.data),
        lambda done: (f"You reconsidered the refusal: access is now "
                      f"{'granted' if done.status == 'granted' else 'refused'}{_until(done.until)}. "
                      "The member will be told."),
        url_for("officer.referral", referral_id=referral_id))


@blueprint.route("/referrals/<int:referral_id>/withdrawal", methods=["POST"])
def withdraw(referral_id):
    """A standing grant ended early, with reasons; the member is told."""
    form = WithdrawalForm(prefix="withdraw")
    return _act_on(referral_id, "withdrawal_form", form, lambda: referral_service.withdraw(
        gateway(), db(), current_user.id, referral_id, form.reasons.data),
        lambda done: "You withdrew the member's access. It ends now, and the member will be told.",
        url_for("officer.referral", referral_id=referral_id))


# -- documents ---------------------------------------------------------------------------------

@blueprint.route("/documents")
def documents():
    """Every document (the Proper Officer sees all, R-PROPER-OFFICER), filterable by words and review."""
    session = db()
    words = (request.args.get("q") or "").strip()[:100]
    review_only = request.args.get("review") == "1"
    try:
        page = max(1, int(request.args.get("page", 1)))
    except ValueError:
        page = 1
    query = select(Document).order_by(Document.meeting_date.desc().nulls_last(), Document.id)
    if words:
        like = f"%{words}%"
        query = query.where(or_(Document.id.ilike(like), Document.title.ilike(like)))
    rows = list(session.scalars(query))
    items = []
    for row in rows:
        labels = document_labels(row)
        if review_only and not labels["needs_review"]:
            continue
        items.append((row, labels))
    pages = max(1, -(-len(items) // DOCUMENTS_PAGE_SIZE))
    page = min(page, pages)
    shown = items[(page - 1) * DOCUMENTS_PAGE_SIZE: page * DOCUMENTS_PAGE_SIZE]
    committees = pairs(session, select(Committee.id, Committee.name))
    args = {k: v for k, v in (("q", words), ("review", "1" if review_only else "")) if v}
    return render_template("officer/documents.html", items=shown, total=len(items), page=page, pages=pages,
                           words=words, review_only=review_only, committees=committees, args=args,
                           title="Documents")


@blueprint.route("/documents/<document_id>")
def document(document_id, review_form=None, error=None, status=200):
    session = db()
    opened = document_service.open_document(gateway(), session, account_id(), document_id)
    doc, req, decision = opened.doc, opened.req, opened.decision
    row = session.get(Document, doc.id)
    version = row.current_version
    history = list(session.scalars(select(Referral).where(Referral.document_id == doc.id).order_by(Referral.id.desc())))
    member_ids = {r.member_id for r in history}
    names = pairs(session, select(Member.id, Member.name).where(Member.id.in_(member_ids))) if member_ids else {}
    history_of_reviews = reviews.history(session, doc.id)
    return render_template(
        "officer/document.html", doc=doc, req=req, decision=decision, row=row, version=version,
        classification=_classification(row), history=history, names=names, paragraphs=PARAGRAPHS,
        flag_labels=FLAG_LABELS, today=london_today(), title=doc.title,
        review_form=review_form or ReviewForm(formdata=None), review_error=error,
        reviews=history_of_reviews, release=reviews.latest_release(history_of_reviews),
        released=reviews.is_released(row, london_today()), officers=pairs(session, select(Officer.id, Officer.name)),
        amendments=amendments.of_document(opened.facts, doc.id)), status


@blueprint.route("/documents/<document_id>/review", methods=["POST"])
def review(document_id):
    """The Proper Officer's review of an exempt document: release, extend or keep."""
    form = ReviewForm()
    error, status = None, 400
    if form.validate_on_submit():
        try:
            done = review_service.review(gateway(), db(), current_user.id, document_id, form.action.data,
                                         form.on.data, form.reasons.data)
        except InvalidField as exc:
            error = show_on_form(form, exc)
        except Conflict as exc:
            error, status = exc.message, 409
        else:
            on = long_date(date.fromisoformat(done["on"])) if done["on"] else None
            flash({"release": f"The document is public from {on}.",
                   "extend": f"The exemption will be reviewed again on {on}.",
                   "keep": "You kept the exemption" + (f"; the next review is on {on}." if on else ".")}
                  [done["action"]])
            return redirect(url_for("officer.document", document_id=document_id))
    return document(document_id, review_form=form, error=error, status=status)


@blueprint.route("/reviews")
def reviews_due():
    """Exempt documents whose review date has come, soonest first."""
    session, today = db(), london_today()
    rows = reviews.due_for_review(session, today)
    committees = pairs(session, select(Committee.id, Committee.name))
    return render_template("officer/reviews.html", rows=[(r, document_labels(r)) for r in rows],
                           committees=committees, today=today, title="Reviews due")


@blueprint.route("/documents/<document_id>/classification", methods=["GET", "POST"])
def reclassify(document_id):
    session = db()
    doc = document_service.open_document(gateway(), session, account_id(), document_id).doc
    row = session.get(Document, doc.id)
    groups = list(session.scalars(select(Group).order_by(Group.name)))
    form = ReclassifyForm()
    form.party_group.choices = options([("", "None")] + [(g.id, g.name) for g in groups])
    if request.method == "GET":
        effective = document_labels(row)
        form.exempt_paragraphs.data = list(effective["exempt_paragraphs"])
        form.party_group.data = effective["party_group"] or ""
        form.flags.data = [f for f in effective["flags"] if f in FLAGS]
        form.needs_review.data = bool(row.reclassification and row.reclassification.get("needs_review"))
    error = None
    if form.validate_on_submit():
        try:
            classification.reclassify(gateway(), session, current_user.id, doc.id,
                                      exempt_paragraphs=form.exempt_paragraphs.data or [],
                                      party_group=form.party_group.data or None, flags=form.flags.data or [],
                                      needs_review=bool(form.needs_review.data), reasons=form.reasons.data)
        except InvalidField as exc:
            error = show_on_form(form, exc)
        else:
            flash("The classification is changed. It now decides access to this document.")
            return redirect(url_for("officer.document", document_id=doc.id))
    status = 400 if (error or form.errors) else 200
    return render_template("officer/reclassify.html", doc=doc, row=row, form=form, error=error,
                           classification=_classification(row), title=f"Reclassify {doc.title}"), status
