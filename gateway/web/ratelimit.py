"""A per-client rate limit on signing in and on creating API tokens (Flask-Limiter), shared by the two.

One client (its address; behind a proxy, the address the trusted proxy gives, see GATEWAY_TRUSTED_PROXIES)
may try `Settings.signin_rate_limit` sign-ins, web and API together; past it the answer is 429 with
Retry-After, and the refused attempt is audited. Counts live in `Settings.ratelimit_storage`: memory (one
process) by default; give every worker one store (redis://..., memcached://...) when there are several.
"""

import logging

from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from gateway.domain.audit import AuditUnavailable, Entry

log = logging.getLogger(__name__)

RATE_LIMITED = ("auth.sign_in", "api.create_token")
SCOPE = "sign-in"


def _attempted_username() -> str:
    if request.is_json:
        body = request.get_json(silent=True)
        name = body.get("username") if isinstance(body, dict) else None
    else:
        name = request.form.get("username")
    return str(name or "")[:100]


def install(app, gw) -> Limiter:
    settings = gw.settings

    @app.after_request
    def _retry_after_only_when_refused(response):  # registered first, so it runs after Flask-Limiter's own
        if response.status_code not in (429, 503):
            response.headers.pop("Retry-After", None)
        return response

    limiter = Limiter(get_remote_address, app=app, storage_uri=settings.ratelimit_storage, headers_enabled=True,
                      key_prefix="gateway", strategy="moving-window",
                      # a shared store that is down: count in this worker's memory meanwhile, never a 500
                      swallow_errors=True, in_memory_fallback_enabled=True)

    def breached(limit) -> None:
        try:
            gw.audit.append(Entry("signin_throttled", actor=None, detail={
                "username": _attempted_username(), "via": "api" if request.path.startswith("/api/") else "web",
                "client": get_remote_address(), "limit": str(limit.limit)}))
        except AuditUnavailable:
            log.error("a throttled sign-in from %s could not be audited", get_remote_address())
        return None  # Flask-Limiter then raises RateLimitExceeded: 429, answered in errors.py

    # Only the decorated views below are limited, and their wrappers check for themselves: the check
    # Flask-Limiter also runs before every request finds nothing to count and costs every API call (issue 13).
    app.before_request_funcs[None].remove(limiter._check_request_limit)
    shared = limiter.shared_limit(settings.signin_rate_limit, scope=SCOPE, methods=["POST"], on_breach=breached)
    for endpoint in RATE_LIMITED:
        app.view_functions[endpoint] = shared(app.view_functions[endpoint])
    return limiter
