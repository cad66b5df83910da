"""Concurrent appends, from threads and from separate engines (as gunicorn workers are), keep one unbroken chain."""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest
from sqlalchemy import select

from gateway.config import Settings
from gateway.domain.audit import Entry
from gateway.domain.models import AuditHead
from gateway.runtime import Gateway


@pytest.fixture
def settings(tmp_path, database_url):
    return Settings(data_dir=tmp_path / "data", database_url=database_url)


def _head(gw):
    with gw.engine.connect() as conn:
        return tuple(conn.execute(select(AuditHead.seq, AuditHead.hash)).one())


def test_threads_appending_at_once_keep_one_chain(settings):
    gw = Gateway(settings)
    gw.init()
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(lambda n: gw.audit.append(Entry("search", actor=f"cllr-{n}"), Entry("decision")), range(60)))
    result = gw.audit.verify()
    assert result.ok and result.count == 120
    assert _head(gw)[0] == 120
    assert sorted(r["actor"] for r in gw.audit.records(event="search")) == sorted(f"cllr-{n}" for n in range(60))


def test_workers_with_their_own_engines_append_to_one_chain(settings):
    workers = [Gateway(settings) for _ in range(3)]
    for gw in workers:
        gw.init()  # all three start at once on the same database, as gunicorn's workers do
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(lambda n: workers[n % 3].audit.append(Entry("signin", actor=f"w{n % 3}")), range(90)))
    result = workers[0].audit.verify()
    assert result.ok and result.count == 90
    assert [len(workers[0].audit.records(actor=f"w{w}")) for w in range(3)] == [30, 30, 30]


def test_checkpoints_from_racing_appends_all_verify(settings):
    gw = Gateway(replace(settings, audit_checkpoint_every=7))
    gw.init()
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda n: gw.audit.append(Entry("search")), range(50)))
    assert sorted(c.seq for c in gw.audit.checkpoints.read()) == [7, 14, 21, 28, 35, 42, 49]
    assert gw.audit.verify().checkpoints == 7 and gw.audit.verify().ok
