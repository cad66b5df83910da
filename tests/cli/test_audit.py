"""`gateway audit checkpoint` and `gateway audit verify [--checkpoint FILE]` through the real command."""

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, update

from gateway.cli import main
from gateway.config import settings_from_env
from gateway.domain.audit import Entry
from gateway.domain.models import AuditHead, AuditRecord
from gateway.runtime import Gateway


@pytest.fixture
def gw(tmp_path, database_url, monkeypatch):
    monkeypatch.setenv("GATEWAY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("GATEWAY_DATABASE_URL", database_url)
    monkeypatch.setenv("GATEWAY_AUDIT_CHECKPOINTS", str(tmp_path / "elsewhere" / "checkpoints.jsonl"))
    gw = Gateway(settings_from_env())
    gw.init()
    gw.audit.append(*[Entry("signin", actor=f"cllr-{n}") for n in range(4)])
    return gw


def run(*args):
    result = CliRunner().invoke(main, ["audit", *args])
    return result.exit_code, result.output


def test_checkpoint_then_a_cut_tail_with_a_moved_head_fails_verify(gw, tmp_path):
    code, out = run("checkpoint", "--json")
    mark = json.loads(out)
    assert code == 0 and mark["seq"] == 4 and mark["file"] == str(tmp_path / "elsewhere" / "checkpoints.jsonl")
    assert run("verify")[0] == 0
    with gw.engine.begin() as conn:
        kept = conn.execute(AuditRecord.__table__.select().where(AuditRecord.seq == 2)).mappings().one()
        conn.execute(delete(AuditRecord).where(AuditRecord.seq > 2))
        conn.execute(update(AuditHead).values(seq=2, hash=kept["hash"]))
    code, out = run("verify", "--json")
    assert code == 1 and json.loads(out)["first_bad"] == 3 and "checkpoint" in json.loads(out)["problem"]


def test_verify_holds_the_log_against_a_given_checkpoint_file(gw, tmp_path):
    run("checkpoint")
    copy = tmp_path / "auditor.jsonl"
    copy.write_bytes(gw.audit.checkpoints.path.read_bytes())
    gw.audit.checkpoints.path.unlink()
    with gw.engine.begin() as conn:
        conn.execute(delete(AuditRecord))
        conn.execute(delete(AuditHead))
    assert run("verify")[0] == 0  # the gateway's own file is gone: the database alone cannot show a wipe
    code, out = run("verify", "--checkpoint", str(copy))
    assert code == 1 and "BROKEN at record 1" in out and "saw 4 records" in out
