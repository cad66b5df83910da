"""The audit chain: every change, deletion, insertion or reordering is found and named."""

import json

import pytest
from sqlalchemy import delete, text, update

from gateway.config import Settings
from gateway.domain.audit import AuditLog, Entry
from gateway.domain.models import AuditHead, AuditRecord
from gateway.runtime import Gateway


@pytest.fixture
def log(tmp_path):
    gw = Gateway(Settings(data_dir=tmp_path))
    gw.init()
    audit = AuditLog(gw.sessions)
    for n in range(1, 6):
        audit.append(Entry("decision", actor=f"cllr-{n}", document="doc-1", outcome="grant", rule="R-PUBLIC",
                           detail={"reasons": ["Public document."], "n": n}))
    return gw, audit


def _run(gw, statement):
    with gw.sessions() as session, session.begin():
        session.execute(statement)


def test_an_untouched_log_verifies(log):
    _, audit = log
    result = audit.verify()
    assert result.ok and result.count == 5


def test_a_changed_field_is_named(log):
    gw, audit = log
    _run(gw, update(AuditRecord).where(AuditRecord.seq == 3).values(outcome="deny"))
    result = audit.verify()
    assert not result.ok and result.first_bad == 3 and "changed" in result.problem


def test_a_changed_detail_is_named(log):
    gw, audit = log
    _run(gw, update(AuditRecord).where(AuditRecord.seq == 2).values(detail={"reasons": [], "n": 2}))
    assert audit.verify().first_bad == 2


def test_a_deleted_record_is_named(log):
    gw, audit = log
    _run(gw, delete(AuditRecord).where(AuditRecord.seq == 2))
    result = audit.verify()
    assert not result.ok and result.first_bad == 2 and "missing" in result.problem


def test_a_cut_tail_is_found(log):
    gw, audit = log
    _run(gw, delete(AuditRecord).where(AuditRecord.seq >= 4))
    result = audit.verify()
    assert not result.ok and result.first_bad == 4


def test_an_inserted_record_is_found(log):
    gw, audit = log
    # Make room at 3 by moving the later records up, then forge a record there.
    with gw.sessions() as session, session.begin():
        for seq in (5, 4, 3):
            session.execute(update(AuditRecord).where(AuditRecord.seq == seq).values(seq=seq + 1))
        session.execute(text(
            "INSERT INTO audit_log (seq, at, event, actor, document, outcome, rule, detail, prev_hash, hash) "
            "VALUES (3, '2026-01-01T00:00:00+00:00', 'decision', 'cllr-x', 'doc-1', 'grant', 'R-PUBLIC', '{}', "
            "'forged', 'forged')"))
    result = audit.verify()
    assert not result.ok and result.first_bad == 3


def test_reordered_records_are_found(log):
    gw, audit = log
    with gw.sessions() as session, session.begin():
        session.execute(update(AuditRecord).where(AuditRecord.seq == 2).values(seq=100))
        session.execute(update(AuditRecord).where(AuditRecord.seq == 3).values(seq=2))
        session.execute(update(AuditRecord).where(AuditRecord.seq == 100).values(seq=3))
    result = audit.verify()
    assert not result.ok and result.first_bad == 2


def test_export_writes_every_record_as_json_lines_and_csv(log, tmp_path):
    _, audit = log
    out = tmp_path / "audit.jsonl"
    with out.open("w") as f:
        assert audit.export(f, "jsonl") == 5
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["seq"] for r in rows] == [1, 2, 3, 4, 5] and rows[0]["detail"]["n"] == 1
    csv_out = tmp_path / "audit.csv"
    with csv_out.open("w", newline="") as f:
        audit.export(f, "csv")
    assert csv_out.read_text().splitlines()[0].startswith("seq,at,event")


def test_concurrent_appends_keep_one_chain(log):
    from concurrent.futures import ThreadPoolExecutor

    gw, audit = log
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda n: audit.append(Entry("search", actor=f"cllr-{n}")), range(40)))
    result = audit.verify()
    assert result.ok and result.count == 45
    with gw.sessions() as session:
        assert session.get(AuditHead, 1).seq == 45
