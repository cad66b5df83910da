"""What every view needs: the gateway, a database session, the signed-in account, one decision."""

from flask import abort, current_app, g
from flask_login import current_user

from gateway.access.gather import FactSource
from gateway.access.service import make_request
from gateway.domain.audit import AuditUnavailable


def gateway():
    return current_app.extensions["gateway"]


def db():
    """One session per request, closed when the request ends."""
    if "db" not in g:
        g.db = gateway().sessions()
    return g.db


def account_id() -> str | None:
    return current_user.id if current_user.is_authenticated else None


def document_decision(document_id: str, action="read", capacity="councillor", reason="", account=None):
    """Decides (and audits) for the caller; a hidden or missing document aborts with the same 404.

    Returns (DocumentFacts, Request, Decision). Raises ValueError for a malformed request;
    an audit log that cannot be written refuses the request (503) rather than answer unlogged.
    """
    req = make_request(action, capacity, reason)
    facts = FactSource(db())
    try:
        sub = gateway().access.subject(facts, account if account is not None else account_id())
        doc = facts.document(document_id)
        if doc is None:
            abort(404)
        _, doc, req, decision = gateway().access.decide(facts, sub.id, doc.id, req)
    except AuditUnavailable:
        abort(503)
    if decision.visibility == "hidden":
        abort(404)
    return doc, req, decision
