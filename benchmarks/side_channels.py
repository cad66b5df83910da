"""Does a hidden document's answer take longer than a missing one's? Timed from outside, as an attacker would.

    python benchmarks/side_channels.py [--documents 150] [--members 30] [--requests 300] [--server both]

Builds a generated council (stored and indexed as ingest would) and picks a member with documents
hidden from them. Then, through a real server (the werkzeug dev server in a thread, and gunicorn
with one sync worker), sends interleaved requests, alternating at random between an id hidden from
the member and an id no document has (the next ids in the same sequence, as a prober would try):
  * `GET /api/v1/documents/{id}` and `GET /api/v1/documents/{id}/content` (bearer token),
  * `GET /documents/{id}` (the web page, signed in),
  * `GET /api/v1/search?q=WORD`, WORD in one hidden document only vs a word in none.
Prints each route's median client-side time for hidden and for missing, and their ratio: missing is
the anchor, measured in the same run, so a ratio near 1.00 means the two cannot be told apart.
"""

import argparse
import http.client
import json
import logging
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.request import Server, free_port  # noqa: E402  (after the path is set)

SECRET_KEY = "side-channels-bench"
ONLY_IN_HIDDEN = "quillwort"   # added to one hidden document's text before indexing
IN_NO_DOCUMENT = "bladderwrack"


def build(folder: Path, members: int, documents: int, seed: int) -> dict:
    """Stores and indexes a council; returns the plan: member, hidden ids, missing ids of the same shape."""
    from benchmarks.search import generate, index_from_memory, store
    from gateway.access.gather import FactSource
    from gateway.access.service import make_request
    from gateway.config import Settings
    from gateway.runtime import Gateway

    made, _at = generate(members, documents, seed)
    gw = Gateway(Settings(data_dir=folder / "data"))
    gw.init()
    store(gw, made, folder, seed)
    discover = make_request("discover")
    best = None
    with gw.sessions() as session:
        facts = FactSource(session)
        for person in made.council["members"]:
            sub = gw.access.subject(facts, person["id"])
            hidden = [d.id for d in made.documents
                      if gw.access.evaluate(facts, sub, facts.document(d.id), discover).visibility == "hidden"]
            if best is None or len(hidden) > len(best[1]):
                best = (person["id"], hidden)
    member, hidden = best
    if not hidden:
        raise RuntimeError("no member has a hidden document: generate more documents")
    secret_doc = next(d for d in made.documents if d.id == hidden[0])
    secret_doc.pages.append(f"The {ONLY_IN_HIDDEN} survey is attached.")
    index_from_memory(made, gw.settings.index_dir, procs=1)
    width = len(made.documents[0].id) - len("doc-")
    missing = [f"doc-{n:0{width}d}" for n in range(len(made.documents) + 1, len(made.documents) + 1 + len(hidden))]
    password = next(m["password"] for m in made.council["members"] if m["id"] == member)
    plan = {"member": member, "hidden": hidden, "missing": missing, "password": password}
    (folder / "plan.json").write_text(json.dumps(plan))
    return plan


def bearer_token(folder: Path, member: str) -> str:
    from gateway.config import Settings
    from gateway.domain.sessions import issue_token
    from gateway.runtime import Gateway

    gw = Gateway(Settings(data_dir=folder / "data"))
    with gw.sessions() as session:
        token, _expires = issue_token(session, member)
        session.commit()
    return token


def web_cookie(port: int, member: str, password: str) -> str:
    """Signs in through the sign-in form (CSRF token and all); the session cookie as a Cookie header.

    The cookie is marked Secure (the gateway is meant to be behind TLS), so it is carried by hand here."""
    def send(method, body=None, cookie=""):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
        connection.request(method, "/sign-in", body=body, headers=headers)
        response = connection.getresponse()
        jar = SimpleCookie()
        for value in response.headers.get_all("Set-Cookie") or ():
            jar.load(value)
        return response.status, response.read().decode(), "; ".join(f"{k}={m.value}" for k, m in jar.items())

    _, page, cookie = send("GET")
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf_token": csrf, "username": member, "password": password, "next": ""})
    status, _, signed_in = send("POST", form, cookie)
    if status != 302 or not signed_in:
        raise RuntimeError(f"could not sign in through the form: {status}")
    return signed_in


