"""The Proper Officer's pages: the queue by due date, a referral with everything needed to decide,
grants and refusals with written reasons, dispute outcomes and reclassification."""

import html
import re
from datetime import date, datetime, timedelta

from sqlalchemy import select

from gateway.domain import referrals
from gateway.domain.models import AuditRecord, Document, Referral
from gateway.services import referrals as referral_service


def text(response) -> str:
    return response.get_data(as_text=True)


def plain(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text(response))).split())


def refer(gw, member, document, reason="I need it for the review of the land sale", now=None):
    with gw.sessions() as session, session.begin():
        return referrals.open_referral(session, member, document, reason, "councillor", "R-NEED-TO-KNOW", now=now).id


def test_queue_is_ordered_by_due_date_and_marks_overdue_ones(mo, gw):
    # 2025-12-24 (Wed) + 2 working days skips Christmas, Boxing Day and the weekend: due Tue 30 Dec.
    old = refer(gw, "cllr-bob", "doc-review", now=datetime(2025, 12, 24, 10))
    new = refer(gw, "cllr-bob", "doc-exempt")
    with gw.sessions() as session:
        assert session.get(Referral, old).due == date(2025, 12, 30)
    page = text(mo.get("/officer/queue"))
    rows = re.findall(r"<tr( class=\"table__row--overdue\")?>\s*<td>(.*?)</td>.*?/officer/referrals/(\d+)", page, re.DOTALL)
    assert [int(r[2]) for r in rows] == [old, new]
    assert rows[0][0] and "Tuesday 30 December 2025" in rows[0][1] and "Overdue" in rows[0][1]
    assert not rows[1][0] and "Overdue" not in rows[1][1]
    assert "1 is overdue" in plain(mo.get("/officer/queue"))


def test_referral_page_shows_document_classification_evidence_and_the_member(mo, gw):
    earlier = refer(gw, "cllr-bob", "doc-exempt")
    with gw.sessions() as session:
        referral_service.decide(gw, session, "off-mo", earlier, "deny", "Not needed for the review")
    ident = refer(gw, "cllr-bob", "doc-review", reason="A resident's complaint is on the scrutiny agenda")
    page = plain(mo.get(f"/officer/referrals/{ident}"))
    assert "Cllr Bob Brown asks for “Complaint about the leisure centre”" in page
    assert "A resident's complaint is on the scrutiny agenda" in page
    assert "Opposition Group" in page and "Scrutiny Committee" in page
    assert "Pecuniary : Swimming pool contract: Owns a pool supplier" in page
    # Declared against classified: nothing declared, the classifiers' labels and evidence.
    assert "Schedule 12A paragraphs Not declared Paragraph 1 Paragraph 1" in page
    assert "personal-name page 1 Mrs Jane Example of 4 Mill Lane" in page
    assert "Classifiers' confidence: 55%" in page
    assert "Disposal of land at Mill Lane" in page and "Not needed for the review" in page   # earlier requests


def test_grant_needs_written_reasons_then_the_member_is_granted_until_the_date(mo, bob, gw):
    ident = refer(gw, "cllr-bob", "doc-exempt")
    missing = mo.post(f"/officer/referrals/{ident}/decision", data={"outcome": "grant", "reasons": ""})
    assert missing.status_code == 400 and "Enter your written reasons" in text(missing)
    refusal_until = mo.post(f"/officer/referrals/{ident}/decision",
                            data={"outcome": "deny", "reasons": "No", "until": "2001-01-01"})
    assert refusal_until.status_code == 400 and "The end date has already passed" in text(refusal_until)
    past = mo.post(f"/officer/referrals/{ident}/decision",
                   data={"outcome": "grant", "reasons": "Needed", "until": "2001-01-01"})
    assert past.status_code == 400 and "The end date has already passed" in text(past)
    until = date.today() + timedelta(days=30)
    response = mo.post(f"/officer/referrals/{ident}/decision",
                       data={"outcome": "grant", "reasons": "Needed for the review", "until": until.isoformat()})
    assert response.status_code == 302
    assert "You granted Cllr Bob Brown access" in plain(mo.get(response.headers["Location"]))
    assert "Rule R-PO-GRANT" in text(bob.get("/documents/doc-exempt"))
    assert "Needed for the review" in text(bob.get("/requests"))
    adjudication = gw.audit.records(event="adjudication")[-1]
    assert adjudication["actor"] == "off-mo" and adjudication["detail"]["reasons"] == "Needed for the review"
    # Decided: the form is gone, and deciding again is refused.
    assert "Record the decision" not in text(mo.get(f"/officer/referrals/{ident}"))
    again = mo.post(f"/officer/referrals/{ident}/decision", data={"outcome": "deny", "reasons": "Changed my mind"})
    assert again.status_code == 400 and "already decided" in text(again)


