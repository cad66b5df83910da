"""Phrase matches first, positions read only where the ranking needs them: the same ranking as Whoosh's own
`AndMaybe` over every match, page after page, whoever may see what."""

import random

import pytest
from whoosh.query import And, Phrase, Term

from index import block_scoring, phrase_first
from index.block_scoring import Kept, scored_matches
from index.build import write_documents
from index.counting import _every_match, ranked_matches, top_and_total
from index.phrase_first import PhraseFirst, bound, phrase_scores
from index.querylang import parse
from index.ranking import OwnTextWeighting
from index.schema import IndexDoc, make_schema
from index.store import storage

FILLER = ["report", "budget", "council", "meeting", "housing", "roof", "hall", "staff", "library", "spring"]
QUERIES = ("leisure centre", "centre leisure", "leisure centre report", "council tax", "housing budget")


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    """900 documents in three segments: "leisure centre" as a phrase in about half of those holding both words."""
    rng = random.Random(3)
    ix = storage(tmp_path_factory.mktemp("phrase-first")).create_index(make_schema())
    n = 0
    for segment in range(3):
        docs = []
        for _ in range(300):
            words = [rng.choice(FILLER) for _ in range(rng.randint(5, 400))]
            for _ in range(rng.randint(0, 3)):
                at = rng.randrange(len(words))
                if rng.random() < 0.5:
                    words[at:at] = ["leisure", "centre"]
                else:
                    words[at:at] = ["centre", "of", "the", "leisure"]
            if rng.random() < 0.3:
                words[rng.randrange(len(words)):] = ["council", "tax"]
            title = " ".join(rng.sample(FILLER, 3)) + (" leisure centre" if rng.random() < 0.05 else "")
            docs.append(IndexDoc(id=f"doc-{n:04d}", title=title, body=" ".join(words)))
            n += 1
        write_documents(ix, docs, fresh=segment == 0)
    with ix.searcher(weighting=OwnTextWeighting()) as s:
        assert not s.reader().is_atomic()
        yield s


def _queries():
    for text in QUERIES:
        parsed = parse(text)
        for q in (parsed.readable, parsed.listed):
            if q is not None:
                assert isinstance(q, PhraseFirst) and bound(q) is not None
                yield q


@pytest.mark.parametrize("share", [1.0, 0.6])
def test_every_page_is_whooshs_own_ranking_of_every_match(searcher, share):
    rng = random.Random(7)
    allowed = {d for d in range(searcher.doc_count_all()) if rng.random() < share}
    for q in _queries():
        want = [(score, docnum) for score, docnum in _every_match(searcher, q) if docnum in allowed]
        for page_size in (7, 20, 1000):
            ranked = ranked_matches(searcher, q)   # what a member keeps while paging
            pages = []
            for page in range(1, len(want) // page_size + 2):
                total, top = top_and_total(ranked, page * page_size, allowed)
                assert total == len(want)
                pages += top[(page - 1) * page_size:]
            assert pages == want


def test_the_first_page_reads_the_phrase_only_at_the_best_matches(searcher):
    q = parse("leisure centre").readable
    everything = set(range(searcher.doc_count_all()))
    want = _every_match(searcher, q)
    assert len(want) > 4 * phrase_first.FIRST_READ
    ranked = ranked_matches(searcher, q)
    assert top_and_total(ranked, 20, everything) == (len(want), want[:20])
    assert ranked.rest.read == phrase_first.FIRST_READ   # not every match holding both words
    assert top_and_total(ranked, 400, everything) == (len(want), want[:400])
    assert ranked.rest is None   # the rest was read in one pass


def test_the_phrase_read_at_chosen_documents_scores_as_a_full_pass(searcher):
    phrase = parse("leisure centre").readable.b
    everywhere = phrase_scores(searcher, phrase)
    assert sorted(everywhere.items(), key=lambda hit: (-hit[1], hit[0])) == [(d, s) for s, d in _every_match(searcher, phrase)]
    chosen = random.Random(1).sample(range(searcher.doc_count_all()), 200)
    assert phrase_scores(searcher, phrase, chosen) == {d: s for d, s in everywhere.items() if d in set(chosen)}
    assert any(d in everywhere for d in chosen) and any(d not in everywhere for d in chosen)


def test_a_phrase_of_other_words_is_ranked_by_whoosh_in_one_go(searcher):
    q = PhraseFirst(And([Term("body", "leisure"), Term("body", "centr")]),
                    Phrase("body", ["leisur", "hall"]).with_boost(100.0))
    assert bound(q) is None
    ranked = ranked_matches(searcher, q)
    assert ranked.rest is None
    assert list(zip(ranked.scores, ranked.docnums)) == _every_match(searcher, q)


def test_a_phrase_read_after_its_words_reads_the_postings_kept_as_they_were_scored(searcher, monkeypatch):
    read = block_scoring._leaf_scores
    reads = []
    monkeypatch.setattr(block_scoring, "_leaf_scores", lambda *args: reads.append(args) or read(*args))
    for text in ("leisure centre", "council tax", "centre leisure"):
        q = parse(text).readable
        kept = Kept(q.b.iter_all_terms(phrases=True))
        assert scored_matches(searcher, q.a, kept) == scored_matches(searcher, q.a)
        assert kept.read
        reads.clear()
        assert phrase_scores(searcher, q.b, kept=kept) == _every_phrase_match(searcher, q.b)
        chosen = random.Random(1).sample(range(searcher.doc_count_all()), 200)
        assert phrase_scores(searcher, q.b, chosen, kept) == phrase_scores(searcher, q.b, chosen) != {}
        assert not reads   # every posting the phrase needs was kept
        assert phrase_scores(searcher, q.b) == _every_phrase_match(searcher, q.b) and reads


def _every_phrase_match(searcher, phrase):
    return {docnum: score for score, docnum in _every_match(searcher, phrase)}


def test_a_search_reads_the_phrase_from_the_kept_postings_until_it_is_answered(searcher, monkeypatch):
    read = block_scoring._leaf_scores
    reads = []
    monkeypatch.setattr(block_scoring, "_leaf_scores", lambda *args: reads.append(args) or read(*args))
    q = parse("leisure centre").readable
    everything = set(range(searcher.doc_count_all()))
    ranked = ranked_matches(searcher, q)
    ranked.settle(1)   # the phrase read at the best matches of the words
    assert ranked.rest.read == phrase_first.FIRST_READ
    scored = len(reads)
    ranked.settle(len(everything))   # then everywhere, later in the same search (a member who may see few)
    assert len(reads) == scored and ranked.rest is None
    assert list(zip(ranked.scores, ranked.docnums)) == _every_match(searcher, q)

    ranked = ranked_matches(searcher, q)
    top_and_total(ranked, 20, everything)
    assert ranked.rest.read == phrase_first.FIRST_READ and ranked.rest.kept is None   # a kept ranking keeps no postings
    scored = len(reads)
    assert top_and_total(ranked, 400, everything)[1] == _every_match(searcher, q)[:400]
    assert len(reads) > scored   # the next page reads the phrase afresh