class DevServer:
    """The werkzeug development server, in a thread of this process."""

    def __init__(self, env: dict):
        from werkzeug.serving import make_server

        os.environ.update(env)
        logging.getLogger("werkzeug").setLevel(logging.WARNING)   # no line per request
        from gateway import create_app

        self.port = free_port()
        self.server = make_server("127.0.0.1", self.port, create_app(), threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()


def timed_get(port: int, path: str, headers: dict) -> tuple[int, float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    finally:
        connection.close()


def probe(port: int, routes: dict, plan: dict, requests: int, seed: int) -> dict:
    """{route: (hidden median s, missing median s)} over requests interleaved at random."""
    rng = random.Random(seed)
    results = {}
    for name, (path, headers, expected) in routes.items():
        for kind in ("hidden", "missing"):  # warm up both: caches, imports, the first searcher
            for ident in plan[kind][:5]:
                status, _ = timed_get(port, path(kind, ident), headers)
                if status != expected:
                    raise RuntimeError(f"{name}: {kind} {ident} answered {status}, not {expected}")
        times = {"hidden": [], "missing": []}
        for n in range(requests):
            order = ["hidden", "missing"]
            rng.shuffle(order)
            for kind in order:
                ident = plan[kind][n % len(plan[kind])]
                status, seconds = timed_get(port, path(kind, ident), headers)
                if status != expected:
                    raise RuntimeError(f"{name}: {kind} {ident} answered {status}, not {expected}")
                times[kind].append(seconds)
        results[name] = (statistics.median(times["hidden"]), statistics.median(times["missing"]))
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=150)
    parser.add_argument("--members", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=300, help="requests of each kind per route")
    parser.add_argument("--server", choices=("dev", "gunicorn", "both"), default="both")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="side-channels-"))
    plan = build(folder, args.members, args.documents, args.seed)
    token = bearer_token(folder, plan["member"])
    print(f"side channels: {args.documents} documents, member {plan['member']} has {len(plan['hidden'])} hidden; "
          f"{args.requests} interleaved requests of each kind per route")
    env = {"GATEWAY_DATA_DIR": str(folder / "data"), "GATEWAY_SECRET_KEY": SECRET_KEY, "PYTHONPATH": str(ROOT)}
    auth = {"Authorization": f"Bearer {token}"}

    def search(kind, _ident):
        return "/api/v1/search?q=" + (ONLY_IN_HIDDEN if kind == "hidden" else IN_NO_DOCUMENT)

    servers = []
    if args.server in ("dev", "both"):
        servers.append(("werkzeug dev server", lambda: DevServer(env)))
    if args.server in ("gunicorn", "both"):
        servers.append(("gunicorn, 1 sync worker", lambda: Server("wsgi:app", {**os.environ, **env})))
    worst = 0.0
    for label, start in servers:
        server = start()
        try:
            cookie = {"Cookie": web_cookie(server.port, plan["member"], plan["password"])}
            routes = {
                "GET /api/v1/documents/{id}": (lambda kind, i: f"/api/v1/documents/{i}", auth, 404),
                "GET /api/v1/documents/{id}/content": (lambda kind, i: f"/api/v1/documents/{i}/content", auth, 404),
                "GET /documents/{id} (page)": (lambda kind, i: f"/documents/{i}", cookie, 404),
                "GET /api/v1/search?q=": (search, auth, 200),
            }
            results = probe(server.port, routes, plan, args.requests, args.seed)
        finally:
            server.stop()
        print(f"{label} (load average {os.getloadavg()[0]:.1f}):")
        print(f"  {'route':<36} {'hidden':>9} {'missing':>9}  hidden/missing")
        for name, (hidden, missing) in results.items():
            worst = max(worst, hidden / missing, missing / hidden)
            print(f"  {name:<36} {hidden * 1e3:7.2f}ms {missing * 1e3:7.2f}ms  {hidden / missing:5.2f}")
    print(f"worst ratio either way: {worst:.2f} (the check: within 1.25)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
