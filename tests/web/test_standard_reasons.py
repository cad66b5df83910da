"""Standard reasons: the Proper Officer words them once, picks one when deciding (its words first, then their
own), changes or removes them, each change audited; decisions already made keep their words."""

import html
import re

import pytest

from gateway.domain.models import Referral, StandardReason
from gateway.services import referrals as referral_service

NEED = "The member has shown a need to know for their duties on the committee."


def plain(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


@pytest.fixture
def referral(gw):
    with gw.sessions() as session:
        _, ref = referral_service.request_access(gw, session, "cllr-bob", "doc-exempt", "For the land sale review")
        return ref.id


def add(mo, title=" Need to know ", text=NEED):
    return mo.post("/officer/reasons", data={"title": title, "text": text})


def reason_id(gw, title="Need to know") -> int:
    with gw.sessions() as session:
        return session.query(StandardReason).filter_by(title=title).one().id


def test_the_proper_officer_picks_a_standard_reason_and_adds_their_own_words(mo, bob, gw, referral):
    assert add(mo).status_code == 302
    page = mo.get(f"/officer/referrals/{referral}").get_data(as_text=True)
    ident = reason_id(gw)
    assert f'<option value="{ident}">Need to know</option>' in page
    response = mo.post(f"/officer/referrals/{referral}/decision",
                       data={"outcome": "grant", "standard_reason": str(ident), "reasons": "Until the meeting."})
    assert response.status_code == 302, plain(response)
    with gw.sessions() as session:
        assert session.get(Referral, referral).decision_reasons == f"{NEED}\n\nUntil the meeting."
    assert gw.audit.records(event="adjudication")[-1]["detail"]["reasons"] == f"{NEED}\n\nUntil the meeting."
    # changing the standard reason later leaves the decision as it was written
    changed = mo.post(f"/officer/reasons/{ident}", data={"title": "Need to know", "text": "Other words."})
    assert changed.status_code == 302
    with gw.sessions() as session:
        assert session.get(Referral, referral).decision_reasons.startswith(NEED)
    assert NEED in plain(bob.get(f"/requests/{referral}"))


def test_a_standard_reason_alone_is_enough_but_nothing_at_all_is_not(mo, gw, referral):
    add(mo)
    empty = mo.post(f"/officer/referrals/{referral}/decision", data={"outcome": "deny", "reasons": ""})
    assert empty.status_code == 400 and "Enter your written reasons or pick a standard reason" in plain(empty)
    alone = mo.post(f"/officer/referrals/{referral}/decision",
                    data={"outcome": "deny", "standard_reason": str(reason_id(gw))})
    assert alone.status_code == 302
    with gw.sessions() as session:
        assert session.get(Referral, referral).decision_reasons == NEED


def test_a_removed_standard_reason_cannot_be_picked(mo, gw, referral):
    add(mo)
    ident = reason_id(gw)
    assert mo.post(f"/officer/reasons/{ident}/remove").status_code == 302
    response = mo.post(f"/officer/referrals/{referral}/decision",
                       data={"outcome": "deny", "standard_reason": str(ident), "reasons": "x"})
    assert response.status_code == 400 and "no longer exists" in plain(response)
    with gw.sessions() as session:
        assert session.get(Referral, referral).status == "pending"


def test_wrong_entries_are_named_and_nothing_is_saved(mo, gw):
    add(mo)
    for data, words in (({"title": "", "text": "x"}, "give a short name"),
                        ({"title": "x" * 101, "text": "x"}, "use 100 characters or fewer"),
                        ({"title": "Other", "text": "  "}, "write the reason"),
                        ({"title": "Need to know", "text": "again"}, "already called")):
        response = mo.post("/officer/reasons", data=data)
        assert response.status_code == 400 and words in plain(response).lower(), data
        assert plain(response).startswith("Error:")
    with gw.sessions() as session:
        assert session.query(StandardReason).count() == 1


def test_each_change_is_audited(mo, gw):
    add(mo)
    ident = reason_id(gw)
    mo.post(f"/officer/reasons/{ident}", data={"title": "Need to know", "text": "New words."})
    mo.post(f"/officer/reasons/{ident}/remove")
    saved = gw.audit.records(event="standard_reason_saved")
    assert [r["detail"]["after"]["text"] for r in saved] == [NEED, "New words."]
    assert saved[1]["detail"]["before"]["text"] == NEED and saved[1]["actor"] == "off-mo"
    assert gw.audit.records(event="standard_reason_removed")[-1]["detail"]["before"]["text"] == "New words."
    assert "None yet." in plain(mo.get("/officer/reasons"))
