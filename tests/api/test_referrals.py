"""Requests, the Proper Officer's queue and decisions, disputes: the whole path through the API."""

from datetime import date, datetime

import pytest

import gateway.domain.referrals
from gateway.access.gather import FactSource
from gateway.access.service import make_request
from tests.api.conftest import pdf_text

REASON = "I need this to scrutinise the restructure at committee"


@pytest.fixture
def christmas_eve(monkeypatch):
    """Requests made on Thursday 24 December 2026: Christmas Day and Boxing Day (substitute, Monday 28) excluded."""
    monkeypatch.setattr(gateway.domain.referrals, "utcnow", lambda: datetime(2026, 12, 24, 10, 0))


def _request(client, headers, document="doc-exempt", **body):
    return client.post(f"/api/v1/documents/{document}/requests", json=body, headers=headers)


def test_request_referral_decision_then_content(client, bob, mo, christmas_eve, gw):
    refused = client.get("/api/v1/documents/doc-exempt/content", query_string={"reason": REASON}, headers=bob)
    assert refused.status_code == 403

    response = _request(client, bob, reason=REASON)
    assert response.status_code == 201
    referral = response.get_json()["referral"]
    assert referral["status"] == "pending"
    assert referral["due"] == "2026-12-30"  # 2 working days (004:5.4)
    assert response.get_json()["decision"]["outcome"] == "refer"

    queue = client.get("/api/v1/referrals?status=pending", headers=mo)
    assert queue.status_code == 200
    assert [(r["id"], r["member"], r["document"], r["reason"]) for r in queue.get_json()] == [
        (referral["id"], "cllr-bob", "doc-exempt", REASON)]

    decided = client.post(f"/api/v1/referrals/{referral['id']}/decision", headers=mo,
                          json={"outcome": "grant", "reasons": "Needed for the scrutiny review", "until": "2027-03-31"})
    assert decided.status_code == 200
    assert decided.get_json()["status"] == "granted" and decided.get_json()["until"] == "2027-03-31"
    assert client.get("/api/v1/referrals", headers=mo).get_json() == []

    content = client.get("/api/v1/documents/doc-exempt/content", query_string={"reason": REASON}, headers=bob)
    assert content.status_code == 200 and "Provided to Cllr Bob Brown" in pdf_text(content.get_data())
    meta = client.get("/api/v1/documents/doc-exempt", headers=bob).get_json()
    assert meta["decision"]["rule"] == "R-PO-GRANT" and meta["visibility"] == "open"
    assert [r["event"] for r in gw.audit.records(document="doc-exempt")].count("adjudication") == 1


def test_refusal_dispute_and_its_outcome(client, bob, mo):
    referral = _request(client, bob, reason=REASON).get_json()["referral"]
    refused = client.post(f"/api/v1/referrals/{referral['id']}/decision", headers=mo,
                          json={"outcome": "deny", "reasons": "Not needed for the work programme"})
    assert refused.status_code == 200 and refused.get_json()["status"] == "denied"

    content = client.get("/api/v1/documents/doc-exempt/content", query_string={"reason": REASON}, headers=bob)
    assert content.status_code == 403 and content.get_json()["decision"]["rule"] == "R-PO-REFUSED"

    mine = client.get("/api/v1/referrals/mine", headers=bob).get_json()
    assert [(r["id"], r["status"], r["decision_reasons"]) for r in mine] == [
        (referral["id"], "denied", "Not needed for the work programme")]

    short = client.post(f"/api/v1/referrals/{referral['id']}/dispute", headers=bob, json={"grounds": "wrong"})
    assert short.status_code == 400 and short.get_json()["error"]["message"].startswith("grounds:")
    disputed = client.post(f"/api/v1/referrals/{referral['id']}/dispute", headers=bob,
                           json={"grounds": "The paper is on our work programme this month"})
    assert disputed.status_code == 200 and disputed.get_json()["dispute"].startswith("The paper")
    again = client.post(f"/api/v1/referrals/{referral['id']}/dispute", headers=bob,
                        json={"grounds": "The paper is on our work programme this month"})
    assert again.status_code == 409

    outcome = client.post(f"/api/v1/referrals/{referral['id']}/dispute-outcome", headers=mo,
                          json={"result": "dismissed", "committee": "Standards Committee",
                                "reasons": "The refusal was right: the names are not needed"})
    assert outcome.status_code == 200
    answer = outcome.get_json()
    assert (answer["dispute_result"], answer["dispute_committee"]) == ("dismissed", "Standards Committee")
    assert answer["dispute_outcome"].startswith("Standards Committee dismissed the dispute on ")
    assert answer["dispute_outcome"].endswith(": The refusal was right: the names are not needed")
    # Dismissed: the refusal stands.
    content = client.get("/api/v1/documents/doc-exempt/content", query_string={"reason": REASON}, headers=bob)
    assert content.status_code == 403 and content.get_json()["decision"]["rule"] == "R-PO-REFUSED"
    again = client.post(f"/api/v1/referrals/{referral['id']}/dispute-outcome", headers=mo,
                        json={"result": "upheld", "committee": "Standards Committee", "reasons": "Second thoughts"})
    assert again.status_code == 409


