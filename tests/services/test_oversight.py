"""The dashboard's sums count the council's days (London), not UTC's: a decision made just after midnight in
summer is late for a request due the day before, though its UTC date is still the due date."""

from datetime import date, datetime

import pytest

from gateway.domain.models import Referral
from gateway.services import oversight
from tests.factories import gateway_with_document

DUE = date(2026, 7, 1)


@pytest.fixture
def decided(tmp_path):
    """Two decisions on a request due 1 July 2026 (BST, UTC+1): 23:30 and 00:30 London time."""
    gw = gateway_with_document(tmp_path)
    with gw.sessions() as session, session.begin():
        for member, moment in (("cllr-ann", datetime(2026, 7, 1, 22, 30)), ("cllr-bob", datetime(2026, 7, 1, 23, 30))):
            session.add(Referral(member_id=member, document_id="doc-1", reason="For my duties", rule="R-NEED-TO-KNOW",
                                 capacity="councillor", status="granted", created_at=datetime(2026, 6, 29, 9),
                                 due=DUE, decided_at=moment, decided_by="off-mo", decision_reasons="Needed"))
    return gw


def test_on_time_is_by_the_councils_day(decided):
    with decided.sessions() as session:
        timely = {r.member_id: oversight.on_time(r) for r in oversight.decided(session)}
    assert timely == {"cllr-ann": True, "cllr-bob": False}


@pytest.mark.parametrize("since, until, members", [
    (DUE, DUE, ["cllr-ann"]),
    (date(2026, 7, 2), date(2026, 7, 2), ["cllr-bob"]),
    (DUE, date(2026, 7, 2), ["cllr-bob", "cllr-ann"]),
    (date(2026, 7, 3), None, []),
])
def test_the_date_range_is_by_the_councils_day(decided, since, until, members):
    with decided.sessions() as session:
        found = oversight.decided(session, oversight.DecidedFilter(since=since, until=until))
    assert [r.member_id for r in found] == members


def test_the_month_counts_the_councils_month(decided):
    with decided.sessions() as session:
        july = oversight.dashboard(session, date(2026, 7, 31))
        june = oversight.decided(session, oversight.this_month(date(2026, 6, 30)))
    assert (july["decided_this_month"], july["on_time_this_month"], july["on_time_percent"]) == (2, 1, 50)
    assert june == []
