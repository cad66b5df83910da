"""Mixed traffic against gunicorn with several workers on PostgreSQL, and PostgreSQL stopped under it.

    python benchmarks/traffic.py [--requests 2000] [--threads 8] [--workers 4] [--members 40] [--documents 400]
                                 [--outage 3] [--database-url URL]

Builds a council (benchmarks/_council.py) on PostgreSQL, a throwaway cluster (tests/postgres.py) unless
--database-url names an empty database, indexes it, and starts gunicorn (`wsgi:app`, --workers sync
workers) and, as the anchor, the same gunicorn serving a trivial Flask route (benchmarks/_trivial_app.py).
  1. steady: --requests mixed requests from --threads client threads, by members with bearer tokens:
     60% opens (GET /documents/{id}), 30% searches, 10% requests for access (POST .../requests), each
     carrying its own reason or query word; then as many to the trivial route. Prints requests/s (and as a
     fraction of the anchor's), p50/p99 latency and errors (5xx other than an outage's 503, no answer).
  2. outage (throwaway cluster only; --outage 0 skips it): the same mix; after a third of --requests
     PostgreSQL is stopped for --outage seconds and started again, and the traffic goes on until another
     third has been served. Prints answers by status, how many different 503 bodies there were (one
     fixed body is right; two when a request was cut off while its record was written), and how long after
     the restart the first decision was served.
  3. audit: `gateway audit verify`, then every request served must hold exactly one record (its decision,
     search, and referral where one was made) and a refused one at most one.
"""

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._council import loaded_gateway  # noqa: E402
from benchmarks.request import WORDS, Server  # noqa: E402

AUDIT_KEY = "a" * 64
TOKENS = 12          # members sending the traffic
OUTAGE_TIMEOUT = 120  # seconds to wait for service to come back


class Answer:
    def __init__(self, kind: str, tag: str, status: int, seconds: float, body: bytes, ended: float):
        self.kind, self.tag, self.status, self.seconds, self.body, self.ended = kind, tag, status, seconds, body, ended

    @property
    def served(self) -> bool:
        """Answered by the gateway with a decision (not refused by an outage, not lost)."""
        return self.status not in (0, 503) and self.status < 500


def call(port: int, method: str, path: str, headers: dict, body: bytes | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    except OSError:
        return 0, b""   # no answer at all: counted as an error
    finally:
        connection.close()


class Traffic:
    """Client threads sending the mix until told to stop or until `limit` requests were sent."""

    def __init__(self, port: int, tokens: list[str], documents: list[str], phase: str, threads: int,
                 limit: int | None, trivial: bool = False):
        self.port, self.tokens, self.documents, self.phase = port, tokens, documents, phase
        self.trivial, self.limit = trivial, limit
        self.answers: list[Answer] = []
        self.sent = 0
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(n,)) for n in range(threads)]

    def run(self) -> "Traffic":
        self.started = time.perf_counter()
        for thread in self.threads:
            thread.start()
        return self

    def wait(self) -> float:
        for thread in self.threads:
            thread.join()
        return time.perf_counter() - self.started

    def _next(self) -> int | None:
        with self.lock:
            if self.stopping.is_set() or (self.limit is not None and self.sent >= self.limit):
                return None
            self.sent += 1
            return self.sent

    def _run(self, thread: int) -> None:
        rng = random.Random(f"{self.phase}-{thread}")
        while (n := self._next()) is not None:
            tag = f"{self.phase}{thread}x{n}"
            headers = {"Authorization": f"Bearer {rng.choice(self.tokens)}"}
            document = rng.choice(self.documents)
            reason = f"Preparing for the committee meeting, reference {tag}"
            roll = rng.random()
            started = time.perf_counter()
            if self.trivial:
                kind, (status, body) = "trivial", call(self.port, "GET", "/", {})
            elif roll < 0.6:
                kind, (status, body) = "open", call(
                    self.port, "GET", f"/api/v1/documents/{document}?reason={urllib.parse.quote(reason)}", headers)
            elif roll < 0.9:
                query = urllib.parse.urlencode({"q": f"{rng.choice(WORDS)} OR {tag}"})
                kind, (status, body) = "search", call(self.port, "GET", f"/api/v1/search?{query}", headers)
            else:
                kind, (status, body) = "request", call(
                    self.port, "POST", f"/api/v1/documents/{document}/requests",
                    {**headers, "Content-Type": "application/json"}, json.dumps({"reason": reason}).encode())
            ended = time.perf_counter()
            with self.lock:
                self.answers.append(Answer(kind, tag, status, ended - started, body if status == 503 else b"", ended))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def report(name: str, answers: list[Answer], seconds: float, anchor_rate: float | None = None) -> float:
    rate = len(answers) / seconds
    latencies = [a.seconds * 1000 for a in answers]
    errors = sum(1 for a in answers if a.status == 0 or (a.status >= 500 and a.status != 503))
    versus = f" = {rate / anchor_rate:.3f} x the anchor" if anchor_rate else ""
    print(f"  {name:<30} {len(answers):6} requests in {seconds:6.1f} s: {rate:7.1f} req/s{versus}; "
          f"p50 {statistics.median(latencies):6.1f} ms, p99 {percentile(latencies, 0.99):7.1f} ms; errors {errors}")
    return rate


