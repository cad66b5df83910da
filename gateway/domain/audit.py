"""The append-only audit log: each record carries an HMAC over its fields and the previous record's MAC.

The key lives outside the database (audit_key.py), so an insider who can write the database can neither change a
record nor re-chain everything after it without `verify` seeing it. Cutting the tail (and moving the head to match)
or wiping the log leaves nothing wrong inside the database; signed checkpoints written outside it
(audit_checkpoints.py) catch those.

Logs written before the key (plain SHA-256 chains) stay verifiable: on the first start with a key, `seal_unkeyed`
appends one keyed `audit_keyed` record naming how many unkeyed records precede it. From then on every record must
be keyed; unkeyed records are accepted only as that sealed prefix.
"""

import hashlib
import json
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from defusedcsv import csv  # a cell starting = + - @ is prefixed, so a spreadsheet shows it as text
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from gateway.domain.audit_checkpoints import Checkpoint, CheckpointError, CheckpointFile
from gateway.domain.audit_key import load_key, mac
from gateway.domain.models import AuditHead, AuditRecord

GENESIS = "0" * 64
FIELDS = ("seq", "at", "event", "actor", "document", "outcome", "rule", "detail", "prev_hash")
COLUMNS = (*FIELDS, "hash")
SEAL_EVENT = "audit_keyed"

LOG = AuditRecord.__table__
HEAD = AuditHead.__table__
_READ_HEAD = select(HEAD.c.seq, HEAD.c.hash).where(HEAD.c.id == 1)

# The append runs on every decision: plain DB-API statements, as cheap as the driver allows (issue 13).
# `{p}` is the driver's placeholder: `?` for sqlite3, `%s` for psycopg.
_APPEND_SQL = {
    "read_head": "SELECT seq, hash FROM audit_head WHERE id = 1",
    "start_head": f"INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '{GENESIS}')",
    "move_head": "UPDATE audit_head SET seq = {p}, hash = {p} WHERE id = 1 AND seq = {p}",
    "last_record": f"SELECT {', '.join(COLUMNS)} FROM audit_log WHERE seq = {{p}}",
    "add_record": f"INSERT INTO audit_log ({', '.join(COLUMNS)}) VALUES ({', '.join(['{p}'] * len(COLUMNS))})",
}

logger = logging.getLogger(__name__)


class AuditUnavailable(RuntimeError):
    """The record could not be written, so whatever it was for must not happen."""


class _HeadMoved(Exception):
    """Another writer appended between our read of the head and our move of it."""


def _plain(value):
    """JSON-safe copy, exactly as the database will give it back (so MACs verify)."""
    return json.loads(json.dumps(value, default=str))


def _payload(fields) -> bytes:
    return json.dumps({k: fields[k] for k in FIELDS}, sort_keys=True, separators=(",", ":"),
                      default=str).encode("utf-8")


def record_hash(fields) -> str:
    """The unkeyed hash of records written before the key; accepted only in the sealed prefix."""
    return hashlib.sha256(_payload(fields)).hexdigest()


def record_mac(key: bytes, fields) -> str:
    return mac(key, _payload(fields))


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
    unkeyed: int = 0              # records from before the key, sealed by the first keyed record
    checkpoints: int = 0          # signed checkpoints the log was held against


