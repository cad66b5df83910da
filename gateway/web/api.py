"""The JSON API under /api/v1: tokens, search, documents, requests, the Proper Officer's queue, audit.

Every view is declared with `route`, whose gate runs before the view body: it resolves the
account from the bearer token only (never Flask-Login's session cookie: this blueprint is exempt
from CSRF, so a cookie must not sign anybody in), checks the role, and parses the declared inputs.
Views call one service each and return one of `api_models`' answers, which the gate serialises
after checking it is the one declared; the same declarations make /api/v1/openapi.json.
"""

import functools
import logging
from dataclasses import dataclass
from datetime import timezone
from importlib import metadata
from io import BytesIO
from urllib.parse import quote

from flask import Blueprint, Response, current_app, jsonify, make_response, request, send_file, url_for

from gateway.access.gather import FactSource
from gateway.access.service import CAPACITIES
from gateway.domain import referrals, reviews
from gateway.domain.accounts import Account, account_row
from gateway.domain.clock import london_today, utcnow
from gateway.domain.documents import STATUSES, document_labels
from gateway.domain.models import Document, Member, Referral
from gateway.domain.sessions import token_account
from gateway.services import account_admin, accounts, amendments, classification, documents, members, oversight
from gateway.services import audit as audit_service
from gateway.services import referrals as referral_service
from gateway.services import standard_reasons as reason_service
from gateway.services import reviews as review_service
from gateway.services.outcomes import NotFound, Refused
from gateway.services.search import search as search_documents
from gateway.web import api_models as answers
from gateway.web.api_schema import (
    Answer, BodyError, Field, FieldError, Operation, openapi_document, parse_body, parse_query,
)
from gateway.web.context import db, gateway
from gateway.web.errors import BEARER_CHALLENGE, json_error

log = logging.getLogger(__name__)

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")

# (endpoint, method) -> its declaration; `route` fills it, openapi.json reads it.
OPERATIONS: dict[tuple[str, str], Operation] = {}

REFERRAL_STATUSES = ("pending", "granted", "denied", "withdrawn")
MAX_TOKEN_LENGTH = 200
ROLE_NAMES = {"proper_officer": "the Proper Officer", "auditor": "an auditor", "admin": "an administrator",
              "officer": "an officer", "member": "a member"}


class ApiError(Exception):
    """The gate's refusals (no token, wrong role) and the index being down: status, code, message."""

    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


def _error(status: int, code: str, message: str, headers: dict | None = None, field: str | None = None):
    body, status, headers = json_error(status, code, message, headers, field)
    response = make_response(jsonify(body), status)
    response.headers.update(headers)
    return response


@blueprint.errorhandler(ApiError)
def _api_error(exc: ApiError):
    return _error(exc.status, exc.code, exc.message, exc.headers)


@blueprint.errorhandler(FieldError)
def _field_error(exc: FieldError):
    return _error(400, "invalid_field", str(exc), field=exc.field)


@blueprint.errorhandler(BodyError)
def _body_error(exc: BodyError):
    return _error(400, "invalid_json", str(exc))


# -- the gate every view passes ------------------------------------------------------------------

@dataclass(frozen=True)
class Call:
    """What the gate hands a view: the account and its token (None only for public routes), checked inputs."""

    account: Account | None
    token: str | None
    query: dict
    body: dict


def bearer() -> tuple[Account, str]:
    """The account of the request's bearer token, and the token; ApiError 401 without a live one."""
    header = request.headers.get("Authorization", "")
    if not header.strip():
        raise ApiError(401, "unauthorized", "Send a bearer token (Authorization: Bearer <token>); "
                                            "POST /api/v1/tokens gives one.", {"WWW-Authenticate": BEARER_CHALLENGE})
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    account = None
    if scheme.lower() == "bearer" and token and len(token) <= MAX_TOKEN_LENGTH:
        account = token_account(db(), token, known=FactSource(db()).tokens)
    if account is None:
        raise ApiError(401, "invalid_token", "The token is not known, was revoked or has expired: ask for a new one.",
                       {"WWW-Authenticate": f'{BEARER_CHALLENGE}, error="invalid_token"'})
    return account, token


def has_role(account: Account, roles) -> bool:
    held = set(account.roles) | ({"proper_officer"} if account.is_proper_officer else set())  # deputies act for them
    return ("member" in roles and account.kind == "member") or bool(set(roles) & held)


