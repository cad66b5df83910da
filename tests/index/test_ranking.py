"""Ranking: the words typed together as a phrase rank first, without changing what is found or counted."""

import pytest

from gateway.domain.generation import bump
from tests.factories import add_document, gateway_with_document

CIVIC = ("Civic centre repairs. The civic centre roof leaks; the centre's hall is closed. Leisure groups that "
         "book the centre's hall will move to the library. The centre reopens in spring.")
LEISURE = ("Report on opening hours across the district. From January the leisure centre will open at seven "
           "every weekday, and later at weekends, after a consultation with residents, staff and the "
           "swimming clubs that use the pool in the early morning. " + "The timetable is appended. " * 8)


@pytest.fixture
def gw(tmp_path):
    gw = gateway_with_document(tmp_path, id="doc-civic", title="Civic centre repairs", pages=(CIVIC,))
    with gw.sessions() as session, session.begin():
        add_document(session, id="doc-leisure", title="Opening hours", pages=(LEISURE,))
        add_document(session, id="doc-exempt", title="Leisure centre staffing", paragraphs=[1],
                     pages=("Named staff of the leisure centre.",))
        bump(session)
    gw.index.update(gw, ["doc-1", "doc-civic", "doc-leisure", "doc-exempt"])
    return gw


def ranked(gw, query, account="cllr-bob"):
    found = gw.index.search(gw, account, query, page_size=10, snippets=False)
    return [r["id"] for r in found["results"]], found["total"]


def test_the_phrase_ranks_before_the_same_words_apart(gw):
    ids, total = ranked(gw, "leisure centre")
    assert ids[:2] == ["doc-exempt", "doc-leisure"] or ids[:2] == ["doc-leisure", "doc-exempt"]
    assert ids[-1] == "doc-civic" and total == 3
    # The words apart still match, and only the phrase moves a document up: the count is unchanged.
    assert ranked(gw, "centre leisure")[1] == 3


def test_words_in_the_other_order_rank_by_frequency_alone(gw):
    ids, _ = ranked(gw, "centre leisure")
    assert ids.index("doc-civic") < ids.index("doc-leisure")   # the civic report says "centre" most often


def test_a_quoted_phrase_or_operators_are_taken_as_written(gw):
    assert ranked(gw, '"leisure centre"')[1] == 2
    assert ranked(gw, "leisure OR civic")[1] == 3
