"""The access policy: check lines with a dry run against past decisions, activate them, revert to a version.

Activation and reversion commit with their audit record; every decision afterwards uses the new version.
"""

from sqlalchemy.orm import Session

from gateway.access import policies
from gateway.access.enforcer import PolicyError
from gateway.domain.audit import Entry
from gateway.domain.models import PolicyVersion
from gateway.services.outcomes import InvalidField, NotFound
from gateway.services.unit import audited_change


def dry_run(gw, session: Session, text: str) -> list[policies.Change]:
    """The past decisions the policy `text` would change; InvalidField("text") when it is not valid."""
    try:
        proposed = policies.validated(gw.model_path, text)
    except PolicyError as exc:
        raise InvalidField("text", str(exc)) from None
    return policies.dry_run(session, gw.access, proposed)


def activate(gw, session: Session, author: str, text: str, note: str) -> PolicyVersion:
    """Validates and activates new policy lines; InvalidField says which line, scenario or note is wrong."""
    if not note or not note.strip():
        raise InvalidField("note", "say why the policy changes")
    return _activate(gw, session, author, text, note)


def revert(gw, session: Session, author: str, version_id: int) -> PolicyVersion:
    """Makes an earlier version's text active again, as a new version (history is never rewritten)."""
    old = session.get(PolicyVersion, version_id)
    if old is None:
        raise NotFound(f"there is no policy version {version_id}")
    return _activate(gw, session, author, old.text, f"Revert to version {version_id}")


def _activate(gw, session: Session, author: str, text: str, note: str) -> PolicyVersion:
    try:
        with audited_change(gw.audit, session) as records:
            version = policies.activate(session, gw.model_path, text, author, note)
            records.append(Entry("policy_change", actor=author, detail={"version": version.id, "note": version.note}))
    except PolicyError as exc:
        raise InvalidField("text", str(exc)) from None
    gw.refresh_policy()
    return version
