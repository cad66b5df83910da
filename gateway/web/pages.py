"""What the HTML pages share: role checks run before every view of a blueprint, and date wording."""

from datetime import UTC, date, datetime

from flask import Blueprint, abort
from flask_login import current_user
from markupsafe import Markup, escape

from gateway.access.reasons import CITATION
from gateway.domain.clock import LONDON
from gateway.web.context import council
from gateway.web.extensions import login_manager


def guard(blueprint: Blueprint, allowed) -> None:
    """Every view of `blueprint`: anonymous callers go to sign-in, callers `allowed(user)` refuses get 403.

    One check before the handler, so no route can forget it (the route x role matrix test keeps it so).
    """

    @blueprint.before_request
    def _check_role():
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not allowed(current_user):
            abort(403)
        return None


def require(allowed) -> None:
    """Inside a view: 403 unless `allowed(current_user)` (a stricter role than the blueprint's)."""
    if not allowed(current_user):
        abort(403)


def long_date(value) -> str:
    """'Wednesday 25 November 2026' for a date; date-times (UTC) in London time, with the time."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        moment = moment.astimezone(LONDON)
        return f"{moment.day} {moment:%B %Y} at {moment:%H:%M}"
    return f"{value:%A} {value.day} {value:%B %Y}"


def short_date(value) -> str:
    """'25 Nov 2026' for tables."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, datetime):
        value = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(LONDON).date()
    return f"{value.day} {value:%b %Y}"


def cited(reason: str) -> Markup:
    """A decision's reason with the protocol paragraph it cites linked to the council's protocol text, where
    the council file gives its address (`{paragraph}` in it becomes the paragraph's number)."""
    settings = council()
    url = settings.protocol_url if settings is not None else None
    if not url:
        return escape(reason)
    parts, done = [], 0
    for match in CITATION.finditer(reason):
        parts += [escape(reason[done:match.start()]),
                  Markup('<a href="{}">{}</a>').format(url.replace("{paragraph}", match.group(1)), match.group(0))]
        done = match.end()
    return Markup("").join([*parts, escape(reason[done:])])


def register_filters(blueprint: Blueprint) -> None:
    blueprint.add_app_template_filter(long_date, "long_date")
    blueprint.add_app_template_filter(short_date, "short_date")
    blueprint.add_app_template_filter(cited, "cited")


def pairs(session, statement) -> dict:
    """{first column: second column} of a two-column select."""
    return {key: value for key, value in session.execute(statement)}


def show_on_form(form, outcome) -> str | None:
    """Puts an InvalidField's message on the form's field of that name; returns it when the form has none."""
    message = outcome.message
    if message.split(" ", 1)[0].isalpha():  # a sentence, not one that starts with a file name
        message = message[:1].upper() + message[1:]
    if outcome.field in form:
        form[outcome.field].errors = [*form[outcome.field].errors, message]
        return None
    return message