def audit_check(gw, answers: list[Answer]) -> tuple[int, list[str]]:
    """How many served requests were checked, and what is wrong: a served request without exactly one record."""
    counts: Counter = Counter()
    marker = {"decision": "reason", "referral": "reason", "search": "query"}
    for event, field in marker.items():
        for record in gw.audit.records(event=event):
            text = (record.get("detail") or {}).get(field) or ""
            counts[(event, text.rsplit(" ", 1)[-1])] += 1
    expected = {"open": ("decision",), "search": ("search",), "request": ("decision",)}
    problems, checked = [], 0
    for a in answers:
        events = expected[a.kind] + (("referral",) if a.kind == "request" and a.status == 201 else ())
        for event in events:
            found = counts[(event, a.tag)]
            if a.served:
                checked += 1
                if found != 1:
                    problems.append(f"{a.kind} {a.tag} (answered {a.status}): {found} {event} records")
            elif found > 1:
                problems.append(f"{a.kind} {a.tag} (refused {a.status}): {found} {event} records")
    return checked, problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--members", type=int, default=40)
    parser.add_argument("--documents", type=int, default=400)
    parser.add_argument("--outage", type=float, default=3.0, help="seconds PostgreSQL stays stopped (0: no outage)")
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default: a throwaway cluster)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    from sqlalchemy import select

    from gateway.domain.models import Document, Member
    from gateway.domain.sessions import issue_token
    from tests.postgres import Cluster

    cluster = None
    url = args.database_url
    if url is None:
        cluster = Cluster().start()
        url = cluster.url(cluster.create_database())
    servers: list[Server] = []
    try:
        started = time.perf_counter()
        gw, _made, folder = loaded_gateway(args.members, args.documents, args.seed, text=True, database_url=url,
                                           settings={"audit_key": AUDIT_KEY})
        gw.index.rebuild(gw)
        with gw.sessions() as session:
            members = list(session.scalars(select(Member.id).order_by(Member.id)))[:TOKENS]
            tokens = [issue_token(session, m)[0] for m in members]
            session.commit()
            documents = list(session.scalars(select(Document.id)))
        gw.engine.dispose()
        print(f"traffic benchmark: {args.documents} documents, {len(tokens)} members sending, gunicorn "
              f"{args.workers} workers, {args.threads} client threads, PostgreSQL "
              f"{'throwaway cluster' if cluster else 'at --database-url'} (built in "
              f"{time.perf_counter() - started:.0f} s in {folder}; {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f})")
        env = {**os.environ, "GATEWAY_DATA_DIR": str(folder / "data"), "GATEWAY_DATABASE_URL": url,
               "GATEWAY_SECRET_KEY": "b" * 64, "GATEWAY_AUDIT_KEY": AUDIT_KEY, "PYTHONPATH": str(ROOT)}
        gateway = Server("wsgi:app", env, workers=args.workers)
        servers.append(gateway)
        trivial = Server("benchmarks._trivial_app:app", env, workers=args.workers)
        servers.append(trivial)

        print("1. steady traffic (60% opens, 30% searches, 10% requests for access):")
        anchor = Traffic(trivial.port, tokens, documents, "a", args.threads, args.requests, trivial=True).run()
        anchor_rate = report("trivial Flask route (anchor)", anchor.answers, anchor.wait())
        steady = Traffic(gateway.port, tokens, documents, "s", args.threads, args.requests).run()
        report("gateway, mixed", steady.answers, steady.wait(), anchor_rate)
        for kind in ("open", "search", "request"):
            part = [a for a in steady.answers if a.kind == kind]
            statuses = ", ".join(f"{s}: {n}" for s, n in sorted(Counter(a.status for a in part).items()))
            print(f"    {kind:<8} p50 {statistics.median(a.seconds for a in part) * 1000:6.1f} ms, "
                  f"p99 {percentile([a.seconds for a in part], 0.99) * 1000:7.1f} ms ({statuses})")
        answers = list(steady.answers)

        if cluster is not None and args.outage > 0:
            print(f"2. the same traffic with PostgreSQL stopped for {args.outage:g} s after a third of it:")
            third = args.requests // 3
            outage = Traffic(gateway.port, tokens, documents, "o", args.threads, None).run()
            while len(outage.answers) < third:
                time.sleep(0.01)
            cluster.pause()
            stopped = time.perf_counter()
            time.sleep(args.outage)
            cluster.resume()
            restarted = time.perf_counter()
            deadline = restarted + OUTAGE_TIMEOUT
            while (sum(1 for a in outage.answers if a.served and a.ended > restarted) < third
                   and time.perf_counter() < deadline):
                time.sleep(0.01)
            outage.stopping.set()
            seconds = outage.wait()
            report("gateway, mixed, with outage", outage.answers, seconds, anchor_rate)
            statuses = Counter(a.status for a in outage.answers)
            during = [a for a in outage.answers if stopped <= a.ended <= restarted]
            bodies = {a.body for a in outage.answers if a.status == 503}
            back = min((a.ended for a in outage.answers if a.served and a.ended > restarted), default=None)
            print(f"    answers by status: {dict(sorted(statuses.items()))}; while stopped: "
                  f"{dict(Counter(a.status for a in during))}")
            print(f"    different 503 bodies: {len(bodies)}; first decision served "
                  f"{(back - restarted) * 1000:.0f} ms after the restart" if back else
                  f"    different 503 bodies: {len(bodies)}; NO decision served after the restart")
            answers += outage.answers

        print("3. the audit log afterwards:")
        verified = subprocess.run([sys.executable, "-m", "gateway", "audit", "verify"], env=env, cwd=ROOT,
                                  capture_output=True, text=True)
        print(f"    gateway audit verify: exit {verified.returncode}: {verified.stdout.strip()}")
        checked, problems = audit_check(gw, answers)
        print(f"    records per request: {checked} checked, {len(problems)} wrong"
              + "".join(f"\n      {p}" for p in problems[:10]))
        return 0 if verified.returncode == 0 and not problems else 1
    finally:
        for server in servers:
            server.stop()
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
