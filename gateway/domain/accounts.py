"""Accounts (members and officers) and sign-in with back-off; sessions and tokens are in `sessions.py`."""

import importlib
import itertools
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, case, null, or_, select, update
from sqlalchemy.orm import Session

from gateway.domain.clock import utcnow
from gateway.domain.models import Member, Officer, SignInState
from gateway.passwords import verify_password

# Sign-in back-off: the first MAX_FAILURES attempts in a row are checked at once; after that one
# attempt per window, the window doubling from FIRST_WINDOW up to LONGEST_WINDOW. Guessing is
# slowed to a few tries an hour, yet a stranger keeps the owner out no longer than LONGEST_WINDOW.
MAX_FAILURES = 5
FIRST_WINDOW = timedelta(seconds=15)
LONGEST_WINDOW = timedelta(minutes=5)
FORGET_AFTER = timedelta(hours=1)   # a quiet hour after a window starts the count afresh
WRONG = "The username or password is not right."
USERNAME_MAX = SignInState.__table__.c.username.type.length
# What an unknown username's password is checked against, so that answer takes as long as a wrong password.
# Written out, not hashed at import (Argon2 costs about 0.2 CPU-s, paid by every command and worker start);
# tests/domain/test_accounts.py checks it is a hash of this string with the parameters hashes are made with.
DUMMY_PASSWORD = "timing-equaliser"
_DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$5LdSGZynOLlg1MVW7Kz44g$PfxADDgBxe6Glv1wSeFRBkuhVqeihqX8tUvxOYjicKk"
# The Proper Officer and their deputies (a deputy Monitoring Officer, say): each acts on the queue as themselves.
PROPER_OFFICER_ROLES = frozenset({"proper_officer", "deputy_proper_officer"})


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    kind: str                 # member | officer
    roles: frozenset = frozenset()

    @property
    def is_proper_officer(self) -> bool:
        return bool(PROPER_OFFICER_ROLES & self.roles)

    @property
    def is_admin(self) -> bool:
        return "admin" in self.roles

    @property
    def is_auditor(self) -> bool:
        return "auditor" in self.roles


class SignInError(Exception):
    """Sign-in refused; the message never says whether the account exists.

    `attempt`: the attempt's number among the failures in a row, when its password was checked;
    `retry_after`: seconds until another attempt is checked; `throttled`: refused unchecked for that.
    """

    def __init__(self, message: str, attempt: int | None = None, retry_after: int | None = None,
                 throttled: bool = False):
        super().__init__(message)
        self.attempt, self.retry_after, self.throttled = attempt, retry_after, throttled

    @property
    def audit_detail(self) -> dict:
        """What the audit record of this refused attempt adds to the username."""
        detail = {"attempt": self.attempt, "retry_after": self.retry_after, "throttled": self.throttled or None}
        return {key: value for key, value in detail.items() if value is not None}


def account_row(session: Session, account_id: str) -> Member | Officer | None:
    """The member or officer with this id, disabled or not."""
    return session.get(Member, account_id) or session.get(Officer, account_id)


def account_names(session: Session, ids) -> dict:
    """{id: name} for the members and officers among `ids` (others are left out)."""
    ids = {ident for ident in ids if ident}
    if not ids:
        return {}
    found = dict(session.execute(select(Member.id, Member.name).where(Member.id.in_(ids))).all())
    found.update(session.execute(select(Officer.id, Officer.name).where(Officer.id.in_(ids))).all())
    return found


_MEMBERS, _OFFICERS = Member.__table__, Officer.__table__
# The member or officer an id names, when IT has not disabled them: joined to whatever row holds the id,
# so a request reads its token (or session) and its account in one statement (issue 13).
ACTING_COLUMNS = (_MEMBERS.c.id.label("member_id"), _MEMBERS.c.name.label("member_name"),
                  _OFFICERS.c.id.label("officer_id"), _OFFICERS.c.name.label("officer_name"),
                  _OFFICERS.c.roles.label("officer_roles"))


def with_acting_account(table, id_column):
    """`table` outer-joined to the enabled member or officer whose id is in `id_column`."""
    return table.outerjoin(_MEMBERS, and_(_MEMBERS.c.id == id_column, _MEMBERS.c.disabled_at.is_(None))) \
        .outerjoin(_OFFICERS, and_(_OFFICERS.c.id == id_column, _OFFICERS.c.disabled_at.is_(None)))


def acting_account(row) -> Account | None:
    """The account of a row selected with ACTING_COLUMNS; None when it is unknown or disabled."""
    if row.member_id is not None:
        return Account(row.member_id, row.member_name, "member")
    if row.officer_id is not None:
        return Account(row.officer_id, row.officer_name, "officer", frozenset(row.officer_roles or []))
    return None


