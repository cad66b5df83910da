"""A councillor's everyday journey in Chromium, photographed at desktop width and at 375 px: searches, opens
a public report, is refused one paper in plain words, asks for another, sees that the request is waiting,
and asks in a private capacity by mistake. Screenshots go to test-artifacts/web/councillor-*.png.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.web.browsing import Visit, needs_chromium, served
from tests.web.conftest import build_app

pytestmark = needs_chromium

DESKTOP, PHONE = {"width": 1100, "height": 900}, {"width": 375, "height": 800}
REASON = "I am preparing the scrutiny committee's review of the Mill Lane land disposal"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with served(build_app(tmp_path_factory.mktemp("journey") / "data", csrf=True)) as base:
        yield base


class Councillor(Visit):
    def shot(self, name: str):
        """The page at desktop width and at 375 px; at 375 px nothing may scroll the page sideways."""
        super().shot(f"{name}-desktop")
        self.page.set_viewport_size(PHONE)
        wide, room = self.page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert wide <= room, f"{name}: {wide} px wide at {room} px"
        self.step -= 1
        super().shot(f"{name}-phone")
        self.page.set_viewport_size(DESKTOP)


def test_a_councillor_searches_is_refused_asks_and_sees_the_request_waiting(server, browser):
    bob = Councillor(browser, server, "councillor")
    page = bob.page
    bob.sign_in("cllr-bob")

    page.get_by_label("Search for").fill("leisure centre")
    page.get_by_role("button", name="Search", exact=True).click()
    first = page.locator(".result").first
    expect(first.locator(".result__title")).to_have_text("Leisure centre opening hours")
    expect(page.locator(".results-count")).to_contain_text("2 documents found")
    bob.shot("search-leisure-centre")

    first.get_by_role("link", name="Leisure centre opening hours").click()
    expect(page.locator("#decision")).to_contain_text("This is a public document: anyone may read it")
    expect(page.locator("#decision .rule-id")).to_be_hidden()          # the rule id waits inside "Details"
    bob.shot("public-report")

    page.goto("/documents/doc-pool")
    decision = page.locator("#decision")
    expect(decision).to_contain_text("You can't open this because you have declared a pecuniary interest")
    expect(decision.get_by_role("link", name="protocol para 9")).to_have_attribute(
        "href", re.compile(r"member-officer-protocol#para-9$"))
    decision.get_by_text("Details", exact=True).click()
    expect(decision.locator(".rule-id")).to_have_text(re.compile("Rule R-INTEREST"))
    expect(page.get_by_label("Why do you need this document?")).to_have_count(0)
    bob.shot("refused-interest")

    page.goto("/documents/doc-exempt")
    expect(page.get_by_role("heading", name="You need to ask the Proper Officer for this document")).to_be_visible()
    page.get_by_label("Why do you need this document?").fill(REASON)
    bob.shot("asking")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", name="Request sent")).to_be_visible()
    due = page.locator(".panel__body strong").inner_text()
    bob.shot("request-sent")

    page.get_by_role("link", name="Disposal of land at Mill Lane").click()
    expect(page.get_by_role("heading", name="You have asked the Proper Officer for this document")).to_be_visible()
    expect(page.locator(".inset")).to_contain_text(f"should answer by {due}")
    expect(page.get_by_label("Why do you need this document?")).to_have_count(0)
    bob.shot("requested-state")

    page.goto("/documents/doc-review")
    page.get_by_label("Why do you need this document?").fill("The complaint is on the scrutiny committee's agenda")
    page.get_by_label("In a private capacity, as a member of the public").check()
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("#not-sent")).to_contain_text("Nothing was sent to the Proper Officer")
    expect(page.get_by_label("As a councillor, for my council duties")).to_be_checked()
    bob.shot("asked-privately")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", name="Request sent")).to_be_visible()

    page.get_by_role("link", name="My requests").first.click()
    expect(page.locator("tbody tr")).to_have_count(2)
    bob.shot("my-requests")
    bob.close()
