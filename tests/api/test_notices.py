"""Notices by e-mail through a persistent outbox: queued with what they tell, sent by `gateway notify`
to a real SMTP server, kept while the server is down, never sent twice, never carrying document content."""

from dataclasses import replace

import pytest
from click.testing import CliRunner

from gateway.cli import main
from gateway.domain.models import Member, Notice, Officer
from gateway.services.notices import send_due
from tests.smtp_server import SMTPServer, free_port

REASON = "I need this to scrutinise the restructure at committee"
SECRET_TEXT = "Named staff members"
DECISION_REASONS = "Not needed for the work programme"


@pytest.fixture
def addresses(gw):
    with gw.sessions() as session, session.begin():
        session.get(Member, "cllr-bob").email = "bob@example.gov.uk"
        session.get(Officer, "off-mo").email = "mo@example.gov.uk"


def _mail_to(gw, port):
    gw.settings = replace(gw.settings, smtp_host="127.0.0.1", smtp_port=port, smtp_from="gateway@example.gov.uk")


def _outbox(gw):
    with gw.sessions() as session:
        return [(n.recipient_id, n.kind, n.status) for n in session.query(Notice).order_by(Notice.id)]


def test_the_whole_story_by_mail_with_the_server_down_then_back(client, gw, bob, mo, addresses):
    referral = client.post("/api/v1/documents/doc-exempt/requests", json={"reason": REASON},
                           headers=bob).get_json()["referral"]["id"]
    assert _outbox(gw) == [("off-mo", "request_arrived", "pending")]

    # No mail server configured: nothing is sent, the notice waits in the outbox.
    assert send_due(gw)["smtp"] == "off" and _outbox(gw)[0][2] == "pending"

    # Configured but down: nothing is lost, nothing counted against the notice.
    port = free_port()
    _mail_to(gw, port)
    down = send_due(gw)
    assert down["smtp"] == "unreachable" and down["sent"] == 0 and _outbox(gw)[0][2] == "pending"

    server = SMTPServer(port).start()
    try:
        assert send_due(gw)["sent"] == 1
        assert send_due(gw)["sent"] == 0  # never twice
        (sender, to, message), = server.messages
        assert to == ["mo@example.gov.uk"] and message["Subject"].startswith("Request for a document, due ")
        body = message.get_content()
        assert "Cllr Bob Brown" in body and "“Staffing restructure”" in body and f"/officer/referrals/{referral}" in body
        assert SECRET_TEXT not in body and REASON not in body

        client.post(f"/api/v1/referrals/{referral}/decision", headers=mo,
                    json={"outcome": "deny", "reasons": DECISION_REASONS})
        client.post(f"/api/v1/referrals/{referral}/dispute", headers=bob,
                    json={"grounds": "The paper is on our work programme this month"})
        client.post(f"/api/v1/referrals/{referral}/dispute-outcome", headers=mo,
                    json={"result": "upheld", "committee": "osc", "reasons": "It is on the work programme"})
        assert send_due(gw)["sent"] == 2
        decided, disputed = (m for _, _, m in server.messages[1:])
        assert decided["To"] == "bob@example.gov.uk" and decided["Subject"] == "Your request has been refused"
        assert "“Staffing restructure”" in decided.get_content() and f"/requests/{referral}" in decided.get_content()
        assert disputed["Subject"] == "Your dispute has been upheld"
        for m in (decided, disputed):
            assert SECRET_TEXT not in m.get_content() and DECISION_REASONS not in m.get_content()
    finally:
        server.stop()
    assert [r["detail"]["kind"] for r in gw.audit.records(event="notice_sent")] == [
        "request_arrived", "request_decided", "dispute_decided"]


def test_a_refused_recipient_is_retried_with_back_off_and_a_missing_address_fails_visibly(client, gw, bob, mo):
    with gw.sessions() as session, session.begin():
        session.get(Officer, "off-mo").email = "nobody@example.gov.uk"
    client.post("/api/v1/documents/doc-exempt/requests", json={"reason": REASON}, headers=bob)
    server = SMTPServer().start()
    server.refuse.add("nobody@example.gov.uk")
    try:
        _mail_to(gw, server.port)
        assert send_due(gw)["retry"] == 1
        with gw.sessions() as session:
            notice = session.query(Notice).one()
            assert notice.attempts == 1 and notice.next_attempt_at > notice.created_at and "550" in notice.last_error
        assert send_due(gw)["retry"] == 0  # not due again yet
    finally:
        server.stop()
    # The member has no address: the decision's notice fails, visibly, without stopping the others.
    referral = client.get("/api/v1/referrals", headers=mo).get_json()[0]["id"]
    client.post(f"/api/v1/referrals/{referral}/decision", headers=mo, json={"outcome": "grant", "reasons": "Fine"})
    server = SMTPServer().start()
    try:
        _mail_to(gw, server.port)
        result = send_due(gw)
        assert result["failed"] == 1
    finally:
        server.stop()
    assert ("cllr-bob", "request_decided", "failed") in _outbox(gw)


def test_notify_command_without_smtp_keeps_the_outbox(app, gw, monkeypatch, client, bob):
    client.post("/api/v1/documents/doc-exempt/requests", json={"reason": REASON}, headers=bob)
    monkeypatch.setenv("GATEWAY_DATA_DIR", str(gw.settings.data_dir))
    if gw.settings.database_url:
        monkeypatch.setenv("GATEWAY_DATABASE_URL", gw.settings.database_url)
    for key in ("GATEWAY_SMTP_HOST", "GATEWAY_AUDIT_KEY"):
        monkeypatch.delenv(key, raising=False)
    result = CliRunner().invoke(main, ["notify", "--json"])
    assert result.exit_code == 0, result.output
    assert '"smtp": "off"' in result.output and '"waiting": 1' in result.output


def test_a_daily_reminder_of_overdue_requests_and_reviews_is_queued_once_a_day(client, gw, bob):
    from datetime import date, timedelta

    from gateway.domain.clock import london_today
    from gateway.domain.models import Document, Referral

    referral = client.post("/api/v1/documents/doc-exempt/requests", json={"reason": REASON},
                           headers=bob).get_json()["referral"]["id"]
    with gw.sessions() as session, session.begin():
        session.get(Referral, referral).due = date(2026, 1, 5)
        session.get(Document, "doc-pool").review_on = london_today() - timedelta(days=1)
    assert send_due(gw)["queued"] == 1
    assert send_due(gw)["queued"] == 0
    with gw.sessions() as session:
        reminder = session.query(Notice).filter_by(kind="daily_reminder").one()
    assert reminder.recipient_id == "off-mo" and reminder.subject == "Due today: 1 request, 1 review"
    assert "(overdue)" in reminder.body and "“Swimming pool contract negotiation”" in reminder.body
    assert "Terms proposed" not in reminder.body
