"""Exempt-item review and timed release: release from a date (public on that date and not the day before,
for every member and in search), extend, keep with the public-interest test; all audited."""

from datetime import timedelta

import pytest

from gateway.access.gather import FactSource
from gateway.access.service import make_request
from gateway.domain.clock import london_today
from gateway.domain.models import Document

REASON = "I need this to scrutinise the restructure at committee"


def _review(client, headers, document="doc-exempt", **body):
    return client.post(f"/api/v1/documents/{document}/review", json=body, headers=headers)


def _decide(gw, member, at):
    with gw.sessions() as session:
        *_, decision = gw.access.decide(FactSource(session), member, "doc-exempt",
                                        make_request(reason=REASON, at=at.isoformat()), record=False)
    return decision


def test_a_released_document_is_public_on_its_release_date_and_not_the_day_before(client, gw, mo, bob, auditor):
    release = london_today() + timedelta(days=10)
    response = _review(client, mo, action="release", on=release.isoformat(),
                       reasons="The restructure is complete; naming the posts no longer harms anyone.")
    assert response.status_code == 200
    answer = response.get_json()
    assert (answer["action"], answer["on"], answer["release_on"]) == ("release", release.isoformat(),
                                                                       release.isoformat())

    before, on = release - timedelta(days=1), release
    assert (_decide(gw, "cllr-bob", before).rule, _decide(gw, "cllr-bob", on).rule) == ("R-NEED-TO-KNOW", "R-PUBLIC")
    assert (_decide(gw, "cllr-ann", before).rule, _decide(gw, "cllr-ann", on).rule) == ("R-COMMITTEE", "R-PUBLIC")
    officer_before, officer_on = _decide(gw, "off-aud", before), _decide(gw, "off-aud", on)
    assert (officer_before.outcome, officer_on.outcome) == ("deny", "grant")

    def found(member, at):
        results = gw.index.search(gw, member, "staff", at=at.isoformat())["results"]
        return {r["id"]: r["visibility"] for r in results}.get("doc-exempt")

    assert (found("cllr-bob", before), found("cllr-bob", on)) == ("listed", "open")
    assert (found("off-aud", before), found("off-aud", on)) == ("listed", "open")

    # Today it is not public yet; the API says so, and shows the dates to those who may see the document.
    assert client.get("/api/v1/documents/doc-exempt", headers=bob).get_json()["visibility"] == "listed"
    meta = client.get("/api/v1/documents/doc-exempt", headers=mo).get_json()
    assert meta["release_on"] == release.isoformat()
    assert "release_on" not in client.get("/api/v1/documents/doc-exempt", headers=bob).get_json()

    records = gw.audit.records(document="doc-exempt", event="document_review")
    assert [(r["actor"], r["detail"]["action"], r["detail"]["release_on"]) for r in records] == [
        ("off-mo", "release", release.isoformat())]


def test_released_today_is_public_now_in_search_over_the_api(client, mo, bob):
    assert _review(client, mo, action="release", reasons="The exemption has lapsed.").status_code == 200
    results = client.get("/api/v1/search", query_string={"q": "staff"}, headers=bob).get_json()["results"]
    assert [(r["id"], r["visibility"]) for r in results if r["id"] == "doc-exempt"] == [("doc-exempt", "open")]
    content = client.get("/api/v1/documents/doc-exempt/content", headers=bob)
    assert content.status_code == 200


def test_a_document_public_already_is_not_reviewed_again(client, gw, mo):
    assert _review(client, mo, action="release", reasons="The exemption has lapsed.").status_code == 200
    again = _review(client, mo, action="extend", on=(london_today() + timedelta(days=90)).isoformat(),
                    reasons="Second thoughts.")
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "conflict"
    assert "no exemption is left to review" in again.get_json()["error"]["message"]
    assert [r["detail"]["action"] for r in gw.audit.records(event="document_review")] == ["release"]
    assert client.get("/api/v1/documents/doc-exempt", headers=mo).get_json()["review_on"] is None


def test_extend_and_keep_set_the_review_date_and_the_queue_lists_what_is_due(client, gw, mo):
    today = london_today()
    with gw.sessions() as session, session.begin():
        session.get(Document, "doc-exempt").review_on = today
        session.get(Document, "doc-pool").review_on = today - timedelta(days=3)
        session.get(Document, "doc-public").review_on = today + timedelta(days=3)
    due = client.get("/api/v1/reviews", headers=mo).get_json()
    assert [(d["id"], d["review_on"]) for d in due] == [("doc-pool", (today - timedelta(days=3)).isoformat()),
                                                        ("doc-exempt", today.isoformat())]
    later = today + timedelta(days=365)
    extended = _review(client, mo, action="extend", on=later.isoformat(), reasons="Negotiations continue.")
    assert extended.status_code == 200 and extended.get_json()["review_on"] == later.isoformat()
    kept = _review(client, mo, document="doc-pool", action="keep",
                   reasons="Disclosure would still prejudice the council's negotiating position.")
    assert kept.status_code == 200 and kept.get_json()["review_on"] is None
    assert client.get("/api/v1/reviews", headers=mo).get_json() == []
    # Neither extend nor keep opens anything.
    assert _decide(gw, "cllr-bob", today).rule == "R-NEED-TO-KNOW"
    events = [(r["document"], r["detail"]["action"], r["detail"]["reasons"])
              for r in gw.audit.records(event="document_review")]
    assert events == [("doc-exempt", "extend", "Negotiations continue."),
                      ("doc-pool", "keep", "Disclosure would still prejudice the council's negotiating position.")]


@pytest.mark.parametrize("body, field", [
    ({"action": "sell", "reasons": "x"}, "action"),
    ({"action": "extend", "reasons": "No date given"}, "on"),
    ({"action": "extend", "on": "2001-01-01", "reasons": "In the past"}, "on"),
    ({"action": "release", "on": "2001-01-01", "reasons": "Backdated"}, "on"),
    ({"action": "keep", "reasons": "   "}, "reasons"),
])
def test_review_input_errors_name_the_field(client, mo, gw, body, field):
    response = _review(client, mo, **body)
    assert response.status_code == 400 and response.get_json()["field"] == field
    assert gw.audit.records(event="document_review") == []


def test_only_the_proper_officer_reviews(client, bob, auditor, admin, mo):
    body = {"action": "release", "reasons": "Let it out"}
    for headers in (bob, auditor, admin):
        assert _review(client, headers, **body).status_code == 403
        assert client.get("/api/v1/reviews", headers=headers).status_code == 403
    assert _review(client, mo, document="doc-nope", **body).status_code == 404
