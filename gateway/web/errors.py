"""One error shape: JSON {"error": {"code", "message"}} under /api/, a plain page elsewhere; never a trace."""

import logging

from flask import render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

MESSAGES = {
    400: "The request was not understood.",
    401: "Sign in to continue.",
    403: "You may not do that.",
    404: "Not found.",
    405: "That method is not allowed here.",
    413: "The upload is too large.",
    429: "Too many requests: try again later.",
    503: "The gateway cannot record this request in its audit log, so it is refused. Try again shortly.",
}


def error_response(status: int, message: str | None = None, code: str | None = None):
    message = message or MESSAGES.get(status, "Something went wrong.")
    if request.path.startswith("/api/"):
        return {"error": {"code": code or str(status), "message": message}}, status
    return render_template("error.html", title=MESSAGES.get(status, "Error"), message=message), status


def register(app) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error):
        return error_response(400, "The form had expired or was not sent from this site: go back and try again.",
                              "csrf")

    @app.errorhandler(HTTPException)
    def _http(error):
        return error_response(error.code or 500, None if error.code in MESSAGES else error.description)

    @app.errorhandler(Exception)
    def _unexpected(error):
        log.exception("unhandled error on %s", request.path)
        return error_response(500, "Something went wrong; it has been logged.")
