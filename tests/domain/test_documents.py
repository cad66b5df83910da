"""documents.yaml entries: strict types, safe ids, the new fields parsed and passed into the facts."""

from datetime import date

import pytest

from gateway.access.gather import FactSource
from gateway.config import Settings
from gateway.domain.council_file import load_council
from gateway.domain.documents import check_entry
from gateway.domain.errors import InputError
from gateway.runtime import Gateway
from tests.factories import add_document, council_data, write_yaml

KNOWN = {"committees": {"cabinet"}, "portfolios": {"leisure"}, "matters": {"m-pool"}, "members": {"cllr-ann"},
         "groups": {"grp-opp"}}


def _check(tmp_path, **fields):
    (tmp_path / "a.txt").write_text("text")
    return check_entry({"id": "doc-1", "file": "a.txt", **fields}, 0, tmp_path, tmp_path / "documents.yaml", KNOWN)


def test_the_new_fields_are_parsed(tmp_path):
    entry = _check(tmp_path, executive_decision=True, review_on="2027-10-12", release_on=date(2028, 1, 1))
    assert entry.meta["executive_decision"] is True
    assert (entry.meta["review_on"], entry.meta["release_on"]) == (date(2027, 10, 12), date(2028, 1, 1))
    assert _check(tmp_path).meta["executive_decision"] is False


@pytest.mark.parametrize("fields, field", [
    ({"admin_only": "false"}, "admin_only"),
    ({"executive_decision": 1}, "executive_decision"),
    ({"needs_review": "no"}, "needs_review"),
    ({"exempt_paragraphs": [True]}, "exempt_paragraphs"),
    ({"id": "../etc/passwd"}, "id"),
    ({"id": "doc\x00one"}, "id"),
    ({"id": "-leading-dash"}, "id"),
    ({"id": "x" * 101}, "id"),
    ({"title": "Report\x00"}, "title"),
    ({"service": ["legal"]}, "service"),
    ({"file": "a\x00.txt"}, "file"),
    ({"committee": ["cabinet"]}, "committee"),
    ({"matters": [{"id": "m-pool"}]}, "matters"),
    ({"release_on": "next year"}, "release_on"),
    ({"review_on": 20271012}, "review_on"),
])
def test_a_wrong_type_names_file_entry_and_field(tmp_path, fields, field):
    with pytest.raises(InputError) as raised:
        _check(tmp_path, **fields)
    assert raised.value.field == field
    assert raised.value.entry.startswith("documents[0]") and raised.value.file.endswith("documents.yaml")
    assert "\x00" not in str(raised.value)


def test_the_facts_carry_the_new_fields(tmp_path):
    gw = Gateway(Settings(data_dir=tmp_path / "data"))
    gw.init()
    with gw.sessions() as session:
        load_council(session, write_yaml(tmp_path / "council.yaml", council_data()))
    with gw.sessions() as session, session.begin():
        add_document(session, "doc-1", committee=None, executive_decision=True, release_on=date(2027, 1, 1),
                     review_on=date(2026, 12, 1))
    with gw.sessions() as session:
        facts = FactSource(session).document("doc-1")
    assert facts.executive and facts.committee is None
    assert (facts.release_on, facts.review_on) == (date(2027, 1, 1), date(2026, 12, 1))


def test_declared_matters_even_none_win_over_inferred_ones(tmp_path):
    gw = Gateway(Settings(data_dir=tmp_path / "data"))
    gw.init()
    with gw.sessions() as session:
        load_council(session, write_yaml(tmp_path / "council.yaml", council_data()))
    with gw.sessions() as session, session.begin():
        add_document(session, "doc-none", matters=[], inferred_matters=["m-pool"])
        add_document(session, "doc-inferred", matters=None, inferred_matters=["m-pool"])
    with gw.sessions() as session:
        facts = FactSource(session)
        assert facts.document("doc-none").matters == frozenset()
        assert facts.document("doc-inferred").matters == {"m-pool"}