def _answer(op: Operation, result):
    """The view's answer as JSON, after checking it is the model declared for its status."""
    if isinstance(result, Response):
        return result
    body, status = result if isinstance(result, tuple) else (result, 200)
    declared = op.answers.get(status)
    if declared is None or not (isinstance(declared.schema, type) and isinstance(body, declared.schema)):
        raise RuntimeError(f"API view {op.endpoint} answered {status} with {type(body).__name__}, not as declared")
    # pydantic writes the JSON itself (in Rust), rather than a dict Flask encodes again: it is on every call (issue 13)
    return current_app.response_class(body.model_dump_json(exclude_unset=True), status, mimetype="application/json")


def route(rule: str, method: str = "GET", *, answers: dict, public: bool = False, roles=(), query=(), body=None,
          path: dict | None = None, tags=(), partial: bool = False):
    """Declares and registers an API view; its docstring's first line is the operation's summary."""

    def register(view):
        doc = (view.__doc__ or view.__name__).strip().splitlines()
        op = Operation(endpoint=view.__name__, method=method, summary=doc[0], description=" ".join(doc[1:]).strip(),
                       public=public, roles=tuple(roles), query=tuple(query),
                       body=None if body is None else tuple(body), path=dict(path or {}), answers=dict(answers),
                       tags=tuple(tags), partial=partial)

        @functools.wraps(view)
        def gate(**view_args):
            account, token = (None, None) if op.public else bearer()
            if op.roles and not has_role(account, op.roles):
                who = " or ".join(ROLE_NAMES.get(r, r) for r in op.roles)
                raise ApiError(403, "forbidden", f"Only {who} may do this.")
            call = Call(account, token, parse_query(op.query, request.args),
                        {} if op.body is None else parse_body(op.body, request.get_data(cache=True), op.partial))
            return _answer(op, view(call, **view_args))

        if (op.endpoint, method) in OPERATIONS:
            raise RuntimeError(f"API view {op.endpoint} {method} declared twice")
        OPERATIONS[(op.endpoint, method)] = op
        blueprint.add_url_rule(rule, op.endpoint, gate, methods=[method])
        return gate

    return register


# -- answers shared by several views -------------------------------------------------------------

DOCUMENT_ID = {"document_id": "The document's id"}
REFERRAL_ID = {"referral_id": "The referral's number"}
NOT_FOUND = Answer("No such document, or one hidden from the caller: the two answers are identical", answers.Error)
REFUSED = Answer("Refused (deny) or referred to the Proper Officer (refer), with the decision", answers.Refusal)
REFERRAL_NOT_FOUND = Answer("No such referral (or not one the caller may see)", answers.Error)
CONFLICT = Answer("The referral is not in a state that allows this", answers.Error)
UNAUDITED = Answer("The decision could not be audited, so it is refused", answers.Error)
TOO_LONG = Answer("A PDF too long to mark with the member's name while they wait: ask the Proper Officer",
                  answers.Error)
RELEASED = {"X-Released-To": "The member's name (003:5.12)", "X-Released-For": "The stated purpose",
            "X-Released-On": "The date", "X-Marking": "The marking the content carries, where it is not public"}
FILE = {"application/pdf": {"type": "string", "format": "binary"}, "text/plain": {"type": "string"}}


def _referral(call: Call, referral_id: int) -> Referral:
    """A referral the caller may see (the Proper Officer's, or a member's own); NotFound otherwise."""
    referral = db().get(Referral, referral_id)
    if referral is None or not (call.account.is_proper_officer or referral.member_id == call.account.id):
        raise NotFound()
    return referral


def _header_text(text: str) -> str:
    """Free text made safe for a header (ASCII, no line breaks), still readable."""
    return quote(str(text), safe=" !#$&'()*+,-./:;<=>?@[]^_`{|}~")[:500]


def _file(content: documents.Content, call: Call, purpose: str, filename: str) -> Response:
    """The released file as an attachment, saying to whom, why and when it was released (003:5.12)."""
    response = send_file(BytesIO(content.body), mimetype=content.media_type, as_attachment=True,
                         download_name=filename, conditional=False, etag=False, last_modified=None, max_age=0)
    response.headers["X-Released-To"] = _header_text(call.account.name)
    response.headers["X-Released-For"] = _header_text(purpose)
    response.headers["X-Released-On"] = london_today().isoformat()
    if content.notice:
        response.headers["X-Marking"] = _header_text(content.notice)
    response.headers["Cache-Control"] = "no-store"
    return response


def _referral_answer(referral: Referral, model=answers.Referral):
    return model(**referrals.referral_json(referral))


# -- tokens and the account ----------------------------------------------------------------------

@route("/tokens", "POST", public=True, tags=("account",),
       body=(Field("username", description="A member's or officer's id"), Field("password")),
       answers={201: Answer("A bearer token, and when it expires", answers.Token),
                401: Answer("Wrong username or password, or the name is locked out", answers.Error,
                            headers={"WWW-Authenticate": "Bearer"}),
                429: Answer("Too many sign-ins from this client: try again after Retry-After seconds",
                            answers.Error, headers={"Retry-After": "Seconds to wait"})})
