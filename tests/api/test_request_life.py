"""After the first answer: a refusal with an end date, asking again with new information, the Proper
Officer's reconsideration, a grant withdrawn early, and the member's own deadline in the queue."""

from datetime import timedelta

from gateway.domain.clock import london_today
from gateway.domain.models import Notice, ProperOfficerDecision
from gateway.domain.generation import bump
from tests.api.conftest import add_documents

REASON = "I need this to scrutinise the restructure at committee"
NEW_REASON = "The restructure now affects my ward's leisure centre, which the report did not mention"


def _request(client, headers, document="doc-exempt", **body):
    return client.post(f"/api/v1/documents/{document}/requests", json=body, headers=headers)


def _refused(client, bob, mo, **decision) -> int:
    referral = _request(client, bob, reason=REASON).get_json()["referral"]["id"]
    answer = client.post(f"/api/v1/referrals/{referral}/decision", headers=mo,
                         json={"outcome": "deny", "reasons": "Not needed for the work programme", **decision})
    assert answer.status_code == 200, answer.get_json()
    return referral


def _granted(client, bob, mo) -> int:
    referral = _request(client, bob, reason=REASON).get_json()["referral"]["id"]
    assert client.post(f"/api/v1/referrals/{referral}/decision", headers=mo,
                       json={"outcome": "grant", "reasons": "Needed for the review"}).status_code == 200
    return referral


def _rule(client, headers, document="doc-exempt"):
    return client.get(f"/api/v1/documents/{document}", headers=headers).get_json()["decision"]["rule"]


def _notices(gw, kind):
    with gw.sessions() as session:
        return [(n.recipient_id, n.subject) for n in session.query(Notice).filter_by(kind=kind).order_by(Notice.id)]


def test_a_refusal_with_an_end_date_lapses_and_then_needs_a_new_reason(client, gw, bob, mo):
    end = london_today() + timedelta(days=30)
    referral = _refused(client, bob, mo, until=end.isoformat())
    assert client.get(f"/api/v1/referrals/{referral}", headers=bob).get_json()["until"] == end.isoformat()
    with gw.sessions() as session:
        told = session.query(Notice).filter_by(kind="request_decided").one().body
    assert f"The refusal lasts until {end:%A} {end.day}" in told and "you may ask again" in told
    refused = _request(client, bob, reason=NEW_REASON)
    assert refused.status_code == 403 and refused.get_json()["decision"]["rule"] == "R-PO-REFUSED"

    with gw.sessions() as session, session.begin():  # the end date has passed
        session.query(ProperOfficerDecision).one().until = london_today() - timedelta(days=1)
        bump(session)
    assert _rule(client, bob) == "R-NO-REASON"  # refer again, once a need to know is stated
    same = _request(client, bob, reason=f"  {REASON.upper()} ")
    assert same.status_code == 400 and same.get_json()["field"] == "reason"
    assert "new reason" in same.get_json()["error"]["message"]
    again = _request(client, bob, reason=NEW_REASON)
    assert again.status_code == 201 and again.get_json()["referral"]["new_information"] is False


