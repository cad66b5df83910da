"""Councillors' pages: search, a document with its decision, requests to the Proper Officer, marked downloads.

Every page that shows a document or its content goes through `services.documents`, which decides
and records first; lists (search results, "my requests") show only what the caller may discover.
"""

import html
import logging
import re

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from markupsafe import Markup, escape
from sqlalchemy import select

from gateway.access.gather import FactSource
from gateway.access.service import make_request
from gateway.domain import referrals
from gateway.domain.clock import london_today
from gateway.domain.models import Committee, Document, Referral
from gateway.domain.working_days import add_working_days
from gateway.services import amendments, documents
from gateway.services import referrals as referral_service
from gateway.services.outcomes import Conflict, InvalidField
from gateway.services.search import search as search_documents
from gateway.web.context import account_id, db, gateway
from gateway.web.forms import (
    PARAGRAPHS,
    DisputeForm,
    DownloadForm,
    RequestForm,
    SearchForm,
    options,
)
from gateway.web.pages import guard, register_filters, show_on_form

log = logging.getLogger(__name__)

blueprint = Blueprint("councillor", __name__)
guard(blueprint, lambda user: True)  # any signed-in account: decisions, not roles, say what each sees
register_filters(blueprint)

PAGE_SIZE = 10
NO_REASON = "R-NO-REASON"
PRIVATE_CAPACITY = "R-PRIVATE-CAPACITY"
REASON_NEEDED = ("Say why you need this document for your duties as a councillor, in a sentence or more "
                 "(not curiosity)")
# Only to ask "which rule refers this?" when the caller has not yet given a reason (never recorded or shown).
WHAT_IF_REASON = "a stated need to know for my duties as a councillor"


def referable(decision) -> bool:
    """A referral, or one that needs only a stated need to know (R-NO-REASON is a referral's modifier)."""
    return decision.outcome == "refer" or decision.rule == NO_REASON


def _capacity_and_reason(source) -> tuple[str, str]:
    return (source.get("capacity") or "councillor")[:20], (source.get("reason") or "")[:2000]


def snippet_html(snippet: str | None) -> Markup:
    """The index's snippet (escaped text, matches in <mark>) re-escaped here, keeping only <mark>."""
    parts = re.split(r"(</?mark>)", snippet or "")
    return Markup("").join(Markup(p) if p in ("<mark>", "</mark>") else escape(html.unescape(p)) for p in parts)


blueprint.add_app_template_filter(snippet_html, "snippet")


def _committee_names() -> dict[str, str]:
    return {c.id: c.name for c in db().scalars(select(Committee).order_by(Committee.name))}


# -- search ------------------------------------------------------------------------------------

def _result_marks(results: list[dict]) -> None:
    """Marks each result open, 'request access' (with the caller's own request if one waits) or refused with
    the reason (unrecorded, like the trimming)."""
    gw = gateway()
    facts = FactSource(db())
    sub = gw.access.subject(facts, account_id())
    discover = make_request("discover")
    waiting = dict(db().execute(select(Referral.document_id, Referral.id).where(
        Referral.member_id == account_id(), Referral.status == "pending",
        Referral.document_id.in_([result["id"] for result in results]))).all())
    for result in results:
        if result.get("visibility") == "open":
            result["mark"] = "open"
            continue
        doc = facts.document(result["id"])
        decision = gw.access.evaluate(facts, sub, doc, discover) if doc is not None else None
        if decision is None or decision.visibility == "hidden":
            result["mark"], result["reasons"] = "refused", ()
        elif decision.outcome == "grant":
            result["mark"] = "open"
        elif referable(decision):
            result["mark"], result["my_request"] = "request", waiting.get(result["id"])
        else:
            result["mark"], result["rule"], result["reasons"] = "refused", decision.rule, decision.reasons


def _search_args() -> dict:
    """The search's arguments less the page, for links to its other pages."""
    return {k: v for k, v in request.args.items() if k != "page" and v}


@blueprint.route("/search")
def search():
    import index

    committees = _committee_names()
    form = SearchForm(formdata=request.args)
    form.committee.choices = options([("", "Any committee")] + list(committees.items()))
    results, error, status = None, None, 200
    if not form.validate():
        status = 400
    else:
        # An empty query lists every document the caller may discover, newest meeting first.
        try:
            results = search_documents(
                gateway(), db(), account_id(), (form.q.data or "").strip(), form.page.data or 1, PAGE_SIZE,
                committee=form.committee.data or None, date_from=form.date_from.data, date_to=form.date_to.data,
                paragraph=int(form.paragraph.data) if form.paragraph.data else None, status=form.status.data or None)
        except InvalidField as exc:
            error, status = show_on_form(form, exc), 400
        except index.IndexUnavailable:
            log.exception("search index unavailable")
            error, status = "Search is not working at the moment. Try again later; IT has been told.", 503
        else:
            if results["page"] != (form.page.data or 1):   # past the end: the address names the page shown
                return redirect(url_for("councillor.search", **dict(_search_args(), page=results["page"])))
            _result_marks(results["results"])
    args = _search_args()
    return render_template("councillor/search.html", form=form, results=results, error=error,
                           committees=committees, args=args, searched=bool(args)), status


