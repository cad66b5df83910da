"""Scoring a block of postings at a time gives Whoosh's own matches, scores (bitwise) and order, over
generated queries of words and phrases on an index of several segments with deleted documents."""

import random

import pytest
from whoosh.query import And, Not, Or, Phrase, Term
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from index.best_first import BestFirst
from index.block_scoring import scored_matches
from index.build import write_documents
from index import counting
from index.counting import _every_match, ranked_matches, top_and_total
from index.querylang import parse
from index.ranking import OwnTextWeighting
from index.schema import ANALYZER, IndexDoc, make_schema
from index.store import storage

WORDS = ["report", "budget", "council", "meeting", "housing", "roof", "hall", "staff", "library", "spring",
         "leisure", "centre", "tax", "grant", "waste", "park"]
ABSENT = ["zzyzx", "qwerty"]   # in no document: Whoosh makes an empty matcher for them


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    """About 700 documents of uneven lengths in four segments, some deleted and some replaced."""
    rng = random.Random(5)
    ix = storage(tmp_path_factory.mktemp("block-scoring")).create_index(make_schema())
    n = 0

    def doc(ident):
        common = rng.sample(WORDS, rng.randint(1, 6))   # each document uses a few words, some very often
        body = [rng.choice(common) if rng.random() < 0.7 else rng.choice(WORDS) for _ in range(rng.randint(0, 300))]
        return IndexDoc(id=ident, title=" ".join(rng.sample(WORDS, rng.randint(0, 4))), body=" ".join(body))

    for segment, size in enumerate((400, 160, 120, 30)):
        docs = [doc(f"doc-{i:04d}") for i in range(n, n + size)]
        n += size
        replaced = [doc(f"doc-{i:04d}") for i in rng.sample(range(n - size), 20)] if segment else []
        removed = [f"doc-{i:04d}" for i in rng.sample(range(n - size), 25)] if segment else []
        write_documents(ix, docs + replaced, remove=removed, fresh=segment == 0)
    with ix.searcher(weighting=OwnTextWeighting()) as s:
        readers = [sub.reader() for sub, _offset in s.leaf_searchers()]
        assert len(readers) >= 3 and any(r.has_deletions() for r in readers)
        yield s


def _term(rng):
    word = rng.choice(ABSENT) if rng.random() < 0.05 else rng.choice(WORDS)
    return Term(rng.choice(["title", "body"]), word, boost=rng.choice([1.0, 1.0, 1.0, 2.5, 0.3]))


def _phrase(rng):
    """One to three words as indexed (a word may repeat, or be in no document)."""
    words = [rng.choice(ABSENT) if rng.random() < 0.03 else rng.choice(WORDS) for _ in range(rng.choice([1, 2, 2, 2, 3]))]
    return Phrase(rng.choice(["title", "body", "body"]), [t.text for t in ANALYZER(" ".join(words))],
                  boost=rng.choice([1.0, 1.0, 100.0, 0.3]))


def _query(rng, depth=0):
    """A tree of And and Or over terms, up to three levels deep, some parts boosted."""
    if depth == 3 or rng.random() < 0.3:
        return _phrase(rng) if rng.random() < 0.25 else _term(rng)
    kind = rng.choice([And, Or, Or])
    return kind([_query(rng, depth + 1) for _ in range(rng.randint(2, 4))], boost=rng.choice([1.0, 1.0, 1.7]))


def _queries():
    rng = random.Random(11)
    typed = [" ".join(rng.sample(WORDS, rng.randint(1, 4))) for _ in range(30)]
    typed += [" OR ".join(rng.sample(WORDS, rng.randint(2, 6))) for _ in range(20)]
    typed += ["(housing OR budget) tax", "leisure centre OR park", "report zzyzx", "zzyzx OR qwerty"]
    typed += ['"leisure centre"', '"tax grant" OR waste', '"park park"', '"report zzyzx" OR "zzyzx"']
    parsed = [q for text in typed for q in (parse(text).readable, parse(text).listed)]
    words = [q.a if hasattr(q, "a") else q for q in parsed]
    phrases = [q.b for q in parsed if hasattr(q, "b")] + [_phrase(rng) for _ in range(60)]
    return words + phrases + [_query(rng) for _ in range(160)]


