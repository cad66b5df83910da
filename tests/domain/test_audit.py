"""The audit chain: every change, deletion, insertion, reordering, re-chaining, cut tail and wipe is found and named."""

import json
import stat

import pytest
from sqlalchemy import delete, insert, select, text, update

from gateway.config import Settings
from gateway.domain.audit import GENESIS, AuditUnavailable, Entry, record_hash, record_mac
from gateway.domain.models import AuditHead, AuditRecord
from gateway.runtime import Gateway


def make_gateway(tmp_path, database_url, **settings) -> Gateway:
    gw = Gateway(Settings(data_dir=tmp_path / "data", database_url=database_url, **settings))
    gw.init()
    return gw


def decision(n: int) -> Entry:
    return Entry("decision", actor=f"cllr-{n}", document="doc-1", outcome="grant", rule="R-PUBLIC",
                 detail={"reasons": ["Public document."], "n": n})


@pytest.fixture
def gw(tmp_path, database_url):
    gw = make_gateway(tmp_path, database_url)
    for n in range(1, 6):
        gw.audit.append(decision(n))
    return gw


def _run(gw, *statements):
    with gw.engine.begin() as conn:
        for statement in statements:
            conn.execute(statement)


def _rows(gw) -> list[dict]:
    with gw.engine.connect() as conn:
        return [dict(row) for row in conn.execute(select(AuditRecord.__table__).order_by(AuditRecord.seq)).mappings()]


def rechain_without_key(gw, from_seq: int, change: dict, through: int | None = None) -> None:
    """What an insider without the key can do: change a record, then re-hash it and every later one, and the head."""
    rows = _rows(gw)
    prev = rows[from_seq - 2]["hash"] if from_seq > 1 else GENESIS
    with gw.engine.begin() as conn:
        for row in rows[from_seq - 1:through]:
            if row["seq"] == from_seq:
                row.update(change)
            row["prev_hash"] = prev
            row["hash"] = prev = record_hash(row)
            conn.execute(update(AuditRecord).where(AuditRecord.seq == row["seq"]).values(**row))
        conn.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=prev))


def cut_tail_and_move_head(gw, keep: int) -> None:
    rows = _rows(gw)
    _run(gw, delete(AuditRecord).where(AuditRecord.seq > keep),
         update(AuditHead).where(AuditHead.id == 1).values(seq=keep, hash=rows[keep - 1]["hash"]))


def wipe(gw) -> None:
    _run(gw, delete(AuditRecord), delete(AuditHead))


# -- the chain ---------------------------------------------------------------------------------------------------

def test_an_untouched_log_verifies(gw):
    result = gw.audit.verify()
    assert result.ok and result.count == 5 and result.unkeyed == 0


def test_a_changed_field_is_named(gw):
    _run(gw, update(AuditRecord).where(AuditRecord.seq == 3).values(outcome="deny"))
    result = gw.audit.verify()
    assert not result.ok and result.first_bad == 3 and "changed" in result.problem


def test_a_changed_detail_is_named(gw):
    _run(gw, update(AuditRecord).where(AuditRecord.seq == 2).values(detail={"reasons": [], "n": 2}))
    assert gw.audit.verify().first_bad == 2


def test_a_deleted_record_is_named(gw):
    _run(gw, delete(AuditRecord).where(AuditRecord.seq == 2))
    result = gw.audit.verify()
    assert not result.ok and result.first_bad == 2 and "missing" in result.problem


def test_a_cut_tail_is_found(gw):
    _run(gw, delete(AuditRecord).where(AuditRecord.seq >= 4))
    result = gw.audit.verify()
    assert not result.ok and result.first_bad == 4


def test_an_inserted_record_is_found(gw):
    # Make room at 3 by moving the later records up, then forge a record there.
    _run(gw, *[update(AuditRecord).where(AuditRecord.seq == seq).values(seq=seq + 1) for seq in (5, 4, 3)],
         text("INSERT INTO audit_log (seq, at, event, actor, document, outcome, rule, detail, prev_hash, hash) "
              "VALUES (3, '2026-01-01T00:00:00+00:00', 'decision', 'cllr-x', 'doc-1', 'grant', 'R-PUBLIC', '{}', "
              "'forged', 'forged')"))
    result = gw.audit.verify()
    assert not result.ok and result.first_bad == 3


