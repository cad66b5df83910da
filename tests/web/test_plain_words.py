"""What a councillor reads: reasons in plain words with the rule id tucked into "Details", the protocol
paragraph linked to the council's text, one consistent answer once a request is sent, a private-capacity
refusal that says nothing was sent, and a locked-out person told who to contact."""

import re

from sqlalchemy import select

from gateway.domain.models import Referral
from tests.web.conftest import IT_CONTACT, PASSWORDS
from tests.web.test_councillor import REASON, ask, plain, text

RULE_ID = re.compile(r"\bR-[A-Z-]+\b")


def words_outside_details(page: str) -> str:
    """The page's words without its <details> disclosures (where rule ids belong)."""
    return re.sub(r"<details\b.*?</details>", " ", page, flags=re.DOTALL)


def test_rule_ids_appear_only_inside_the_details_disclosure(bob):
    for path in ("/search", "/documents/doc-public", "/documents/doc-exempt", "/documents/doc-pool",
                 "/documents/doc-review"):
        page = text(bob.get(path))
        assert not RULE_ID.findall(words_outside_details(page)), path
        assert re.search(r"<details[^>]*>\s*<summary[^>]*>Details</summary>.*?Rule R-", page, re.DOTALL), path


def test_an_interest_refusal_says_why_in_plain_words(bob):
    page = plain(bob.get("/documents/doc-pool"))
    assert ("You can't open this because you have declared a pecuniary interest in Swimming pool contract"
            in page)


def test_the_protocol_paragraph_cited_links_to_the_councils_protocol_text(bob):
    page = text(bob.get("/documents/doc-pool"))
    link = ('<a href="https://testshire.example.gov.uk/constitution/member-officer-protocol#para-9">'
            "protocol para 9</a>")
    assert link in page
    search = text(bob.get("/search"))
    assert "member-officer-protocol#para-9" in search      # the refused result's reason links it too


def test_once_asked_the_page_says_when_and_by_when_and_asks_no_more(bob, gw):
    assert ask(bob).status_code == 302
    with gw.sessions() as session:
        referral = session.scalars(select(Referral)).one()
    response = bob.get("/documents/doc-exempt")
    page = plain(response)
    assert "You have asked the Proper Officer for this document" in page
    assert f"should answer by {referral.due:%A} {referral.due.day} {referral.due:%B %Y}" in page
    assert f"{referral.created_at.day} {referral.created_at:%B %Y}" in page
    assert "You need to ask" not in page and "Tell the Proper Officer why" not in page   # no contradiction
    assert 'action="/documents/doc-exempt/request"' not in text(response)


def test_asking_privately_for_a_non_public_paper_sends_nothing_and_offers_to_ask_as_a_councillor(bob, gw):
    response = ask(bob, capacity="private")
    page = plain(response)
    assert "Nothing was sent to the Proper Officer" in page and "ask as a councillor" in page
    html = text(response)
    assert 'action="/documents/doc-exempt/request"' in html
    assert re.search(r'<input[^>]*checked[^>]*value="councillor"|<input[^>]*value="councillor"[^>]*checked', html)
    assert REASON.replace("'", "&#39;") in html            # the reason given is kept for the second try
    with gw.sessions() as session:
        assert session.scalars(select(Referral)).first() is None
    assert ask(bob, capacity="councillor").status_code == 302


def test_asking_privately_for_what_a_councillor_may_not_ask_for_offers_nothing(bob):
    page = plain(ask(bob, document="doc-pool", capacity="private"))
    assert "Nothing was sent to the Proper Officer" in page and "ask as a councillor" not in page


def test_a_locked_out_name_is_told_who_to_contact(anonymous):
    for _ in range(5):
        anonymous.post("/sign-in", data={"username": "cllr-bob", "password": "not-the-password"})
    locked = anonymous.post("/sign-in", data={"username": "cllr-bob", "password": PASSWORDS["cllr-bob"]})
    page = plain(locked)
    assert locked.status_code == 400 and "Too many failed attempts" in page
    assert f"contact {IT_CONTACT}" in page
    wrong = plain(anonymous.post("/sign-in", data={"username": "cllr-ann", "password": "nope"}))
    assert IT_CONTACT not in wrong                          # a wrong password alone is not a lock