# -- one document ------------------------------------------------------------------------------

def _document_page(opened, request_form=None, status=200, asked_privately=False):
    """The document page for a decision already made: metadata, the decision, and what the caller may do next.

    `asked_privately`: the caller has just asked in a private capacity and was refused, so nothing was sent.
    """
    doc, req, decision = opened.doc, opened.req, opened.decision
    row = db().get(Document, doc.id)
    version = row.current_version if row is not None else None
    me = account_id()
    mine = list(db().scalars(select(Referral).where(Referral.member_id == me, Referral.document_id == doc.id)
                             .order_by(Referral.id.desc())))
    pending = next((r for r in mine if r.status == "pending"), None)
    refused = next((r for r in mine if r.status == "denied"), None)
    pages, is_pdf, download_form, mark, too_long = [], False, None, None, None
    if decision.granted and version is not None:
        pages = version.pages or []
        is_pdf = version.media_type == "application/pdf"
        mark = documents.marking_for(db(), opened)  # the text shown here carries it, as a copy would
        if documents.too_long_to_mark(version):     # no frame or form that could only answer that
            too_long = documents.TOO_LONG_TO_MARK if mark is not None else None
        else:
            purpose = req.reason.strip() or documents.granted_reason(db(), me, doc.id)
            download_form = DownloadForm(formdata=None, data={"purpose": purpose, "capacity": req.capacity})
    referred = _as_councillor(doc) if decision.rule in (NO_REASON, PRIVATE_CAPACITY) else None
    again_form = None  # after a refusal: ask again at once with new information
    if request_form is not None and request_form.new_information.data == "1":
        again_form, request_form = request_form, None
    elif decision.rule == referral_service.REFUSED and pending is None:
        again_form = RequestForm(formdata=None, data={"new_information": "1", "capacity": req.capacity})
    if again_form is not None:
        again_form.reason.label.text = "What is the new information, and why do you now need the document?"
    if pending is not None:
        request_form = None  # asked already: the page says so, and asks for no second reason
    elif request_form is None and (referable(decision) or referred is not None):
        # A private person may be refused what a councillor may ask for: offer to ask as one.
        capacity = "councillor" if decision.rule == PRIVATE_CAPACITY else req.capacity
        request_form = RequestForm(formdata=None, data={"reason": req.reason, "capacity": capacity})
        if decision.rule == NO_REASON and req.reason.strip():
            request_form.reason.errors = [REASON_NEEDED]
    due = (add_working_days(london_today(), referrals.DUE_WORKING_DAYS)
           if request_form is not None or again_form is not None else None)
    return render_template(
        "councillor/document.html", doc=doc, req=req, decision=decision, version=version, pages=pages,
        is_pdf=is_pdf, request_form=request_form, again_form=again_form, download_form=download_form,
        pending=pending, mark=mark, too_long=too_long,
        amendments=amendments.of_document(opened.facts, doc.id) if decision.granted else [],
        refused=refused, referred=referred, due=due, paragraphs=PARAGRAPHS, title=doc.title,
        asked_privately=asked_privately), status


def _as_councillor(doc):
    """The rule that would refer this document to a councillor who states a need to know (unrecorded: a
    what-if), so the page can say why it is not open, not only that a reason or the capacity is wrong."""
    gw = gateway()
    facts = FactSource(db())
    what_if = gw.access.evaluate(facts, gw.access.subject(facts, account_id()), doc,
                                 make_request("read", "councillor", WHAT_IF_REASON))
    return what_if if what_if.outcome == "refer" else None


@blueprint.route("/documents/<document_id>")
def document(document_id):
    capacity, reason = _capacity_and_reason(request.args)
    opened = documents.open_document(gateway(), db(), account_id(), document_id, "read", capacity, reason)
    return _document_page(opened)


def _send(content: documents.Content, disposition: str, filename: str) -> Response:
    response = Response(content.body, mimetype=content.media_type)
    if content.media_type == "text/plain":
        response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@blueprint.route("/documents/<document_id>/content")