def create_token(call: Call):
    """Exchange a username and password for a bearer token.

    Sign-in rules apply as on the web: every attempt is audited, and repeated failures lock the name out.
    """
    signed_in = accounts.sign_in(gateway(), db(), call.body["username"], call.body["password"], via="api")
    expires_in = int((signed_in.expires_at - utcnow()).total_seconds())
    return answers.Token(token=signed_in.secret, expires_at=signed_in.expires_at.replace(tzinfo=timezone.utc),
                         expires_in=expires_in), 201


@route("/tokens/current", "DELETE", tags=("account",),
       answers={204: Answer("Revoked: the token answers 401 from now on")})
def revoke_token(call: Call):
    """Revoke the bearer token this request carries."""
    accounts.revoke_token(gateway(), db(), call.account.id, call.token)
    return Response(status=204)


@route("/account", tags=("account",), answers={200: Answer("The token's account", answers.Account)})
def account(call: Call):
    """The account the bearer token belongs to."""
    acc = call.account
    return answers.Account(id=acc.id, name=acc.name, kind=acc.kind, roles=sorted(acc.roles))


# -- search and documents ------------------------------------------------------------------------

RESULT_FIELDS = tuple(answers.SearchResult.model_fields)   # read once: pydantic builds the mapping on each read


@route("/search", tags=("documents",),
       query=(Field("q", description='Words, "phrases", AND, OR, NOT and brackets; empty lists every document '
                                     "the caller may discover, newest meeting first", max_length=2000, default=""),
              Field("page", "integer", minimum=1, default=1),
              Field("page_size", "integer", minimum=1, maximum=100, default=20),
              Field("committee", description="A committee id", max_length=100),
              Field("date_from", "date", description="Meetings on or after this date"),
              Field("date_to", "date", description="Meetings on or before this date"),
              Field("paragraph", "integer", description="Carries this Schedule 12A paragraph", minimum=1, maximum=7),
              Field("status", enum=STATUSES)),
       answers={200: Answer("Only documents the caller may discover; snippets only where open",
                            answers.SearchResults),
                400: Answer("A malformed query, or a wrong parameter; the message says which", answers.Error),
                503: Answer("The search index cannot be read, or the search cannot be audited", answers.Error)})
def search(call: Call):
    """Search the documents the caller may discover."""
    from index import IndexUnavailable  # imported on first use, as Gateway.index does

    q = call.query
    try:
        found = search_documents(gateway(), db(), call.account.id, q["q"], q["page"], q["page_size"],
                                 committee=q["committee"], date_from=q["date_from"], date_to=q["date_to"],
                                 paragraph=q["paragraph"], status=q["status"])
    except IndexUnavailable:
        log.exception("search index unavailable")
        raise ApiError(503, "index_unavailable", "Search is not available just now; try again shortly.") from None
    results = []
    for item in found["results"]:
        if item.get("visibility") not in ("open", "listed"):  # the index trims these; never pass one on
            log.error("search returned %s with visibility %r", item.get("id"), item.get("visibility"))
            continue
        result = {key: item.get(key) for key in RESULT_FIELDS}
        if result["visibility"] != "open":
            result["snippet"] = None
        results.append(answers.SearchResult(**result))
    return answers.SearchResults(total=found["total"], page=found.get("page", q["page"]), pages=found.get("pages"),
                                 results=results)


READING = (Field("reason", description="Why you need it for your duties (needed where a rule refers)",
                 max_length=2000, default=""),
           Field("capacity", enum=CAPACITIES, default="councillor"))


@route("/documents/<document_id>", path=DOCUMENT_ID, tags=("documents",), query=READING,
       answers={200: Answer("The metadata the caller may see, with the decision (action discover)", answers.Document),
                404: NOT_FOUND, 503: UNAUDITED})
def document(call: Call, document_id: str):
    """A document's metadata and the caller's decision for it.

    The decision is for action discover: with the reason and capacity you would read it with, it says
    what reading it would answer (without a reason, a rule that refers answers R-NO-REASON).
    """
    opened = documents.open_document(gateway(), db(), call.account.id, document_id, "discover",
                                     call.query["capacity"], call.query["reason"])
    doc, decision = opened.doc, opened.decision
    answer = answers.Document(
        id=doc.id, title=doc.title, committee=doc.committee, committee_name=doc.committee_name,
        meeting_date=doc.meeting_date, meeting_session=doc.session, status=doc.status,
        visibility=decision.visibility, exempt_paragraphs=sorted(doc.paragraphs), decision=answers.Decision.of(decision))
    if decision.visibility == "open":
        answer.portfolio = doc.portfolio
        answer.matters = [answers.MatterRef(id=m, title=doc.matter_titles.get(m, m)) for m in sorted(doc.matters)]
        answer.media_type, answer.size = documents.stored_format(opened)
        answer.content = url_for("api.document_content", document_id=doc.id)
        answer.review_on, answer.release_on = doc.review_on, doc.release_on
        answer.amendments = [answers.DocumentChange(version=c.version, changed_at=c.changed_at.isoformat(), note=c.note)
                             for c in amendments.of_document(opened.facts, doc.id)]
    return answer


