"""The councillor's pages: search marks, the document page for each kind of decision, requests,
disputes, inline content and marked downloads. Every page that shows a document decides first.
"""

import html
import io
import re

from pypdf import PdfReader
from sqlalchemy import select

from gateway.domain import referrals
from gateway.domain.clock import utcnow
from gateway.domain.models import AuditRecord, Referral
from gateway.domain.working_days import add_working_days
from gateway.services import referrals as referral_service

REASON = "I need it for the scrutiny committee's review of the land sale"


def text(response) -> str:
    return response.get_data(as_text=True)


def plain(response) -> str:
    """The page's words, without tags, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text(response))).split())


def decisions(gw, actor, document):
    with gw.sessions() as session:
        return list(session.scalars(select(AuditRecord).where(
            AuditRecord.event == "decision", AuditRecord.actor == actor, AuditRecord.document == document)
            .order_by(AuditRecord.seq)))


def grant(gw, referral_id, until=None):
    with gw.sessions() as session:
        referral_service.decide(gw, session, "off-mo", referral_id, "grant", "Needed for the review", until)


def ask(bob, document="doc-exempt", reason=REASON, capacity="councillor"):
    return bob.post(f"/documents/{document}/request", data={"reason": reason, "capacity": capacity})


def test_search_marks_each_result_open_request_or_refused_and_never_lists_hidden_ones(bob):
    assert "4 documents found" in plain(bob.get("/search"))   # doc-group is another group's: not even counted
    page = text(bob.get("/search"))
    assert "Admin group budget tactics" not in page
    results = dict(re.findall(r'href="/documents/([\w-]+)">[^<]+</a></h2>.*?<strong class="tag[^"]*">([^<]+)<',
                              page, re.DOTALL))
    assert results == {"doc-public": "Open", "doc-exempt": "Request access", "doc-review": "Request access",
                       "doc-pool": "Refused"}
    assert "pecuniary interest in Swimming pool contract" in page and "R-INTEREST" in page


def _search_tags(client) -> dict:
    page = text(client.get("/search"))
    return dict(re.findall(r'href="/documents/([\w-]+)">[^<]+</a></h2>.*?<strong class="tag[^"]*">([^<]+)<',
                           page, re.DOTALL))


def test_search_says_requested_for_the_members_own_waiting_request_only(bob, gw):
    with gw.sessions() as session, session.begin():   # another member's request is not Bob's
        referrals.open_referral(session, "cllr-ann", "doc-review", "For the staffing review", "councillor",
                                "R-NEED-TO-KNOW")
    asked = ask(bob)
    assert asked.status_code == 302
    tags = _search_tags(bob)
    assert (tags["doc-exempt"], tags["doc-review"]) == ("Requested", "Request access")
    assert f'href="{asked.headers["Location"]}">See your request' in text(bob.get("/search"))

    with gw.sessions() as session:   # once answered, the result says what the answer made it
        (mine,) = session.scalars(select(Referral).where(Referral.member_id == "cllr-bob"))
        referral_service.decide(gw, session, "off-mo", mine.id, "deny", "Not needed for the committee's work")
    assert _search_tags(bob)["doc-exempt"] == "Refused"


def test_search_shows_snippets_of_open_results_only(bob):
    page = text(bob.get("/search?q=leisure"))
    assert "<mark>leisure</mark>" in page.lower() or "<mark>Leisure</mark>" in page
    assert "Mrs Jane Example" not in page          # doc-review matches, but is not open to Bob


def test_search_filters_and_a_bad_date_is_an_error_in_the_summary(bob):
    page = plain(bob.get("/search?paragraph=3"))
    assert "1 document found" in page and "Swimming pool contract negotiation" in page
    assert "4 documents found" in plain(bob.get("/search?date_from=2026-09-01&date_to=2026-10-31&committee=cabinet"))
    assert "0 documents found" in plain(bob.get("/search?date_from=2026-10-02"))
    response = bob.get("/search?date_from=31/02/2026")
    assert response.status_code == 400
    assert "There is a problem" in text(response) and "Meetings from must be a real date" in text(response)
    response = bob.get("/search?date_from=2026-12-01&date_to=2026-01-01")
    assert response.status_code == 400 and "same as or after" in text(response)


def test_search_query_errors_from_the_index_are_shown_in_the_error_summary(bob):
    response = bob.get("/search?q=committee:nonesuch")
    assert response.status_code == 400
    assert "There is a problem" in text(response)


def test_public_document_opens_at_once_with_its_text_and_inline_pdf(bob, gw):
    page = text(bob.get("/documents/doc-public"))
    assert "You can read this document" in page and "Rule R-PUBLIC" in page
    assert "open at seven every weekday" in page
    assert '<iframe class="document-frame" src="/documents/doc-public/content"' in page
    content = bob.get("/documents/doc-public/content")
    assert content.status_code == 200 and content.mimetype == "application/pdf"
    assert content.headers["Content-Disposition"].startswith("inline")
    assert [r.rule for r in decisions(gw, "cllr-bob", "doc-public")] == ["R-PUBLIC", "R-PUBLIC"]


def test_exempt_document_says_why_and_offers_the_request_form_without_its_text(bob):
    response = bob.get("/documents/doc-exempt")
    page = text(response)
    assert response.status_code == 200
    assert "You need to ask the Proper Officer" in page
    assert "not public. The Proper Officer decides" in page           # the rule that refers it
    assert "R-NEED-TO-KNOW, then R-NO-REASON" in page
    assert "Paragraph 1: Information relating to any individual" in page
    assert 'action="/documents/doc-exempt/request"' in page
    assert "There is a problem" not in page                           # nothing was asked yet
    due = add_working_days(utcnow().date(), 2)
    assert f"you should have an answer by {due:%A} {due.day} {due:%B %Y}" in plain(response)
    assert "rent arrears" not in page and "iframe" not in page
    content = bob.get("/documents/doc-exempt/content")
    assert content.status_code == 403 and "rent arrears" not in text(content)
    download = bob.post("/documents/doc-exempt/download", data={"purpose": REASON})
    assert download.status_code == 403 and download.mimetype == "text/html"


def test_opening_with_a_reason_that_does_not_count_shows_the_form_with_an_error(bob):
    page = plain(bob.get("/documents/doc-exempt?reason=nosy"))
    assert "There is a problem" in page and "not curiosity" in page
    referred = plain(bob.get("/documents/doc-exempt?reason=" + REASON.replace(" ", "+")))
    assert "Rule R-NEED-TO-KNOW" in referred and "There is a problem" not in referred
    assert "Send the request" in referred


def test_a_reason_that_does_not_count_is_an_error(bob, gw):
    response = ask(bob, reason="just curious")
    assert response.status_code == 400
    page = text(response)
    assert "There is a problem" in page and "not curiosity" in page
    with gw.sessions() as session:
        assert session.scalars(select(Referral)).first() is None


def without_csrf_token(page: str) -> str:
    """The page less its CSRF token, which carries the second it was made (two pages a second apart differ)."""
    return re.sub(r'(csrf[-_]token"[^>]*?(?:value|content)=")[^"]*', r"\1", page)


def test_hidden_and_missing_documents_answer_the_same_404(bob):
    for path in ("", "/content"):
        hidden, missing = bob.get(f"/documents/doc-group{path}"), bob.get(f"/documents/no-such-doc{path}")
        assert hidden.status_code == missing.status_code == 404
        assert without_csrf_token(text(hidden)) == without_csrf_token(text(missing))
    for path, data in (("/request", {"reason": REASON, "capacity": "councillor"}), ("/download", {"purpose": "x"})):
        hidden, missing = bob.post(f"/documents/doc-group{path}", data=data), bob.post(
            f"/documents/no-such-doc{path}", data=data)
        assert hidden.status_code == missing.status_code == 404
        assert without_csrf_token(text(hidden)) == without_csrf_token(text(missing))


def test_own_group_document_opens_for_its_member(ann):
    page = text(ann.get("/documents/doc-group"))
    assert "Rule R-GROUP-OWN" in page and "tactics for the budget debate" in page


def test_interest_refusal_gives_the_reason_and_no_request_form(bob):
    page = text(bob.get("/documents/doc-pool"))
    assert "You cannot see this document" in page and "Rule R-INTEREST" in page
    assert "/documents/doc-pool/request" not in page and "bidders" not in page


def test_request_is_queued_with_its_due_date_and_listed_in_my_requests(bob, gw):
    response = ask(bob)
    assert response.status_code == 302
    page = text(bob.get(response.headers["Location"]))
    assert "Request sent" in page and "The Proper Officer should answer by" in page
    with gw.sessions() as session:
        referral = session.scalars(select(Referral)).one()
    assert referral.member_id == "cllr-bob" and referral.reason == REASON and referral.status == "pending"
    assert f"{referral.due.day} {referral.due:%B %Y}" in page
    mine = text(bob.get("/requests"))
    assert "Disposal of land at Mill Lane" in mine and "Waiting" in mine
    document = text(bob.get("/documents/doc-exempt"))
    assert "You asked for this document" in document and 'action="/documents/doc-exempt/request"' not in document


def test_private_capacity_request_is_refused_as_for_any_member_of_the_public(bob):
    response = ask(bob, capacity="private")
    page = text(response)
    assert "Rule R-PRIVATE-CAPACITY" in page and "private capacity" in page


def test_granted_document_opens_and_downloads_stamped_on_every_pdf_page(bob, gw):
    ask(bob)
    grant(gw, 1)
    page = text(bob.get("/documents/doc-exempt"))
    assert "Rule R-PO-GRANT" in page and "rent arrears" in page
    assert f'value="{REASON}"'.replace("'", "&#39;") in page         # the purpose defaults to the request's reason
    inline = bob.get("/documents/doc-exempt/content")
    assert inline.headers["Content-Disposition"].startswith("inline")
    assert "not for onward disclosure" in PdfReader(io.BytesIO(inline.data)).pages[0].extract_text()
    response = bob.post("/documents/doc-exempt/download", data={"purpose": "the scrutiny review", "capacity": ""})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="doc-exempt-marked.pdf"'
    pages = PdfReader(io.BytesIO(response.data)).pages
    assert len(pages) == 2
    for pdf_page in pages:
        line = " ".join(pdf_page.extract_text().split())
        assert re.search(r"Provided to Cllr Bob Brown on \d{1,2} \w+ \d{4} for the scrutiny review — not for onward "
                         r"disclosure", line), line
    assert decisions(gw, "cllr-bob", "doc-exempt")[-1].detail["action"] == "download"
    assert gw.audit.records(event="marked_copy")[-1]["detail"]["purpose"] == "the scrutiny review"


def test_text_download_starts_with_the_notice(ann):
    response = ann.post("/documents/doc-pool/download", data={"purpose": "Cabinet on 12 October"})
    assert response.mimetype == "text/plain"
    first, blank, *rest = response.get_data(as_text=True).split("\n")
    assert first.startswith("Provided to Cllr Ann Able on ")
    assert first.endswith(" for Cabinet on 12 October — not for onward disclosure")
    assert blank == "" and "bidders" in "\n".join(rest)


def test_download_needs_a_purpose(bob):
    response = bob.post("/documents/doc-public/download", data={"purpose": "  "})
    assert response.status_code == 400
    assert "Enter what you will use the copy for" in text(response)


def test_refusal_shows_the_written_reasons_and_can_be_disputed(bob, mo, gw):
    ask(bob)
    with gw.sessions() as session:
        referral_service.decide(gw, session, "off-mo", 1, "deny", "The names of tenants are not needed for the review")
    page = text(bob.get("/documents/doc-exempt"))
    assert "The Proper Officer has refused you this document" in page
    assert "The names of tenants are not needed" in page and "Rule R-PO-REFUSED" in page
    # No plain request again: only a dispute, or asking again with new information.
    assert 'href="/requests/1/dispute"' in page and "Send the request" not in page
    assert "Ask again with new information" in page
    assert "Refused" in text(bob.get("/requests"))
    short = bob.post("/requests/1/dispute", data={"grounds": "wrong"})
    assert short.status_code == 400 and "There is a problem" in text(short)
    response = bob.post("/requests/1/dispute", data={"grounds": "The review is about those very tenancies."})
    assert response.status_code == 302
    detail = text(bob.get("/requests/1"))
    assert "Your dispute" in detail and "Not decided yet" in detail
    # The Proper Officer records the committee's outcome; the member sees it.
    assert "Disputes to record (1)" in text(mo.get("/officer/queue"))
    mo.post("/officer/referrals/1/dispute-outcome", data={"result": "dismissed", "committee": "osc",
                                                          "reasons": "The names are not needed for the review."})
    detail = text(bob.get("/requests/1"))
    assert "Scrutiny Committee dismissed the dispute" in detail and "The names are not needed" in detail
    assert "Rule R-PO-REFUSED" in text(bob.get("/documents/doc-exempt"))


def test_an_upheld_dispute_opens_the_document_to_the_member(bob, mo, gw):
    ask(bob)
    with gw.sessions() as session:
        referral_service.decide(gw, session, "off-mo", 1, "deny", "The names of tenants are not needed for the review")
    bob.post("/requests/1/dispute", data={"grounds": "The review is about those very tenancies."})
    page = text(mo.get("/officer/referrals/1"))
    assert "Record the committee's decision" in page and "Scrutiny Committee" in page
    missing = mo.post("/officer/referrals/1/dispute-outcome", data={"result": "upheld", "committee": "osc"})
    assert missing.status_code == 400 and "Enter the committee" in text(missing) and "reasons" in text(missing)
    response = mo.post("/officer/referrals/1/dispute-outcome",
                       data={"result": "upheld", "committee": "osc", "reasons": "The tenancies are under review.",
                             "until": "2099-03-31"})
    assert response.status_code == 302
    assert "upheld the dispute" in text(mo.get(response.headers["Location"]))
    detail = text(bob.get("/requests/1"))
    assert "Upheld" in detail and "Scrutiny Committee upheld the dispute" in detail and "Open the document" in detail
    page = text(bob.get("/documents/doc-exempt"))
    assert "Rule R-PO-GRANT" in page and "The tenancies are under review." in page


def test_another_members_request_is_not_found(ann, bob):
    ask(bob)
    assert ann.get("/requests/1").status_code == 404
    assert ann.post("/requests/1/dispute", data={"grounds": "Not mine at all, but let me try"}).status_code == 404


def test_officers_use_the_same_pages_under_their_own_rules(clerk):
    assert "Rule R-OFFICER-PUBLIC" in text(clerk.get("/documents/doc-public"))
    refused = text(clerk.get("/documents/doc-exempt"))
    assert "You cannot see this document" in refused and "rent arrears" not in refused
    assert clerk.get("/documents/doc-group").status_code == 404
    assert clerk.get("/officer/queue").status_code == 403


def test_a_post_without_the_csrf_token_is_refused(csrf_app):
    client = csrf_app.test_client()
    page = text(client.get("/sign-in"))
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post("/sign-in", data={"username": "cllr-bob", "password": "pw-bob-123"}).status_code == 400
    signed_in = client.post("/sign-in", data={"username": "cllr-bob", "password": "pw-bob-123", "csrf_token": token})
    assert signed_in.status_code == 302
    response = client.post("/documents/doc-exempt/request", data={"reason": REASON, "capacity": "councillor"})
    assert response.status_code == 400 and "The form had expired" in text(response)
    gw = csrf_app.extensions["gateway"]
    with gw.sessions() as session:
        assert session.scalars(select(Referral)).first() is None


def test_a_page_past_the_end_goes_to_the_last_page(bob):
    response = bob.get("/search?q=leisure&committee=cabinet&page=7")
    assert response.status_code == 302
    assert response.headers["Location"] == "/search?q=leisure&committee=cabinet&page=1"
    assert "2 documents found" in plain(bob.get(response.headers["Location"]))