def test_reclassification_with_reasons_changes_the_decision(mo, bob, gw):
    assert "Rule R-REVIEW" in text(bob.get("/documents/doc-review?reason=" + "I need it for the scrutiny agenda"))
    form = text(mo.get("/officer/documents/doc-review/classification"))
    assert re.search(r'<input[^>]*checked[^>]*value="1"|<input[^>]*value="1"[^>]*checked', form)
    no_reasons = mo.post("/officer/documents/doc-review/classification", data={"exempt_paragraphs": [], "reasons": ""})
    assert no_reasons.status_code == 400 and "Enter why the classification changes" in text(no_reasons)
    response = mo.post("/officer/documents/doc-review/classification",
                       data={"exempt_paragraphs": [], "flags": [], "party_group": "",
                             "reasons": "The complainant consented to publication."})
    assert response.status_code == 302
    with gw.sessions() as session:
        declared = session.get(Document, "doc-review").reclassification
    assert {k: declared[k] for k in ("exempt_paragraphs", "party_group", "flags", "needs_review", "by", "reasons")} == {
        "exempt_paragraphs": [], "party_group": None, "flags": [], "needs_review": False, "by": "off-mo",
        "reasons": "The complainant consented to publication."}
    assert "Rule R-PUBLIC" in text(bob.get("/documents/doc-review"))
    with gw.sessions() as session:
        record = session.scalars(select(AuditRecord).where(AuditRecord.event == "reclassified")).one()
    assert record.actor == "off-mo" and record.detail["reasons"] == "The complainant consented to publication."


def test_documents_list_and_page_show_everything_to_the_proper_officer(mo):
    listing = plain(mo.get("/officer/documents?review=1"))
    assert "1 document" in listing and "Complaint about the leisure centre" in listing
    assert "Admin group budget tactics" in plain(mo.get("/officer/documents"))
    page = text(mo.get("/officer/documents/doc-group"))
    assert "tactics for the budget debate" in page


def test_review_queue_release_and_the_dates_on_the_document_pages(mo, bob, gw):
    from gateway.domain.clock import london_today

    today = london_today()
    with gw.sessions() as session, session.begin():
        session.get(Document, "doc-exempt").review_on = today - timedelta(days=2)
    queue = plain(mo.get("/officer/reviews"))
    assert "Reviews due" in queue and "Overdue" in queue
    assert 'href="/officer/documents/doc-exempt#review"' in text(mo.get("/officer/reviews"))
    page = plain(mo.get("/officer/documents/doc-exempt"))
    assert "Review of the exemption" in page and "Not released" in page

    missing = mo.post("/officer/documents/doc-exempt/review", data={"action": "extend", "reasons": "Still live."})
    assert missing.status_code == 400 and "give the next review date" in plain(missing).lower()
    release = today + timedelta(days=30)
    response = mo.post("/officer/documents/doc-exempt/review",
                       data={"action": "release", "on": release.isoformat(),
                             "reasons": "The restructure is complete and announced."})
    assert response.status_code == 302
    page = plain(mo.get(response.headers["Location"]))
    assert "The document is public from" in page and "Released from" in page
    assert "The restructure is complete and announced." in page
    # A release still to come can be re-dated: the form stays until the document is public.
    assert 'action="/officer/documents/doc-exempt/review"' in text(mo.get("/officer/documents/doc-exempt"))
    assert "No document is due for review." in plain(mo.get("/officer/reviews"))

    # The dates are shown to those who may see the document, not to a member it is only listed for.
    assert "Public from" not in plain(bob.get("/documents/doc-exempt"))
    with gw.sessions() as session:
        from gateway.services import referrals as service
        referral = refer(gw, "cllr-bob", "doc-exempt")
        service.decide(gw, session, "off-mo", referral, "grant", "Needed for the review")
    assert "Public from" in plain(bob.get("/documents/doc-exempt"))


def test_a_released_document_shows_its_release_instead_of_the_review_form(mo, gw):
    released = mo.post("/officer/documents/doc-exempt/review",
                       data={"action": "release", "reasons": "The restructure has been announced."})
    assert released.status_code == 302
    page = text(mo.get("/officer/documents/doc-exempt"))
    release = plain(mo.get("/officer/documents/doc-exempt")).split("Released Public from", 1)[1]
    assert "The restructure has been announced." in release and "no exemption left to review" in release
    assert 'action="/officer/documents/doc-exempt/review"' not in page and "Record the review" not in page

    again = mo.post("/officer/documents/doc-exempt/review", data={"action": "keep", "reasons": "Keep it after all."})
    assert again.status_code == 409 and "no exemption is left to review" in plain(again)
    assert [r["detail"]["action"] for r in gw.audit.records(document="doc-exempt", event="document_review")] == [
        "release"]


def test_a_release_date_from_the_documents_file_shows_without_reasons(mo, gw):
    from gateway.domain.clock import london_today

    with gw.sessions() as session, session.begin():
        session.get(Document, "doc-exempt").release_on = london_today()
    page = plain(mo.get("/officer/documents/doc-exempt"))
    assert "The release date was set in the documents file." in page and "Record the review" not in page
