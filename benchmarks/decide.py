"""Decisions per second and per-decision latency, against a bare Casbin enforce on the same facts.

    .venv/bin/python benchmarks/decide.py [--members 60] [--documents 10000] [--decisions 20000]
"""

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import casbin  # noqa: E402

from benchmarks._council import loaded_gateway  # noqa: E402
from gateway.access.batch import decide_batch  # noqa: E402
from gateway.access.decide import decide  # noqa: E402
from gateway.access.enforcer import _TextAdapter  # noqa: E402
from gateway.access.facts import Request  # noqa: E402
from gateway.access.gather import FactSource  # noqa: E402


def percentiles(samples):
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return statistics.median(ordered), pick(0.99)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=60)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--decisions", type=int, default=20_000)
    args = parser.parse_args()

    started = time.perf_counter()
    gw, made, folder = loaded_gateway(args.members, args.documents)
    print(f"council: {args.members} members, {args.documents} documents, loaded in {time.perf_counter() - started:.1f} s")

    rng = random.Random(7)
    accounts = [m["id"] for m in made.council["members"]] + [o["id"] for o in made.council["officers"]]
    documents = [d.id for d in made.documents]
    reasons = ["I need this to prepare for the committee meeting next week", "", "curious"]
    requests = [(rng.choice(accounts), rng.choice(documents),
                 Request(at=date(2026, 11, 23), reason=rng.choice(reasons), capacity=rng.choice(["councillor"] * 9 + ["private"])))
                for _ in range(args.decisions)]

    with gw.sessions() as session:
        facts = FactSource(session)
        facts.preload()
        access = gw.access
        subjects = {a: access.subject(facts, a) for a in accounts}
        docs = {d: facts.document(d) for d in documents}
        prepared = [(subjects[a], docs[d], access.with_standing(facts, subjects[a], docs[d], r)) for a, d, r in requests]

        gateway_times, bare_times = [], []
        enforce = access.enforcer.casbin.enforce
        for (account, document, req), (sub, doc, full_req) in zip(requests, prepared):
            t0 = time.perf_counter()
            sub_ = facts.subject(account)
            doc_ = facts.document(document)
            decide(access.enforcer, sub_, doc_, access.with_standing(facts, sub_, doc_, req))
            t1 = time.perf_counter()
            enforce(sub, doc, full_req)
            t2 = time.perf_counter()
            gateway_times.append(t1 - t0)
            bare_times.append(t2 - t1)

        stock = casbin.Enforcer(str(gw.model_path), _TextAdapter(access.enforcer.policy_text), enable_log=False)
        stock.add_function("holds", access.enforcer._holds)
        stock_times = []
        for sub, doc, full_req in prepared[:2000]:
            t0 = time.perf_counter()
            stock.enforce(sub, doc, full_req)
            stock_times.append(time.perf_counter() - t0)

    g50, g99 = percentiles(gateway_times)
    b50, b99 = percentiles(bare_times)
    print(f"in process, per decision:   gateway decide p50 {g50 * 1e6:7.1f} us  p99 {g99 * 1e6:7.1f} us  "
          f"({len(gateway_times) / sum(gateway_times):,.0f}/s)")
    print(f"                            bare enforce   p50 {b50 * 1e6:7.1f} us  p99 {b99 * 1e6:7.1f} us  "
          f"({len(bare_times) / sum(bare_times):,.0f}/s)")
    s50, s99 = percentiles(stock_times)
    print(f"                            stock casbin.Enforcer (re-parses the matcher per call) "
          f"p50 {s50 * 1e6:7.1f} us  p99 {s99 * 1e6:7.1f} us")
    print(f"overhead ratio (gateway / bare): p50 {g50 / b50:.2f}  p99 {g99 / b99:.2f}  "
          f"mean {sum(gateway_times) / sum(bare_times):.2f}")

    batch = Path(tempfile.mkdtemp()) / "batch.jsonl"
    batch.write_text("\n".join(json.dumps({"id": str(n), "member": a, "document": d, "reason": r.reason,
                                           "capacity": r.capacity, "at": "2026-11-23"})
                               for n, (a, d, r) in enumerate(requests)))
    with open("/dev/null", "w") as sink:
        t0 = time.perf_counter()
        decide_batch(gw, batch, sink, record=True)
        elapsed = time.perf_counter() - t0
    print(f"gateway decide --batch (parse, decide, audit, print): {len(requests) / elapsed:,.0f} decisions/s "
          f"({elapsed:.1f} s for {len(requests):,})")
    print(f"peak memory (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
