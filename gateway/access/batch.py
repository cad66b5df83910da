"""`gateway decide`: one request, or a file of them, answered in order and audited in chunks."""

import json
from pathlib import Path

from gateway.access.gather import FactSource
from gateway.access.service import UnknownId, audit_entry, make_request
from gateway.domain.audit import AuditUnavailable

CHUNK = 500


def _error(ident, code, message) -> dict:
    return {"id": ident, "error": {"code": code, "message": message}}


def decide_one(gw, member, document, params: dict, as_json: bool, record: bool) -> int:
    try:
        req = make_request(**params)
        with gw.sessions() as session:
            _, _, _, decision = gw.access.decide(FactSource(session), member, document, req, record=record)
    except (ValueError, UnknownId) as exc:
        print(json.dumps({"error": {"code": "bad_request", "message": str(exc)}}) if as_json else f"gateway: {exc}")
        return 2
    except AuditUnavailable as exc:
        print(json.dumps({"error": {"code": "audit_unavailable", "message": str(exc)}}) if as_json else str(exc))
        return 1
    if as_json:
        print(json.dumps(decision.to_json()))
    else:
        print(f"{decision.outcome} ({decision.visibility}) by {decision.rule}")
        for reason in decision.reasons:
            print(f"  {reason}")
    return 0


def _decide_line(access, facts, number: int, line: str):
    """(output, audit entry or None) for one input line."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error(None, "bad_json", f"line {number}: {exc.msg}"), None
    if not isinstance(item, dict):
        return _error(None, "bad_request", f"line {number}: expected a JSON object"), None
    ident = item.get("id")
    try:
        req = make_request(item.get("action"), item.get("capacity"), item.get("reason"), item.get("at"))
        sub, doc, req, decision = access.decide(facts, item.get("member") or None, str(item.get("document") or ""),
                                                req, record=False)
    except UnknownId as exc:
        return _error(ident, f"unknown_{exc.kind}", f"line {number}: {exc}"), None
    except ValueError as exc:
        return _error(ident, "bad_request", f"line {number}: {exc}"), None
    return {"id": ident, **decision.to_json()}, audit_entry(sub, doc, req, decision)


def decide_batch(gw, path: Path, out, record: bool = True) -> int:
    """Answers each line of `path`; a line's error is reported on that line and the batch goes on."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        print(json.dumps({"error": {"code": "unreadable", "message": f"{path}: {exc}"}}), file=out)
        return 2
    with gw.sessions() as session:
        facts = FactSource(session)
        facts.preload()
        pending = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            pending.append(_decide_line(gw.access, facts, number, line))
            if len(pending) >= CHUNK:
                if not _flush(gw, pending, out, record):
                    return 1
                pending = []
        return 0 if _flush(gw, pending, out, record) else 1


def _flush(gw, pending, out, record) -> bool:
    """Records the chunk's decisions, then prints them: nothing is answered unlogged."""
    if record:
        entries = [entry for _, entry in pending if entry is not None]
        try:
            if entries:
                gw.audit.append(*entries)
        except AuditUnavailable as exc:
            print(json.dumps({"error": {"code": "audit_unavailable", "message": str(exc)}}), file=out)
            return False
    for output, _ in pending:
        print(json.dumps(output), file=out)
    out.flush()
    return True
