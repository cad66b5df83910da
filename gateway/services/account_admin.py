"""IT looks after accounts one at a time: add a member or officer, disable or enable an account, reset a
password. Each change is checked as the council file is and committed with its audit record; a password
made here is returned once to be shown once, and is never written to the log."""

import secrets

from sqlalchemy import delete
from sqlalchemy.orm import Session

from gateway.domain import sessions
from gateway.domain.accounts import account_row
from gateway.domain.audit import Entry
from gateway.domain.clock import utcnow
from gateway.domain.council_file import check_new_account
from gateway.domain.errors import InputError
from gateway.domain.generation import bump
from gateway.domain.models import Member, Officer, SignInState
from gateway.passwords import hash_password
from gateway.services.outcomes import Conflict, InvalidField, NotFound
from gateway.services.unit import audited_change

GENERATED_BYTES = 12   # 16 URL-safe characters: well above the 10 a person must choose


def _row(session: Session, account_id) -> Member | Officer:
    row = account_row(session, account_id) if isinstance(account_id, str) else None
    if row is None:
        raise NotFound()
    return row


def _new_password(session: Session, row, account_id: str) -> str:
    """A generated password stored hashed; every session and token of the account ends, any lock-out is cleared."""
    password = secrets.token_urlsafe(GENERATED_BYTES)
    row.password_hash = hash_password(password)
    sessions.end_all(session, account_id)
    session.execute(delete(SignInState).where(SignInState.username == account_id))
    return password


def add_account(gw, session: Session, actor: str, kind: str, values: dict) -> tuple[dict, str]:
    """A new member or officer with a generated password; returns the account as stored and that password."""
    try:
        entry = check_new_account(session, kind, dict(values))
    except InputError as exc:
        raise InvalidField(exc.field or "account", exc.problem) from None
    with audited_change(gw.audit, session) as records:
        if kind == "member":
            row = Member(id=entry["id"], name=entry["name"], email=entry["email"], group_id=entry["group"],
                         ward=entry["ward"], portfolio_holder=[], opposition_spokesperson=[])
        else:
            row = Officer(id=entry["id"], name=entry["name"], email=entry["email"], roles=entry["roles"],
                          service=entry["service"])
        session.add(row)
        session.flush()
        password = _new_password(session, row, row.id)
        bump(session)
        records.append(Entry("account_added", actor=actor, detail={"account": row.id, "kind": kind, **{
            key: value for key, value in entry.items() if key != "id"}}))
    return account_json(row), password


def disable_account(gw, session: Session, actor: str, account_id: str) -> dict:
    """The account can no longer sign in or use a token; its sessions and tokens end now."""
    row = _row(session, account_id)
    if row.id == actor:
        raise Conflict("You cannot disable your own account: ask another administrator.")
    with audited_change(gw.audit, session) as records:
        was = row.disabled_at is not None
        row.disabled_at = row.disabled_at or utcnow()
        sessions.end_all(session, row.id)
        records.append(Entry("account_disabled", actor=actor, detail={"account": row.id, "was_disabled": was}))
    return account_json(row)


def enable_account(gw, session: Session, actor: str, account_id: str) -> dict:
    """The account may sign in again with its password (reset it if the person no longer has it)."""
    row = _row(session, account_id)
    with audited_change(gw.audit, session) as records:
        was = row.disabled_at is not None
        row.disabled_at = None
        records.append(Entry("account_enabled", actor=actor, detail={"account": row.id, "was_disabled": was}))
    return account_json(row)


def reset_password(gw, session: Session, actor: str, account_id: str) -> str:
    """A new generated password for the account, returned to be shown once; the log records who and when only."""
    row = _row(session, account_id)
    with audited_change(gw.audit, session) as records:
        password = _new_password(session, row, row.id)
        records.append(Entry("password_reset", actor=actor, detail={"account": row.id}))
    return password


def account_json(row: Member | Officer) -> dict:
    is_member = isinstance(row, Member)
    return {"id": row.id, "name": row.name, "kind": "member" if is_member else "officer",
            "roles": [] if is_member else list(row.roles or []), "email": row.email,
            "disabled": row.disabled_at is not None}
