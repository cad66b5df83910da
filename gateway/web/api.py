"""The JSON API under /api/v1: tokens, search, documents, requests, the Proper Officer's queue, audit.

Every view is declared with `route`, whose gate runs before the view body: it resolves the
account from the bearer token only (never Flask-Login's session cookie: this blueprint is exempt
from CSRF, so a cookie must not sign anybody in), checks the role, and parses the declared inputs.
The same declarations make /api/v1/openapi.json. Views decide through `document_decision` or the
web operations, which decide and audit before anything is returned.
"""

import functools
import logging
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from io import BytesIO
from urllib.parse import quote

from flask import Blueprint, abort, current_app, jsonify, make_response, request, send_file, url_for

from gateway.access.service import CAPACITIES
from gateway.domain import referrals
from gateway.domain.accounts import (
    TOKEN_LIFETIME, Account, SignInError, account_for_token, authenticate, issue_token,
)
from gateway.domain.audit import AuditUnavailable, Entry
from gateway.domain.documents import STATUSES, effective_classification
from gateway.domain.models import Document, Member, Referral
from gateway.web import marking, operations
from gateway.web.api_schema import (
    Answer, BodyError, Field, FieldError, Operation, openapi_document, parse_body, parse_query,
)
from gateway.web.context import db, document_decision, gateway
from gateway.web.errors import error_response

log = logging.getLogger(__name__)

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")

# (endpoint, method) -> its declaration; `route` fills it, openapi.json reads it.
OPERATIONS: dict[tuple[str, str], Operation] = {}

BEARER_CHALLENGE = 'Bearer realm="gateway"'
REFERRAL_STATUSES = ("pending", "granted", "denied")
MAX_TOKEN_LENGTH = 200
RESULT_KEYS = ("id", "title", "committee", "committee_name", "meeting_date", "visibility", "exempt_paragraphs",
               "snippet")
SEARCH_FILTERS = ("committee", "paragraph", "status")
ROLE_NAMES = {"proper_officer": "the Proper Officer", "auditor": "an auditor", "admin": "an administrator",
              "officer": "an officer", "member": "a member"}


class ApiError(Exception):
    """An answer other than success: status, a stable code, a message for people, and extra members."""

    def __init__(self, status: int, code: str, message: str, headers: dict | None = None, **extra):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers, self.extra = headers or {}, extra


def _error(status: int, code: str, message: str, headers: dict | None = None, **extra):
    body, status = error_response(status, message, code)
    response = make_response(jsonify({**body, **extra}), status)
    response.headers.update(headers or {})
    return response


@blueprint.errorhandler(ApiError)
def _api_error(exc: ApiError):
    return _error(exc.status, exc.code, exc.message, exc.headers, **exc.extra)


@blueprint.errorhandler(FieldError)
def _field_error(exc: FieldError):
    return _error(400, "invalid_field", str(exc), field=exc.field)


@blueprint.errorhandler(BodyError)
def _body_error(exc: BodyError):
    return _error(400, "invalid_json", str(exc))


@blueprint.errorhandler(AuditUnavailable)
def _audit_unavailable(_exc):
    return _error(503, "audit_unavailable", "The gateway cannot record this request in its audit log, so it is "
                                            "refused. Try again shortly.")


# -- the gate every view passes ------------------------------------------------------------------

@dataclass(frozen=True)
class Call:
    """What the gate hands a view: the account (None only for public routes) and the checked inputs."""

    account: Account | None
    query: dict
    body: dict


def bearer_account() -> Account:
    """The account of the request's bearer token; ApiError 401 without a valid one."""
    header = request.headers.get("Authorization", "")
    if not header.strip():
        raise ApiError(401, "unauthorized", "Send a bearer token (Authorization: Bearer <token>); "
                                            "POST /api/v1/tokens gives one.", {"WWW-Authenticate": BEARER_CHALLENGE})
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    account = None
    if scheme.lower() == "bearer" and token and len(token) <= MAX_TOKEN_LENGTH:
        account = account_for_token(db(), token)
    if account is None:
        raise ApiError(401, "invalid_token", "The token is not known or has expired: ask for a new one.",
                       {"WWW-Authenticate": f'{BEARER_CHALLENGE}, error="invalid_token"'})
    return account


