"""The pages as people use them, in Debian's Chromium with JavaScript off: a councillor searches, is refused,
asks; the Proper Officer grants; the councillor reads and downloads a marked copy; IT changes the policy,
sees the dry run and reverts it. Screenshots of each step go to test-artifacts/web/.
"""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.web.browsing import ARTIFACTS, Visit, needs_chromium, served
from tests.web.conftest import build_app

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The real app (CSRF on) served by werkzeug in a thread; yields its base URL."""
    with served(build_app(tmp_path_factory.mktemp("browser") / "data", csrf=True)) as base:
        yield base


def test_councillor_asks_proper_officer_grants_councillor_downloads(server, browser):
    bob = Visit(browser, server, "journey", javascript=True)
    page = bob.page

    # A councillor signs in and lands on the search page.
    bob.sign_in("cllr-bob")
    expect(page.get_by_role("heading", name="Search documents")).to_be_visible()
    bob.shot("councillor-search-page")

    # Searches: the public report is open; the exempt one can be asked for; an interest bars another.
    page.get_by_label("Search for").fill("leisure centre")
    page.get_by_role("button", name="Search", exact=True).click()
    public = page.locator(".result", has_text="Leisure centre opening hours")
    expect(public.locator(".tag")).to_have_text("Open")
    expect(public.locator(".result__snippet mark").first).to_be_visible()
    bob.shot("search-results")
    page.get_by_label("Search for").fill("")
    page.get_by_label("Committee").select_option(label="Cabinet")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".result", has_text="Disposal of land at Mill Lane").locator(".tag")).to_have_text(
        "Request access")
    refused = page.locator(".result", has_text="Swimming pool contract negotiation")
    expect(refused.locator(".tag")).to_have_text("Refused")
    expect(refused).to_contain_text("pecuniary interest")
    expect(page.locator(".result", has_text="Admin group budget tactics")).to_have_count(0)
    bob.shot("cabinet-documents-marked")

    # Opens the public report: granted, with the rule it rests on, the PDF inline and its text.
    page.get_by_role("link", name="Leisure centre opening hours", exact=True).click()
    expect(page.locator("#decision")).to_contain_text("You can read this document")
    expect(page.locator("#decision")).to_contain_text("R-PUBLIC")
    expect(page.locator("iframe.document-frame")).to_have_count(1)
    expect(page.locator(".document-text")).to_contain_text("open at seven every weekday")
    page.wait_for_timeout(1500)  # Chromium's PDF viewer draws the frame
    bob.shot("public-report")

    # Opens the exempt report: told why it is not open, and asked to state a need to know.
    page.goto("/search?q=Mill+Lane")
    page.get_by_role("link", name="Disposal of land at Mill Lane", exact=True).click()
    expect(page.locator("#decision")).to_contain_text("Tell the Proper Officer why you need this document")
    expect(page.get_by_text("Paragraph 1: Information relating to any individual")).to_be_visible()
    expect(page.locator(".document-text")).to_have_count(0)
    expect(page.locator("iframe")).to_have_count(0)
    bob.shot("exempt-report-refused")

    # A reason that does not count is refused with an error; a real one is referred with a due date.
    page.get_by_label("Why do you need this document?").fill("just curious")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".error-summary")).to_contain_text("Say why you need this document")
    bob.shot("request-reason-refused")
    reason = "I am preparing the scrutiny committee's review of the Mill Lane land disposal"
    page.get_by_label("Why do you need this document?").fill(reason)
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", name="Request sent")).to_be_visible()
    due = page.locator(".panel__body strong").inner_text()
    assert re.fullmatch(r"\w+day \d{1,2} \w+ \d{4}", due), due
    bob.shot("request-sent")
    page.get_by_role("link", name="My requests").first.click()
    expect(page.locator("tbody tr").first).to_contain_text("Waiting")
    bob.sign_out()

    # The Proper Officer sees it in the queue with its due date, opens it, grants it with reasons.
    mo = Visit(browser, server, "journey", step=bob.step)
    mo.sign_in("off-mo")
    expect(mo.page.get_by_role("heading", name="How the service is doing")).to_be_visible()   # the dashboard
    mo.page.get_by_role("link", name="Referrals queue").first.click()
    expect(mo.page.get_by_role("heading", name="Referrals queue")).to_be_visible()
    row = mo.page.locator("tbody tr", has_text="Disposal of land at Mill Lane")
    expect(row).to_contain_text(due)
    expect(row).to_contain_text("Cllr Bob Brown")
    mo.shot("queue")
    row.get_by_role("link").click()
    expect(mo.page.get_by_role("heading", name=re.compile("asks for"))).to_be_visible()
    expect(mo.page.locator(".summary-list").first).to_contain_text(reason)
    expect(mo.page.get_by_text("Opposition Group")).to_be_visible()
    expect(mo.page.get_by_text("Owns a pool supplier", exact=False)).to_be_visible()
    mo.shot("referral")
    mo.page.get_by_label("Grant access").check()
    mo.page.get_by_label("Written reasons").fill("Needed for the scrutiny review; the appendix is included.")
    mo.page.get_by_role("button", name="Record the decision").click()
    expect(mo.page.locator(".notification-banner")).to_contain_text("You granted Cllr Bob Brown access")
    expect(mo.page.get_by_text("No requests are waiting.")).to_be_visible()
    mo.shot("granted")
    mo.close()

    # The councillor sees the answer, opens the document, and downloads a marked copy.
    bob.step = mo.step
    bob.sign_in("cllr-bob")
    page.get_by_role("link", name="My requests").first.click()
    expect(page.locator("tbody tr").first).to_contain_text("Granted")
    expect(page.locator("tbody tr").first).to_contain_text("Needed for the scrutiny review")
    bob.shot("my-requests-granted")
    page.get_by_role("link", name="Disposal of land at Mill Lane", exact=True).click()
    page.get_by_role("link", name="Open the document").click()
    expect(page.locator("#decision")).to_contain_text("You can read this document")
    expect(page.locator("#decision")).to_contain_text("R-PO-GRANT")
    expect(page.locator(".document-text")).to_contain_text("rent arrears")
    expect(page.get_by_label("What will you use the copy for?")).to_have_value(reason)
    page.wait_for_timeout(1500)
    bob.shot("granted-report")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download a marked copy").click()
    download = info.value
    assert download.suggested_filename == "doc-exempt-marked.pdf"
    saved = ARTIFACTS / f"journey-{download.suggested_filename}"   # kept with the screenshots
    download.save_as(saved)
    reader = PdfReader(io.BytesIO(saved.read_bytes()))
    assert len(reader.pages) == 2
    for pdf_page in reader.pages:
        text = " ".join(pdf_page.extract_text().split())
        assert "Provided to Cllr Bob Brown on " in text
        assert f"for {reason} — not for onward disclosure" in text
    bob.shot("after-download")
    bob.close()


def test_it_changes_a_policy_line_sees_the_dry_run_and_reverts_it(server, browser):
    # A decision for the dry run to find: Bob, with an interest in the pool contract, is refused it.
    bob = Visit(browser, server, "policy")
    bob.sign_in("cllr-bob")
    bob.page.goto("/documents/doc-pool")
    expect(bob.page.locator("#decision")).to_contain_text("R-INTEREST")
    bob.shot("interest-refused")
    bob.close()

    it = Visit(browser, server, "policy", step=bob.step)
    page = it.page
    it.sign_in("off-it")
    expect(page.get_by_role("heading", name="Administration")).to_be_visible()
    it.shot("admin-home")
    page.get_by_role("link", name="The policy and its versions").click()
    expect(page.get_by_role("heading", name="Access policy")).to_be_visible()
    it.shot("policy")
    page.get_by_role("link", name="Change the policy").first.click()

    box = page.get_by_label("Policy lines")
    old_line = "p, R-INTEREST, interest, deny, listed, deny"
    text = box.input_value()
    assert old_line in text
    # A line that breaks the rules every policy must keep is refused, with the reason.
    box.fill(text.replace("p, R-AUTH, anonymous, deny, hidden, deny", "p, R-AUTH, anonymous, grant, open, allow"))
    page.get_by_label("Why are you changing the policy?").fill("Try letting everyone in")
    page.get_by_role("button", name="Check the changes").click()
    expect(page.locator(".error-summary")).to_contain_text("nobody signed in must be denied")
    it.shot("policy-invalid")

    box.fill(text.replace(old_line, "p, R-INTEREST, interest, refer, listed, deny"))
    page.get_by_label("Why are you changing the policy?").fill("Members with an interest may ask the Proper Officer")
    page.get_by_role("button", name="Check the changes").click()
    dry_run = page.locator("#dry-run + p + .table-container table")
    expect(dry_run.locator("tbody tr", has_text="doc-pool")).to_contain_text("R-INTEREST")
    expect(dry_run.locator("tbody tr", has_text="doc-pool")).to_contain_text("R-NO-REASON")
    expect(page.locator(".diff__line--add")).to_contain_text("p, R-INTEREST, interest, refer")
    it.shot("policy-dry-run")
    page.get_by_role("button", name="Activate this policy").click()
    expect(page.locator(".notification-banner")).to_contain_text("Policy version 2 is now active")
    expect(page.locator("pre.policy").first).to_contain_text("p, R-INTEREST, interest, refer, listed, deny")
    it.shot("policy-activated")

    page.get_by_role("link", name="Version 1", exact=True).click()
    expect(page.locator(".diff__line--add")).to_contain_text(old_line)
    expect(page.locator("#dry-run")).to_be_visible()
    it.shot("policy-version-1")
    page.get_by_role("button", name="Revert to version 1").click()
    expect(page.locator(".notification-banner")).to_contain_text("active again, as version 3")
    expect(page.locator("pre.policy").first).to_contain_text(old_line)
    it.shot("policy-reverted")
    it.close()


def test_proper_officer_refuses_member_disputes_and_it_checks_the_council(server, browser, tmp_path):
    """The other pages, as people reach them: a refusal and its dispute, reclassification, IT's council pages."""
    bob = Visit(browser, server, "tour")
    page = bob.page
    bob.sign_in("cllr-bob")
    page.goto("/documents/doc-review")
    expect(page.locator("#decision")).to_contain_text("R-REVIEW")
    page.get_by_label("Why do you need this document?").fill("The complaint is on the scrutiny committee's agenda")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", name="Request sent")).to_be_visible()

    mo = Visit(browser, server, "tour", step=bob.step)   # each person keeps their own browser
    mo.sign_in("off-mo")
    mo.page.get_by_role("link", name="Referrals queue").first.click()
    mo.page.locator("tbody tr", has_text="Complaint about the leisure centre").get_by_role("link").click()
    expect(mo.page.locator(".evidence")).to_contain_text("Mrs Jane Example of 4 Mill Lane")
    mo.page.get_by_label("Refuse access").check()
    mo.page.get_by_label("Written reasons").fill("The complainant's details are not needed to scrutinise the service.")
    mo.page.get_by_role("button", name="Record the decision").click()
    expect(mo.page.locator(".notification-banner")).to_contain_text("You refused Cllr Bob Brown access")

    bob.page.goto("/documents/doc-review")
    expect(page.locator("#decision")).to_contain_text("The complainant's details are not needed")
    bob.shot("refused-with-reasons")
    page.get_by_role("link", name="Dispute the refusal").click()
    page.get_by_label("Why is the refusal wrong?").fill("The committee cannot judge the response without the complaint.")
    bob.shot("dispute-form")
    page.get_by_role("button", name="Send the dispute").click()
    expect(page.locator(".notification-banner")).to_contain_text("Your dispute has been recorded")
    bob.shot("dispute-recorded")
    bob.close()

    mo.step = bob.step
    mo.page.goto("/officer/queue")
    mo.page.get_by_role("link", name=re.compile("Disputes to record")).click()
    mo.page.locator("tbody tr", has_text="Complaint about the leisure centre").get_by_role("link").click()
    mo.page.get_by_label("Dismissed: the refusal stands").check()
    mo.page.get_by_label("Which committee decided").select_option(label="Scrutiny Committee")
    mo.page.get_by_label("The committee's reasons").fill("1 December 2026: the refusal was right.")
    mo.shot("dispute-outcome-form")
    mo.page.get_by_role("button", name="Record the outcome").click()
    expect(mo.page.locator(".notification-banner")).to_contain_text("the committee dismissed the dispute")
    mo.page.goto("/officer/documents?review=1")
    mo.shot("documents-needing-review")
    mo.page.get_by_role("link", name="Complaint about the leisure centre").click()
    mo.page.get_by_role("link", name="Change the classification").click()
    mo.page.get_by_label("Reasons for the change").fill("Checked: personal data of a resident, paragraph 1.")
    mo.shot("reclassify")
    mo.page.get_by_role("button", name="Save the classification").click()
    expect(mo.page.locator(".notification-banner")).to_contain_text("The classification is changed")
    expect(mo.page.locator("table", has_text="Needs review").locator("tr", has_text="Needs review")).to_contain_text("No")
    mo.shot("reclassified-document")
    mo.close()

    it = Visit(browser, server, "tour", step=mo.step)
    it.sign_in("off-it")
    it.page.get_by_role("link", name="Upload the council file").click()
    bad = tmp_path / "council.yaml"
    bad.write_text("council: {name: Testshire}\ngroups: []\ncommittees:\n  - {id: cab, name: Cabinet, kind: cabinet}\n",
                   encoding="utf-8")
    it.page.get_by_label("Council file").set_input_files(str(bad))
    it.page.get_by_role("button", name="Upload and check the changes").click()
    expect(it.page.locator(".error-summary")).to_contain_text("council.yaml")
    it.shot("council-upload-error")
    for name, heading in (("Members and officers", "Members and officers"), ("Committees", "Committees"),
                          ("Ingestion status", "Ingestion status")):
        it.page.goto("/admin/")
        it.page.get_by_role("link", name=name).first.click()
        expect(it.page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        it.shot(name.lower().replace(" ", "-"))
    it.page.goto("/admin/audit")
    it.page.get_by_label("Document id").fill("doc-review")
    it.page.get_by_role("button", name="Filter").click()
    expect(it.page.locator("tbody tr").first).to_contain_text("doc-review")
    it.shot("audit-log-filtered")
    it.page.get_by_role("link", name="Check the log has not been changed").click()
    expect(it.page.get_by_role("heading", name="The log is intact")).to_be_visible()
    it.shot("audit-verified")
    it.close()
