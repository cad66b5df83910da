"""The pages for what follows a first answer: the member's needed-by date and asking again with new
information; the Proper Officer's history of a member and a document, reconsideration and withdrawal."""

from datetime import timedelta

from gateway.domain.clock import london_today
from gateway.domain.models import Notice, Referral
from gateway.services import referrals as referral_service
from tests.web.test_councillor import REASON, ask, plain, text

NEW_REASON = "The land sale now includes the community centre in my ward, which is new since the refusal"


def _refuse(gw, referral_id=1):
    with gw.sessions() as session:
        referral_service.decide(gw, session, "off-mo", referral_id, "deny", "Not needed for the review")


def _referral(gw, referral_id):
    with gw.sessions() as session:
        return session.get(Referral, referral_id)


def test_a_request_with_a_needed_by_date_shows_in_the_queue_beside_the_due_date(bob, mo, gw):
    needed = london_today() + timedelta(days=1)
    past = bob.post("/documents/doc-exempt/request", data={"reason": REASON, "capacity": "councillor",
                                                           "needed_by": "2001-02-03"})
    assert past.status_code == 400 and "The date you need it by has already passed" in plain(past)
    sent = bob.post("/documents/doc-exempt/request", data={"reason": REASON, "capacity": "councillor",
                                                           "needed_by": needed.isoformat()})
    assert sent.status_code == 302
    assert _referral(gw, 1).needed_by == needed
    shown = f"{needed:%A} {needed.day} {needed:%B %Y}"
    assert f"You need it by {shown}" in plain(bob.get("/requests/1"))
    assert f"Needed by {shown}" in plain(mo.get("/officer/queue"))
    assert "Needed by" in plain(mo.get("/officer/referrals/1"))


def test_after_a_refusal_the_member_asks_again_with_new_information(bob, mo, gw):
    ask(bob)
    _refuse(gw)
    same = bob.post("/documents/doc-exempt/request", data={"reason": REASON, "capacity": "councillor",
                                                           "new_information": "1"})
    assert same.status_code == 400 and "Give a new reason" in plain(same)
    assert "Ask again with new information" in plain(same)
    sent = bob.post("/documents/doc-exempt/request", data={"reason": NEW_REASON, "capacity": "councillor",
                                                           "new_information": "1"})
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/requests/2")
    assert _referral(gw, 2).new_information
    page = plain(mo.get("/officer/referrals/2"))
    assert "New information" in page and "This member and this document" in page
    assert REASON in page and NEW_REASON in page and "Not needed for the review" in page


def test_the_proper_officer_reconsiders_a_refusal_on_the_referral_page(bob, mo, gw):
    ask(bob)
    _refuse(gw)
    page = plain(mo.get("/officer/referrals/1"))
    assert "Reconsider the refusal" in page and "Withdraw the access early" not in page
    missing = mo.post("/officer/referrals/1/reconsideration", data={"reconsider-outcome": "grant"})
    assert missing.status_code == 400 and "Enter your written reasons" in plain(missing)
    done = mo.post("/officer/referrals/1/reconsideration",
                   data={"reconsider-outcome": "grant", "reconsider-reasons": "The committee now meets on it"})
    assert done.status_code == 302
    assert "You reconsidered the refusal: access is now granted" in plain(mo.get(done.headers["Location"]))
    assert "Rule R-PO-GRANT" in text(bob.get("/documents/doc-exempt"))
    assert "(reconsidered)" in plain(bob.get("/requests/1"))


def test_the_proper_officer_withdraws_a_grant_and_the_member_sees_why(bob, mo, gw):
    ask(bob)
    with gw.sessions() as session:
        referral_service.decide(gw, session, "off-mo", 1, "grant", "Needed for the review")
    assert "Withdraw the access early" in plain(mo.get("/officer/referrals/1"))
    done = mo.post("/officer/referrals/1/withdrawal", data={"withdraw-reasons": "The review has ended"})
    assert done.status_code == 302
    assert "You withdrew the member's access" in plain(mo.get(done.headers["Location"]))
    assert "Rule R-PO-REFUSED" in text(bob.get("/documents/doc-exempt"))
    detail = plain(bob.get("/requests/1"))
    assert "Access withdrawn" in detail and "The review has ended" in detail and "Open the document" not in detail
    with gw.sessions() as session:
        assert [n.kind for n in session.query(Notice).filter_by(recipient_id="cllr-bob")] == [
            "request_decided", "grant_withdrawn"]
    again = mo.post("/officer/referrals/1/withdrawal", data={"withdraw-reasons": "Again"})
    assert again.status_code == 400 and "no grant in force" in plain(again)


def test_a_changed_published_document_says_so_on_its_page_and_in_the_list(bob, mo, it, gw):
    from datetime import datetime

    from gateway.domain.generation import bump
    from gateway.domain.models import DocumentVersion

    with gw.sessions() as session, session.begin():   # as ingest stores versions: the generation bumped
        bump(session)
        session.add(DocumentVersion(document_id="doc-public", sha256="1" * 64, media_type="text/plain", size=1,
                                    pages=["Revised."], extraction_status="ok", ingested_at=datetime(2026, 11, 20, 10),
                                    note="Corrected the opening hours table"))
        session.add(DocumentVersion(document_id="doc-group", sha256="2" * 64, media_type="text/plain", size=1,
                                    pages=["Revised."], extraction_status="ok", ingested_at=datetime(2026, 11, 21, 10),
                                    note="Group note on the budget line"))
    page = plain(bob.get("/documents/doc-public"))
    assert "This document was changed after it was published" in page
    assert "20 November 2026 at 10:00: Corrected the opening hours table (version 2)" in page
    assert "changed after it was published" not in plain(bob.get("/documents/doc-exempt"))
    assert "Corrected the opening hours table" in plain(mo.get("/officer/documents/doc-public"))
    for viewer in (mo, it):
        listing = plain(viewer.get("/admin/ingestion"))
        assert "Published documents changed since publication" in listing
        assert "Corrected the opening hours table" in listing and "doc-public" in listing
    # A document IT may not discover is not in IT's list: not its id, title or note.
    assert "Group note on the budget line" in plain(mo.get("/admin/ingestion"))
    hidden = plain(it.get("/admin/ingestion"))
    assert "Group note on the budget line" not in hidden and "doc-group" not in hidden