def has_role(account: Account, roles) -> bool:
    return ("member" in roles and account.kind == "member") or bool(set(roles) & set(account.roles))


def route(rule: str, method: str = "GET", *, answers: dict, public: bool = False, roles=(), query=(), body=None,
          path: dict | None = None, tags=()):
    """Declares and registers an API view; its docstring's first line is the operation's summary."""

    def register(view):
        doc = (view.__doc__ or view.__name__).strip().splitlines()
        op = Operation(endpoint=view.__name__, method=method, summary=doc[0], description=" ".join(doc[1:]).strip(),
                       public=public, roles=tuple(roles), query=tuple(query),
                       body=None if body is None else tuple(body), path=dict(path or {}), answers=dict(answers),
                       tags=tuple(tags))

        @functools.wraps(view)
        def gate(**view_args):
            account = None if op.public else bearer_account()
            if op.roles and not has_role(account, op.roles):
                who = " or ".join(ROLE_NAMES.get(r, r) for r in op.roles)
                raise ApiError(403, "forbidden", f"Only {who} may do this.")
            call = Call(account, parse_query(op.query, request.args),
                        {} if op.body is None else parse_body(op.body, request.get_data(cache=True)))
            return view(call, **view_args)

        if (op.endpoint, method) in OPERATIONS:
            raise RuntimeError(f"API view {op.endpoint} {method} declared twice")
        OPERATIONS[(op.endpoint, method)] = op
        blueprint.add_url_rule(rule, op.endpoint, gate, methods=[method])
        return gate

    return register


# -- answers shared by several views -------------------------------------------------------------

DOCUMENT_ID = {"document_id": "The document's id"}
REFERRAL_ID = {"referral_id": "The referral's number"}
NOT_FOUND = Answer("No such document, or one hidden from the caller: the two answers are identical", "Error")
REFUSED = Answer("Refused (deny) or referred to the Proper Officer (refer), with the decision", "Refusal")
REFERRAL_NOT_FOUND = Answer("No such referral (or not one the caller may see)", "Error")
CONFLICT = Answer("The referral is not in a state that allows this", "Error")


def _missing_document(account: Account, document_id: str, action: str) -> None:
    """A missing document answers as a hidden one does, at a like cost: its lookup is audited too."""
    if db().get(Document, document_id) is None:
        gateway().audit.append(Entry("not_found", actor=account.id,
                                     document=document_id if len(document_id) <= 100 else None,
                                     detail={"id": document_id[:200], "action": action}))
        abort(404)


def _decide(account: Account, document_id: str, action: str, capacity: str = "councillor", reason: str = ""):
    _missing_document(account, document_id, action)
    try:
        return document_decision(document_id, action, capacity, reason, account=account.id)
    except ValueError as exc:  # make_request names the field
        raise ApiError(400, "invalid_field", str(exc)) from None


def _refusal(decision, document_id: str) -> ApiError:
    if decision.outcome == "refer":
        return ApiError(403, "referred", " ".join(decision.reasons) or "This needs the Proper Officer's decision.",
                        decision=decision.to_json(),
                        request=url_for("api.request_document", document_id=document_id))
    return ApiError(403, "refused", " ".join(decision.reasons) or "Access is refused.", decision=decision.to_json())


def _operation_error(exc: operations.OperationError) -> ApiError:
    """The operations' messages name the field ("reasons: ..."), or say the referral is not there or not pending."""
    message = str(exc)
    if message.startswith("there is no") or "has no dispute" in message:
        return ApiError(404, "not_found", message)
    head = message.split(":", 1)[0]
    if ":" in message and head.isidentifier():
        return ApiError(400, "invalid_field", message, field=head)
    return ApiError(409, "conflict", message)


def _referral(call: Call, referral_id: int) -> Referral:
    """A referral the caller may see (the Proper Officer's, or a member's own); 404 otherwise."""
    referral = db().get(Referral, referral_id)
    if referral is None or not (call.account.is_proper_officer or referral.member_id == call.account.id):
        raise ApiError(404, "not_found", f"there is no referral {referral_id}")
    return referral