@route("/documents/<document_id>/content", path=DOCUMENT_ID, tags=("documents",), query=READING,
       answers={200: Answer("The stored file (granted; audited before it is sent), marked for the member "
                            "unless it is public: a PDF stamped on every page, text with a first line",
                            media=FILE, headers=RELEASED),
                403: REFUSED, 404: NOT_FOUND, 409: TOO_LONG, 503: UNAUDITED})
def document_content(call: Call, document_id: str):
    """A document's content, where the caller is granted it."""
    content = documents.read_content(gateway(), db(), call.account.id, document_id, call.query["capacity"],
                                     call.query["reason"])
    return _file(content, call, call.query["reason"], content.filename)


@route("/documents/<document_id>/download", path=DOCUMENT_ID, tags=("documents",),
       query=(Field("purpose", required=True, max_length=200, description="What the copy is for: it is printed "
                                                                          "on every page (003:5.12)"),
              Field("capacity", enum=CAPACITIES, default="councillor")),
       answers={200: Answer("A copy marked 'Provided to <member> on <date> for <purpose> — not for onward "
                            "disclosure' (granted; audited before it is sent)", media=FILE, headers=RELEASED),
                403: REFUSED, 404: NOT_FOUND, 409: TOO_LONG, 503: UNAUDITED})
def document_download(call: Call, document_id: str):
    """A marked copy of a document's content, where the caller is granted it."""
    copy = documents.marked_copy(gateway(), db(), call.account.id, document_id, call.query["capacity"],
                                 call.query["purpose"])
    stem, _, suffix = copy.filename.rpartition(".")
    return _file(copy, call, call.query["purpose"], f"{stem}-marked.{suffix}")


@route("/documents/<document_id>/classification", "PUT", path=DOCUMENT_ID, roles=("proper_officer",),
       tags=("documents",),
       body=(Field("exempt_paragraphs", "integers", required=True, description="Schedule 12A paragraphs, 1 to 7"),
             Field("party_group", description="A party group's id, where the document is its internal working"),
             Field("flags", "strings", required=True, description="monitoring_officer_correspondence, "
                                                                  "employee_matter, third_party_personal_data, "
                                                                  "contract_terms"),
             Field("needs_review", "boolean", default=False, description="Keep it for review"),
             Field("reasons", required=True, max_length=4000, description="Why the classification changes")),
       answers={200: Answer("The document's classification now: it lasts across re-ingests", answers.Classification),
                404: NOT_FOUND, 503: UNAUDITED})
def reclassify_document(call: Call, document_id: str):
    """The Proper Officer declares a document's classification, with reasons (audited with them)."""
    b = call.body
    labels = classification.reclassify(gateway(), db(), call.account.id, document_id,
                                       exempt_paragraphs=b["exempt_paragraphs"], party_group=b["party_group"],
                                       flags=b["flags"], needs_review=b["needs_review"], reasons=b["reasons"])
    return answers.Classification(**labels)


@route("/documents/<document_id>/review", "POST", path=DOCUMENT_ID, roles=("proper_officer",), tags=("documents",),
       body=(Field("action", required=True, enum=reviews.ACTIONS,
                   description="release: public from `on`; extend: review again on `on`; keep: the exemption "
                               "stays (the reasons record the public-interest test)"),
             Field("on", "date", description="release: the first public day (default today); extend (required) "
                                             "and keep (optional): the next review date"),
             Field("reasons", required=True, max_length=5000, description="Why: the public-interest test")),
       answers={200: Answer("The review, with the document's review and release dates now", answers.DocumentReview),
                404: NOT_FOUND, 409: Answer("The document is public already: its release date has come",
                                            answers.Error), 503: UNAUDITED})
def review_document(call: Call, document_id: str):
    """The Proper Officer reviews an exempt document: release it from a date, extend, or keep (audited)."""
    b = call.body
    return answers.DocumentReview(**review_service.review(gateway(), db(), call.account.id, document_id,
                                                          b["action"], b["on"], b["reasons"]))


@route("/reviews", roles=("proper_officer",), tags=("documents",),
       query=(Field("on", "date", description="Due on or before this date (default today)"),),
       answers={200: Answer("Documents due for review, soonest first", answers.ReviewsDue)})
