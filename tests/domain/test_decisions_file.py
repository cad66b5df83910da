"""Loading the Proper Officer decisions file: strict fields, all or nothing."""

from datetime import date

import pytest
from sqlalchemy import select

from gateway.domain.decisions_file import load_decisions
from gateway.domain.errors import InputError
from gateway.domain.models import ProperOfficerDecision
from tests.factories import gateway_with_document, write_yaml

GOOD = {"member": "cllr-bob", "document": "doc-1", "outcome": "grant", "reasons": "Needed for scrutiny"}


@pytest.fixture
def gw(tmp_path):
    return gateway_with_document(tmp_path)


def _stored(gw) -> list:
    with gw.sessions() as session:
        return [(d.outcome, d.until, d.reasons) for d in session.scalars(select(ProperOfficerDecision))]


def test_decisions_load_in_order_with_dates_as_text_or_yaml_dates(gw, tmp_path):
    path = write_yaml(tmp_path / "decisions.yaml", {"decisions": [
        {**GOOD, "until": "2027-03-31", "reasons": "  Needed  "},
        {**GOOD, "outcome": "deny", "until": date(2027, 4, 1), "ignored": "extra key"},
    ]})
    with gw.sessions() as session:
        assert load_decisions(session, path, decided_by="off-mo") == 2
    assert _stored(gw) == [("grant", date(2027, 3, 31), "Needed"), ("deny", date(2027, 4, 1), "Needed for scrutiny")]


@pytest.mark.parametrize("change, message", [
    ({"until": "31/03/2027"}, "decisions[1]: field 'until': '31/03/2027' is not an ISO date (YYYY-MM-DD)"),
    ({"until": "2027-03-31T10:00:00"}, "field 'until': '2027-03-31T10:00:00' is not an ISO date"),
    ({"outcome": "refer"}, "decisions[1]: field 'outcome': 'refer' is not one of grant, deny"),
    ({"outcome": True}, "field 'outcome': True is not one of grant, deny"),
    ({"member": "cllr-nobody"}, "decisions[1]: field 'member': unknown member 'cllr-nobody'"),
    ({"document": "../doc-1"}, "decisions[1]: field 'document': '../doc-1' is not an id"),
    ({"reasons": "   "}, "decisions[1]: field 'reasons': written reasons are required"),
    ({"reasons": ["a", "list"]}, "decisions[1]: field 'reasons': must be text, not ['a', 'list']"),
])
def test_a_bad_entry_names_itself_and_nothing_is_stored(gw, tmp_path, change, message):
    path = write_yaml(tmp_path / "decisions.yaml", {"decisions": [GOOD, {**GOOD, **change}]})
    with pytest.raises(InputError) as caught, gw.sessions() as session:
        load_decisions(session, path)
    assert str(caught.value).startswith(f"{path}: ") and message in str(caught.value)
    assert _stored(gw) == []


def test_a_file_without_decisions_is_refused(gw, tmp_path):
    path = write_yaml(tmp_path / "decisions.yaml", {"decision": [GOOD]})
    with pytest.raises(InputError, match="field 'decisions': missing section"), gw.sessions() as session:
        load_decisions(session, path)
