"""The audit append (DB-API statements) against a raw sqlite3 append of the same record with the same keyed hashing, and decisions
with their audit record per second in one process (decisions without recording as the anchor).

    .venv/bin/python benchmarks/audit_append.py [--appends 5000] [--decisions 5000] [--rounds 5]

Both appends run on SQLite files with the gateway's pragmas (WAL, synchronous=NORMAL), in alternating rounds so
that the machine's load hits both alike; the ratio is of medians. Aims (issue 13): ratio at most 2x, and at least
2,000 decisions with audit per second.
"""

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._council import loaded_gateway  # noqa: E402
from gateway.access.facts import Request  # noqa: E402
from gateway.access.gather import FactSource  # noqa: E402
from gateway.config import Settings  # noqa: E402
from gateway.domain.audit import GENESIS, Entry, _plain, now_utc, record_mac  # noqa: E402
from gateway.runtime import Gateway  # noqa: E402

ENTRY = Entry("decision", actor="cllr-ann", document="doc-0042", outcome="refer", rule="R-NEED-TO-KNOW",
              detail={"visibility": "listed", "capacity": "councillor", "reasons": ["Exempt under paragraph 1."],
                      "reason_given": "I need it for the committee"})


class RawAppend:
    """The same append by hand: one sqlite3 transaction reading the head, moving it and inserting the record."""

    def __init__(self, path: Path, key: bytes):
        self.key = key
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE audit_head (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, hash TEXT NOT NULL)")
        self.db.execute("CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, at TEXT, event TEXT, actor TEXT, "
                        "document TEXT, outcome TEXT, rule TEXT, detail TEXT, prev_hash TEXT UNIQUE, hash TEXT)")
        self.db.execute("INSERT INTO audit_head VALUES (1, 0, ?)", (GENESIS,))

    def append(self, entry: Entry) -> None:
        db = self.db
        db.execute("BEGIN")
        seq, prev = db.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        fields = {"seq": seq + 1, "at": now_utc(), "event": entry.event, "actor": entry.actor,
                  "document": entry.document, "outcome": entry.outcome, "rule": entry.rule,
                  "detail": _plain(entry.detail or {}), "prev_hash": prev}
        digest = record_mac(self.key, fields)
        db.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1 AND seq = ?", (seq + 1, digest, seq))
        db.execute("INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (*(fields[k] for k in ("seq", "at", "event", "actor", "document", "outcome", "rule")),
                    json.dumps(fields["detail"]), prev, digest))
        db.execute("COMMIT")


def per_call(fn, count: int) -> float:
    started = time.perf_counter()
    for _ in range(count):
        fn()
    return (time.perf_counter() - started) / count


def bench_append(appends: int, rounds: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="gateway-bench-audit-"))
    gw = Gateway(Settings(data_dir=folder / "data"))
    gw.init()
    raw = RawAppend(folder / "raw.db", gw.audit.key)
    gateway_times, raw_times = [], []
    for _ in range(rounds):
        gateway_times.append(per_call(lambda: gw.audit.append(ENTRY), appends // rounds))
        raw_times.append(per_call(lambda: raw.append(ENTRY), appends // rounds))
    assert gw.audit.verify().ok
    ours, anchor = statistics.median(gateway_times), statistics.median(raw_times)
    print(f"audit append (gateway, DB-API):          {ours * 1e6:8.1f} us")
    print(f"audit append (raw sqlite3, same hashing): {anchor * 1e6:8.1f} us")
    print(f"ratio: {ours / anchor:.2f}x   (aim: at most 2x)")


def bench_decisions(decisions: int, rounds: int) -> None:
    gw, made, _ = loaded_gateway(members=60, documents=2000)
    rng = random.Random(3)
    accounts = [m["id"] for m in made.council["members"]]
    documents = [d.id for d in made.documents]
    req = Request(at=date(2026, 11, 23), reason="I need this to prepare for the committee meeting")
    calls = [(rng.choice(accounts), rng.choice(documents)) for _ in range(decisions // rounds)]
    with gw.sessions() as session:
        facts = FactSource(session)
        facts.preload()

        def run(record: bool) -> float:
            started = time.perf_counter()
            for account, document in calls:
                gw.access.decide(facts, account, document, req, record=record)
            return len(calls) / (time.perf_counter() - started)

        audited, bare = [], []
        for _ in range(rounds):
            audited.append(run(True))
            bare.append(run(False))
    print(f"decisions with audit: {statistics.median(audited):8.0f} /s   (aim: at least 2,000/s)")
    print(f"decisions, no audit:  {statistics.median(bare):8.0f} /s   (anchor)")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--appends", type=int, default=5000)
    parser.add_argument("--decisions", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    bench_append(args.appends, args.rounds)
    bench_decisions(args.decisions, args.rounds)


if __name__ == "__main__":
    main()