def reviews_due(call: Call):
    """The Proper Officer's review queue: exempt documents whose review date has come."""
    rows = reviews.due_for_review(db(), call.query["on"])
    return answers.ReviewsDue([answers.ReviewDue(
        id=r.id, title=r.title, committee=r.committee_id, meeting_date=r.meeting_date,
        exempt_paragraphs=sorted(document_labels(r)["exempt_paragraphs"]), review_on=r.review_on,
        release_on=r.release_on) for r in rows])


@route("/amendments", roles=("proper_officer", "admin"), tags=("documents",),
       answers={200: Answer("Published documents changed since publication, latest change first (IT: only those "
                            "it may discover)", answers.Amendments)})
def amendments_list(call: Call):
    """Published documents whose file changed after publication, each change with its recorded note (003:6.2)."""
    return answers.Amendments([answers.Amendment(
        id=a.document_id, title=a.title, changed_at=a.changed_at.isoformat(), note=a.note, changes=a.changes)
        for a in amendments.changed_published(gateway(), db(), call.account.id)])


@route("/documents/<document_id>/requests", "POST", path=DOCUMENT_ID, tags=("referrals",),
       body=(Field("reason", description="Why you need it for your duties: four words or more, not curiosity "
                                         "(without one, a rule that refers answers deny R-NO-REASON)",
                   max_length=2000, default=""),
             Field("capacity", enum=CAPACITIES, default="councillor"),
             Field("needed_by", "date", description="By when you need it (a meeting, say): the Proper Officer's "
                                                    "queue puts the earlier of this and the due date first"),
             Field("new_information", "boolean", default=False,
                   description="Ask again at once after a refusal (R-PO-REFUSED) because you have new information: "
                               "the reason says what it is; the refusal answers until the Proper Officer decides "
                               "again")),
       answers={200: Answer("Granted outright", answers.DecisionAnswer),
                201: Answer("Referred to the Proper Officer: the referral, due in 2 working days",
                            answers.ReferralCreated),
                400: Answer("A field is wrong (a needed-by date passed, a refused request's own words asked "
                            "again); the message and `field` name it", answers.Error),
                403: Answer("Refused, with the decision", answers.Refusal), 404: NOT_FOUND, 503: UNAUDITED})
def request_document(call: Call, document_id: str):
    """Ask for a document with your need to know; a rule that refers queues it for the Proper Officer."""
    b = call.body
    opened, referral = referral_service.request_access(gateway(), db(), call.account.id, document_id, b["reason"],
                                                       b["capacity"], b["needed_by"], b["new_information"])
    decision = answers.Decision.of(opened.decision)
    if referral is not None:
        return answers.ReferralCreated(referral=_referral_answer(referral), decision=decision), 201
    if opened.decision.granted:
        return answers.DecisionAnswer(decision=decision)
    raise Refused(opened.decision, opened.doc)


# -- referrals -----------------------------------------------------------------------------------

@route("/referrals", roles=("proper_officer",), tags=("referrals",),
       query=(Field("status", enum=REFERRAL_STATUSES, default="pending"),),
       answers={200: Answer("The Proper Officer's queue, soonest due first", answers.Referrals)})
def referral_queue(call: Call):
    """The Proper Officer's queue of referrals."""
    return answers.Referrals([_referral_answer(item.referral) for item in referrals.queue(db(), call.query["status"])])


@route("/referrals/mine", tags=("referrals",), answers={200: Answer("The caller's own requests", answers.Referrals)})
def my_referrals(call: Call):
    """Your own requests, newest first, with the Proper Officer's decisions and reasons."""
    mine = referrals.member_requests(db(), call.account.id) if call.account.kind == "member" else []
    return answers.Referrals([_referral_answer(r) for r in mine])


def referral_context(referral: Referral) -> dict:
    """What the Proper Officer weighs: the document's classification and evidence, the member's seats and interests."""
    session = db()
    row = session.get(Document, referral.document_id)
    member = session.get(Member, referral.member_id)
    classified = (row.classified or {}) if row else {}
    return {
        "document": None if row is None else {
            "id": row.id, "title": row.title, "committee": row.committee_id,
            "meeting_date": row.meeting_date.isoformat() if row.meeting_date else None,
            "classification": document_labels(row), "declared": sorted(row.declared or {}),
            "reclassification": row.reclassification, "confidence": classified.get("confidence"),
            "evidence": classified.get("evidence") or [],
        },
        "member": None if member is None else {
            "id": member.id, "name": member.name, "group": member.group_id, "ward": member.ward,
            "committees": [{"committee": s.committee_id, "role": s.role} for s in member.seats],
            "portfolio_holder": list(member.portfolio_holder or []),
            "opposition_spokesperson": list(member.opposition_spokesperson or []),
            "interests": [{"kind": i.kind, "matter": i.matter_id, "description": i.description}
                          for i in member.interests],
        },
        "history": history_json(referrals.history(session, referral.member_id, referral.document_id)),
    }