def _header_text(text: str) -> str:
    """Free text made safe for a header (ASCII, no line breaks), still readable."""
    return quote(str(text), safe=" !#$&'()*+,-./:;<=>?@[]^_`{|}~")[:500]


def document_json(doc, decision) -> dict:
    """A document's metadata for the caller: meeting metadata when listed, more when open."""
    data = {
        "id": doc.id, "title": doc.title, "committee": doc.committee, "committee_name": doc.committee_name,
        "meeting_date": doc.meeting_date.isoformat() if doc.meeting_date else None,
        "meeting_session": doc.session, "status": doc.status, "visibility": decision.visibility,
        "exempt_paragraphs": sorted(doc.paragraphs), "decision": decision.to_json(),
    }
    if decision.visibility == "open":
        row = db().get(Document, doc.id)
        version = row.current_version if row is not None else None
        data.update(
            portfolio=doc.portfolio,
            matters=[{"id": m, "title": doc.matter_titles.get(m, m)} for m in sorted(doc.matters)],
            media_type=version.media_type if version else None, size=version.size if version else None,
            content=url_for("api.document_content", document_id=doc.id),
        )
    return data


# -- tokens and the account ----------------------------------------------------------------------

@route("/tokens", "POST", public=True, tags=("account",),
       body=(Field("username", description="A member's or officer's id"), Field("password")),
       answers={201: Answer("A bearer token for 12 hours", "Token"),
                401: Answer("Wrong username or password, or the name is locked out", "Error",
                            headers={"WWW-Authenticate": "Bearer"})})
def create_token(call: Call):
    """Exchange a username and password for a bearer token.

    Sign-in rules apply as on the web: every attempt is audited, and repeated failures lock the name out.
    """
    username, password = (call.body["username"] or "").strip(), call.body["password"] or ""
    session = db()
    try:
        if not username or not password or len(username) > 100 or len(password) > 200:
            raise SignInError("The username or password is not right.")
        account = authenticate(session, username, password)
    except SignInError as exc:
        session.commit()  # keep the failure count
        gateway().audit.append(Entry("signin_failed", actor=None, detail={"username": username[:100], "via": "api"}))
        raise ApiError(401, "invalid_credentials", str(exc), {"WWW-Authenticate": BEARER_CHALLENGE}) from None
    session.commit()
    gateway().audit.append(Entry("signin", actor=account.id, detail={"via": "api"}))
    token = issue_token(session, account.id)
    session.commit()
    return {"token": token, "token_type": "Bearer", "expires_in": int(TOKEN_LIFETIME.total_seconds())}, 201


@route("/account", tags=("account",), answers={200: Answer("The token's account", "Account")})
def account(call: Call):
    """The account the bearer token belongs to."""
    acc = call.account
    return {"id": acc.id, "name": acc.name, "kind": acc.kind, "roles": sorted(acc.roles)}


# -- search and documents ------------------------------------------------------------------------

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
       answers={200: Answer("Only documents the caller may discover; snippets only where open", "SearchResults"),
                400: Answer("A malformed query, or a wrong parameter; the message says which", "Error"),
                503: Answer("The search index cannot be read", "Error")})
def search(call: Call):
    """Search the documents the caller may discover."""
    from index import IndexUnavailable, QueryError  # imported on first use, as Gateway.index does

    q = call.query
    gw = gateway()
    try:
        found = gw.index.search(gw, call.account.id, q["q"], page=q["page"], page_size=q["page_size"],
                                committee=q["committee"], date_from=q["date_from"], date_to=q["date_to"],
                                paragraph=q["paragraph"], status=q["status"], at=None)
    except QueryError as exc:  # the index's message is for people, and names a filter where one is wrong
        message = str(exc)
        named = message.split(":", 1)[0]
        raise ApiError(400, "invalid_query", message, field=named if named in SEARCH_FILTERS else "q") from None
    except IndexUnavailable:
        log.exception("search index unavailable")
        raise ApiError(503, "index_unavailable", "Search is not available just now; try again shortly.") from None
    results = []
    for item in found["results"]:
        if item.get("visibility") not in ("open", "listed"):  # the index trims these; never pass one on
            log.error("search returned %s with visibility %r", item.get("id"), item.get("visibility"))
            continue
        result = {key: item.get(key) for key in RESULT_KEYS}
        if result["visibility"] != "open":
            result["snippet"] = None
        if isinstance(result["meeting_date"], date):
            result["meeting_date"] = result["meeting_date"].isoformat()
        results.append(result)
    return {"total": found["total"], "page": found.get("page", q["page"]), "pages": found.get("pages"),
            "results": results}