_MEMBER_BY_ID = select(*ACTING_COLUMNS[:2], null().label("officer_id")).where(
    _MEMBERS.c.id == bindparam("id"), _MEMBERS.c.disabled_at.is_(None))
_OFFICER_BY_ID = select(null().label("member_id"), *ACTING_COLUMNS[2:]).where(
    _OFFICERS.c.id == bindparam("id"), _OFFICERS.c.disabled_at.is_(None))


def find_account(session: Session, account_id: str) -> Account | None:
    """The member or officer with this id that may act now: None for an unknown id and for an account IT
    has disabled. Core statements, not ORM loads: loading a member through the ORM also loads its seats
    and interests."""
    connection = session.connection()
    row = connection.execute(_MEMBER_BY_ID, {"id": account_id}).first() \
        or connection.execute(_OFFICER_BY_ID, {"id": account_id}).first()
    return acting_account(row) if row is not None else None


def _stored_hash(session: Session, username: str) -> str | None:
    row = account_row(session, username)
    return row.password_hash if row is not None and row.disabled_at is None else None


def authenticate(session: Session, username: str, password: str, now: datetime | None = None) -> Account:
    """The account for a right password; SignInError otherwise, slowing repeated failures down.

    Each attempt is counted before its password is checked, in its own transaction: concurrent
    attempts each get their own number, and none is checked once the back-off has begun.
    """
    now = now or utcnow()
    if len(username) > USERNAME_MAX:   # no account has such a name; do the same work as for one
        verify_password(_DUMMY_HASH, password)
        raise SignInError(WRONG)
    engine = session.get_bind()
    attempt = _count_attempt(engine, username, now)
    if attempt is None:
        retry_after = _seconds_until_checked(engine, username, now)
        raise SignInError(f"Too many failed attempts: try again in {_in_words(retry_after)}.", None, retry_after,
                          throttled=True)
    stored = _stored_hash(session, username)
    if verify_password(stored or _DUMMY_HASH, password) and stored is not None:
        _forgive(engine, username, attempt)
        return find_account(session, username)
    window = _window(attempt)
    raise SignInError(WRONG, attempt, int(window.total_seconds()) or None)


def _window(attempt: int) -> timedelta:
    """How long after failed attempt number `attempt` the next one waits."""
    if attempt < MAX_FAILURES:
        return timedelta(0)
    return min(FIRST_WINDOW * 2 ** min(attempt - MAX_FAILURES, 16), LONGEST_WINDOW)


def _count_attempt(engine, username: str, now: datetime) -> int | None:
    """Counts one attempt and returns its number, or None while a back-off window is open.

    One statement (an upsert with RETURNING, in SQLite and PostgreSQL alike), so concurrent
    attempts can neither share a number nor collide on inserting the row.
    """
    state = SignInState.__table__
    forgotten = state.c.locked_until <= now - FORGET_AFTER
    number = case((forgotten, 1), else_=state.c.failures + 1)
    # a window opens as the attempt is counted, not after its password is checked
    longest = next(n for n in itertools.count(MAX_FAILURES) if _window(n) == LONGEST_WINDOW)
    window_end = case(*((number >= n, now + _window(n)) for n in range(longest, MAX_FAILURES - 1, -1)),
                      else_=null())
    insert = _upsert(engine)(state).values(username=username, failures=1, locked_until=None)
    statement = insert.on_conflict_do_update(
        index_elements=[state.c.username],
        set_={"failures": number, "locked_until": window_end},
        where=or_(state.c.locked_until.is_(None), state.c.locked_until <= now),
    ).returning(state.c.failures)
    with engine.begin() as connection:
        return connection.execute(statement).scalar()


def _upsert(engine):
    """The `insert` of the engine's own dialect (SQLite's and PostgreSQL's both write ON CONFLICT ... RETURNING),
    from its module, which the engine loaded: importing the other one too cost every web worker 2 MB (issue 13)."""
    return importlib.import_module(f"sqlalchemy.dialects.{engine.dialect.name}").insert


def _forgive(engine, username: str, attempt: int) -> None:
    """A right password forgives the failures counted up to it; later ones, made meanwhile, stay."""
    state = SignInState.__table__
    remaining = case((state.c.failures > attempt, state.c.failures - attempt), else_=0)
    with engine.begin() as connection:
        connection.execute(update(state).where(state.c.username == username)
                           .values(failures=remaining, locked_until=None))


def _seconds_until_checked(engine, username: str, now: datetime) -> int:
    with engine.begin() as connection:
        until = connection.execute(select(SignInState.locked_until).where(SignInState.username == username)).scalar()
    return max(1, math.ceil((until - now).total_seconds())) if until else 1


def _in_words(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