def _refused_and_disputed(client, bob, mo) -> int:
    referral = _request(client, bob, reason=REASON).get_json()["referral"]["id"]
    assert client.post(f"/api/v1/referrals/{referral}/decision", headers=mo,
                       json={"outcome": "deny", "reasons": "Not needed for the work programme"}).status_code == 200
    assert client.post(f"/api/v1/referrals/{referral}/dispute", headers=bob,
                       json={"grounds": "The paper is on our work programme this month"}).status_code == 200
    return referral


def test_an_upheld_dispute_grants_the_member_and_the_audit_log_tells_the_story(client, bob, mo, gw):
    referral = _refused_and_disputed(client, bob, mo)
    decision = client.get("/api/v1/documents/doc-exempt", headers=bob).get_json()["decision"]
    assert decision["rule"] == "R-PO-REFUSED"

    upheld = client.post(f"/api/v1/referrals/{referral}/dispute-outcome", headers=mo,
                         json={"result": "upheld", "committee": "osc",
                               "reasons": "The restructure is on the scrutiny work programme", "until": "2099-03-31"})
    assert upheld.status_code == 200
    answer = upheld.get_json()
    assert answer["dispute_result"] == "upheld" and answer["dispute_until"] == "2099-03-31"
    assert answer["status"] == "denied"  # the Proper Officer's own decision is not rewritten

    meta = client.get("/api/v1/documents/doc-exempt", headers=bob).get_json()
    assert meta["decision"]["outcome"] == "grant" and meta["decision"]["rule"] == "R-PO-GRANT"
    assert meta["visibility"] == "open"
    reasons = " ".join(meta["decision"]["reasons"])
    assert "until 31 March 2099" in reasons and "upheld the dispute" in reasons
    assert "The restructure is on the scrutiny work programme" in reasons
    content = client.get("/api/v1/documents/doc-exempt/content", query_string={"reason": REASON}, headers=bob)
    assert content.status_code == 200
    # The grant lapses after its end date, like any Proper Officer grant.
    with gw.sessions() as session:
        for at, rule in (("2099-03-31", "R-PO-GRANT"), ("2099-04-01", "R-NEED-TO-KNOW")):
            *_, later = gw.access.decide(FactSource(session), "cllr-bob", "doc-exempt",
                                         make_request(reason=REASON, at=at), record=False)
            assert later.rule == rule, at

    story = [(r["event"], r["actor"], r["outcome"], r["rule"])
             for r in client.get("/api/v1/audit", query_string={"document": "doc-exempt"}, headers=mo).get_json()
             if r["event"] != "decision" or r["actor"] == "cllr-bob"]
    events = [e for e, *_ in story]
    steps = ["referral", "adjudication", "dispute", "dispute_outcome"]
    positions = [events.index(step) for step in steps]
    assert positions == sorted(positions), story
    assert story[events.index("adjudication")][2] == "deny"
    assert story[events.index("dispute_outcome")][1:3] == ("off-mo", "grant")
    after = [s for s in story[events.index("dispute_outcome"):] if s[0] == "decision"]
    assert after and after[0][2:] == ("grant", "R-PO-GRANT")
    record = [r for r in gw.audit.records(document="doc-exempt", event="dispute_outcome")][0]
    assert record["detail"]["committee"] == "osc" and record["detail"]["result"] == "upheld"
    assert record["detail"]["member"] == "cllr-bob" and record["detail"]["until"] == "2099-03-31"


def test_dispute_outcome_input_errors(client, bob, mo):
    referral = _refused_and_disputed(client, bob, mo)
    url = f"/api/v1/referrals/{referral}/dispute-outcome"
    body = {"result": "upheld", "committee": "osc", "reasons": "On the work programme"}
    assert client.post(url, headers=mo, json={**body, "result": "maybe"}).get_json()["field"] == "result"
    assert client.post(url, headers=mo, json={**body, "committee": " "}).status_code == 400
    assert client.post(url, headers=mo, json={**body, "reasons": ""}).status_code == 400
    past = client.post(url, headers=mo, json={**body, "until": "2001-01-01"})
    assert past.status_code == 400 and past.get_json()["field"] == "until"
    dismissed_until = client.post(url, headers=mo, json={**body, "result": "dismissed", "until": "2099-01-01"})
    assert dismissed_until.status_code == 400
    assert client.post(url, headers=bob, json=body).status_code == 403
    assert client.post("/api/v1/referrals/999/dispute-outcome", headers=mo, json=body).status_code == 404


def test_granted_outright_is_200_with_the_decision(client, ann):
    response = _request(client, ann, reason=REASON)
    assert response.status_code == 200
    assert response.get_json() == {"decision": response.get_json()["decision"]}
    assert response.get_json()["decision"]["outcome"] == "grant"


