"""Accounts (members and officers) and sign-in with lock-out; sessions and tokens are in `sessions.py`."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from gateway.domain.clock import utcnow
from gateway.domain.models import Member, Officer, SignInState
from gateway.passwords import hash_password, verify_password

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
_DUMMY_HASH = hash_password("timing-equaliser")


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    kind: str                 # member | officer
    roles: frozenset = frozenset()

    @property
    def is_proper_officer(self) -> bool:
        return "proper_officer" in self.roles

    @property
    def is_admin(self) -> bool:
        return "admin" in self.roles

    @property
    def is_auditor(self) -> bool:
        return "auditor" in self.roles


class SignInError(Exception):
    """Sign-in refused; the message never says whether the account exists."""


def find_account(session: Session, account_id: str) -> Account | None:
    member = session.get(Member, account_id)
    if member is not None:
        return Account(member.id, member.name, "member")
    officer = session.get(Officer, account_id)
    if officer is not None:
        return Account(officer.id, officer.name, "officer", frozenset(officer.roles or []))
    return None


def _stored_hash(session: Session, username: str) -> str | None:
    row = session.get(Member, username) or session.get(Officer, username)
    return row.password_hash if row is not None else None


def authenticate(session: Session, username: str, password: str, now: datetime | None = None) -> Account:
    """The account for a right password; SignInError otherwise. Locks a name out after repeated failures."""
    now = now or utcnow()
    state = session.get(SignInState, username) or SignInState(username=username, failures=0)
    if state.locked_until is not None and state.locked_until > now:
        raise SignInError("Too many failed attempts: try again in 15 minutes.")
    stored = _stored_hash(session, username)
    ok = verify_password(stored or _DUMMY_HASH, password) and stored is not None
    if ok:
        session.execute(delete(SignInState).where(SignInState.username == username))
        return find_account(session, username)
    state.failures = (state.failures or 0) + 1
    if state.failures >= MAX_FAILURES:
        state.locked_until, state.failures = now + LOCKOUT, 0
    session.add(state)
    raise SignInError("The username or password is not right.")