def test_asking_again_at_once_with_new_information_reaches_the_proper_officer_with_the_history(client, gw, bob, mo):
    first = _refused(client, bob, mo)
    plain = _request(client, bob, reason=NEW_REASON)
    assert plain.status_code == 403 and plain.get_json()["decision"]["rule"] == "R-PO-REFUSED"
    assert client.get("/api/v1/referrals", headers=mo).get_json() == []

    short = _request(client, bob, reason="new facts", new_information=True)
    assert short.status_code == 400 and short.get_json()["field"] == "reason"
    asked = _request(client, bob, reason=NEW_REASON, new_information=True)
    assert asked.status_code == 201, asked.get_json()
    second = asked.get_json()["referral"]
    assert second["new_information"] is True and second["rule"] == "R-PO-REFUSED"
    assert asked.get_json()["decision"]["outcome"] == "deny"  # the refusal answers until decided again
    assert _rule(client, bob) == "R-PO-REFUSED"
    assert [n[0] for n in _notices(gw, "request_arrived")] == ["off-mo", "off-mo"]

    history = client.get(f"/api/v1/referrals/{second['id']}", headers=mo).get_json()["context"]["history"]
    assert [(r["id"], r["status"], r["reason"]) for r in history["requests"]] == [
        (first, "denied", REASON), (second["id"], "pending", NEW_REASON)]
    assert [(d["outcome"], d["reasons"]) for d in history["decisions"]] == [
        ("deny", "Not needed for the work programme")]
    assert "context" not in client.get(f"/api/v1/referrals/{second['id']}", headers=bob).get_json()

    assert client.post(f"/api/v1/referrals/{second['id']}/decision", headers=mo,
                       json={"outcome": "grant", "reasons": "The ward link is new"}).status_code == 200
    assert _rule(client, bob) == "R-PO-GRANT"


def test_the_proper_officer_reconsiders_a_refusal_and_the_member_is_told(client, gw, bob, mo):
    referral = _refused(client, bob, mo)
    twice = client.post(f"/api/v1/referrals/{referral}/decision", headers=mo,
                        json={"outcome": "grant", "reasons": "Changed my mind"})
    assert twice.status_code == 409 and "reconsider" in twice.get_json()["error"]["message"]

    bad = client.post(f"/api/v1/referrals/{referral}/reconsideration", headers=mo, json={"outcome": "grant"})
    assert bad.status_code == 400 and bad.get_json()["field"] == "reasons"
    assert client.post(f"/api/v1/referrals/{referral}/reconsideration", headers=bob,
                       json={"outcome": "grant", "reasons": "Self-service"}).status_code == 403
    done = client.post(f"/api/v1/referrals/{referral}/reconsideration", headers=mo,
                       json={"outcome": "grant", "reasons": "The committee now meets on it", "until": "2099-01-31"})
    assert done.status_code == 200
    answer = done.get_json()
    assert answer["status"] == "granted" and answer["reconsidered_at"] and answer["until"] == "2099-01-31"
    assert answer["decision_reasons"] == "The committee now meets on it"
    assert _rule(client, bob) == "R-PO-GRANT"
    assert _notices(gw, "request_reconsidered") == [("cllr-bob", "Your request has been granted on reconsideration")]
    again = client.post(f"/api/v1/referrals/{referral}/reconsideration", headers=mo,
                        json={"outcome": "deny", "reasons": "No"})
    assert again.status_code == 409

    record, = gw.audit.records(event="reconsideration")
    assert (record["actor"], record["outcome"], record["document"]) == ("off-mo", "grant", "doc-exempt")
    assert record["detail"]["reasons"] == "The committee now meets on it"
    history = client.get(f"/api/v1/referrals/{referral}", headers=mo).get_json()["context"]["history"]
    assert [d["outcome"] for d in history["decisions"]] == ["deny", "grant"]


def test_a_standing_grant_is_withdrawn_early_and_the_member_is_told(client, gw, bob, mo):
    referral = _granted(client, bob, mo)
    assert _rule(client, bob) == "R-PO-GRANT"
    missing = client.post(f"/api/v1/referrals/{referral}/withdrawal", headers=mo, json={"reasons": " "})
    assert missing.status_code == 400 and missing.get_json()["field"] == "reasons"

    done = client.post(f"/api/v1/referrals/{referral}/withdrawal", headers=mo,
                       json={"reasons": "The review it was needed for has ended"})
    assert done.status_code == 200
    assert done.get_json()["status"] == "withdrawn" and done.get_json()["withdrawn_at"]
    meta = client.get("/api/v1/documents/doc-exempt", headers=bob).get_json()
    assert meta["decision"]["rule"] == "R-PO-REFUSED" and meta["visibility"] == "listed"
    assert "The review it was needed for has ended" in " ".join(meta["decision"]["reasons"])
    content = client.get("/api/v1/documents/doc-exempt/content", query_string={"reason": REASON}, headers=bob)
    assert content.status_code == 403
    (to, subject), = _notices(gw, "grant_withdrawn")
    assert to == "cllr-bob" and subject == "Your access to a document has been withdrawn"
    record, = gw.audit.records(event="grant_withdrawn")
    assert (record["actor"], record["outcome"], record["detail"]["member"]) == ("off-mo", "deny", "cllr-bob")
    assert client.post(f"/api/v1/referrals/{referral}/withdrawal", headers=mo,
                       json={"reasons": "Again"}).status_code == 409


