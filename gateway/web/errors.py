"""Every answer other than success, in one place: the services' outcomes and HTTP errors, as a page or as
JSON {"error": {"code", "message"}} under /api/ — never a trace, never a status read from message text.
"""

import logging

from flask import g, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from gateway.db import DATABASE_UNREACHABLE
from gateway.services.outcomes import (
    AuditUnavailable, Conflict, InvalidField, NotFound, Outcome, Refused, SignInRefused,
)
from gateway.web.api_models import Decision, Error, ErrorBody, Refusal
from gateway.web.extensions import login_manager

log = logging.getLogger(__name__)

MESSAGES = {
    400: "The request was not understood.",
    401: "Sign in to continue.",
    403: "You may not do that.",
    404: "Not found.",
    405: "That method is not allowed here.",
    409: "That cannot be done now.",
    413: "The upload is too large.",
    429: "Too many sign-in attempts from your address: wait a minute, then try again.",
    503: "The gateway cannot record this request in its audit log, so it is refused. Try again shortly.",
}
DATABASE_DOWN = "The gateway cannot reach its database just now, so nothing can be decided or served. Try again shortly."
BEARER_CHALLENGE = 'Bearer realm="gateway"'
RETRY_AFTER_SECONDS = "5"
API_PREFIX = "/api/"   # answers in JSON, and knows callers by bearer token only

# Each outcome's status and JSON code; a NotFound says only "Not found.", so hidden and missing read alike.
STATUS = {NotFound: (404, "404"), Conflict: (409, "conflict"), InvalidField: (400, "invalid_field"),
          SignInRefused: (401, "invalid_credentials"), AuditUnavailable: (503, "audit_unavailable")}


def is_api() -> bool:
    return request.path.startswith(API_PREFIX)


def json_error(status: int, code: str, message: str, headers: dict | None = None, field: str | None = None):
    """An API error, serialised by the same model that /api/v1/openapi.json describes it with."""
    body = Error(error=ErrorBody(code=code, message=message), **({"field": field} if field else {}))
    return body.to_json(), status, headers or {}


def error_response(status: int, message: str | None = None, code: str | None = None, title: str | None = None):
    message = message or MESSAGES.get(status, "Something went wrong.")
    if is_api():
        return json_error(status, code or str(status), message)
    return render_template("error.html", title=title or MESSAGES.get(status, "Error"), message=message), status


def outcome_json(outcome: Exception):
    """A service's outcome as the API answers it."""
    if isinstance(outcome, Refused):
        referred = outcome.decision.outcome == "refer"
        body = Refusal(error=ErrorBody(code="referred" if referred else "refused", message=outcome.message),
                       decision=Decision.of(outcome.decision))
        if referred and outcome.document is not None:
            body.request = url_for("api.request_document", document_id=outcome.document.id)
        return body.to_json(), 403
    status, code = next(v for k, v in STATUS.items() if isinstance(outcome, k))
    if isinstance(outcome, InvalidField):
        return json_error(status, code, f"{outcome.field}: {outcome.message}", field=outcome.field)
    if isinstance(outcome, SignInRefused):
        return json_error(status, code, outcome.message, {"WWW-Authenticate": BEARER_CHALLENGE})
    if isinstance(outcome, AuditUnavailable):
        return json_error(status, code, MESSAGES[503])
    return json_error(status, code, MESSAGES[404] if isinstance(outcome, NotFound) else outcome.message)


def outcome_page(outcome: Exception):
    """A service's outcome as the pages show it (views catch InvalidField where a form can show it)."""
    if isinstance(outcome, Refused) and outcome.document is not None:
        return render_template("councillor/refused.html", doc=outcome.document, decision=outcome.decision,
                               title="You cannot open this"), 403
    if isinstance(outcome, Refused):
        return error_response(403, outcome.message)
    status, _code = next(v for k, v in STATUS.items() if isinstance(outcome, k))
    message = None if isinstance(outcome, (NotFound, AuditUnavailable)) else outcome.message
    return error_response(status, message)


def register(app) -> None:
    @app.after_request
    def _retry_after(response):
        # Every 503 (the database, the audit log or the index away for now) says when to try again.
        if response.status_code == 503:
            response.headers.setdefault("Retry-After", RETRY_AFTER_SECONDS)
        return response

    @app.errorhandler(Outcome)
    @app.errorhandler(AuditUnavailable)
    def _outcome(outcome):
        return outcome_json(outcome) if is_api() else outcome_page(outcome)

    @app.errorhandler(CSRFError)
    def _csrf(error):
        return error_response(400, "The form had expired or was not sent from this site: go back and try again.",
                              "csrf")

    @app.errorhandler(HTTPException)
    def _http(error):
        body, status, *headers = error_response(error.code or 500,
                                                None if error.code in MESSAGES else error.description,
                                                "rate_limited" if error.code == 429 else None)
        headers = dict(headers[0]) if headers else {}
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            headers["Allow"] = ", ".join(sorted(error.valid_methods))  # RFC 9110: a 405 says what is allowed
        return body, status, headers

    def _database_down(error):
        # One line, no trace: an outage fails every request alike, and says nothing about what was asked.
        log.error("database unreachable: %s", type(getattr(error, "orig", None) or error).__name__)
        g._login_user = login_manager.anonymous_user()   # the page must not look up its reader in the database
        return error_response(503, DATABASE_DOWN, "database_unavailable", "Service unavailable")

    for kind in DATABASE_UNREACHABLE:
        app.register_error_handler(kind, _database_down)

    @app.errorhandler(Exception)
    def _unexpected(error):
        log.exception("unhandled error on %s", request.path)
        return error_response(500, "Something went wrong; it has been logged.")
