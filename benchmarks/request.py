"""Server CPU per request under gunicorn, against a trivial Flask route served the same way.

    python benchmarks/request.py [--documents 200] [--members 60] [--requests 200] [--rounds 5] [--reuse FOLDER]

Builds a council (generated text, stored and indexed as ingest would), starts two gunicorn
servers with one sync worker each (the gateway's `wsgi:app` and `benchmarks/_trivial_app.py`),
then in interleaved rounds sends the same number of requests to each of
  * the trivial route (the anchor),
  * `GET /api/v1/documents/{id}` (a member's bearer token, documents they may discover),
  * `GET /api/v1/search?q=...` (the same member, common words, pages 1 to 3: what a member paging
    back and forth asks; the member's ranked matches and pages seen are re-used from their earlier request),
  * the same words at pages 4 onwards, each page asked once (while there are enough): a member's first
    look at a further page, its results read and its snippets made afresh,
  * the same with a query never asked before (a common word OR a word no document has), so every
    match is scored afresh: the cost of a member's first search for something,
and reads each worker's CPU time (/proc/PID/schedstat, nanoseconds) before and after. The client's
own CPU is not counted. Prints CPU per request and the ratio to the anchor, and the warm gateway
worker's resident memory (VmRSS) beside the trivial worker's.
"""

