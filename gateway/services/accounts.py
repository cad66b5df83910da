"""Signing in and out, bearer tokens and passwords: every attempt and every change audited with it."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from gateway.domain import sessions
from gateway.domain.accounts import WRONG, Account, SignInError, authenticate, find_account
from gateway.domain.audit import Entry
from gateway.domain.models import Member, Officer
from gateway.passwords import hash_password
from gateway.services.outcomes import InvalidField, NotFound, SignInRefused
from gateway.services.unit import audited_change

MAX_USERNAME, MAX_PASSWORD = 100, 200
MIN_PASSWORD = 10


@dataclass(frozen=True)
class SignedIn:
    account: Account
    secret: str              # the session id (web) or bearer token (api): shown once, kept only hashed
    expires_at: datetime     # naive UTC


def sign_in(gw, session: Session, username: str | None, password: str | None, via: str) -> SignedIn:
    """A web session (`via` "web") or a bearer token (`via` "api") for a right password; SignInRefused
    otherwise, and repeated failures lock the name out. Each attempt is recorded with its effect.
    """
    username, password = (username or "").strip(), password or ""
    try:
        if not username or not password or len(username) > MAX_USERNAME or len(password) > MAX_PASSWORD:
            raise SignInError(WRONG)
        account = authenticate(session, username, password)
    except SignInError as exc:
        with audited_change(gw.audit, session) as records:  # the failure count is kept with its record
            records.append(Entry("signin_failed", actor=None,
                                 detail={"username": username[:100], "via": via, **exc.audit_detail}))
        raise SignInRefused(str(exc), locked=exc.throttled) from None
    with audited_change(gw.audit, session) as records:
        secret, expires_at = _start(session, account.id, via)
        records.append(Entry("signin", actor=account.id, detail={"via": via}))
    return SignedIn(account, secret, expires_at)


def _start(session: Session, account_id: str, via: str) -> tuple[str, datetime]:
    return (sessions.issue_token if via == "api" else sessions.start_session)(session, account_id)


def sign_out(gw, session: Session, account_id: str) -> None:
    """Ends every web session of the account: a cookie copied before is refused afterwards."""
    with audited_change(gw.audit, session) as records:
        sessions.end_sessions(session, account_id)
        records.append(Entry("signout", actor=account_id))


def revoke_token(gw, session: Session, account_id: str, token: str) -> None:
    with audited_change(gw.audit, session) as records:
        sessions.revoke_token(session, token)
        records.append(Entry("token_revoked", actor=account_id))


def change_password(gw, session: Session, account_id: str, current: str | None, new: str | None) -> SignedIn:
    """Sets a new password; ends every session and token of the account, and starts this browser's anew."""
    row = session.get(Member, account_id) or session.get(Officer, account_id)
    if row is None:
        raise NotFound()
    try:
        authenticate(session, account_id, current or "")
    except SignInError:
        raise InvalidField("current_password", "the current password is not right") from None
    if not new or len(new) < MIN_PASSWORD or len(new) > MAX_PASSWORD:
        raise InvalidField("new_password", f"use {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    if new == current:
        raise InvalidField("new_password", "choose a password different from the current one")
    with audited_change(gw.audit, session) as records:
        row.password_hash = hash_password(new)
        sessions.end_all(session, account_id)
        secret, expires_at = _start(session, account_id, "web")
        records.append(Entry("password_changed", actor=account_id))
    return SignedIn(find_account(session, account_id), secret, expires_at)