class AuditLog:
    def __init__(self, engine: Engine, key: bytes, checkpoints: CheckpointFile, checkpoint_every: int = 1000,
                 checkpoint_minutes: float = 10.0, attempts: int = 50):
        self.engine = engine
        self.key = key
        self.checkpoints = checkpoints
        self.checkpoint_every = checkpoint_every
        self.checkpoint_seconds = checkpoint_minutes * 60
        self.attempts = attempts
        self._last_checkpoint = time.monotonic()
        placeholder = "?" if engine.dialect.paramstyle == "qmark" else "%s"
        self._sql = {name: sql.replace("{p}", placeholder) for name, sql in _APPEND_SQL.items()}
        self._db_errors = engine.dialect.loaded_dbapi.Error

    @classmethod
    def for_settings(cls, engine: Engine, settings) -> "AuditLog":
        key = load_key(settings.audit_key, settings.audit_key_file)
        return cls(engine, key, CheckpointFile(settings.audit_checkpoint_file, key),
                   settings.audit_checkpoint_every, settings.audit_checkpoint_minutes)

    # -- writing ---------------------------------------------------------------------------------------------

    def append(self, *entries: Entry) -> list[dict]:
        """Writes the entries as the next records, in their own transaction; raises AuditUnavailable."""
        rows = self._append(lambda head_seq, cursor: entries)
        if rows:
            self._checkpoint_if_due(rows[0]["seq"], rows[-1])
        return rows

    def seal_unkeyed(self) -> int:
        """After an upgrade from unkeyed hashes: one keyed record sealing those before it; returns how many."""
        rows = self._append(self._seal_entries)
        return rows[0]["detail"]["unkeyed_records"] if rows else 0

    def _seal_entries(self, head_seq: int, cursor) -> tuple[Entry, ...]:
        cursor.execute(self._sql["last_record"], (head_seq,))
        found = cursor.fetchone()
        if found is None:
            return ()
        last = dict(zip(COLUMNS, found))
        last["detail"] = json.loads(last["detail"]) if isinstance(last["detail"], str) else last["detail"]
        if record_mac(self.key, last) == last["hash"]:
            return ()
        return (Entry(SEAL_EVENT, detail={"unkeyed_records": head_seq}),)

    def _append(self, entries_after) -> list[dict]:
        """Optimistic append: read the head, move it only if nobody else has, else start again."""
        last_error = None
        for attempt in range(self.attempts):
            try:
                return self._try_append(entries_after)
            # Another writer won the race (locked, duplicate head), or the database is away for now.
            except (_HeadMoved, DBAPIError, self._db_errors) as exc:
                last_error = exc
            time.sleep(min(0.001 * 2 ** attempt, 0.1))
        raise AuditUnavailable(f"the audit log could not be written ({last_error or 'contention'})")

    def append_in(self, session, *entries: Entry) -> list[dict]:
        """Writes the entries as the next records inside the caller's transaction, so they commit (or roll
        back) with the change they record; raises AuditUnavailable if they cannot be written."""
        try:
            # Locked (PostgreSQL) and read afresh: concurrent writers queue here instead of failing.
            head = session.execute(_READ_HEAD.with_for_update()).first()
            if head is None:
                session.execute(HEAD.insert().values(id=1, seq=0, hash=GENESIS))
                head = (0, GENESIS)
            start, prev = head
            rows = self._rows(start, prev, entries)
            moved = session.execute(HEAD.update().where(HEAD.c.id == 1, HEAD.c.seq == start)
                                    .values(seq=rows[-1]["seq"], hash=rows[-1]["hash"]))
            if moved.rowcount != 1:
                raise AuditUnavailable("the audit log moved while this record was written")
            session.execute(LOG.insert(), rows)
        except DBAPIError as exc:
            raise AuditUnavailable(f"the audit log could not be written ({exc.orig or exc})") from exc
        return rows

    def _rows(self, start: int, prev: str, entries) -> list[dict]:
        """The records after `start`, each MAC'd over its fields and the one before."""
        seq, rows = start, []
        for entry in entries:
            seq += 1
            fields = {"seq": seq, "at": now_utc(), "event": entry.event, "actor": entry.actor,
                      "document": entry.document, "outcome": entry.outcome, "rule": entry.rule,
                      "detail": _plain(entry.detail or {}), "prev_hash": prev}
            fields["hash"] = prev = record_mac(self.key, fields)
            rows.append(fields)
        return rows

    def _try_append(self, entries_after) -> list[dict]:
        connection = self.engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(self._sql["read_head"])
            head = cursor.fetchone()
            if head is None:
                cursor.execute(self._sql["start_head"])
                head = (0, GENESIS)
            start, prev = head
            entries = entries_after(start, cursor)
            if not entries:
                connection.commit()
                return []
            rows = self._rows(start, prev, entries)
            cursor.execute(self._sql["move_head"], (rows[-1]["seq"], rows[-1]["hash"], start))
            if cursor.rowcount != 1:
                raise _HeadMoved()
            cursor.executemany(self._sql["add_record"], [
                tuple(json.dumps(row[k]) if k == "detail" else row[k] for k in COLUMNS) for row in rows])
            connection.commit()
            return rows
        except BaseException:
            try:
                connection.rollback()
            except self._db_errors:
                connection.invalidate()   # the connection is lost: never hand it back to the pool
            raise
        finally:
            connection.close()

    # -- checkpoints -----------------------------------------------------------------------------------------

    def checkpoint(self) -> Checkpoint:
        """Signs the head as it is now and appends it to the checkpoint file."""
        with self.engine.connect() as conn:
            head = conn.execute(_READ_HEAD).first() or (0, GENESIS)
        checkpoint = Checkpoint(head[0], head[1], now_utc())
        self.checkpoints.write(checkpoint)
        self._last_checkpoint = time.monotonic()
        return checkpoint

    def _checkpoint_if_due(self, first_seq: int, last: dict) -> None:
        crossed = last["seq"] // self.checkpoint_every > (first_seq - 1) // self.checkpoint_every
        if not crossed and time.monotonic() - self._last_checkpoint < self.checkpoint_seconds:
            return
        try:
            self.checkpoints.write(Checkpoint(last["seq"], last["hash"], now_utc()))
            self._last_checkpoint = time.monotonic()
        except OSError as exc:  # the record is written; the next due checkpoint covers it
            logger.warning("could not write the audit checkpoint to %s: %s", self.checkpoints.path, exc)

    # -- checking --------------------------------------------------------------------------------------------

    def verify(self, checkpoint_file: Path | None = None) -> Verification:
        """Walks the whole chain, and holds it against the signed checkpoints (this log's file by default).

        Names the first record changed, missing, inserted, out of order, unsealed, or not the one a checkpoint saw.
        """
        try:
            checkpoints = self.checkpoints.read(checkpoint_file)
        except CheckpointError as exc:
            return Verification(False, 0, None, str(exc))
        seen: dict[int, list[Checkpoint]] = {}
        for checkpoint in checkpoints:
            seen.setdefault(checkpoint.seq, []).append(checkpoint)
        prev, count, unkeyed, keyed = GENESIS, 0, 0, False

        def broken(seq, problem):
            return Verification(False, count, seq, problem, unkeyed, len(checkpoints))

        with self.engine.connect() as conn:
            rows = conn.execution_options(yield_per=1000).execute(select(LOG).order_by(LOG.c.seq)).mappings()
            for row in rows:
                seq = row["seq"]
                if seq != count + 1:
                    return broken(count + 1, f"record {count + 1} is missing (next is {seq})")
                if row["prev_hash"] != prev:
                    return broken(seq, f"record {seq} does not follow record {seq - 1}")
                if record_mac(self.key, row) == row["hash"]:
                    if not keyed and count and (row["event"], row["detail"]) != (SEAL_EVENT, {"unkeyed_records": count}):
                        return broken(seq, f"record {seq} follows {count} unkeyed records without sealing them")
                    keyed = True
                elif keyed or record_hash(row) != row["hash"]:
                    return broken(seq, f"record {seq} was changed after it was written")
                else:
                    unkeyed += 1
                for checkpoint in seen.get(seq, ()):
                    if checkpoint.hash != row["hash"]:
                        return broken(seq, f"record {seq} is not the one the checkpoint of {checkpoint.at} saw: "
                                           "the log was rewritten from there")
                prev, count = row["hash"], count + 1
            head = conn.execute(_READ_HEAD).first()
        if count and not keyed:
            return broken(1, f"the {count} records are not sealed with the audit key "
                             "(rewritten, or `gateway init` has not run since the upgrade)")
        if head is not None and tuple(head) != (count, prev):
            return broken(count + 1, f"records after {count} are missing (the log had {head[0]})")
        latest = max(checkpoints, key=lambda c: c.seq, default=None)
        if latest is not None and latest.seq > count:
            return broken(count + 1, f"records after {count} are missing: the checkpoint of {latest.at} "
                                     f"saw {latest.seq} records")
        return Verification(True, count, unkeyed=unkeyed, checkpoints=len(checkpoints))

    # -- reading ---------------------------------------------------------------------------------------------

    def records(self, since: str | None = None, actor: str | None = None, document: str | None = None,
                event: str | None = None, limit: int | None = None, descending: bool = False):
        query = select(LOG)
        if since:
            query = query.where(LOG.c.at >= since)
        if actor:
            query = query.where(LOG.c.actor == actor)
        if document:
            query = query.where(LOG.c.document == document)
        if event:
            query = query.where(LOG.c.event == event)
        query = query.order_by(LOG.c.seq.desc() if descending else LOG.c.seq)
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [record_json(row) for row in conn.execute(query).mappings()]

    def export(self, out, fmt: str = "jsonl", shown=None) -> int:
        """Every record, as `shown` (if given) lets the reader see it."""
        rows = self.records()
        return write_records(out, fmt, [shown(row) for row in rows] if shown is not None else rows)


def write_records(out, fmt: str, rows: list[dict]) -> int:
    """Records written as JSON lines or CSV (`detail` as JSON in its cell); returns how many."""
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "detail": json.dumps(row["detail"], sort_keys=True)})
    else:
        for row in rows:
            out.write(json.dumps(row, sort_keys=True) + "\n")
    return len(rows)


def record_json(row) -> dict:
    return {k: row[k] for k in COLUMNS}