READING = (Field("reason", description="Why you need it for your duties (needed where a rule refers)",
                 max_length=2000, default=""),
           Field("capacity", enum=CAPACITIES, default="councillor"))


@route("/documents/<document_id>", path=DOCUMENT_ID, tags=("documents",), query=READING,
       answers={200: Answer("The metadata the caller may see, with the decision (action discover)", "Document"),
                404: NOT_FOUND, 503: Answer("The decision could not be audited, so it is refused", "Error")})
def document(call: Call, document_id: str):
    """A document's metadata and the caller's decision for it.

    The decision is for action discover: with the reason and capacity you would read it with, it says
    what reading it would answer (without a reason, a rule that refers answers R-NO-REASON).
    """
    doc, _, decision = _decide(call.account, document_id, "discover", call.query["capacity"], call.query["reason"])
    return document_json(doc, decision)


@route("/documents/<document_id>/content", path=DOCUMENT_ID, tags=("documents",), query=READING,
       answers={200: Answer("The stored file, with its media type (granted; audited before it is sent)",
                            media={"application/pdf": {"type": "string", "format": "binary"},
                                   "text/plain": {"type": "string"}},
                            headers={"X-Released-To": "The member's name (003:5.12)",
                                     "X-Released-For": "The stated purpose", "X-Released-On": "The date"}),
                403: REFUSED, 404: NOT_FOUND,
                503: Answer("The decision could not be audited, so it is refused", "Error")})
def document_content(call: Call, document_id: str):
    """A document's content, where the caller is granted it."""
    doc, req, decision = _decide(call.account, document_id, "read", call.query["capacity"], call.query["reason"])
    if not decision.granted:
        raise _refusal(decision, doc.id)
    row = db().get(Document, doc.id)
    version = row.current_version if row is not None else None
    data, media_type = None, None
    if version is not None:
        try:
            data, media_type = gateway().blobs.get(version.sha256), version.media_type
        except FileNotFoundError:
            log.error("blob %s of %s is missing; sending the extracted text", version.sha256, doc.id)
            if version.pages:
                data, media_type = "\n\f".join(version.pages).encode("utf-8"), "text/plain"
    if data is None:
        raise ApiError(404, "no_content", "This document has no stored content.")
    name = row.file or doc.id
    if media_type == "text/plain" and not name.lower().endswith(".txt"):
        name = f"{doc.id}.txt"
    response = send_file(BytesIO(data), mimetype=media_type, as_attachment=True, download_name=name,
                         conditional=False, etag=False, last_modified=None, max_age=0)
    # 003:5.12: information released is for the purpose it was given for; say to whom, why and when.
    response.headers["X-Released-To"] = _header_text(call.account.name)
    response.headers["X-Released-For"] = _header_text(req.reason)
    response.headers["X-Released-On"] = req.at.isoformat()
    response.headers["Cache-Control"] = "no-store"
    return response


@route("/documents/<document_id>/download", path=DOCUMENT_ID, tags=("documents",),
       query=(Field("purpose", required=True, max_length=200, description="What the copy is for: it is printed "
                                                                          "on every page (003:5.12)"),
              Field("capacity", enum=CAPACITIES, default="councillor")),
       answers={200: Answer("A copy marked 'Provided to <member> on <date> for <purpose> — not for onward "
                            "disclosure' (granted; audited before it is sent)",
                            media={"application/pdf": {"type": "string", "format": "binary"},
                                   "text/plain": {"type": "string"}}),
                403: REFUSED, 404: NOT_FOUND,
                503: Answer("The decision could not be audited, so it is refused", "Error")})
