"""The Proper Officer's dashboard: each figure is a link to the list it counts, and figures, lists and the
queue agree; the Decided tab's filters and its CSV export (safe to open in a spreadsheet)."""

import csv
import html
import io
import re
from datetime import datetime, time, timedelta, timezone

import pytest

from gateway.domain.clock import LONDON, london_today
from gateway.domain.models import Document, Referral
from tests.web.conftest import sign_in

FIGURE = re.compile(r'id="figure-([a-z-]+)" href="([^"]+)"><span class="figure__number">([^<]+)</span>')


def plain(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def at(day, hour=12) -> datetime:
    """Naive UTC for `hour` o'clock on the council's `day` (as the database keeps times)."""
    return datetime.combine(day, time(hour), LONDON).astimezone(timezone.utc).replace(tzinfo=None)


@pytest.fixture
def service(gw):
    """Requests in every state the dashboard counts, relative to today: three waiting (one overdue, one due
    today), decisions this month (on time and late, by the Proper Officer and by a deputy), one last month, an
    open dispute; an exempt item whose review date has come."""
    today = london_today()
    month_start = today.replace(day=1)
    last_month = month_start - timedelta(days=3)
    rows = [
        # member, document, status, due, decided_at, decided_by, reasons
        ("cllr-bob", "doc-exempt", "pending", today - timedelta(days=1), None, None, None),
        ("cllr-bob", "doc-review", "pending", today, None, None, None),
        ("cllr-ann", "doc-review", "pending", today + timedelta(days=2), None, None, None),
        ("cllr-ann", "doc-exempt", "granted", today, at(today), "off-mo", "Needed for the Cabinet item"),
        ("cllr-bob", "doc-pool", "denied", month_start - timedelta(days=1), at(today), "off-mo",
         "=HYPERLINK(\"http://evil.example\",\"click\")"),
        ("cllr-ann", "doc-public", "granted", last_month, at(last_month), "off-mo", "+Old decision"),
    ]
    with gw.sessions() as session, session.begin():
        for member, document, status, due, decided_at, by, reasons in rows:
            session.add(Referral(member_id=member, document_id=document, reason="For my duties", capacity="councillor",
                                 rule="R-NEED-TO-KNOW", status=status, created_at=at(due - timedelta(days=2)), due=due,
                                 decided_at=decided_at, decided_by=by, decision_reasons=reasons))
        session.add(Referral(member_id="cllr-bob", document_id="doc-public", reason="For my ward",
                             rule="R-NEED-TO-KNOW", capacity="councillor", status="denied", created_at=at(today), due=today,
                             decided_at=at(today), decided_by="off-mo", decision_reasons="-Not needed",
                             dispute="I do need it", disputed_at=at(today)))
        session.get(Document, "doc-exempt").review_on = today
    return today


def figures(client) -> dict:
    page = client.get("/officer/dashboard")
    assert page.status_code == 200
    return {name: (html.unescape(href), number) for name, href, number in FIGURE.findall(page.get_data(as_text=True))}


def rows_in(page, table_id: str) -> int:
    text = page.get_data(as_text=True)
    if f'id="{table_id}"' not in text:
        return 0
    return text.split(f'id="{table_id}"')[1].split("</tbody>")[0].count("<tr>") - 1   # less the header row


def test_each_figure_is_the_length_of_the_list_it_links_to(mo, service):
    shown = figures(mo)
    assert {name: number for name, (_href, number) in shown.items()} == {
        "waiting": "3", "due-today": "1", "overdue": "1", "decided": "3", "on-time": "67%", "disputes": "1",
        "needing-review": "1", "reviews-due": "1"}
    for name in ("waiting", "due-today", "overdue", "disputes"):
        href, number = shown[name]
        assert rows_in(mo.get(href), "request-list") == int(number), name
    for name in ("decided", "on-time"):
        href, number = shown[name]
        listed = plain(mo.get(href))
        expected = int(number) if name == "decided" else round(int(number[:-1]) / 100 * int(shown["decided"][1]))
        assert f"{expected} decided request" in listed, (name, listed)
    assert f"{shown['needing-review'][1]} document" in plain(mo.get(shown["needing-review"][0]))
    reviews = plain(mo.get(shown["reviews-due"][0]))   # each row is tagged due today or overdue
    assert reviews.count("Due today") + reviews.count("Overdue") == int(shown["reviews-due"][1])
    assert "Disposal of land" in reviews


def test_the_figures_match_the_queue(mo, service):
    shown = figures(mo)
    queue = plain(mo.get("/officer/queue"))
    assert f"Waiting for a decision ({shown['waiting'][1]})" in queue
    assert f"Disputes to record ({shown['disputes'][1]})" in queue
    assert queue.count("Overdue") == int(shown["overdue"][1])       # the queue tags each row
    assert queue.count("Due today") == int(shown["due-today"][1])
    assert f"{shown['overdue'][1]} is overdue" in queue


def test_the_figures_follow_a_decision_at_once(mo, service, gw):
    before = figures(mo)
    with gw.sessions() as session:
        overdue = session.query(Referral).filter(Referral.status == "pending", Referral.due < service).one().id
    response = mo.post(f"/officer/referrals/{overdue}/decision", data={"outcome": "deny", "reasons": "Not needed"})
    assert response.status_code == 302
    after = figures(mo)
    assert int(after["waiting"][1]) == int(before["waiting"][1]) - 1
    assert after["overdue"][1] == "0" and int(after["decided"][1]) == int(before["decided"][1]) + 1


def test_only_the_proper_officer_and_deputies_see_the_dashboard(it, bob, auditor, service):
    for client in (it, bob, auditor):
        assert client.get("/officer/dashboard").status_code == 403
        assert client.get("/officer/decided?format=csv").status_code == 403


def decided_rows(client, **filters) -> list[dict]:
    response = client.get("/officer/decided", query_string={**filters, "format": "csv"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_the_decided_tab_shows_who_decided_their_reasons_and_whether_on_time(mo, service):
    page = plain(mo.get("/officer/decided"))
    assert "4 decided requests" in page
    assert "Mo Officer" in page and "Needed for the Cabinet item" in page and "Late" in page and "On time" in page


@pytest.mark.parametrize("filters, expected", [
    ({}, 4),
    ({"outcome": "granted"}, 2),
    ({"outcome": "denied"}, 2),
    ({"on_time": "no"}, 1),
    ({"on_time": "yes"}, 3),
    ({"member": "cllr-ann"}, 2),
    ({"decider": "off-mo"}, 4),
    ({"decider": "off-it"}, 0),
])
def test_the_decided_filters_and_the_csv_follow_them(mo, service, filters, expected):
    assert f"{expected} decided request" in plain(mo.get("/officer/decided", query_string=filters))
    rows = decided_rows(mo, **filters)
    assert len(rows) == expected
    for row in rows:
        if "outcome" in filters:
            assert row["outcome"] == filters["outcome"]
        if "on_time" in filters:
            assert row["on_time"] == filters["on_time"]
        if "member" in filters:
            assert row["member"] == filters["member"]


def test_the_date_range_counts_the_councils_days(mo, service):
    month_start = service.replace(day=1)
    rows = decided_rows(mo, since=month_start.isoformat(), until=service.isoformat())
    assert len(rows) == 3 and all(r["decided_by_name"] == "Mo Officer" for r in rows)
    earlier = decided_rows(mo, until=(month_start - timedelta(days=1)).isoformat())
    assert [r["reasons"] for r in earlier] == ["'+Old decision"]


def test_the_csv_cannot_run_as_a_formula(mo, service):
    reasons = {row["reasons"] for row in decided_rows(mo)}
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in reasons
    assert "'-Not needed" in reasons and "'+Old decision" in reasons
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in decided_rows(mo) for cell in row.values())


def test_a_wrong_date_is_named(mo, service):
    response = mo.get("/officer/decided", query_string={"since": "31/02/2026"})
    assert response.status_code == 400 and "Decided from" in plain(response)


def test_a_deputy_sees_the_dashboard_too(app, service, gw, it):
    from gateway.services import account_admin
    with gw.sessions() as session:
        _, password = account_admin.add_account(gw, session, "off-it", "officer", {
            "id": "off-dmo", "name": "Dee Deputy", "roles": ["deputy_proper_officer"]})
    deputy = app.test_client()
    deputy.post("/sign-in", data={"username": "off-dmo", "password": password})
    assert figures(deputy) == figures(sign_in(app.test_client(), "off-mo"))
