"""IT and the Proper Officer at work in Debian's Chromium (JavaScript off, except to measure the page at 375 px):
IT unlocks one councillor and adds an interest to another without touching the council file, and that member's
next decision changes at once; the Proper Officer's dashboard agrees with the queue, and a decision made with a
standard reason shows on it and on the Decided tab. Screenshots go to test-artifacts/web/.
"""

import re

import pytest
from playwright.sync_api import expect

from gateway.domain.accounts import MAX_FAILURES
from gateway.services import referrals as referral_service
from tests.web.conftest import build_app
from tests.web.browsing import Visit, needs_chromium, served

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The real app (CSRF on) served in a thread: its base URL and the gateway, to set the scene."""
    app = build_app(tmp_path_factory.mktemp("browser-admin") / "data", csrf=True)
    with served(app) as base:
        yield base, app.extensions["gateway"]


def no_sideways_scroll(visit: Visit) -> None:
    """At 375 px wide the page itself does not scroll sideways (wide tables scroll in their container)."""
    visit.page.set_viewport_size({"width": 375, "height": 800})
    width = visit.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{visit.page.url} is {width} px wide at 375 px"
    visit.page.set_viewport_size({"width": 1100, "height": 900})


def test_it_unlocks_one_member_and_adds_an_interest_to_another_which_decides_at_once(site, browser):
    base, _gw = site
    ann = Visit(browser, base, "it-journey")
    ann.sign_in("cllr-ann")
    ann.page.goto("/documents/doc-pool")
    expect(ann.page.locator("#decision")).not_to_contain_text("R-INTEREST")
    ann.shot("ann-before-interest")

    # Bob mistypes his password until he is locked out.
    bob = Visit(browser, base, "it-journey-bob")
    for _ in range(MAX_FAILURES + 1):
        bob.page.goto("/sign-in")
        bob.page.get_by_label("Username").fill("cllr-bob")
        bob.page.get_by_label("Password").fill("not his password")
        bob.page.get_by_role("button", name="Sign in").click()
    bob.sign_in("cllr-bob")
    expect(bob.page.get_by_text("Too many failed attempts")).to_be_visible()
    bob.shot("bob-locked-out")

    it = Visit(browser, base, "it-journey", step=ann.step)
    page = it.page
    it.sign_in("off-it")
    page.get_by_role("link", name="Members and officers").first.click()
    bob_row = page.locator("tr", has_text="Cllr Bob Brown")
    expect(bob_row).to_contain_text("Locked")
    it.shot("members-page-bob-locked")
    bob_row.get_by_role("button", name="Unlock Cllr Bob Brown").click()
    expect(page.get_by_text("cllr-bob is unlocked")).to_be_visible()
    expect(page.locator(".summary-list")).to_contain_text("Not locked")
    it.shot("bob-unlocked")

    # Ann's declared interest, added on her page alone.
    page.get_by_role("link", name="Members and officers").first.click()
    page.get_by_role("link", name="Cllr Ann Able").click()
    page.get_by_role("link", name="Change committees, interests and other details").click()
    page.get_by_label("New interest: kind").select_option("pecuniary")
    page.get_by_label("New interest: matter").select_option(label="Swimming pool contract")
    page.get_by_label("New interest: description").fill("Her brother runs the pool's contractor")
    it.shot("adding-an-interest")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Decisions and search use them from now on")).to_be_visible()
    expect(page.locator(".summary-list")).to_contain_text("Her brother runs the pool's contractor")
    it.shot("interest-saved")

    # Ann's next decision on the pool contract: refused for her interest, at once.
    ann.page.reload()
    expect(ann.page.locator("#decision")).to_contain_text("R-INTEREST")
    expect(ann.page.locator("#decision")).to_contain_text("pecuniary interest")
    ann.step = it.step
    ann.shot("ann-refused-for-her-interest")
    it.step = ann.step

    # Bob is let in again with his own password.
    bob.sign_in("cllr-bob")
    expect(bob.page.get_by_role("heading", name="Search documents")).to_be_visible()
    bob.shot("bob-signed-in-again")

    # A new councillor's account, with a password shown once, that works at once.
    page.get_by_role("link", name="Members and officers").first.click()
    page.get_by_role("link", name="Add an account").click()
    page.get_by_label("Username (the account's id)").fill("cllr-cat")
    page.get_by_label("Full name").fill("Cllr Cat Jones")
    page.get_by_label("Party group (councillors)").select_option(label="Opposition Group")
    it.shot("adding-an-account")
    page.get_by_role("button", name="Add the account").click()
    password = page.locator("#generated-password").inner_text()
    it.shot("password-shown-once")
    cat = Visit(browser, base, "it-journey-cat")
    cat.page.goto("/sign-in")
    cat.page.get_by_label("Username").fill("cllr-cat")
    cat.page.get_by_label("Password").fill(password)
    cat.page.get_by_role("button", name="Sign in").click()
    expect(cat.page.get_by_role("button", name="Sign out Cllr Cat Jones")).to_be_visible()
    for visit in (ann, bob, it, cat):
        visit.close()


def test_the_proper_officers_dashboard_matches_the_queue_and_follows_a_decision(site, browser):
    base, gw = site
    with gw.sessions() as session:
        referral_service.request_access(gw, session, "cllr-bob", "doc-exempt", "For the scrutiny review of the sale")
        referral_service.request_access(gw, session, "cllr-bob", "doc-review", "A resident asked me about it")
    mo = Visit(browser, base, "po-dashboard", javascript=True)
    page = mo.page
    mo.sign_in("off-mo")
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="How the service is doing")).to_be_visible()
    waiting = page.locator("#figure-waiting .figure__number").inner_text()
    mo.shot("dashboard")
    no_sideways_scroll(mo)

    page.locator("#figure-waiting").click()
    expect(page.locator("#request-list tbody tr")).to_have_count(int(waiting))
    mo.shot("waiting-list")
    page.get_by_role("link", name="Referrals queue").first.click()
    expect(page.get_by_role("link", name=f"Waiting for a decision ({waiting})")).to_be_visible()

    # A standard reason, worded once, then picked when deciding.
    page.goto("/officer/reasons")
    page.get_by_label("Short name (what you pick from)").fill("Need to know shown")
    page.get_by_label("The reason, as the member will read it").fill(
        "The member has shown a need to know for their work on the Scrutiny Committee.")
    page.get_by_role("button", name="Add the reason").click()
    expect(page.locator("#reason-list")).to_contain_text("Need to know shown")
    mo.shot("standard-reasons")
    page.goto("/officer/queue")
    page.get_by_role("link", name="Disposal of land at Mill Lane").click()
    page.get_by_label("Grant access").check()
    page.get_by_label("A standard reason (optional)").select_option(label="Need to know shown")
    page.get_by_label("Written reasons").fill("Until the committee meets.")
    mo.shot("deciding-with-a-standard-reason")
    page.get_by_role("button", name=re.compile("^Record")).click()
    expect(page.get_by_text("They will see your reasons.")).to_be_visible()

    page.get_by_role("link", name="Dashboard").click()
    expect(page.locator("#figure-waiting .figure__number")).to_have_text(str(int(waiting) - 1))
    expect(page.locator("#figure-decided .figure__number")).to_have_text("1")
    expect(page.locator("#figure-on-time .figure__number")).to_have_text("100%")
    mo.shot("dashboard-after-deciding")
    page.locator("#figure-decided").click()
    row = page.locator("#decided-list tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Mo Officer")
    expect(row).to_contain_text("shown a need to know")
    expect(row).to_contain_text("Until the committee meets.")
    expect(row).to_contain_text("On time")
    mo.shot("decided-tab")
    no_sideways_scroll(mo)
    mo.close()
