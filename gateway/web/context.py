"""What every view needs: the gateway, a database session for the request, the signed-in account."""

from flask import current_app, g
from flask_login import current_user

from gateway.domain.models import CouncilSettings


def gateway():
    return current_app.extensions["gateway"]


def db():
    """One session per request, closed when the request ends."""
    if "db" not in g:
        g.db = gateway().sessions()
    return g.db


def council():
    """The council's settings from its council file (None before one is loaded), read once a request."""
    if "council" not in g:
        g.council = db().get(CouncilSettings, 1)
    return g.council


def account_id() -> str | None:
    return current_user.id if current_user.is_authenticated else None
