"""The append-only audit log: each record's hash covers its fields and the previous record's hash."""

import csv
import hashlib
import json
import time
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import sessionmaker

from gateway.domain.models import AuditHead, AuditRecord

GENESIS = "0" * 64
FIELDS = ("seq", "at", "event", "actor", "document", "outcome", "rule", "detail", "prev_hash")


class AuditUnavailable(RuntimeError):
    """The record could not be written, so whatever it was for must not happen."""


def _plain(value):
    """JSON-safe copy, exactly as the database will give it back (so hashes verify)."""
    return json.loads(json.dumps(value, default=str))


def record_hash(fields: dict) -> str:
    payload = json.dumps({k: fields[k] for k in FIELDS}, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Entry:
    event: str                    # decision | search | signin | signin_failed | referral | adjudication | ...
    actor: str | None = None
    document: str | None = None
    outcome: str | None = None
    rule: str | None = None
    detail: dict | None = None


@dataclass(frozen=True)
class Verification:
    ok: bool
    count: int
    first_bad: int | None = None
    problem: str | None = None


class AuditLog:
    def __init__(self, sessions: sessionmaker, attempts: int = 50):
        self.sessions = sessions
        self.attempts = attempts

    def append(self, *entries: Entry) -> list[AuditRecord]:
        """Writes the entries as the next records, in their own transaction; raises AuditUnavailable."""
        last_error = None
        for attempt in range(self.attempts):
            try:
                rows = self._try_append(entries)
                if rows is not None:
                    return rows
            except (OperationalError, IntegrityError) as exc:  # another writer won the race
                last_error = exc
            time.sleep(min(0.001 * 2 ** attempt, 0.1))
        raise AuditUnavailable(f"the audit log could not be written ({last_error or 'contention'})")

    def _try_append(self, entries) -> list[AuditRecord] | None:
        with self.sessions() as session, session.begin():
            try:
                return append_in(session, *entries)
            except _HeadMoved:
                session.rollback()
                return None

    def verify(self) -> Verification:
        """Walks the whole chain; names the first record changed, missing, inserted or out of order."""
        with self.sessions() as session:
            prev, expected, count = GENESIS, 1, 0
            for row in session.scalars(select(AuditRecord).order_by(AuditRecord.seq)).yield_per(1000):
                fields = {k: getattr(row, k) for k in FIELDS}
                if row.seq != expected:
                    return Verification(False, count, expected, f"record {expected} is missing (next is {row.seq})")
                if row.prev_hash != prev:
                    return Verification(False, count, row.seq, f"record {row.seq} does not follow record {row.seq - 1}")
                if record_hash(fields) != row.hash:
                    return Verification(False, count, row.seq, f"record {row.seq} was changed after it was written")
                prev, expected, count = row.hash, expected + 1, count + 1
            head = session.get(AuditHead, 1)
            if head is not None and (head.seq, head.hash) != (count, prev):
                return Verification(False, count, count + 1, f"records after {count} are missing (the log had {head.seq})")
        return Verification(True, count)

    def records(self, since: str | None = None, actor: str | None = None, document: str | None = None,
                event: str | None = None, limit: int | None = None, descending: bool = False):
        with self.sessions() as session:
            query = select(AuditRecord)
            if since:
                query = query.where(AuditRecord.at >= since)
            if actor:
                query = query.where(AuditRecord.actor == actor)
            if document:
                query = query.where(AuditRecord.document == document)
            if event:
                query = query.where(AuditRecord.event == event)
            query = query.order_by(AuditRecord.seq.desc() if descending else AuditRecord.seq)
            if limit:
                query = query.limit(limit)
            return [record_json(row) for row in session.scalars(query)]

    def export(self, out, fmt: str = "jsonl") -> int:
        rows = self.records()
        if fmt == "csv":
            writer = csv.DictWriter(out, fieldnames=[*FIELDS, "hash"])
            writer.writeheader()
            for row in rows:
                writer.writerow({**row, "detail": json.dumps(row["detail"], sort_keys=True)})
        else:
            for row in rows:
                out.write(json.dumps(row, sort_keys=True) + "\n")
        return len(rows)


class _HeadMoved(AuditUnavailable):
    """Another writer appended between reading the chain's head and moving it."""


def append_in(session, *entries: Entry) -> list[AuditRecord]:
    """Writes the entries as the next records inside the caller's transaction, so they commit (or
    roll back) with the change they record. Raises AuditUnavailable if another writer got in first."""
    # Locked (PostgreSQL) and read afresh: concurrent appends queue here instead of failing.
    head = session.get(AuditHead, 1, with_for_update=True, populate_existing=True)
    if head is None:
        session.add(AuditHead(id=1, seq=0, hash=GENESIS))
        session.flush()
        head = session.get(AuditHead, 1)
    seq, prev = head.seq, head.hash
    rows = []
    for entry in entries:
        seq += 1
        fields = {"seq": seq, "at": now_utc(), "event": entry.event, "actor": entry.actor,
                  "document": entry.document, "outcome": entry.outcome, "rule": entry.rule,
                  "detail": _plain(entry.detail or {}), "prev_hash": prev}
        prev = record_hash(fields)
        rows.append(AuditRecord(**fields, hash=prev))
    moved = session.execute(
        update(AuditHead).where(AuditHead.id == 1, AuditHead.seq == head.seq).values(seq=seq, hash=prev)
    )
    if moved.rowcount != 1:
        raise _HeadMoved("the audit log moved while this record was written")
    session.add_all(rows)
    return rows


def record_json(row: AuditRecord) -> dict:
    return {**{k: getattr(row, k) for k in FIELDS}, "hash": row.hash}