def document_download(call: Call, document_id: str):
    """A marked copy of a document's content, where the caller is granted it."""
    purpose = " ".join(call.query["purpose"].split())
    doc, req, decision = _decide(call.account, document_id, "download", call.query["capacity"], purpose)
    if not decision.granted:
        raise _refusal(decision, doc.id)
    row = db().get(Document, doc.id)
    version = row.current_version if row is not None else None
    if version is None:
        raise ApiError(404, "no_content", "This document has no stored content.")
    notice = marking.notice(call.account.name, req.at, purpose)
    data = gateway().blobs.get(version.sha256)
    text = None
    if version.media_type == "application/pdf":
        try:
            body, suffix = marking.mark_pdf(data, notice), "pdf"
        except marking.MarkingError:
            log.warning("could not stamp %s; sending its marked text instead", doc.id)
            text = "\n\f\n".join(version.pages or [])
    else:
        text = data.decode("utf-8", errors="replace")
    if text is not None:
        body, suffix = marking.mark_text(text, notice).encode("utf-8"), "txt"
    gateway().audit.append(Entry("marked_copy", actor=call.account.id, document=doc.id,
                                 detail={"notice": notice, "purpose": purpose, "format": suffix, "via": "api"}))
    response = send_file(BytesIO(body), mimetype="application/pdf" if suffix == "pdf" else "text/plain",
                         as_attachment=True, download_name=f"{doc.id}-marked.{suffix}", conditional=False,
                         etag=False, last_modified=None, max_age=0)
    response.headers["Cache-Control"] = "no-store"
    return response


@route("/documents/<document_id>/requests", "POST", path=DOCUMENT_ID, tags=("referrals",),
       body=(Field("reason", description="Why you need it for your duties: four words or more, not curiosity "
                                         "(without one, a rule that refers answers deny R-NO-REASON)",
                   max_length=2000, default=""),
             Field("capacity", enum=CAPACITIES, default="councillor")),
       answers={200: Answer("Granted outright", "DecisionAnswer"),
                201: Answer("Referred to the Proper Officer: the referral, due in 2 working days", "ReferralCreated"),
                403: Answer("Refused, with the decision", "Refusal"), 404: NOT_FOUND,
                503: Answer("The decision could not be audited, so it is refused", "Error")})
def request_document(call: Call, document_id: str):
    """Ask for a document with your need to know; a rule that refers queues it for the Proper Officer."""
    _missing_document(call.account, document_id, "read")
    try:
        decision, referral = operations.request_access(gateway(), db(), call.account.id, document_id,
                                                       call.body["reason"], call.body["capacity"])
    except LookupError:  # hidden, exactly as missing
        abort(404)
    except ValueError as exc:
        raise ApiError(400, "invalid_field", str(exc)) from None
    if referral is not None:
        return {"referral": referrals.referral_json(referral), "decision": decision.to_json()}, 201
    if decision.granted:
        return {"decision": decision.to_json()}, 200
    raise _refusal(decision, document_id)


# -- referrals -----------------------------------------------------------------------------------

@route("/referrals", roles=("proper_officer",), tags=("referrals",),
       query=(Field("status", enum=REFERRAL_STATUSES, default="pending"),),
       answers={200: Answer("The Proper Officer's queue, soonest due first", "Referrals")})
def referral_queue(call: Call):
    """The Proper Officer's queue of referrals."""
    return [referrals.referral_json(item.referral) for item in referrals.queue(db(), call.query["status"])]


@route("/referrals/mine", tags=("referrals",), answers={200: Answer("The caller's own requests", "Referrals")})
def my_referrals(call: Call):
    """Your own requests, newest first, with the Proper Officer's decisions and reasons."""
    if call.account.kind != "member":
        return []
    return [referrals.referral_json(r) for r in referrals.member_requests(db(), call.account.id)]


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
            "classification": effective_classification(row.declared or {}, classified),
            "declared": sorted(row.declared or {}), "confidence": classified.get("confidence"),
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
    }