import argparse
import http.client
import itertools
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GUNICORN = Path(sys.executable).with_name("gunicorn")
WORDS = ["budget", "contract", "housing", "report", "consultation", "planning application", "tender", "minutes"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One gunicorn master with sync workers (one unless told); the first worker's CPU and memory are read from /proc."""

    def __init__(self, app: str, env: dict, workers: int = 1):
        self.port = free_port()
        self.log = tempfile.TemporaryFile()   # a file, not a pipe: a chatty worker never blocks on it
        self.proc = subprocess.Popen(
            [str(GUNICORN), "-w", str(workers), "-b", f"127.0.0.1:{self.port}", "--chdir", str(ROOT), "--log-level",
             "warning", app], env=env, stdout=subprocess.DEVNULL, stderr=self.log,
            cwd=ROOT)   # gunicorn puts its working directory first on sys.path: serve this checkout, not the caller's
        deadline = time.monotonic() + 120
        while True:
            try:
                self.get("/__ready__")
                break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn {app} did not start: {self.logged()[-2000:]}")
                time.sleep(0.2)
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
        self.worker = int(children[0])

    def get(self, path: str, headers=None) -> int:
        return self.fetch(path, headers)[0]

    def fetch(self, path: str, headers=None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def logged(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def cpu_ns(self) -> int:
        return int(Path(f"/proc/{self.worker}/schedstat").read_text().split()[0])

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.worker}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def build(folder: Path, members: int, documents: int, seed: int) -> None:
    """A council stored and indexed under folder/data, as `benchmarks/search.py --keep` leaves it."""
    from benchmarks._council import generate, store
    from benchmarks.search import index_from_memory, typical_member
    from gateway.config import Settings
    from gateway.runtime import Gateway

    made, at = generate(members, documents, seed)
    gw = Gateway(Settings(data_dir=folder / "data"))
    gw.init()
    store(gw, made, folder, seed)
    index_from_memory(made, gw.settings.index_dir, procs=1)
    (folder / "plan.json").write_text(json.dumps({"member": typical_member(made.council), "documents": documents}))


def caller(folder: Path, seed: int):
    """(member, a bearer token of theirs, up to 50 documents they may discover)."""
    from sqlalchemy import select

    from gateway.access.gather import FactSource
    from gateway.access.service import make_request
    from gateway.config import Settings
    from gateway.domain.models import Document
    from gateway.domain.sessions import issue_token
    from gateway.runtime import Gateway

    member = json.loads((folder / "plan.json").read_text())["member"]
    gw = Gateway(Settings(data_dir=folder / "data"))
    with gw.sessions() as session:
        token, _expires = issue_token(session, member)
        session.commit()
        facts = FactSource(session)
        sub = gw.access.subject(facts, member)
        req = make_request("discover")
        every = list(session.scalars(select(Document.id)))
        ids = random.Random(seed).sample(every, min(2000, len(every)))
        visible = [i for i in ids if gw.access.evaluate(facts, sub, facts.document(i), req).visibility != "hidden"]
    return member, token, visible[:50]


def unseen_pages(server: Server, auth: dict):
    """Search arguments for pages 4 onwards of WORDS, taking turns between the words, each page once (then
    round again, saying so: a small council has too few pages for every request to see a new one)."""
    pages = {}
    for word in WORDS:
        status, body = server.fetch("/api/v1/search?" + urllib.parse.urlencode({"q": word}), auth)
        pages[word] = json.loads(body)["pages"] if status == 200 else 0
    asks = [{"q": word, "page": page} for page in range(4, max(pages.values(), default=0) + 1)
            for word in WORDS if page <= pages[word]]
    if not asks:
        raise RuntimeError(f"no word of {WORDS} has more than 3 pages of results")
    yield from asks
    print(f"  (only {len(asks)} unseen pages: from here on they are asked again)")
    yield from itertools.cycle(asks)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--members", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=200, help="requests of each kind per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--reuse", type=Path, help="a folder kept by this or `benchmarks/search.py --keep`")
    args = parser.parse_args(argv)

    folder = args.reuse or Path(tempfile.mkdtemp(prefix="request-bench-"))
    if not args.reuse:
        started = time.perf_counter()
        build(folder, args.members, args.documents, args.seed)
        print(f"built in {time.perf_counter() - started:.0f} s in {folder}")
    member, token, documents = caller(folder, args.seed)
    size = json.loads((folder / "plan.json").read_text())["documents"]
    print(f"request benchmark: {size} documents; member {member}")

    env = {**os.environ, "GATEWAY_DATA_DIR": str(folder / "data"), "GATEWAY_SECRET_KEY": "bench",
           "PYTHONPATH": str(ROOT)}
    gateway, trivial = Server("wsgi:app", env), Server("benchmarks._trivial_app:app", env)
    auth = {"Authorization": f"Bearer {token}"}
    fresh = itertools.count()
    unseen = unseen_pages(gateway, auth)
    kinds = {
        "trivial Flask route": (trivial, lambda n: "/", {}),
        "GET /documents/{id}": (gateway, lambda n: f"/api/v1/documents/{documents[n % len(documents)]}", auth),
        "GET /search?q=...": (gateway, lambda n: "/api/v1/search?" + urllib.parse.urlencode(
            {"q": WORDS[n % len(WORDS)], "page": 1 + n % 3}), auth),
        "GET /search, unseen page": (gateway, lambda n: "/api/v1/search?" + urllib.parse.urlencode(next(unseen)), auth),
        "GET /search, new query": (gateway, lambda n: "/api/v1/search?" + urllib.parse.urlencode(
            {"q": f"{WORDS[n % len(WORDS)]} OR zq{next(fresh)}"}), auth),
    }
    try:
        for server, path, headers in kinds.values():   # warm up: caches, imports, first searcher
            for n in range(20):
                status = server.get(path(n), headers)
                if status != 200:
                    raise RuntimeError(f"{path(n)} answered {status}")
        cpu = {name: [] for name in kinds}
        for _ in range(args.rounds):
            for name, (server, path, headers) in kinds.items():
                before = server.cpu_ns()
                for n in range(args.requests):
                    server.get(path(n), headers)
                cpu[name].append((server.cpu_ns() - before) / args.requests / 1e6)
        anchor = statistics.median(cpu["trivial Flask route"])
        print(f"server CPU per request, median of {args.rounds} interleaved rounds of {args.requests} "
              f"(load average {os.getloadavg()[0]:.1f}):")
        for name, values in cpu.items():
            ms = statistics.median(values)
            print(f"  {name:<24} {ms:7.3f} ms  = {ms / anchor:5.1f} x the trivial route")
        print(f"warm worker RSS: gateway {gateway.rss_mb():.0f} MB, trivial Flask {trivial.rss_mb():.0f} MB")
    finally:
        gateway.stop()
        trivial.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