def _ranked(found):
    docnums, scores = found
    return sorted(zip(scores, docnums), key=lambda hit: (-hit[0], hit[1]))


# Or's matchers: a tree of unions shaped by term frequencies (segments over 5,000 documents, or two
# clauses), or one array adding clauses in order (smaller segments); all of them are followed.
@pytest.mark.parametrize("matcher_type", [Or.AUTO_MATCHER, Or.DEFAULT_MATCHER, Or.ARRAY_MATCHER])
def test_every_match_scores_as_whoosh_scores_it(searcher, matcher_type, monkeypatch):
    monkeypatch.setattr(Or, "matcher_type", matcher_type)
    queries = _queries()
    matched = 0
    for q in queries:
        found = scored_matches(searcher, q)
        assert found is not None, q
        assert _ranked(found) == _every_match(searcher, q), q   # scores compared with ==: bitwise
        matched += len(found[0]) > 0
    assert matched > 0.6 * len(queries)


def test_a_phrase_matches_where_its_words_are_next_to_each_other_in_order(searcher):
    for words in (["leisur", "centr"], ["centr", "leisur"], ["tax", "grant", "wast"], ["park", "park"]):
        found = scored_matches(searcher, Phrase("body", words))
        held = scored_matches(searcher, And([Term("body", word) for word in words]))
        assert 0 < len(found[0]) < len(set(held[0])), words   # some documents hold the words apart


def test_anything_but_terms_and_phrases_under_and_or_is_left_to_whoosh(searcher):
    for q in (Not(Term("body", "tax")), And([Term("body", "tax"), Not(Term("body", "roof"))]),
              Phrase("body", ["leisur", "centr"], slop=2), Or([Term("body", "tax"), Phrase("body", ["tax", "grant"], slop=3)]),
              Or([Term("body", "tax"), Term("body", "roof")], scale=0.5)):   # a coordination bonus
        assert scored_matches(searcher, q) is None
    other = Searcher(searcher.reader(), weighting=BM25F(), closereader=False)   # a scorer without block_scores
    assert scored_matches(other, Term("body", "tax")) is None


@pytest.mark.parametrize("blockwise", [True, False])
@pytest.mark.parametrize("share", [1.0, 0.3])
def test_pages_and_totals_are_whooshs_own(searcher, share, blockwise, monkeypatch):
    if not blockwise:   # words Whoosh's collector has scored are ranked the same way
        monkeypatch.setattr(counting, "scored_matches", lambda searcher, query, kept=None: None)
    rng = random.Random(13)
    allowed = {d for d in range(searcher.doc_count_all()) if rng.random() < share}
    for text in ("housing budget", "tax OR grant OR waste", "leisure centre", "roof NOT hall", '"leisure centre"'):
        q = parse(text).readable
        want = [hit for hit in _every_match(searcher, q) if hit[1] in allowed]
        ranked = ranked_matches(searcher, q)   # what a member keeps while paging
        for limit in (1, 20, 21, 400, len(want) + 5):
            assert top_and_total(ranked, limit, allowed) == (len(want), want[:limit]), (text, limit)


def test_best_first_takes_higher_scores_then_lower_document_numbers():
    best = BestFirst([7, 3, 9, 1, 5], [0.5, 2.0, 0.5, 0.5, 3.0])
    assert best.take(2) == [(3.0, 5), (2.0, 3)] and len(best) == 3
    assert best.take(10) == [(0.5, 1), (0.5, 7), (0.5, 9)] and best.done()


@pytest.mark.parametrize("seed", range(5))
def test_best_first_taken_in_any_steps_is_one_sorted_order(seed):
    rng = random.Random(seed)
    docnums = rng.sample(range(5000), 1500)
    scores = [rng.choice([0.5, 1.25, 3.0]) if rng.random() < 0.4 else rng.random() for _ in docnums]
    want = sorted(zip(scores, docnums), key=lambda hit: (-hit[0], hit[1]))
    best, got = BestFirst(docnums, scores), []
    while len(got) < len(want) // 2:
        got += best.take(rng.choice([1, 5, 40, 300]))
    assert got == want[:len(got)] and len(best) == len(want) - len(got)
    assert sorted(best.take_rest(), key=lambda hit: (-hit[0], hit[1])) == want[len(got):] and best.done()