@route("/referrals/<int:referral_id>", path=REFERRAL_ID, tags=("referrals",),
       answers={200: Answer("The referral; for the Proper Officer, with its context", "ReferralWithContext"),
                404: REFERRAL_NOT_FOUND})
def referral(call: Call, referral_id: int):
    """One referral: the Proper Officer sees any (with what to weigh), a member their own."""
    found = _referral(call, referral_id)
    data = referrals.referral_json(found)
    if call.account.is_proper_officer:
        data["context"] = referral_context(found)
    return data


@route("/referrals/<int:referral_id>/decision", "POST", path=REFERRAL_ID, roles=("proper_officer",),
       tags=("referrals",),
       body=(Field("outcome", required=True, enum=("grant", "deny")),
             Field("reasons", required=True, max_length=5000, description="Written reasons (002:6.7)"),
             Field("until", "date", description="A grant's last day (inclusive)")),
       answers={200: Answer("The decided referral", "Referral"), 404: REFERRAL_NOT_FOUND, 409: CONFLICT})
def decide_referral(call: Call, referral_id: int):
    """The Proper Officer grants or refuses a referral, with written reasons."""
    b = call.body
    try:
        decided = operations.adjudicate(gateway(), db(), call.account.id, referral_id, b["outcome"], b["reasons"],
                                        b["until"])
    except operations.OperationError as exc:
        raise _operation_error(exc) from None
    return referrals.referral_json(decided)


@route("/referrals/<int:referral_id>/dispute", "POST", path=REFERRAL_ID, roles=("member",), tags=("referrals",),
       body=(Field("grounds", required=True, max_length=5000, description="Why the refusal is wrong"),),
       answers={200: Answer("The disputed referral, now for the relevant committee", "Referral"),
                404: REFERRAL_NOT_FOUND, 409: CONFLICT})
def dispute_referral(call: Call, referral_id: int):
    """Dispute the Proper Officer's refusal of one of your requests."""
    try:
        disputed = operations.dispute(gateway(), db(), call.account.id, referral_id, call.body["grounds"])
    except operations.OperationError as exc:
        raise _operation_error(exc) from None
    return referrals.referral_json(disputed)


@route("/referrals/<int:referral_id>/dispute-outcome", "POST", path=REFERRAL_ID, roles=("proper_officer",),
       tags=("referrals",),
       body=(Field("outcome", required=True, max_length=5000, description="The committee's decision"),),
       answers={200: Answer("The referral with the dispute's outcome", "Referral"), 404: REFERRAL_NOT_FOUND})
def record_dispute_outcome(call: Call, referral_id: int):
    """The Proper Officer records the committee's outcome of a dispute."""
    try:
        recorded = operations.record_dispute_outcome(gateway(), db(), call.account.id, referral_id,
                                                     call.body["outcome"])
    except operations.OperationError as exc:
        raise _operation_error(exc) from None
    return referrals.referral_json(recorded)


# -- audit and the description -------------------------------------------------------------------

@route("/audit", roles=("proper_officer", "auditor"), tags=("audit",),
       query=(Field("since", "moment", description="Records at or after this date or date-time"),
              Field("member", description="Records of this actor (a member's or officer's id)", max_length=100),
              Field("document", description="Records about this document", max_length=100),
              Field("event", description="decision, search, signin, referral, adjudication, ...", max_length=40),
              Field("limit", "integer", minimum=1, maximum=10000, default=1000)),
       answers={200: Answer("Audit records, oldest first", "AuditRecords")})
def audit(call: Call):
    """Records of the audit log."""
    q = call.query
    return gateway().audit.records(since=q["since"], actor=q["member"], document=q["document"], event=q["event"],
                                   limit=q["limit"])


@route("/openapi.json", public=True, tags=("meta",),
       answers={200: Answer("This API's OpenAPI document", {"type": "object"})})
def openapi(call: Call):
    """This API's OpenAPI document, generated from the routes."""
    try:
        version = metadata.version("council-document-gateway")
    except metadata.PackageNotFoundError:
        version = "0"
    return openapi_document(current_app, blueprint, OPERATIONS, "Council document gateway API", version)