def history_json(history: referrals.History) -> dict:
    """The member's requests for the document and the standing decisions on it, oldest first."""
    return {"requests": [referrals.referral_json(r) for r in history.requests],
            "decisions": [{"outcome": d.outcome, "reasons": d.reasons, "until": d.until.isoformat() if d.until else None,
                           "decided_by": d.decided_by, "decided_at": d.decided_at.isoformat(),
                           "referral": d.referral_id} for d in history.decisions]}


@route("/referrals/<int:referral_id>", path=REFERRAL_ID, tags=("referrals",),
       answers={200: Answer("The referral; for the Proper Officer, with its context", answers.ReferralWithContext),
                404: REFERRAL_NOT_FOUND})
def referral(call: Call, referral_id: int):
    """One referral: the Proper Officer sees any (with what to weigh), a member their own."""
    found = _referral(call, referral_id)
    answer = _referral_answer(found, answers.ReferralWithContext)
    if call.account.is_proper_officer:
        answer.context = referral_context(found)
    return answer


@route("/referrals/<int:referral_id>/decision", "POST", path=REFERRAL_ID, roles=("proper_officer",),
       tags=("referrals",),
       body=(Field("outcome", required=True, enum=("grant", "deny")),
             Field("reasons", required=True, max_length=5000, description="Written reasons (002:6.7)"),
             Field("until", "date", description="A grant's last day, or a refusal's: after it the member may ask "
                                                "again (inclusive)"),
             Field("standard_reason", "integer", minimum=1,
                   description="A standard reason's id (GET /standard-reasons): its text comes before `reasons`")),
       answers={200: Answer("The decided referral", answers.Referral), 404: REFERRAL_NOT_FOUND,
                409: Answer("Already decided: to change a refusal on new information, reconsider it", answers.Error),
                503: UNAUDITED})
def decide_referral(call: Call, referral_id: int):
    """The Proper Officer grants or refuses a referral, with written reasons."""
    b = call.body
    return _referral_answer(referral_service.decide(gateway(), db(), call.account.id, referral_id, b["outcome"],
                                                    b["reasons"], b["until"], b["standard_reason"]))


@route("/standard-reasons", roles=("proper_officer",), tags=("referrals",),
       answers={200: Answer("The Proper Officer's standard reasons, by title", answers.StandardReasons)})
def standard_reasons(call: Call):
    """The standard reasons a decision may cite."""
    return answers.StandardReasons([answers.StandardReason(id=r.id, title=r.title, text=r.text)
                                    for r in reason_service.standard_reasons(db())])


@route("/dashboard", roles=("proper_officer",), tags=("referrals",),
       answers={200: Answer("The figures of the Proper Officer's dashboard", answers.Dashboard)})
def dashboard(call: Call):
    """How the service is doing: requests waiting, due, overdue, decided on time; disputes; reviews."""
    return answers.Dashboard(**oversight.dashboard(db()))


@route("/referrals/<int:referral_id>/reconsideration", "POST", path=REFERRAL_ID, roles=("proper_officer",),
       tags=("referrals",),
       body=(Field("outcome", required=True, enum=("grant", "deny")),
             Field("reasons", required=True, max_length=5000, description="Written reasons: the new information "
                                                                          "and what it changes"),
             Field("until", "date", description="A grant's last day, or a refusal's (inclusive)")),
       answers={200: Answer("The referral with its new decision (the refusal stays in its history)",
                            answers.Referral), 404: REFERRAL_NOT_FOUND,
                409: Answer("Only a refusal that stands can be reconsidered", answers.Error), 503: UNAUDITED})
def reconsider_referral(call: Call, referral_id: int):
    """The Proper Officer reconsiders a refusal on new information: the new decision replaces it; the member is told."""
    b = call.body
    return _referral_answer(referral_service.reconsider(gateway(), db(), call.account.id, referral_id, b["outcome"],
                                                        b["reasons"], b["until"]))


@route("/referrals/<int:referral_id>/withdrawal", "POST", path=REFERRAL_ID, roles=("proper_officer",),
       tags=("referrals",),
       body=(Field("reasons", required=True, max_length=5000, description="Why the grant ends early"),),
       answers={200: Answer("The referral, its grant withdrawn: the member is refused from now (R-PO-REFUSED)",
                            answers.Referral), 404: REFERRAL_NOT_FOUND,
                409: Answer("The referral has no grant in force to withdraw", answers.Error), 503: UNAUDITED})