def test_reordered_records_are_found(gw):
    _run(gw, update(AuditRecord).where(AuditRecord.seq == 2).values(seq=100),
         update(AuditRecord).where(AuditRecord.seq == 3).values(seq=2),
         update(AuditRecord).where(AuditRecord.seq == 100).values(seq=3))
    result = gw.audit.verify()
    assert not result.ok and result.first_bad == 2


def test_a_log_rechained_after_an_edit_is_found_without_any_checkpoint(gw):
    rechain_without_key(gw, 3, {"outcome": "deny"})
    result = gw.audit.verify()
    assert not result.ok and result.first_bad == 3 and "changed" in result.problem


def test_a_log_rechained_from_the_first_record_is_found(gw):
    rechain_without_key(gw, 1, {"actor": "cllr-nobody"})
    result = gw.audit.verify()
    assert not result.ok and "not sealed with the audit key" in result.problem


def test_a_log_that_cannot_be_written_refuses_with_audit_unavailable(gw):
    gw.audit.attempts = 3
    _run(gw, text("DROP TABLE audit_log"))
    with pytest.raises(AuditUnavailable):
        gw.audit.append(decision(6))


# -- the key -----------------------------------------------------------------------------------------------------

def test_the_key_file_is_owner_only_and_outside_the_database(gw):
    key_file = gw.settings.audit_key_file
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text().strip()
    assert all(key not in json.dumps(row) for row in _rows(gw))


def test_records_only_verify_with_the_key_they_were_written_with(tmp_path, database_url):
    gw = make_gateway(tmp_path, database_url, audit_key="the-council-s-audit-key")
    gw.audit.append(decision(1), decision(2))
    assert gw.audit.verify().ok
    assert not gw.settings.audit_key_file.exists()  # GATEWAY_AUDIT_KEY given: no key file made
    other = Gateway(Settings(data_dir=tmp_path / "data", database_url=database_url, audit_key="another-key"))
    result = other.audit.verify()
    assert not result.ok and result.first_bad == 1


# -- checkpoints -------------------------------------------------------------------------------------------------

def test_a_cut_tail_with_a_moved_head_passes_the_chain_but_not_a_checkpoint(gw):
    gw.audit.checkpoint()
    cut_tail_and_move_head(gw, keep=3)
    result = gw.audit.verify()
    assert not result.ok and result.first_bad == 4 and "checkpoint" in result.problem and "saw 5" in result.problem


def test_a_wiped_log_is_found_by_its_checkpoint(gw):
    gw.audit.checkpoint()
    wipe(gw)
    result = gw.audit.verify()
    assert not result.ok and result.count == 0 and result.first_bad == 1 and "saw 5" in result.problem


def test_checkpoints_are_written_every_n_records(tmp_path, database_url):
    gw = make_gateway(tmp_path, database_url, audit_checkpoint_every=2)
    for n in range(1, 6):
        gw.audit.append(decision(n))
    assert [c.seq for c in gw.audit.checkpoints.read()] == [2, 4]
    cut_tail_and_move_head(gw, keep=3)  # record 4 was checkpointed, though nobody asked
    assert gw.audit.verify().first_bad == 4


def test_checkpoints_are_written_after_the_interval(tmp_path, database_url):
    gw = make_gateway(tmp_path, database_url, audit_checkpoint_minutes=0)
    gw.audit.append(decision(1))
    gw.audit.append(decision(2), decision(3))
    assert [c.seq for c in gw.audit.checkpoints.read()] == [1, 3]


def test_a_rewrite_by_someone_with_the_key_is_named_at_the_checkpointed_record(gw):
    gw.audit.checkpoint()
    last = _rows(gw)[4]
    last["outcome"] = "deny"
    last["hash"] = record_mac(gw.audit.key, last)  # a stolen key re-seals the chain, but not the checkpoint
    _run(gw, update(AuditRecord).where(AuditRecord.seq == 5).values(outcome="deny", hash=last["hash"]),
         update(AuditHead).where(AuditHead.id == 1).values(hash=last["hash"]))
    result = gw.audit.verify()
    assert not result.ok and result.first_bad == 5 and "checkpoint" in result.problem


