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


def _read_line(number: int, line: str):
    """(request item, None), or (None, output) for a line that is not a JSON object."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, _error(None, "bad_json", f"line {number}: {exc.msg}")
    if not isinstance(item, dict):
        return None, _error(None, "bad_request", f"line {number}: expected a JSON object")
    return item, None


def _decide_item(access, facts, number: int, item: dict):
    """(output, audit entry or None) for one request."""
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


def _decide_chunk(gw, session, chunk: list[tuple[int, str]]) -> list:
    """Reads only the documents, members and standing decisions the chunk names, then decides each line."""
    read = [(number, *_read_line(number, line)) for number, line in chunk]
    items = [item for _, item, _ in read if item is not None]
    facts = FactSource(session)
    facts.preload([str(i.get("document") or "") for i in items], [str(i.get("member") or "") for i in items])
    return [(output, None) if item is None else _decide_item(gw.access, facts, number, item)
            for number, item, output in read]


def decide_batch(gw, path: Path, out, record: bool = True) -> int:
    """Answers each line of `path`; a line's error is reported on that line and the batch goes on."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        print(json.dumps({"error": {"code": "unreadable", "message": f"{path}: {exc}"}}), file=out)
        return 2
    numbered = [(number, line) for number, line in enumerate(lines, start=1) if line.strip()]
    with gw.sessions() as session:
        for start in range(0, len(numbered), CHUNK):
            if not _flush(gw, _decide_chunk(gw, session, numbered[start:start + CHUNK]), out, record):
                return 1
    return 0


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
