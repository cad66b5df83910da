"""Separate app processes on one database and data dir, as a server's workers are, and clients for them.

`App` runs `gateway serve` in a subprocess (its own engine, caches, enforcer and index reader); `Client`
speaks to it over real HTTP with the standard library, by bearer token or by the sign-in form's cookie.
"""

import http.cookiejar
import itertools
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

from gateway.config import Settings
from gateway.domain.council_file import load_council
from gateway.domain.generation import bump
from gateway.runtime import Gateway
from tests.factories import add_document, council_data, write_yaml

ROOT = Path(__file__).resolve().parents[2]
PASSWORDS = {"cllr-ann": "pw-ann-123", "cllr-bob": "pw-bob-123", "off-mo": "pw-mo-123", "off-it": "pw-it-123"}
MEETING = date(2026, 10, 1)   # held: nothing is held back for the meeting
REASON = "I need this to prepare for the committee meeting"


def gateway_env(data_dir: Path, database_url: str) -> dict:
    """The environment every process of one gateway shares (one secret key, so a cookie works on any of them)."""
    return {**os.environ, "GATEWAY_DATA_DIR": str(data_dir), "GATEWAY_DATABASE_URL": database_url,
            "GATEWAY_SECRET_KEY": "7" * 64, "GATEWAY_AUDIT_KEY": "5" * 64, "PYTHONPATH": str(ROOT)}


def cli(env: dict, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """`gateway ARGS` in its own process."""
    return subprocess.run([sys.executable, "-m", "gateway", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)


def small_council(tmp_path: Path, database_url: str, documents: dict) -> tuple[Gateway, dict]:
    """A gateway with the factories' council plus an IT administrator, and `documents` stored and indexed."""
    data = council_data()
    data["officers"].append({"id": "off-it", "name": "Ian Admin", "roles": ["admin"], "service": "it",
                             "password": PASSWORDS["off-it"]})
    env = gateway_env(tmp_path / "data", database_url)
    gw = Gateway(Settings(data_dir=tmp_path / "data", database_url=database_url, secret_key=env["GATEWAY_SECRET_KEY"],
                          audit_key=env["GATEWAY_AUDIT_KEY"]))
    gw.init()
    with gw.sessions() as session:
        load_council(session, write_yaml(tmp_path / "council.yaml", data))
    with gw.sessions() as session, session.begin():
        for ident, options in documents.items():
            add_document(session, ident, meeting=MEETING, **options)
        bump(session)
    gw.index.update(gw, list(documents))
    return gw, env


class App:
    """`gateway serve` on a free port of the loopback, in its own process."""

    _numbers = itertools.count(1)

    def __init__(self, env: dict):
        self.log = Path(env["GATEWAY_DATA_DIR"]).parent / f"app-{next(self._numbers)}.log"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "gateway", "serve", "--port", "0"], env=env,
                                            cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True)
        line: list[str] = []
        reader = threading.Thread(target=lambda: line.append(self.process.stdout.readline()), daemon=True)
        reader.start()
        reader.join(60)
        found = re.search(r"http://[\d.]+:\d+", line[0]) if line else None
        if found is None:
            self.stop()
            raise RuntimeError(f"the app did not start: {self.logged()[-2000:]}")
        self.url = found.group(0)

    def logged(self) -> str:
        """What the app wrote to its standard error: werkzeug's request lines and the gateway's log."""
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Answer:
    def __init__(self, status: int, body: bytes, headers):
        self.status, self.body, self.headers = status, body, headers

    def json(self):
        return json.loads(self.body)


class Client:
    """Requests to one app: JSON with a bearer token, or pages with the sign-in cookie and the forms' CSRF token."""

    def __init__(self, base: str, timeout: float = 20):
        self.base = base
        self.timeout = timeout
        self.headers: dict = {}
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  _NoRedirect())

    def request(self, method: str, path: str, json_body=None, form: dict | None = None) -> Answer:
        headers = dict(self.headers)
        data = None
        if json_body is not None:
            data, headers["Content-Type"] = json.dumps(json_body).encode(), "application/json"
        elif form is not None:
            data, headers["Content-Type"] = urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded"
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(req, timeout=self.timeout) as response:
                return Answer(response.status, response.read(), response.headers)
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read(), error.headers)

    def token(self, username: str) -> "Client":
        answer = self.request("POST", "/api/v1/tokens", {"username": username, "password": PASSWORDS[username]})
        assert answer.status == 201, answer.body
        self.headers["Authorization"] = f"Bearer {answer.json()['token']}"
        return self

    def sign_in(self, username: str) -> "Client":
        page = self.request("GET", "/sign-in")
        answer = self.post_form("/sign-in", page, {"username": username, "password": PASSWORDS[username], "next": ""})
        assert answer.status == 302, answer.body[:500]
        return self

    def post_form(self, path: str, page: Answer, fields: dict) -> Answer:
        """Posts `fields` with the CSRF token of the form on `page`."""
        token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"',
                          page.body)
        assert token, "the page has no CSRF token"
        return self.request("POST", path, form={"csrf_token": (token.group(1) or token.group(2)).decode(), **fields})

    def decision(self, document_id: str, reason: str = REASON) -> dict | None:
        """The caller's decision for a document, or None where it answers 404 (hidden or missing)."""
        answer = self.request("GET", f"/api/v1/documents/{document_id}?reason={urllib.parse.quote(reason)}")
        if answer.status == 404:
            return None
        assert answer.status == 200, answer.body
        return answer.json()["decision"]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def within(seconds: float, check, every: float = 0.05):
    """The first true value of `check()` within `seconds`; the last value when none came in time."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every)
