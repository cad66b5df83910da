"""`gateway decide`, single and batch, through the real command (CONTRACT.md)."""

import json

import pytest
from click.testing import CliRunner

from gateway.cli import main
from gateway.config import Settings
from gateway.domain.generation import bump
from gateway.runtime import Gateway
from tests.factories import add_document, council_data, write_yaml


@pytest.fixture
def council(tmp_path, monkeypatch, database_url):
    monkeypatch.setenv("GATEWAY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("GATEWAY_DATABASE_URL", database_url)
    runner = CliRunner()
    result = runner.invoke(main, ["load-council", str(write_yaml(tmp_path / "council.yaml", council_data()))])
    assert result.exit_code == 0, result.output
    gw = Gateway(Settings(data_dir=tmp_path / "data", database_url=database_url))
    with gw.sessions() as session, session.begin():
        add_document(session, "doc-public")
        add_document(session, "doc-exempt", paragraphs=[1])
        add_document(session, "doc-opp", committee=None, party_group="grp-opp")
        bump(session)
    return runner, gw


def _decide(runner, *args):
    result = runner.invoke(main, ["decide", *args, "--json"])
    return result.exit_code, result.output


def _audit_count(gw):
    return gw.audit.verify().count


def test_a_single_decision_is_printed_and_audited(council):
    runner, gw = council
    before = _audit_count(gw)
    code, out = _decide(runner, "--member", "cllr-ann", "--document", "doc-public", "--at", "2026-11-23")
    assert code == 0
    assert json.loads(out) == {"outcome": "grant", "visibility": "open", "rule": "R-PUBLIC",
                               "reasons": ["This is a public document: anyone may read it (protocol 11.5; s100F)."]}
    assert _audit_count(gw) == before + 1


def test_dry_run_answers_without_recording(council):
    runner, gw = council
    before = _audit_count(gw)
    code, out = _decide(runner, "--member", "cllr-bob", "--document", "doc-opp", "--dry-run")
    assert code == 0 and json.loads(out)["rule"] == "R-GROUP-OWN"
    assert _audit_count(gw) == before


def test_an_officer_id_is_accepted(council):
    runner, _ = council
    _, out = _decide(runner, "--member", "off-mo", "--document", "doc-opp")
    assert json.loads(out)["rule"] == "R-PROPER-OFFICER"


def test_an_unknown_member_is_a_clear_error(council):
    runner, _ = council
    code, out = _decide(runner, "--member", "cllr-ghost", "--document", "doc-public")
    assert code == 2 and "unknown member 'cllr-ghost'" in out


def test_batch_answers_each_line_in_order_and_goes_on_after_errors(council, tmp_path):
    runner, gw = council
    lines = [
        {"id": "a", "member": "cllr-ann", "document": "doc-exempt", "reason": "I chair cabinet and must decide this",
         "at": "2026-11-23T23:30:00Z"},
        {"id": "b", "member": "", "document": "doc-public"},
        {"id": "c", "member": "cllr-nobody", "document": "doc-public"},
        {"id": "d", "member": "cllr-ann", "document": "doc-missing"},
        {"id": "e", "member": "cllr-ann", "document": "doc-opp"},
        {"id": "f", "member": "cllr-ann", "document": "doc-public", "capacity": "sideways"},
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(line) for line in lines) + "\nnot json\n")
    before = _audit_count(gw)
    result = CliRunner().invoke(main, ["decide", "--batch", str(batch), "--json"])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o.get("id") for o in out] == ["a", "b", "c", "d", "e", "f", None]
    assert out[0]["rule"] == "R-COMMITTEE"
    assert (out[1]["rule"], out[1]["visibility"]) == ("R-AUTH", "hidden")
    assert out[2]["error"]["code"] == "unknown_member"
    assert out[3]["error"]["code"] == "unknown_document"
    assert (out[4]["rule"], out[4]["visibility"]) == ("R-GROUP-OTHER", "hidden")
    assert out[5]["error"]["code"] == "bad_request" and "capacity" in out[5]["error"]["message"]
    assert out[6]["error"]["code"] == "bad_json"
    assert _audit_count(gw) == before + 3


def test_batch_takes_proper_officer_decisions_into_account(council, tmp_path):
    runner, _ = council
    decisions = write_yaml(tmp_path / "decisions.yaml", {"decisions": [
        {"member": "cllr-bob", "document": "doc-exempt", "outcome": "grant", "reasons": "Needed", "until": "2026-12-31"},
    ]})
    assert runner.invoke(main, ["load-decisions", str(decisions)]).exit_code == 0
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps({"id": str(n), "member": "cllr-bob", "document": "doc-exempt",
                                           "reason": "I need it for my scrutiny work", "at": at})
                               for n, at in enumerate(["2026-12-31", "2027-01-01"])))
    result = CliRunner().invoke(main, ["decide", "--batch", str(batch), "--json"])
    rules = [json.loads(line)["rule"] for line in result.output.splitlines()]
    assert rules == ["R-PO-GRANT", "R-NEED-TO-KNOW"]


def test_a_bad_decisions_file_is_rejected_whole(council, tmp_path):
    runner, _ = council
    path = write_yaml(tmp_path / "decisions.yaml", {"decisions": [
        {"member": "cllr-bob", "document": "doc-exempt", "outcome": "grant", "reasons": "Needed"},
        {"member": "cllr-bob", "document": "doc-exempt", "outcome": "deny", "reasons": ""},
    ]})
    result = runner.invoke(main, ["load-decisions", str(path)])
    assert result.exit_code == 1 and "decisions[1]: field 'reasons': written reasons are required" in result.output
    _, out = _decide(runner, "--member", "cllr-bob", "--document", "doc-exempt", "--reason", "I need it for my work")
    assert json.loads(out)["rule"] == "R-NEED-TO-KNOW"


def test_audit_verify_exits_1_naming_the_record(council):
    runner, gw = council
    _decide(runner, "--member", "cllr-ann", "--document", "doc-public")
    assert runner.invoke(main, ["audit", "verify"]).exit_code == 0
    with gw.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE audit_log SET rule = 'R-FORGED' WHERE seq = 2")
    result = runner.invoke(main, ["audit", "verify", "--json"])
    assert result.exit_code == 1 and json.loads(result.output)["first_bad"] == 2
