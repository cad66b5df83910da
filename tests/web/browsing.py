"""What the browser tests share: Debian's Chromium driven by Playwright, the app served in a thread, and
one person's visit that numbers its screenshots and catches CSP violations."""

import re
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from tests.web.conftest import PASSWORDS

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
# Without the background-networking flags Chromium keeps dialling out, and this machine refuses it.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(),
                                    reason="Chromium is not installed at /usr/bin/chromium (make test installs it)")


@contextmanager
def served(app):
    """The app served by werkzeug in a thread: its base URL while the block runs."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        thread.join(5)


class Visit:
    """One person's browser, numbering screenshots and catching CSP violations.

    The pages have no scripts; JavaScript is on only where Chromium's PDF viewer should show.
    """

    def __init__(self, browser, base: str, prefix: str, javascript: bool = False, step: int = 0):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.context = browser.new_context(base_url=base, java_script_enabled=javascript, accept_downloads=True,
                                           viewport={"width": 1100, "height": 900}, locale="en-GB")
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.prefix, self.step = prefix, step
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))

    def shot(self, name: str) -> Path:
        self.step += 1
        path = ARTIFACTS / f"{self.prefix}-{self.step:02d}-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def sign_in(self, username: str):
        page = self.page
        page.goto("/")
        expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORDS[username])
        page.get_by_role("button", name="Sign in").click()

    def sign_out(self):
        self.page.get_by_role("button", name=re.compile("^Sign out")).click()
        expect(self.page.get_by_text("You have signed out.")).to_be_visible()

    def close(self):
        self.context.close()
        csp = [p for p in self.problems if "Content Security Policy" in p]
        assert not csp, csp