def withdraw_grant(call: Call, referral_id: int):
    """The Proper Officer withdraws a standing grant before its end, with reasons; the member is told."""
    return _referral_answer(referral_service.withdraw(gateway(), db(), call.account.id, referral_id,
                                                      call.body["reasons"]))


@route("/referrals/<int:referral_id>/dispute", "POST", path=REFERRAL_ID, roles=("member",), tags=("referrals",),
       body=(Field("grounds", required=True, max_length=5000, description="Why the refusal is wrong"),),
       answers={200: Answer("The disputed referral, now for the relevant committee", answers.Referral),
                404: REFERRAL_NOT_FOUND, 409: CONFLICT, 503: UNAUDITED})
def dispute_referral(call: Call, referral_id: int):
    """Dispute the Proper Officer's refusal of one of your requests."""
    return _referral_answer(referral_service.dispute(gateway(), db(), call.account.id, referral_id,
                                                     call.body["grounds"]))


@route("/referrals/<int:referral_id>/dispute-outcome", "POST", path=REFERRAL_ID, roles=("proper_officer",),
       tags=("referrals",),
       body=(Field("result", required=True, enum=referrals.DISPUTE_RESULTS,
                   description="upheld: the member is granted the document from now; dismissed: the refusal stands"),
             Field("committee", required=True, max_length=200, description="The committee that decided (its id "
                                                                           "or name)"),
             Field("reasons", required=True, max_length=5000, description="The committee's reasons"),
             Field("until", "date", description="An upheld dispute's grant lasts until this date (inclusive)")),
       answers={200: Answer("The referral with the committee's decision", answers.Referral), 404: REFERRAL_NOT_FOUND,
                409: CONFLICT, 503: UNAUDITED})
def record_dispute_outcome(call: Call, referral_id: int):
    """The Proper Officer records the committee's decision on a dispute: upheld grants access from then."""
    b = call.body
    return _referral_answer(referral_service.record_dispute_outcome(gateway(), db(), call.account.id, referral_id,
                                                                    b["result"], b["committee"], b["reasons"],
                                                                    b["until"]))


# -- IT: members and accounts, one at a time ----------------------------------------------------

MEMBER_ID = {"member_id": "The member's id"}
MEMBER_NOT_FOUND = Answer("No member has that id", answers.Error)
MEMBER_BODY = (
    Field("committees", "records", items=answers.MemberSeat,
          description="Every seat the member holds (replaces them)"),
    Field("portfolio_holder", "strings", description="Portfolio ids (replaces them)"),
    Field("opposition_spokesperson", "strings", description="Portfolio ids (replaces them)"),
    Field("interests", "records", items=answers.MemberInterest,
          description="Every declared interest (replaces them)"),
    Field("group", nullable=True, description="A group's id; null: not in a group"),
    Field("ward", nullable=True),
    Field("email", nullable=True, description="Where notices go; null: none"),
)


@route("/members/<member_id>", path=MEMBER_ID, roles=("admin",), tags=("administration",),
       answers={200: Answer("The member's council-file fields as stored now", answers.Member), 404: MEMBER_NOT_FOUND})
def member(call: Call, member_id: str):
    """One member, as the council file gives them (IT)."""
    return answers.Member(**members.get_member(db(), member_id))


@route("/members/<member_id>", "PATCH", path=MEMBER_ID, roles=("admin",), tags=("administration",),
       body=MEMBER_BODY, partial=True,
       answers={200: Answer("The member as changed: effective at once for decisions and search", answers.Member),
                400: Answer("A field is wrong (checked as the council file is); the message and `field` name it",
                            answers.Error),
                404: MEMBER_NOT_FOUND, 503: Answer("The change could not be audited, so it was not made",
                                                  answers.Error)})
def patch_member(call: Call, member_id: str):
    """Change any of a member's council-file fields (IT); the fields not sent stay as they are.

    Lists (committees, interests, portfolios) replace the member's whole list. The change is checked as a
    council-file upload is, audited with the old and new values, and used by the next decision.
    """
    if not call.body:
        raise FieldError("body", "send one or more of " + ", ".join(f.name for f in MEMBER_BODY))
    return answers.Member(**members.patch_member(gateway(), db(), call.account.id, member_id, call.body))


@route("/accounts/<account_id>/unlock", "POST", path={"account_id": "A member's or officer's id"},
       roles=("admin",), tags=("administration",),
       answers={204: Answer("Unlocked: the account's next sign-in attempt is checked at once (audited)"),
                404: Answer("No member or officer has that id", answers.Error), 503: UNAUDITED})
