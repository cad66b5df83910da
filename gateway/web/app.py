"""The Flask application factory: configuration, extensions, blueprints, security headers."""

import secrets
from pathlib import Path

from flask import Flask, g, request
from sqlalchemy.exc import DBAPIError
from werkzeug.middleware.proxy_fix import ProxyFix

from gateway.config import settings_from_env
from gateway.runtime import Gateway
from gateway.web import admin, api, auth, councillor, dashboard, errors, it_accounts, officer, ratelimit
from gateway.web.context import db
from gateway.web.converters import BoundedInt
from gateway.web.extensions import csrf, login_manager
from gateway.web.session_cookie import PagesOnlySessionInterface

DEFAULT_HEADERS = {   # on every response unless its view set them
    "Content-Security-Policy": "default-src 'self'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; "
                               "form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",
}
HSTS = "max-age=31536000; includeSubDomains"


def _secret_key(data_dir: Path) -> str:
    """GATEWAY_SECRET_KEY, or a random key kept (owner-only) in the data directory."""
    path = data_dir / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def create_app(config: dict | None = None) -> Flask:
    config = dict(config or {})
    settings = config.pop("GATEWAY_SETTINGS", None) or settings_from_env()
    gw = Gateway(settings)
    gw.init()
    app = Flask("gateway", template_folder=str(Path(__file__).parent.parent / "templates"),
                static_folder=str(Path(__file__).parent.parent / "static"))
    app.config.update(
        SECRET_KEY=settings.secret_key or _secret_key(settings.data_dir),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=True,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SECURE=True,
        MAX_CONTENT_LENGTH=20 * 1024 * 1024,
    )
    app.config.update(config)
    app.extensions["gateway"] = gw
    app.session_interface = PagesOnlySessionInterface()
    app.url_map.converters["int"] = BoundedInt  # before any route is added
    if settings.trusted_proxies > 0:
        # X-Forwarded-For and -Proto believed from that many proxies in front, and no further
        hops = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)

    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Sign in to continue."
    csrf.init_app(app)

    errors.register(app)

    for module in (auth, councillor, officer, dashboard, admin, it_accounts, api):
        app.register_blueprint(module.blueprint)
    csrf.exempt(api.blueprint)  # bearer tokens, not cookies: no cross-site request can carry one
    ratelimit.install(app, gw)

    @app.before_request
    def _current_policy():
        gw.refresh_policy(db())   # the request's session reads everything else too

    @app.teardown_appcontext
    def _close_session(_exc):
        session = g.pop("db", None)
        if session is not None:
            try:
                session.close()
            except DBAPIError:
                # Its connection died under the request (the database went away): drop it, never pool it.
                session.invalidate()

    @app.after_request
    def _headers(response):
        # Only those the view did not set; one look at the names (Headers.setdefault raises and catches
        # an exception for each name missing: on every response, issue 13).
        present = {name.lower() for name in response.headers.keys()}
        response.headers.extend([(name, value) for name, value in DEFAULT_HEADERS.items()
                                 if name.lower() not in present])
        if (settings.behind_tls or request.is_secure) and "strict-transport-security" not in present:
            response.headers["Strict-Transport-Security"] = HSTS
        return response

    return app
