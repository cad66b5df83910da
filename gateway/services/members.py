"""IT administers one member at a time: read a member, change any of the council file's member fields, and
unlock an account. Each change is checked as the council file is, committed with its audit record (old and
new values) and a new access generation, so decisions and search see it at once."""

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from gateway.domain.accounts import MAX_FAILURES, account_row
from gateway.domain.audit import Entry
from gateway.domain.clock import utcnow
from gateway.domain.council_file import MEMBER_FIELDS, apply_member_fields, check_member_fields, member_entry
from gateway.domain.errors import InputError
from gateway.domain.generation import bump
from gateway.domain.models import Document, Member, Referral, SignInState
from gateway.services.audit import Viewer
from gateway.services.outcomes import InvalidField, NotFound
from gateway.services.unit import audited_change

__all__ = ["MEMBER_FIELDS", "get_member", "locked_accounts", "patch_member", "requests_by_member", "unlock_account"]


def _member(session: Session, member_id: str) -> Member:
    row = session.get(Member, member_id) if isinstance(member_id, str) else None
    if row is None:
        raise NotFound()
    return row


def get_member(session: Session, member_id: str) -> dict:
    """The member's id, name and council-file fields; NotFound for an unknown id."""
    row = _member(session, member_id)
    return {"id": row.id, "name": row.name, **member_entry(row)}


def patch_member(gw, session: Session, actor: str, member_id: str, changes: dict) -> dict:
    """Changes the given fields (any of MEMBER_FIELDS; the others stay) and returns the member as now stored.

    InvalidField names the field (e.g. `interests[0].matter`) exactly as a council-file upload would.
    """
    row = _member(session, member_id)
    try:
        values = check_member_fields(session, row.id, dict(changes))
    except InputError as exc:
        session.rollback()
        raise InvalidField(exc.field or "member", exc.problem) from None
    before = member_entry(row)
    with audited_change(gw.audit, session) as records:
        apply_member_fields(session, row, values)
        bump(session)
        session.refresh(row)
        after = member_entry(row)
        changed = sorted(name for name in values if before[name] != after[name])
        records.append(Entry("member_changed", actor=actor, detail={
            "member": row.id, "fields": changed,
            "before": {name: before[name] for name in changed}, "after": {name: after[name] for name in changed}}))
    return get_member(session, member_id)


def unlock_account(gw, session: Session, actor: str, account_id: str) -> None:
    """Clears the sign-in back-off of a member's or officer's account, so its next attempt is checked at once."""
    if not isinstance(account_id, str) or account_row(session, account_id) is None:
        raise NotFound()
    with audited_change(gw.audit, session) as records:
        cleared = session.execute(delete(SignInState).where(SignInState.username == account_id)).rowcount
        records.append(Entry("account_unlocked", actor=actor, detail={"account": account_id,
                                                                      "was_locked": bool(cleared)}))


def locked_accounts(session: Session) -> dict:
    """{account id: failed attempts in a row} for the names whose sign-in is being slowed down now."""
    now = utcnow()
    return {state.username: state.failures for state in session.scalars(select(SignInState))
            if state.failures >= MAX_FAILURES and state.locked_until is not None and state.locked_until > now}


def requests_by_member(gw, session: Session, viewer_id: str, member_id: str | None = None) -> dict:
    """{member id: [(referral, document title)], newest first} for the requests about documents the viewer may
    discover (the decision service's discover, as the audit pages use it); the others are left out entirely."""
    viewer = Viewer(gw, session, viewer_id)
    query = (select(Referral, Document.title).join(Document, Document.id == Referral.document_id)
             .order_by(Referral.id.desc()))
    if member_id is not None:
        query = query.where(Referral.member_id == member_id)
    found: dict = {}
    for referral, title in session.execute(query):
        if viewer.discovers(referral.document_id):
            found.setdefault(referral.member_id, []).append((referral, title))
    return found