def test_an_upheld_dispute_can_be_withdrawn_but_a_refusal_cannot(client, bob, mo):
    referral = _refused(client, bob, mo)
    refusal = client.post(f"/api/v1/referrals/{referral}/withdrawal", headers=mo, json={"reasons": "Nothing to end"})
    assert refusal.status_code == 409
    client.post(f"/api/v1/referrals/{referral}/dispute", headers=bob,
                json={"grounds": "The paper is on our work programme this month"})
    client.post(f"/api/v1/referrals/{referral}/dispute-outcome", headers=mo,
                json={"result": "upheld", "committee": "osc", "reasons": "On the work programme"})
    assert _rule(client, bob) == "R-PO-GRANT"
    assert client.post(f"/api/v1/referrals/{referral}/withdrawal", headers=mo,
                       json={"reasons": "The committee's review ended"}).status_code == 200
    assert _rule(client, bob) == "R-PO-REFUSED"


def test_the_queue_puts_the_earlier_of_due_date_and_needed_by_first(client, gw, bob, mo):
    add_documents(gw, {"doc-exempt-2": dict(title="Leisure pay review", paragraphs=[1])})
    later = _request(client, bob, reason=REASON).get_json()["referral"]
    tomorrow = london_today() + timedelta(days=1)
    sooner = _request(client, bob, "doc-exempt-2", reason=REASON, needed_by=tomorrow.isoformat())
    assert sooner.status_code == 201, sooner.get_json()
    assert sooner.get_json()["referral"]["needed_by"] == tomorrow.isoformat()
    queue = client.get("/api/v1/referrals", headers=mo).get_json()
    assert [r["document"] for r in queue] == ["doc-exempt-2", "doc-exempt"]
    assert queue[1]["id"] == later["id"] and queue[1]["needed_by"] is None

    past = _request(client, bob, "doc-pool", reason=REASON, needed_by="2020-01-01")
    assert past.status_code in (400, 403)
    with gw.sessions() as session:
        (body,) = [n.body for n in session.query(Notice).filter_by(kind="request_arrived")
                   if "doc-exempt-2" in n.body]
    assert f"needs it by {tomorrow:%A} {tomorrow.day}" in body


def test_the_changed_published_documents_for_it_and_the_proper_officer(client, gw, mo, admin, bob):
    from datetime import datetime

    from gateway.domain.models import DocumentVersion

    with gw.sessions() as session, session.begin():
        for ident, day, note in (("doc-public", 20, "Corrected the opening hours"),
                                 ("doc-public", 22, "Added the winter timetable"),
                                 ("doc-admin", 21, "Group note on tactics")):
            session.add(DocumentVersion(document_id=ident, sha256="1" * 64, media_type="text/plain", size=1,
                                        pages=["Revised."], extraction_status="ok",
                                        ingested_at=datetime(2026, 11, day, 10), note=note))
    seen = client.get("/api/v1/amendments", headers=mo).get_json()
    assert [(a["id"], a["note"], a["changes"]) for a in seen] == [
        ("doc-public", "Added the winter timetable", 2), ("doc-admin", "Group note on tactics", 1)]
    # IT does not discover another group's internal paper: it is not in IT's list at all.
    assert [a["id"] for a in client.get("/api/v1/amendments", headers=admin).get_json()] == ["doc-public"]
    assert client.get("/api/v1/amendments", headers=bob).status_code == 403
