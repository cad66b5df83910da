"""Every page each role reaches, as people will see it on a phone: axe-core finds no violations, nothing
scrolls the page sideways at 375 px, and a form with errors says "Error:" in its title and puts the
error summary in focus. The pages are found by following links from each role's home page, so a page
added later is checked without being listed here.
"""

from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from gateway.services import referrals as referral_service
from tests.web.conftest import PASSWORDS, build_app
from tests.web.browsing import needs_chromium, served

pytestmark = needs_chromium

PHONE = {"width": 375, "height": 800}
MAX_PAGES = 40   # per role: far more than the pages there are, so a loop in the links cannot run on
# Links that are not pages: files, exports, the API, and signing out (which would end the crawl).
NOT_PAGES = ("/content", "/download", "/export", ".csv", ".json", "/api/", "/static/", "/sign-out")
# Boxes that scroll their own content (whether or not this page's content fills them), less form fields and
# frames, that lack tabindex="0" or a name: a keyboard user could not scroll them, or would not know what they are.
UNREACHABLE_SCROLLING_BOXES = """() => [...document.querySelectorAll('body *')]
  .filter(e => !['TEXTAREA', 'SELECT', 'IFRAME', 'INPUT'].includes(e.tagName))
  .filter(e => ['auto', 'scroll'].some(v => [getComputedStyle(e).overflowX, getComputedStyle(e).overflowY].includes(v)))
  .filter(e => e.getAttribute('tabindex') !== '0' || !(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')))
  .map(e => e.tagName + '.' + e.className)"""
REASON = "I am preparing the scrutiny committee's review of the Mill Lane land disposal"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The app with CSRF on, where Bob has one request waiting and one refused, served in a thread."""
    app = build_app(tmp_path_factory.mktemp("a11y") / "data", csrf=True)
    gw = app.extensions["gateway"]
    with gw.sessions() as session:
        referral_service.request_access(gw, session, "cllr-bob", "doc-exempt", REASON, "councillor")
    with gw.sessions() as session:
        _, refused = referral_service.request_access(gw, session, "cllr-bob", "doc-review", REASON, "councillor")
    with gw.sessions() as session:
        referral_service.decide(gw, session, "off-mo", refused.id, "deny", "The resident's details are not needed.")
    with served(app) as base:
        yield base


@pytest.fixture(scope="module")
def axe():
    return Axe()


class Phone:
    """One person's browser at 375 px. JavaScript is on only so that axe-core can run: the pages have none."""

    def __init__(self, browser, base: str, axe: Axe):
        self.base, self.axe = base, axe
        self.context = browser.new_context(base_url=base, viewport=PHONE, locale="en-GB")
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()

    def sign_in(self, username: str):
        self.page.goto("/sign-in")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(PASSWORDS[username])
        self.page.get_by_role("button", name="Sign in").click()

    def problems(self) -> list[str]:
        """What is wrong with the page showing: axe-core's violations and a sideways scroll."""
        found = [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
                 for v in self.axe.run(self.page).response["violations"]]
        found += [f"a box that scrolls cannot be reached by keyboard or has no name: {box}"
                  for box in self.page.evaluate(UNREACHABLE_SCROLLING_BOXES)]
        wide, room = self.page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if wide > room:
            found.append(f"the page scrolls sideways: {wide} px wide in {room} px")
        return found

    def links(self) -> list[str]:
        hrefs = self.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        out = []
        for href in hrefs:
            url = urldefrag(href).url
            if url.startswith(self.base) and not any(part in url for part in NOT_PAGES):
                out.append(url[len(self.base):] or "/")
        return out


def crawl(phone: Phone, start: str) -> dict[str, list[str]]:
    """Each page reachable from `start` (one per path; the query string varies a page, not its layout)."""
    seen, queue, problems = set(), deque([start]), {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        path = urlsplit(url).path
        if path in seen:
            continue
        seen.add(path)
        response = phone.page.goto(url)
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        problems[url] = phone.problems()
        queue.extend(phone.links())
    return problems


@pytest.mark.parametrize("username, home", [("cllr-bob", "/search"), ("off-mo", "/officer/dashboard"),
                                            ("off-it", "/admin/")])
def test_every_page_a_role_reaches_passes_axe_and_fits_a_phone(site, browser, axe, username, home):
    phone = Phone(browser, site, axe)
    phone.sign_in(username)
    problems = crawl(phone, home)
    phone.context.close()
    assert len(problems) >= 3, problems.keys()            # the crawl really went somewhere
    assert {url: found for url, found in problems.items() if found} == {}


def fill_and_send(phone: Phone, path: str, fields: dict[str, str], button: str):
    phone.page.goto(path)
    for label, value in fields.items():   # a label, or "#id" where labels repeat (Day, Month, Year)
        box = phone.page.locator(label) if label.startswith("#") else phone.page.get_by_label(label, exact=True)
        box.fill(value)
    phone.page.get_by_role("button", name=button, exact=True).click()


# (who, page, {label: value}, button): each sends a form with a mistake in it.
FORMS_WITH_ERRORS = {
    "sign in": (None, "/sign-in", {"Username": "cllr-bob"}, "Sign in"),
    "search dates": ("cllr-bob", "/search", {"#date_from": "31"}, "Apply filters"),
    "request reason": ("cllr-ann", "/documents/doc-review", {"Why do you need this document?": "nosy"},
                       "Send the request"),
    "password": ("cllr-bob", "/account/password", {"Current password": "pw-bob-123"}, "Change password"),
    "dispute": ("cllr-bob", "/requests/2/dispute", {}, "Send the dispute"),
    "adjudication": ("off-mo", "/officer/referrals/1", {"Written reasons": ""}, "Record the decision"),
    "audit filter": ("off-aud", "/admin/audit", {"#since": "40", "#since-month": "1", "#since-year": "2026"}, "Filter"),
}


@pytest.mark.parametrize("name", [n for n, (_, _, _, button) in FORMS_WITH_ERRORS.items() if button])
def test_a_form_with_errors_says_so_in_its_title_and_focuses_the_summary(site, browser, axe, name):
    who, path, fields, button = FORMS_WITH_ERRORS[name]
    phone = Phone(browser, site, axe)
    if who:
        phone.sign_in(who)
    fill_and_send(phone, path, fields, button)
    page = phone.page
    assert page.title().startswith("Error: "), page.title()
    # Chromium moves focus to the autofocus element at its next rendering step: expect() waits for that
    # (a string polled by wait_for_function would be eval'd, which the pages' CSP forbids).
    expect(page.locator(".error-summary")).to_be_focused()
    assert phone.problems() == []
    phone.context.close()
