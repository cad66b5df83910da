"""Sign-in failures: counted once per attempt under any concurrency, with a back-off capped in length."""

import threading
import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

import gateway.domain.accounts as accounts
from gateway.config import Settings
from gateway.domain.accounts import FIRST_WINDOW, LONGEST_WINDOW, MAX_FAILURES, SignInError, authenticate
from gateway.domain.council_file import load_council
from gateway.domain.models import SignInState
from gateway.runtime import Gateway
from tests.factories import council_data, write_yaml

T0 = datetime(2026, 11, 23, 9, 0)
RIGHT, WRONG = "pw-ann-123", "guess"


@pytest.fixture
def gw(tmp_path):
    gateway = Gateway(Settings(data_dir=tmp_path / "data"))
    gateway.init()
    with gateway.sessions() as session:
        load_council(session, write_yaml(tmp_path / "council.yaml", council_data()))
    return gateway


def _try(gw, password, at=None, username="cllr-ann"):
    """The account, or the SignInError, for one attempt in its own session."""
    with gw.sessions() as session:
        try:
            return authenticate(session, username, password, now=at)
        except SignInError as exc:
            return exc


def _failures(gw, username="cllr-ann") -> int:
    with gw.sessions() as session:
        return session.scalar(select(SignInState.failures).where(SignInState.username == username))


def _in_threads(gw, passwords):
    """Every password tried at once (and at T0), one thread each; what each got back, in the same order."""
    results = [None] * len(passwords)
    start = threading.Barrier(len(passwords))

    def attempt(i):
        start.wait()
        try:
            results[i] = _try(gw, passwords[i], T0)
        except Exception as exc:  # noqa: BLE001 -- any other exception is the failure under test
            results[i] = exc

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(len(passwords))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_sixteen_concurrent_failures_are_each_counted_once(gw):
    results = _in_threads(gw, [WRONG] * 16)
    assert all(isinstance(r, SignInError) for r in results), results
    checked = sorted(r.attempt for r in results if r.attempt is not None)
    assert checked == list(range(1, MAX_FAILURES + 1))
    assert [r.audit_detail for r in results if r.attempt == MAX_FAILURES] == [
        {"attempt": MAX_FAILURES, "retry_after": FIRST_WINDOW.seconds}]
    assert all(r.audit_detail == {"throttled": True, "retry_after": FIRST_WINDOW.seconds}
               for r in results if r.attempt is None)
    assert _failures(gw) == MAX_FAILURES


def test_the_right_password_after_fifteen_concurrent_wrong_ones_is_refused(gw, monkeypatch):
    """The wrong passwords' checks are still running (Argon2 is slow) when the right one comes."""
    real_verify, progressed = accounts.verify_password, threading.Semaphore(0)

    def slow_verify(stored, password):
        progressed.release()   # this attempt has reached its password check
        time.sleep(0.5)
        return real_verify(stored, password)

    monkeypatch.setattr(accounts, "verify_password", slow_verify)
    results = [None] * 15

    def wrong(i):
        results[i] = _try(gw, WRONG)
        if results[i].throttled:
            progressed.release()   # refused before any check

    threads = [threading.Thread(target=wrong, args=(i,)) for i in range(15)]
    for t in threads:
        t.start()
    for _ in range(15):
        assert progressed.acquire(timeout=60)
    right = _try(gw, RIGHT)
    for t in threads:
        t.join(timeout=60)
    assert isinstance(right, SignInError) and str(right).startswith("Too many failed attempts: try again in")
    assert sum(1 for r in results if r.attempt is not None) == MAX_FAILURES


def test_a_right_password_among_concurrent_wrong_ones_never_fails_with_an_error(gw):
    results = _in_threads(gw, [WRONG] * 15 + [RIGHT])
    assert all(isinstance(r, SignInError) for r in results[:15]), results
    assert isinstance(results[15], (SignInError, accounts.Account))
    checked = sum(1 for r in results[:15] if r.attempt is not None)
    if isinstance(results[15], SignInError):
        assert checked <= MAX_FAILURES
    else:  # the owner got in among the first MAX_FAILURES and forgave those before; the count starts again
        assert checked <= 2 * MAX_FAILURES - 1


def test_windows_double_up_to_the_longest_then_the_owner_gets_in(gw):
    at = T0
    for n in range(1, MAX_FAILURES + 1):
        assert _try(gw, WRONG, at).attempt == n
    windows = []
    for _ in range(8):
        refused = _try(gw, RIGHT, at)                       # even the right password waits
        assert refused.throttled
        windows.append(timedelta(seconds=refused.retry_after))
        at += windows[-1]
        assert _try(gw, WRONG, at).attempt is not None       # one guess per window
    assert windows[:3] == [FIRST_WINDOW, 2 * FIRST_WINDOW, 4 * FIRST_WINDOW]
    assert max(windows) == windows[-1] == LONGEST_WINDOW
    assert _try(gw, RIGHT, at + LONGEST_WINDOW).id == "cllr-ann"
    assert _failures(gw) == 0


def test_a_right_password_forgives_the_failures_before_it(gw):
    for _ in range(MAX_FAILURES - 1):
        _try(gw, WRONG, T0)
    assert _try(gw, RIGHT, T0).id == "cllr-ann"
    assert [_try(gw, WRONG, T0).attempt for _ in range(MAX_FAILURES)] == list(range(1, MAX_FAILURES + 1))


def test_a_quiet_hour_after_a_window_starts_the_count_afresh(gw):
    for name in ("cllr-ann", "cllr-bob"):
        for _ in range(MAX_FAILURES):
            _try(gw, WRONG, T0, username=name)
    window_end = T0 + FIRST_WINDOW
    assert _try(gw, WRONG, window_end + timedelta(minutes=59), username="cllr-ann").attempt == MAX_FAILURES + 1
    assert _try(gw, WRONG, window_end + timedelta(hours=1), username="cllr-bob").attempt == 1


def test_an_unknown_name_is_slowed_exactly_like_a_real_one(gw):
    answers = [str(_try(gw, WRONG, T0, username=name)) for name in ("cllr-ghost", "cllr-bob")
               for _ in range(MAX_FAILURES + 1)]
    assert answers[:MAX_FAILURES + 1] == answers[MAX_FAILURES + 1:]
    assert answers[MAX_FAILURES] == "Too many failed attempts: try again in 15 seconds."


def test_an_over_long_name_is_refused_without_storing_it(gw):
    refused = _try(gw, WRONG, T0, username="x" * 5000)
    assert str(refused) == "The username or password is not right." and refused.audit_detail == {}
    with gw.sessions() as session:
        assert session.scalars(select(SignInState)).all() == []


def test_the_dummy_hash_is_of_its_password_with_the_parameters_hashes_are_made_with():
    """An unknown username is checked against it: it must cost what a member's own hash costs."""
    import importlib.util

    import gateway.passwords

    # passwords.py as the gateway runs it (the tests make hashes with the cheapest parameters instead)
    spec = importlib.util.spec_from_file_location("passwords_as_run", gateway.passwords.__file__)
    as_run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(as_run)
    assert as_run.verify_password(accounts._DUMMY_HASH, accounts.DUMMY_PASSWORD)
    assert not as_run._hasher.check_needs_rehash(accounts._DUMMY_HASH)