def content(document_id):
    """The file itself, shown inline (the PDF frame of the document page); only on grant, marked
    for the reader unless it is public, since the browser's viewer can save it."""
    capacity, reason = _capacity_and_reason(request.args)
    released = documents.read_content(gateway(), db(), account_id(), document_id, capacity, reason)
    return _send(released, "inline", released.filename)


@blueprint.route("/documents/<document_id>/download", methods=["POST"])
def download(document_id):
    """A copy marked 'Provided to <member> on <date> for <purpose> — not for onward disclosure'."""
    form = DownloadForm()
    form_ok = form.validate_on_submit()
    try:
        copy = documents.marked_copy(gateway(), db(), account_id(), document_id, form.capacity.data,
                                     form.purpose.data if form_ok else "")
    except InvalidField as exc:
        if form_ok:
            show_on_form(form, exc)
        doc = FactSource(db()).document(document_id)  # decided visible before the purpose was checked
        return render_template("councillor/download.html", doc=doc, form=form, title="Download a marked copy"), 400
    stem, _, suffix = copy.filename.rpartition(".")
    return _send(copy, "attachment", f"{stem}-marked.{suffix}")


# -- requests to the Proper Officer --------------------------------------------------------------

@blueprint.route("/documents/<document_id>/request", methods=["POST"])
def request_access(document_id):
    form = RequestForm()
    capacity = form.capacity.data if form.capacity.data in ("councillor", "private") else "councillor"
    if not form.validate_on_submit():
        opened = documents.open_document(gateway(), db(), account_id(), document_id, "read", capacity, "")
        return _document_page(opened, request_form=form, status=400)
    reason = form.reason.data.strip()
    try:
        opened, referral = referral_service.request_access(gateway(), db(), account_id(), document_id, reason,
                                                           capacity, form.needed_by.data,
                                                           form.new_information.data == "1")
    except InvalidField as exc:
        show_on_form(form, exc)
        opened = documents.open_document(gateway(), db(), account_id(), document_id, "read", capacity, "")
        return _document_page(opened, request_form=form, status=400)
    if referral is not None:  # the request's page says it was sent, and when the answer is due
        return redirect(url_for("councillor.request_detail", referral_id=referral.id))
    if opened.decision.granted:
        flash("You can read this document now.")
        return redirect(url_for("councillor.document", document_id=document_id, capacity=capacity, reason=reason))
    # Refused (no reason that counts, a private capacity, an interest...): nothing was sent; say why.
    return _document_page(opened, status=200 if opened.decision.rule != NO_REASON else 400,
                          asked_privately=opened.decision.rule == PRIVATE_CAPACITY)


def _visible_titles(document_ids) -> dict[str, str | None]:
    """Titles of the documents the caller may still discover (None for ones now hidden from them)."""
    gw = gateway()
    facts = FactSource(db())
    sub = gw.access.subject(facts, account_id())
    discover = make_request("discover")
    titles = {}
    for document_id in set(document_ids):
        doc = facts.document(document_id)
        visible = doc is not None and gw.access.evaluate(facts, sub, doc, discover).visibility != "hidden"
        titles[document_id] = doc.title if visible else None
    return titles


@blueprint.route("/requests")
def my_requests():
    mine = referrals.member_requests(db(), account_id())
    return render_template("councillor/requests.html", requests=mine,
                           titles=_visible_titles(r.document_id for r in mine), today=london_today(),
                           title="My requests")


def _own_referral(referral_id: int) -> Referral:
    referral = db().get(Referral, referral_id)
    if referral is None or referral.member_id != account_id():
        abort(404)
    return referral


@blueprint.route("/requests/<int:referral_id>")
def request_detail(referral_id):
    referral = _own_referral(referral_id)
    titles = _visible_titles([referral.document_id])
    return render_template("councillor/request.html", r=referral, doc_title=titles[referral.document_id],
                           today=london_today(), title="Your request")


@blueprint.route("/requests/<int:referral_id>/dispute", methods=["GET", "POST"])
def dispute(referral_id):
    referral = _own_referral(referral_id)
    form = DisputeForm()
    error = None
    if form.validate_on_submit():
        try:
            referral_service.dispute(gateway(), db(), account_id(), referral.id, form.grounds.data)
        except InvalidField as exc:
            error = show_on_form(form, exc)
        except Conflict as exc:
            error = exc.message
        else:
            flash("Your dispute has been recorded. It goes to the committee, and the Proper Officer "
                  "will record its decision here.")
            return redirect(url_for("councillor.request_detail", referral_id=referral.id))
    titles = _visible_titles([referral.document_id])
    status = 400 if (error or form.errors) else 200
    return render_template("councillor/dispute.html", r=referral, form=form, error=error,
                           doc_title=titles[referral.document_id], title="Dispute a refusal"), status

