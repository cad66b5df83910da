"""The whole life of a request told by e-mail, end to end through a real SMTP server: who is told of
what, the mail server going down in the middle, and the audit log telling the story in order."""

from dataclasses import replace

from gateway.domain.clock import london_today
from gateway.domain.council_file import load_council
from gateway.domain.models import Member, Notice, Officer
from gateway.services.notices import send_due
from tests.api.conftest import add_documents, api_council, pdf_text
from tests.factories import write_yaml
from tests.smtp_server import SMTPServer, free_port

REASON = "I need this to scrutinise the restructure at committee"
SECRET_TEXT = "Named staff members"
REFUSAL = "Not needed for the work programme"
GROUNDS = "The restructure is on our work programme this month"
COMMITTEE_REASONS = "It is on the scrutiny work programme"


def _addresses(gw):
    with gw.sessions() as session, session.begin():
        session.get(Member, "cllr-bob").email = "bob@example.gov.uk"
        session.get(Officer, "off-mo").email = "mo@example.gov.uk"


def _mail_to(gw, port):
    gw.settings = replace(gw.settings, smtp_host="127.0.0.1", smtp_port=port, smtp_from="gateway@example.gov.uk")


def _mail(server):
    return [(to, m["Subject"], m["X-Gateway-Notice"], m.get_content()) for _, to, m in server.messages]


def test_request_to_opening_after_an_upheld_dispute_told_by_mail_with_an_outage(client, gw, bob, mo):
    _addresses(gw)
    port = free_port()
    _mail_to(gw, port)
    server = SMTPServer(port).start()
    try:
        referral = client.post("/api/v1/documents/doc-exempt/requests", json={"reason": REASON},
                               headers=bob).get_json()["referral"]["id"]
        assert send_due(gw)["sent"] == 1
        (to, subject, _, body), = _mail(server)
        assert to == ["mo@example.gov.uk"] and subject.startswith("Request for a document")
        assert f"/officer/referrals/{referral}" in body

        assert client.post(f"/api/v1/referrals/{referral}/decision", headers=mo,
                           json={"outcome": "deny", "reasons": REFUSAL}).status_code == 200
        assert send_due(gw)["sent"] == 1
        to, subject, _, body = _mail(server)[-1]
        assert to == ["bob@example.gov.uk"] and subject == "Your request has been refused"
        assert "“Staffing restructure”" in body and REFUSAL not in body
    finally:
        server.stop()

    # The mail server is down while the dispute is decided: the member's notice waits in the outbox.
    assert client.post(f"/api/v1/referrals/{referral}/dispute", headers=bob,
                       json={"grounds": GROUNDS}).status_code == 200
    assert client.post(f"/api/v1/referrals/{referral}/dispute-outcome", headers=mo,
                       json={"result": "upheld", "committee": "osc", "reasons": COMMITTEE_REASONS}).status_code == 200
    for _ in range(2):
        down = send_due(gw)
        assert down["smtp"] == "unreachable" and down["sent"] == 0 and down["waiting"] == 1

    server = SMTPServer(port).start()
    try:
        assert send_due(gw)["sent"] == 1
        assert send_due(gw)["sent"] == 0
        (to, subject, _, body), = _mail(server)
        assert to == ["bob@example.gov.uk"] and subject == "Your dispute has been upheld"
        for text in (SECRET_TEXT, GROUNDS, COMMITTEE_REASONS, REASON):
            assert text not in body
    finally:
        server.stop()
    with gw.sessions() as session:
        notices = session.query(Notice).order_by(Notice.id).all()
        assert [(n.kind, n.status, n.attempts) for n in notices] == [
            ("request_arrived", "sent", 1), ("request_decided", "sent", 1), ("dispute_decided", "sent", 1)]

    # The member opens the document, as the committee decided.
    content = client.get("/api/v1/documents/doc-exempt/content", query_string={"reason": REASON}, headers=bob)
    assert content.status_code == 200 and SECRET_TEXT in pdf_text(content.get_data())

    story = [(r["event"], r["actor"], r["outcome"], (r["detail"] or {}).get("kind"))
             for r in client.get("/api/v1/audit", headers=mo, query_string={"since": london_today().isoformat()})
             .get_json()
             if r["event"] in ("referral", "adjudication", "dispute", "dispute_outcome", "notice_sent")
             or (r["event"] == "decision" and r["actor"] == "cllr-bob" and r["document"] == "doc-exempt")]
    steps = [(e, a, o, k) for e, a, o, k in story if e != "decision"]
    assert steps == [
        ("referral", "cllr-bob", "refer", None), ("notice_sent", None, None, "request_arrived"),
        ("adjudication", "off-mo", "deny", None), ("notice_sent", None, None, "request_decided"),
        ("dispute", "cllr-bob", None, None), ("dispute_outcome", "off-mo", "grant", None),
        ("notice_sent", None, None, "dispute_decided")]
    assert story[-1][:3] == ("decision", "cllr-bob", "grant")


def test_deputies_and_where_the_council_says_so_the_holders_concerned_are_told(app, client, gw, bob, mo, tmp_path):
    council = api_council()
    council["council"]["tell_holders_of_requests"] = True
    council["officers"].append({"id": "off-deputy", "name": "Dee Deputy", "roles": ["deputy_proper_officer"],
                                "email": "deputy@example.gov.uk"})
    with gw.sessions() as session:
        load_council(session, write_yaml(tmp_path / "council-2.yaml", council))
    referral = client.post("/api/v1/documents/doc-exempt/requests", json={"reason": REASON},
                           headers=bob).get_json()["referral"]["id"]
    client.post(f"/api/v1/referrals/{referral}/decision", headers=mo,
                json={"outcome": "grant", "reasons": "Needed for the review"})
    with gw.sessions() as session:
        told = [(n.recipient_id, n.kind, n.body) for n in session.query(Notice).order_by(Notice.id)]
    assert [(who, kind) for who, kind, _ in told] == [
        ("off-deputy", "request_arrived"), ("off-mo", "request_arrived"),
        # Cllr Ann chairs Cabinet (the paper's committee): told of the request, then of what was supplied.
        ("cllr-ann", "holder_request"), ("cllr-bob", "request_decided"), ("cllr-ann", "holder_supplied")]
    for who, kind, body in told:
        assert REASON not in body and SECRET_TEXT not in body and "Needed for the review" not in body
    holder = [body for who, kind, body in told if kind == "holder_supplied"][0]
    assert "Cllr Bob Brown" in holder and "“Staffing restructure”" in holder

    council["council"]["tell_holders_of_requests"] = False
    with gw.sessions() as session:
        load_council(session, write_yaml(tmp_path / "council-3.yaml", council))
    add_documents(gw, {"doc-exempt-2": dict(title="Leisure pay review", paragraphs=[1])})
    assert client.post("/api/v1/documents/doc-exempt-2/requests", json={"reason": REASON},
                       headers=bob).status_code == 201
    with gw.sessions() as session:
        later = [(n.recipient_id, n.kind) for n in session.query(Notice).filter(Notice.id > len(told))]
    assert later == [("off-deputy", "request_arrived"), ("off-mo", "request_arrived")]


def test_a_request_needed_today_is_in_the_daily_reminder(client, gw, bob):
    client.post("/api/v1/documents/doc-exempt/requests", json={"reason": REASON, "needed_by": london_today().isoformat()},
                headers=bob)
    assert send_due(gw)["queued"] == 1
    with gw.sessions() as session:
        reminder = session.query(Notice).filter_by(kind="daily_reminder").one()
    assert "needed by" in reminder.body and "“Staffing restructure”" in reminder.body
