"""The Proper Officer's reclassification: checked like documents.yaml, and it wins over what was declared."""

import pytest

from gateway.access.gather import FactSource
from gateway.domain.documents import document_labels
from gateway.domain.errors import InputError
from gateway.domain.models import Document
from gateway.domain.reclassification import UnknownDocument, reclassify
from tests.factories import gateway_with_document

PO = "off-mo"


@pytest.fixture
def gw(tmp_path):
    return gateway_with_document(tmp_path, paragraphs=[3])


def _reclassify(session, **changes):
    args = dict(exempt_paragraphs=[1, 2], party_group=None, flags=["third_party_personal_data"],
                needs_review=False, reasons="Names a tenant; paragraph 3 was wrong", by=PO)
    return reclassify(session, "doc-1", **{**args, **changes})


def test_the_reclassification_wins_and_records_reasons_who_and_the_version(gw):
    with gw.sessions() as session, session.begin():
        result = _reclassify(session)
    assert result["before"]["exempt_paragraphs"] == [3]
    assert result["after"]["exempt_paragraphs"] == [1, 2]
    with gw.sessions() as session:
        doc = session.get(Document, "doc-1")
        record = doc.reclassification
        assert (record["by"], record["reasons"], record["sha256"]) == (
            PO, "Names a tenant; paragraph 3 was wrong", doc.current_version.sha256)
        assert record["at"]
        facts = FactSource(session).document(doc.id)
        assert facts.paragraphs == {1, 2} and facts.flags == {"third_party_personal_data"}


def test_it_does_not_commit(gw):
    with gw.sessions() as session:
        _reclassify(session)
        session.rollback()
    with gw.sessions() as session:
        assert session.get(Document, "doc-1").reclassification is None


@pytest.mark.parametrize("field, value", [
    ("exempt_paragraphs", [8]), ("exempt_paragraphs", [True]), ("exempt_paragraphs", "3"),
    ("flags", ["secret"]), ("party_group", "grp-nowhere"), ("needs_review", "false"), ("reasons", "  "),
])
def test_bad_input_names_the_field_and_changes_nothing(gw, field, value):
    with gw.sessions() as session:
        with pytest.raises(InputError) as raised:
            _reclassify(session, **{field: value})
        assert raised.value.field == field and "doc-1" in str(raised.value)
        assert session.get(Document, "doc-1").reclassification is None


def test_an_unknown_document_is_named(gw):
    with gw.sessions() as session, pytest.raises(UnknownDocument, match="doc-9"):
        reclassify(session, "doc-9", exempt_paragraphs=[], party_group=None, flags=[], needs_review=False,
                   reasons="Public after all", by=PO)


def test_a_file_changed_after_the_reclassification_needs_review_with_that_reason(gw):
    with gw.sessions() as session, session.begin():
        _reclassify(session, exempt_paragraphs=[], flags=[])
        doc = session.get(Document, "doc-1")
        assert document_labels(doc)["needs_review"] is False
        doc.classified = {"exempt_paragraphs": [], "flags": [], "needs_review": False, "sha256": "f" * 64}
        labels = document_labels(doc)
    assert labels["needs_review"] is True
    assert labels["review_reasons"] == ["the file changed after the Proper Officer's reclassification"]
    assert labels["exempt_paragraphs"] == []