def unlock_account(call: Call, account_id: str):
    """Clear an account's sign-in back-off after repeated failures (IT)."""
    members.unlock_account(gateway(), db(), call.account.id, account_id)
    return Response(status=204)


ACCOUNT_ID = {"account_id": "A member's or officer's id"}
ACCOUNT_NOT_FOUND = Answer("No member or officer has that id", answers.Error)


@route("/accounts", "POST", roles=("admin",), tags=("administration",),
       body=(Field("kind", required=True, enum=("member", "officer")),
             Field("id", required=True, max_length=100, description="The username: a letter or digit, then letters, "
                                                                    "digits, '.', '_' or '-'"),
             Field("name", required=True, max_length=200),
             Field("email", max_length=254, description="Where notices go"),
             Field("group", max_length=100, description="A member's party group id"),
             Field("ward", max_length=200, description="A member's ward"),
             Field("roles", "strings", description="An officer's roles (at least one)"),
             Field("service", max_length=100, description="An officer's service")),
       answers={201: Answer("Added, with a generated password shown only here (audited without it)",
                            answers.NewPassword),
                400: Answer("A field is wrong (checked as the council file is); `field` names it", answers.Error),
                503: UNAUDITED})
def add_account(call: Call):
    """Add a member or an officer (IT); committees and interests are then set with PATCH /members/{id}."""
    b = call.body
    values = {k: b[k] for k in ("id", "name", "email") + (("group", "ward") if b["kind"] == "member"
                                                          else ("roles", "service"))}
    account, password = account_admin.add_account(gateway(), db(), call.account.id, b["kind"], values)
    return answers.NewPassword(account=answers.ManagedAccount(**account), password=password), 201


@route("/accounts/<account_id>/disable", "POST", path=ACCOUNT_ID, roles=("admin",), tags=("administration",),
       answers={200: Answer("Disabled: its sessions and tokens have ended and it cannot sign in (audited)",
                            answers.ManagedAccount),
                404: ACCOUNT_NOT_FOUND, 409: Answer("An administrator's own account", answers.Error),
                503: UNAUDITED})
def disable_account(call: Call, account_id: str):
    """Disable an account (IT)."""
    return answers.ManagedAccount(**account_admin.disable_account(gateway(), db(), call.account.id, account_id))


@route("/accounts/<account_id>/enable", "POST", path=ACCOUNT_ID, roles=("admin",), tags=("administration",),
       answers={200: Answer("Enabled: it may sign in with its password again (audited)", answers.ManagedAccount),
                404: ACCOUNT_NOT_FOUND, 503: UNAUDITED})
def enable_account(call: Call, account_id: str):
    """Enable a disabled account (IT)."""
    return answers.ManagedAccount(**account_admin.enable_account(gateway(), db(), call.account.id, account_id))


@route("/accounts/<account_id>/password", "POST", path=ACCOUNT_ID, roles=("admin",), tags=("administration",),
       answers={200: Answer("A new generated password, shown only here; the account's sessions and tokens have "
                            "ended (audited without the password)", answers.NewPassword),
                404: ACCOUNT_NOT_FOUND, 503: UNAUDITED})
def reset_password(call: Call, account_id: str):
    """Reset an account's password (IT)."""
    password = account_admin.reset_password(gateway(), db(), call.account.id, account_id)
    account = account_admin.account_json(account_row(db(), account_id))
    return answers.NewPassword(account=answers.ManagedAccount(**account), password=password)


# -- audit and the description -------------------------------------------------------------------

@route("/audit", roles=("proper_officer", "auditor"), tags=("audit",),
       query=(Field("since", "moment", description="Records at or after this date or date-time"),
              Field("member", description="Records of this actor (a member's or officer's id)", max_length=100),
              Field("document", description="Records about this document", max_length=100),
              Field("event", description="decision, search, signin, referral, adjudication, ...", max_length=40),
              Field("limit", "integer", minimum=1, maximum=10000, default=1000)),
       answers={200: Answer("Audit records, oldest first", answers.AuditRecords)})
def audit(call: Call):
    """Records of the audit log."""
    q = call.query
    records = audit_service.records(gateway(), db(), call.account.id, since=q["since"], actor=q["member"],
                                    document=q["document"], event=q["event"], limit=q["limit"])
    return answers.AuditRecords([answers.AuditRecord(**r) for r in records])


@route("/openapi.json", public=True, tags=("meta",),
       answers={200: Answer("This API's OpenAPI document", {"type": "object"})})
def openapi(call: Call):
    """This API's OpenAPI document, generated from the routes and the answers' models."""
    try:
        version = metadata.version("council-document-gateway")
    except metadata.PackageNotFoundError:
        version = "0"
    return jsonify(openapi_document(current_app, blueprint, OPERATIONS, "Council document gateway API", version))