def test_an_auditors_copy_of_the_checkpoints_is_checked_when_given(gw, tmp_path):
    gw.audit.checkpoint()
    copy = tmp_path / "auditor-copy.jsonl"
    copy.write_bytes(gw.audit.checkpoints.path.read_bytes())
    gw.audit.checkpoints.path.unlink()  # the insider removes the gateway's own file too
    cut_tail_and_move_head(gw, keep=2)
    assert gw.audit.verify().ok
    result = gw.audit.verify(copy)
    assert not result.ok and result.first_bad == 3 and result.checkpoints == 1


def test_a_forged_checkpoint_is_refused(gw, tmp_path):
    forged = tmp_path / "forged.jsonl"
    forged.write_text(json.dumps({"seq": 1, "hash": "0" * 64, "at": "2026-01-01T00:00:00+00:00",
                                  "mac": "0" * 64}) + "\n")
    result = gw.audit.verify(forged)
    assert not result.ok and "line 1" in result.problem and "not signed" in result.problem


# -- logs written before the key ---------------------------------------------------------------------------------

def write_unkeyed(gw, count: int) -> None:
    """Records as the gateway wrote them before the key: a plain SHA-256 chain."""
    prev = GENESIS
    with gw.engine.begin() as conn:
        for seq in range(1, count + 1):
            fields = {"seq": seq, "at": f"2026-01-0{seq}T09:00:00.000000+00:00", "event": "signin",
                      "actor": f"cllr-{seq}", "document": None, "outcome": None, "rule": None, "detail": {},
                      "prev_hash": prev}
            fields["hash"] = prev = record_hash(fields)
            conn.execute(insert(AuditRecord.__table__).values(**fields))
        conn.execute(delete(AuditHead))
        conn.execute(insert(AuditHead.__table__).values(id=1, seq=count, hash=prev))


@pytest.fixture
def upgraded(tmp_path, database_url):
    """A log of three unkeyed records, then the gateway started with a key (init seals them), then new records."""
    gw = make_gateway(tmp_path, database_url)
    write_unkeyed(gw, 3)
    gw.init()
    gw.audit.append(decision(5))
    return gw


def test_unkeyed_records_verify_up_to_the_seal(upgraded):
    result = upgraded.audit.verify()
    assert result.ok and result.count == 5 and result.unkeyed == 3
    seal = _rows(upgraded)[3]
    assert (seal["event"], seal["detail"]) == ("audit_keyed", {"unkeyed_records": 3})


def test_the_seal_is_written_once(upgraded):
    upgraded.init()
    assert [row["event"] for row in _rows(upgraded)].count("audit_keyed") == 1


def test_an_edit_in_the_sealed_prefix_is_found(upgraded):
    rechain_without_key(upgraded, 2, {"actor": "cllr-x"}, through=3)  # the keyed seal cannot be re-made
    result = upgraded.audit.verify()
    assert not result.ok and result.first_bad == 4


def test_rechaining_the_whole_log_unkeyed_is_found(upgraded):
    rechain_without_key(upgraded, 2, {"actor": "cllr-x"})
    result = upgraded.audit.verify()
    assert not result.ok and "not sealed" in result.problem


def test_removing_the_seal_and_all_after_it_is_found(upgraded):
    cut_tail_and_move_head(upgraded, keep=3)
    result = upgraded.audit.verify()
    assert not result.ok and "not sealed" in result.problem


# -- reading -----------------------------------------------------------------------------------------------------

def test_export_writes_every_record_as_json_lines_and_csv(gw, tmp_path):
    out = tmp_path / "audit.jsonl"
    with out.open("w") as f:
        assert gw.audit.export(f, "jsonl") == 5
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["seq"] for r in rows] == [1, 2, 3, 4, 5] and rows[0]["detail"]["n"] == 1
    csv_out = tmp_path / "audit.csv"
    with csv_out.open("w", newline="") as f:
        gw.audit.export(f, "csv")
    assert csv_out.read_text().splitlines()[0].startswith("seq,at,event")


def test_records_filter_and_order(gw):
    newest = gw.audit.records(actor="cllr-2") + gw.audit.records(limit=2, descending=True)
    assert [r["seq"] for r in newest] == [2, 5, 4]
