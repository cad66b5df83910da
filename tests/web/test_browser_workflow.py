"""The request's life and the review queue in Debian's Chromium (JavaScript off): a councillor asks with a
needed-by date, is refused, disputes; the Proper Officer records that the committee upheld the dispute and
the councillor opens the document. The Proper Officer works the review queue: extends one exempt item,
releases another, which members can then read. Screenshots of each step go to test-artifacts/web/.
"""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from gateway.domain.clock import london_today
from gateway.domain.generation import bump
from gateway.domain.models import Document
from tests.web.conftest import build_app
from tests.web.browsing import Visit, needs_chromium, served

pytestmark = needs_chromium

REASON = "I need it for the scrutiny committee's review of the Mill Lane land sale"
GROUNDS = "The land sale is on the scrutiny committee's work programme for this month"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The real app (CSRF on) served by werkzeug in a thread; yields its base URL and gateway."""
    app = build_app(tmp_path_factory.mktemp("workflow") / "data", csrf=True)
    with served(app) as base:
        yield base, app.extensions["gateway"]


def test_a_refusal_disputed_and_upheld_opens_the_document(site, browser):
    base, _ = site
    needed = london_today() + timedelta(days=1)
    bob = Visit(browser, base, "dispute", javascript=True)  # Chromium's PDF viewer draws with it
    page = bob.page
    bob.sign_in("cllr-bob")
    page.goto("/documents/doc-exempt")
    page.get_by_label("Why do you need this document?").fill(REASON)
    needed_by = page.get_by_role("group", name="When do you need it by? (optional)")
    for part, value in (("Day", needed.day), ("Month", needed.month), ("Year", needed.year)):
        needed_by.get_by_label(part).fill(str(value))
    bob.shot("asks-with-needed-by")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", name="Request sent")).to_be_visible()
    expect(page.locator(".summary-list")).to_contain_text("You need it by")
    bob.shot("request-sent")
    bob.sign_out()

    mo = Visit(browser, base, "dispute", step=bob.step)
    mo.sign_in("off-mo")
    mo.page.get_by_role("link", name="Referrals queue").first.click()
    row = mo.page.locator("tbody tr", has_text="Disposal of land at Mill Lane")
    expect(row).to_contain_text("Needed by")
    mo.shot("queue-needed-by")
    row.get_by_role("link").click()
    mo.page.get_by_label("Refuse access").check()
    mo.page.get_by_label("Written reasons").fill("The tenants' names are not needed for the review.")
    mo.page.get_by_role("button", name="Record the decision").click()
    expect(mo.page.locator(".notification-banner")).to_contain_text("You refused Cllr Bob Brown access")
    mo.shot("refused")

    bob.step = mo.step
    bob.sign_in("cllr-bob")
    page.goto("/documents/doc-exempt")
    expect(page.locator("#decision")).to_contain_text("R-PO-REFUSED")
    expect(page.get_by_role("heading", name="Ask again with new information")).to_be_visible()
    bob.shot("refused-with-routes-on")
    page.get_by_role("link", name="Dispute the refusal").click()
    page.get_by_label("Why is the refusal wrong?").fill(GROUNDS)
    bob.shot("dispute-form")
    page.get_by_role("button", name=re.compile("dispute", re.I)).click()
    expect(page.locator(".summary-list")).to_contain_text(GROUNDS)
    bob.shot("disputed")

    mo.step = bob.step
    mo.page.goto("/officer/queue")
    mo.page.get_by_role("link", name=re.compile(r"^Disputes to record")).click()
    mo.page.locator("tbody tr", has_text="Disposal of land at Mill Lane").get_by_role("link").click()
    expect(mo.page.get_by_role("heading", name="Record the committee's decision")).to_be_visible()
    expect(mo.page.locator("#history")).to_be_visible()
    mo.shot("dispute-to-record")
    mo.page.get_by_label(re.compile("^Upheld")).check()
    mo.page.get_by_label("Which committee decided").select_option(label="Scrutiny Committee")
    mo.page.get_by_label("The committee's reasons").fill("The land sale is on our work programme.")
    mo.page.get_by_role("button", name="Record the outcome").click()
    expect(mo.page.locator(".notification-banner")).to_contain_text("upheld the dispute")
    mo.shot("upheld-recorded")
    mo.page.goto("/officer/referrals/1")
    expect(mo.page.get_by_role("heading", name="Withdraw the access early")).to_be_visible()
    mo.shot("referral-after-upheld")
    mo.close()

    bob.step = mo.step
    page.get_by_role("link", name="My requests").first.click()
    expect(page.locator("tbody tr").first).to_contain_text("Dispute upheld")
    page.locator("tbody tr").first.get_by_role("link").first.click()
    expect(page.locator(".summary-list")).to_contain_text("Scrutiny Committee upheld the dispute")
    bob.shot("request-upheld")
    page.get_by_role("link", name="Open the document").click()
    expect(page.locator("#decision")).to_contain_text("R-PO-GRANT")
    expect(page.locator(".document-text")).to_contain_text("rent arrears")
    expect(page.get_by_label("What will you use the copy for?")).to_have_value(REASON)
    page.wait_for_timeout(1500)  # Chromium's PDF viewer draws the frame
    bob.shot("document-open")
    bob.close()


def test_the_review_queue_extends_one_exempt_item_and_releases_another(site, browser):
    base, gw = site
    today = london_today()
    with gw.sessions() as session, session.begin():
        session.get(Document, "doc-exempt").review_on = today - timedelta(days=3)
        session.get(Document, "doc-pool").review_on = today
        bump(session)
    mo = Visit(browser, base, "reviews")
    page = mo.page
    mo.sign_in("off-mo")
    page.get_by_role("link", name="Reviews due").click()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Disposal of land at Mill Lane")
    expect(rows.first).to_contain_text("Overdue")
    expect(rows.nth(1)).to_contain_text("Due today")
    mo.shot("queue")

    rows.first.get_by_role("link").click()
    page.get_by_label(re.compile("^Extend")).check()
    later = today + timedelta(days=180)
    on = page.get_by_role("group", name="Date (optional for keep)")
    for part, value in (("Day", later.day), ("Month", later.month), ("Year", later.year)):
        on.get_by_label(part).fill(str(value))
    page.get_by_label("Reasons (the public-interest test)").fill(
        "The tenants' affairs are still private; disclosure would harm them more than it would inform.")
    mo.shot("extend-form")
    page.get_by_role("button", name="Record the review").click()
    expect(page.locator(".notification-banner")).to_contain_text("reviewed again on")
    mo.shot("extended")

    page.get_by_role("link", name="Reviews due").click()
    expect(rows).to_have_count(1)
    rows.first.get_by_role("link").click()
    page.get_by_label(re.compile("^Release")).check()
    page.get_by_label("Reasons (the public-interest test)").fill(
        "The contract is signed; the terms no longer need protecting.")
    page.get_by_role("button", name="Record the review").click()
    expect(page.locator(".notification-banner")).to_contain_text("The document is public from")
    mo.shot("released")
    page.get_by_role("link", name="Reviews due").click()
    expect(page.get_by_text("No document is due for review.")).to_be_visible()
    mo.shot("queue-empty")
    mo.close()

    ann = Visit(browser, base, "reviews", step=mo.step)
    ann.sign_in("cllr-ann")
    ann.page.goto("/documents/doc-pool")
    expect(ann.page.locator("#decision")).to_contain_text("R-PUBLIC")
    ann.shot("released-document-open")
    ann.close()
