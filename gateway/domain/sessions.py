"""Sign-in sessions and API bearer tokens kept server-side, so that ending one really ends it.

A web session cookie carries only a session id, and a bearer token is kept as its SHA-256; each
request looks its id up. Signing out, a password change or IT disabling an account ends them here.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import DateTime, String, bindparam, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from gateway.db import Base
from gateway.domain.accounts import ACTING_COLUMNS, Account, acting_account, with_acting_account
from gateway.domain.clock import utcnow
from gateway.domain.generation import bump
from gateway.domain.models import ApiToken

SESSION_LIFETIME = timedelta(hours=12)
TOKEN_LIFETIME = timedelta(hours=12)


class AccountSession(Base):
    """One signed-in web session; only the SHA-256 of its id is kept."""

    __tablename__ = "account_sessions"
    id_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[str] = mapped_column(String(100), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


_TOKENS, _SESSIONS = ApiToken.__table__, AccountSession.__table__
# A token or session row with its account, in one statement: every request reads one (issue 13).
_TOKEN_BY_DIGEST = select(_TOKENS.c.expires_at, *ACTING_COLUMNS).select_from(
    with_acting_account(_TOKENS, _TOKENS.c.account_id)).where(_TOKENS.c.token_sha256 == bindparam("digest"))
_SESSION_BY_DIGEST = select(_SESSIONS.c.expires_at, *ACTING_COLUMNS).select_from(
    with_acting_account(_SESSIONS, _SESSIONS.c.account_id)).where(_SESSIONS.c.id_sha256 == bindparam("digest"))


def _live_account(session: Session, statement, secret: str, now: datetime | None,
                  known: dict | None = None) -> Account | None:
    """The enabled account of the live row `statement` finds for the secret; None when unknown, ended or expired.
    `known`: live secrets already read (digest -> (expires at, account)), filled here; see `token_account`."""
    digest = _digest(secret)
    found = known.get(digest) if known is not None else None
    if found is None:
        row = session.connection().execute(statement, {"digest": digest}).first()
        account = acting_account(row) if row is not None else None
        if account is None:
            return None   # unknown, ended, or its account disabled: never kept, so read afresh every time
        found = (row.expires_at, account)
        if known is not None:
            known[digest] = found
    expires_at, account = found
    return account if expires_at > (now or utcnow()) else None


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def start_session(session: Session, account_id: str, now: datetime | None = None) -> tuple[str, datetime]:
    """A new session id for the account (the cookie carries it) and when it expires (naive UTC)."""
    now = now or utcnow()
    session_id = secrets.token_urlsafe(32)
    session.add(AccountSession(id_sha256=_digest(session_id), account_id=account_id, created_at=now,
                               expires_at=now + SESSION_LIFETIME))
    return session_id, now + SESSION_LIFETIME


def session_account(session: Session, session_id: str, now: datetime | None = None) -> Account | None:
    """The account of a live session; None once it was ended, has expired, or the account is gone."""
    return _live_account(session, _SESSION_BY_DIGEST, session_id, now)


def issue_token(session: Session, account_id: str, now: datetime | None = None) -> tuple[str, datetime]:
    """A new bearer token and when it expires (naive UTC)."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    session.add(ApiToken(account_id=account_id, token_sha256=_digest(token), created_at=now,
                         expires_at=now + TOKEN_LIFETIME))
    return token, now + TOKEN_LIFETIME


def token_account(session: Session, token: str, now: datetime | None = None,
                  known: dict | None = None) -> Account | None:
    """The account of a live token; None when unknown, revoked or expired. With Core: on every API call.

    `known`: the live tokens already read at the access generation the caller read first (fact_cache's
    per-process cache, so a token is read once, not on every call: issue 13). Revoking a token and ending an
    account's tokens (a new password, the account disabled) bump that generation in their own transaction, as
    every change of an account's name or roles does, so the next request after any of them reads afresh.
    """
    return _live_account(session, _TOKEN_BY_DIGEST, token, now, known)


def revoke_token(session: Session, token: str) -> None:
    session.execute(delete(ApiToken).where(ApiToken.token_sha256 == _digest(token)))
    bump(session)   # workers drop the token they kept (token_account)


def end_sessions(session: Session, account_id: str) -> None:
    """Ends every web session of the account (signing out ends them all, not only this browser's)."""
    session.execute(delete(AccountSession).where(AccountSession.account_id == account_id))


def end_all(session: Session, account_id: str) -> None:
    """Ends every web session and bearer token of the account (a new password, an account disabled)."""
    end_sessions(session, account_id)
    session.execute(delete(ApiToken).where(ApiToken.account_id == account_id))
    bump(session)   # workers drop the tokens they kept (token_account)