def test_denied_is_403_with_the_decision(client, bob):
    response = _request(client, bob, document="doc-pool", reason=REASON)
    assert response.status_code == 403
    assert response.get_json()["decision"]["rule"] == "R-INTEREST"


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "curious"}, {"reason": "just interested in it"},
                                  {"reason": None}])
def test_no_reason_that_counts_is_r_no_reason(client, bob, mo, body):
    response = _request(client, bob, **body)
    assert response.status_code == 403
    assert response.get_json()["decision"]["rule"] == "R-NO-REASON"
    assert client.get("/api/v1/referrals", headers=mo).get_json() == []


def test_request_input_errors_name_the_field(client, bob):
    assert _request(client, bob, reason=12).get_json()["field"] == "reason"
    response = _request(client, bob, reason=REASON, capacity="sideways")
    assert response.status_code == 400 and response.get_json()["error"]["message"].startswith("capacity:")
    response = client.post("/api/v1/documents/doc-exempt/requests", data="reason=x", headers=bob,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_json"


def test_a_repeated_request_returns_the_pending_referral(client, bob):
    first = _request(client, bob, reason=REASON).get_json()["referral"]
    second = _request(client, bob, reason=REASON + " again").get_json()["referral"]
    assert first["id"] == second["id"]


def test_only_the_proper_officer_keeps_the_queue(client, ann, bob, auditor, admin):
    referral = _request(client, bob, reason=REASON).get_json()["referral"]
    for headers in (ann, bob, auditor, admin):
        assert client.get("/api/v1/referrals", headers=headers).status_code == 403
        response = client.post(f"/api/v1/referrals/{referral['id']}/decision", headers=headers,
                               json={"outcome": "grant", "reasons": "Self-service"})
        assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize("body, field", [
    ({"outcome": "maybe", "reasons": "Because"}, "outcome"),
    ({"reasons": "Because"}, "outcome"),
    ({"outcome": "grant"}, "reasons"),
    ({"outcome": "grant", "reasons": "   "}, "reasons"),
    ({"outcome": "grant", "reasons": 5}, "reasons"),
    ({"outcome": ["grant"], "reasons": "Because"}, "outcome"),
    ({"outcome": "grant", "reasons": "Because", "until": "next week"}, "until"),
    ({"outcome": "grant", "reasons": "Because", "until": 20270331}, "until"),
    ({"outcome": "grant", "reasons": "Because", "until": "2020-01-01"}, "until"),
    ({"outcome": "deny", "reasons": "Because", "until": "2020-01-01"}, "until"),
])
def test_decision_input_errors_are_400_naming_the_field(client, bob, mo, body, field):
    referral = _request(client, bob, reason=REASON).get_json()["referral"]
    response = client.post(f"/api/v1/referrals/{referral['id']}/decision", headers=mo, json=body)
    assert response.status_code == 400, response.get_json()
    assert response.get_json()["error"]["message"].startswith(f"{field}:")
    assert client.get(f"/api/v1/referrals/{referral['id']}", headers=mo).get_json()["status"] == "pending"


def test_deciding_twice_or_an_unknown_referral(client, bob, mo):
    referral = _request(client, bob, reason=REASON).get_json()["referral"]
    url = f"/api/v1/referrals/{referral['id']}/decision"
    assert client.post(url, headers=mo, json={"outcome": "deny", "reasons": "No"}).status_code == 200
    assert client.post(url, headers=mo, json={"outcome": "grant", "reasons": "Yes"}).status_code == 409
    unknown = client.post("/api/v1/referrals/9999/decision", headers=mo, json={"outcome": "grant", "reasons": "Yes"})
    assert unknown.status_code == 404 and unknown.is_json


def test_a_referral_is_seen_by_its_member_and_the_proper_officer_only(client, ann, bob, mo):
    referral = _request(client, bob, reason=REASON).get_json()["referral"]
    url = f"/api/v1/referrals/{referral['id']}"
    own = client.get(url, headers=bob)
    assert own.status_code == 200 and "context" not in own.get_json()
    seen = client.get(url, headers=mo)
    assert seen.status_code == 200
    context = seen.get_json()["context"]
    assert context["document"]["classification"]["exempt_paragraphs"] == [1]
    assert context["member"]["committees"] == [{"committee": "osc", "role": "member"}]
    assert context["member"]["interests"] == [{"kind": "pecuniary", "matter": "m-pool",
                                               "description": "Owns a pool supplier"}]
    assert client.get(url, headers=ann).status_code == 404
    assert client.get("/api/v1/referrals/mine", headers=ann).get_json() == []
    other = client.post(f"{url}/dispute", headers=ann, json={"grounds": "I think this is wrong for sure"})
    assert other.status_code == 404


def test_the_due_date_skips_bank_holidays(client, bob, christmas_eve):
    referral = _request(client, bob, reason=REASON).get_json()["referral"]
    assert date.fromisoformat(referral["due"]) == date(2026, 12, 30)
