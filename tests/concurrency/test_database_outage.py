"""PostgreSQL stopped under concurrent requests: every request is refused cleanly (503, the same body whatever
was asked), service resumes by itself when the server is back, and no decision served lacks its audit record."""

import json
import threading
import time
import urllib.parse

import pytest

from gateway.web.errors import DATABASE_DOWN, MESSAGES
from tests.concurrency.apps import App, Client, cli, small_council, within

DOCUMENTS = {
    "doc-public": dict(title="Library opening hours"),                                     # Bob: grant
    "doc-group": dict(title="Group tactics", committee=None, party_group="grp-admin"),     # Bob: hidden
}
IDS = ("doc-public", "doc-group", "doc-nowhere")
THREADS = 4


@pytest.fixture
def postgres_url(request, postgres_cluster, postgres_template):
    name = postgres_cluster.create_database(template=postgres_template)
    request.addfinalizer(lambda: postgres_cluster.drop_database(name))
    return postgres_cluster.url(name)


class Traffic:
    """Threads asking for a hidden, a missing and a granted document in turn, each request with its own reason."""

    def __init__(self, client: Client):
        self.client = client
        self.answers: list[tuple] = []    # (reason, document id, status, body, Retry-After, sent at)
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(n,)) for n in range(THREADS)]
        for thread in self.threads:
            thread.start()

    def _run(self, n: int) -> None:
        asked = 0
        while not self.stopping.is_set():
            ident, reason = IDS[asked % len(IDS)], f"Preparing for item {n}-{asked}"
            asked += 1
            sent = time.monotonic()
            answer = self.client.request("GET", f"/api/v1/documents/{ident}?reason={urllib.parse.quote(reason)}")
            self.answers.append((reason, ident, answer.status, answer.body, answer.headers.get("Retry-After"), sent))

    def count(self, status: int | None = None, since: int = 0) -> int:
        return sum(1 for a in self.answers[since:] if status is None or a[2] == status)

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(30)


def test_requests_during_an_outage_get_a_clean_503_and_service_resumes(tmp_path, postgres_cluster, postgres_url):
    gw, env = small_council(tmp_path, postgres_url, DOCUMENTS)
    gw.engine.dispose()
    app = App(env)
    traffic = None
    try:
        bob = Client(app.url).token("cllr-bob")
        reader = Client(app.url).sign_in("cllr-bob")
        traffic = Traffic(bob)
        assert within(20, lambda: traffic.count() >= 30)

        postgres_cluster.pause()
        try:
            down = len(traffic.answers)
            assert within(20, lambda: traffic.count(503, since=down) >= 30)
            pages = [reader.request("GET", f"/documents/{ident}") for ident in IDS]
        finally:
            postgres_cluster.resume()
        resumed, back = time.monotonic(), len(traffic.answers)
        assert within(20, lambda: traffic.count(200, since=back) >= 10)
        traffic.stop()
    finally:
        if traffic is not None:
            traffic.stop()
        app.stop()

    answers = traffic.answers
    assert {a[2] for a in answers} <= {200, 404, 503}, [a for a in answers if a[2] not in (200, 404, 503)][:3]
    refused = [a for a in answers if a[2] == 503]
    # A fixed body for every refusal, whatever id was asked: nothing tells a hidden document from a missing one.
    # (A request cut off while recording its decision says the audit log could not be written.)
    fixed = [{"error": {"code": "database_unavailable", "message": DATABASE_DOWN}},
             {"error": {"code": "audit_unavailable", "message": MESSAGES[503]}}]
    assert all(json.loads(a[3]) in fixed for a in refused) and {a[1] for a in refused} == set(IDS)
    assert {a[4] for a in refused} == {"5"}          # Retry-After
    assert {p.status for p in pages} == {503} and len({p.body for p in pages}) == 1
    assert b"Traceback" not in pages[0].body and b"doc-" not in pages[0].body
    assert "Traceback" not in app.logged()
    # Once the server is back, every request is decided again, without a restart.
    after = [a for a in answers if a[5] > resumed]
    assert after and all(a[2] != 503 for a in after)
    hidden = {a[3] for a in answers if a[2] == 404}
    assert len(hidden) == 1 and {a[1] for a in answers if a[2] == 404} == {"doc-group", "doc-nowhere"}

    verified = cli(env, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    recorded: dict[str, int] = {}
    for record in gw.audit.records(event="decision", actor="cllr-bob"):
        reason = record["detail"]["reason"]
        recorded[reason] = recorded.get(reason, 0) + 1
    # Every decision served has exactly one record; a refused request at most one (decided, then cut off).
    assert all(recorded.get(a[0]) == 1 for a in answers if a[2] != 503)
    assert all(recorded.get(a[0], 0) <= 1 for a in refused)
    gw.engine.dispose()
