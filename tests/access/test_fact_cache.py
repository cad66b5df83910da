"""Facts cached per process are those of the current generation: a committed change is seen by the
next request, and a change that is rolled back is never seen by anyone else."""

import pytest

from gateway.access.gather import FactSource
from gateway.domain.generation import bump
from gateway.domain.models import Committee, Seat
from tests.factories import gateway_with_document


@pytest.fixture
def gw(tmp_path):
    return gateway_with_document(tmp_path, committee="cabinet")


def _facts(gw):
    with gw.sessions() as session:
        facts = FactSource(session)
        return facts.subject("cllr-ann"), facts.document("doc-1")


def test_a_committed_change_is_seen_by_the_next_unit_of_work(gw):
    sub, doc = _facts(gw)
    assert sub.seats == {"cabinet": "chair"} and doc.committee_name == "Cabinet"
    with gw.sessions() as session, session.begin():
        session.get(Seat, ("cllr-ann", "cabinet")).role = "member"
        session.get(Committee, "cabinet").name = "The Executive"
        bump(session)
    sub, doc = _facts(gw)
    assert sub.seats == {"cabinet": "member"} and doc.committee_name == "The Executive"


def test_a_change_rolled_back_is_not_cached_for_others(gw):
    _facts(gw)
    with gw.sessions() as session:
        session.get(Committee, "cabinet").name = "Never Committed"
        session.get(Seat, ("cllr-ann", "cabinet")).role = "vice_chair"
        bump(session)
        facts = FactSource(session)   # this transaction sees its own writes...
        assert facts.document("doc-1").committee_name == "Never Committed"
        assert facts.subject("cllr-ann").seats == {"cabinet": "vice_chair"}
        session.rollback()
    sub, doc = _facts(gw)             # ...and nobody else ever does
    assert sub.seats == {"cabinet": "chair"} and doc.committee_name == "Cabinet"
    with gw.sessions() as session, session.begin():
        bump(session)                 # the number the rolled-back transaction had seen
    sub, doc = _facts(gw)
    assert sub.seats == {"cabinet": "chair"} and doc.committee_name == "Cabinet"
