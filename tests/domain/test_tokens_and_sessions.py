"""A bearer token or a web session gives its account only while it is live and the account may act:
revoking, expiry and IT disabling the account take effect at once. A web session is read afresh on each
request; a token is kept by a worker only until the access generation moves, which ending tokens moves."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import update

from gateway.config import Settings
from gateway.domain.accounts import Account
from gateway.domain.council_file import load_council
from gateway.domain.generation import current
from gateway.domain.models import Member, Officer
from gateway.domain.sessions import (
    SESSION_LIFETIME, TOKEN_LIFETIME, end_all, end_sessions, issue_token, revoke_token, session_account,
    start_session, token_account,
)
from gateway.runtime import Gateway
from tests.factories import council_data, write_yaml

T0 = datetime(2026, 11, 23, 9, 0)
ISSUED = {"token": (issue_token, token_account, TOKEN_LIFETIME),
          "session": (start_session, session_account, SESSION_LIFETIME)}


@pytest.fixture
def gw(tmp_path, database_url):
    gateway = Gateway(Settings(data_dir=tmp_path / "data", database_url=database_url))
    gateway.init()
    with gateway.sessions() as session:
        load_council(session, write_yaml(tmp_path / "council.yaml", council_data()))
    return gateway


def _issue(gw, kind, account_id):
    with gw.sessions() as session, session.begin():
        secret, _expires = ISSUED[kind][0](session, account_id, now=T0)
    return secret


def _account(gw, kind, secret, at=T0 + timedelta(minutes=5)):
    with gw.sessions() as session:
        return ISSUED[kind][1](session, secret, now=at)


@pytest.mark.parametrize("kind", ISSUED)
def test_a_live_secret_gives_its_member_or_officer(gw, kind):
    assert _account(gw, kind, _issue(gw, kind, "cllr-ann")) == Account("cllr-ann", "Cllr Ann Able", "member")
    officer = _account(gw, kind, _issue(gw, kind, "off-mo"))
    assert (officer.id, officer.name, officer.kind, officer.roles) == (
        "off-mo", "Mo Officer", "officer", frozenset({"proper_officer"}))


@pytest.mark.parametrize("kind", ISSUED)
def test_an_unknown_or_expired_secret_gives_nobody(gw, kind):
    secret = _issue(gw, kind, "cllr-ann")
    assert _account(gw, kind, secret + "x") is None
    assert _account(gw, kind, secret, at=T0 + ISSUED[kind][2]) is None


@pytest.mark.parametrize("kind", ISSUED)
@pytest.mark.parametrize("table, account_id", [(Member, "cllr-ann"), (Officer, "off-mo")])
def test_a_disabled_account_is_refused_even_while_its_secret_is_live(gw, kind, table, account_id):
    secret = _issue(gw, kind, account_id)
    with gw.sessions() as session, session.begin():   # disabled behind the services' back: no secret ended
        session.execute(update(table).where(table.id == account_id).values(disabled_at=T0))
    assert _account(gw, kind, secret) is None


def test_a_revoked_token_is_refused_on_the_next_request(gw):
    token = _issue(gw, "token", "cllr-ann")
    with gw.sessions() as session, session.begin():
        revoke_token(session, token)
    assert _account(gw, "token", token) is None


def test_a_kept_token_is_answered_without_reading_it_and_still_expires(gw):
    token = _issue(gw, "token", "cllr-ann")
    known = {}
    with gw.sessions() as session:
        assert token_account(session, token, now=T0, known=known).id == "cllr-ann"
    with gw.sessions() as session:
        session.execute(update(Member).where(Member.id == "cllr-ann").values(name="Renamed behind its back"))
        assert token_account(session, token, now=T0, known=known).name == "Cllr Ann Able"   # as kept: not read
        assert token_account(session, token, now=T0 + TOKEN_LIFETIME, known=known) is None
        session.rollback()


def test_an_unknown_ended_or_disabled_token_is_never_kept(gw):
    ended, disabled = _issue(gw, "token", "cllr-ann"), _issue(gw, "token", "off-mo")
    with gw.sessions() as session, session.begin():
        revoke_token(session, ended)
        session.execute(update(Officer).where(Officer.id == "off-mo").values(disabled_at=T0))
    known = {}
    with gw.sessions() as session:
        for token in (ended, disabled, "no-such-token"):
            assert token_account(session, token, now=T0, known=known) is None
    assert known == {}


@pytest.mark.parametrize("end", [lambda s, token: revoke_token(s, token), lambda s, token: end_all(s, "cllr-ann")])
def test_ending_tokens_moves_the_access_generation_so_workers_drop_those_they_kept(gw, end):
    token = _issue(gw, "token", "cllr-ann")
    with gw.sessions() as session, session.begin():
        before = current(session)
        end(session, token)
    with gw.sessions() as session:
        assert current(session) == before + 1

