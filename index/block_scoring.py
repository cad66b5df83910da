"""Every match of a query of words scored a posting block at a time, with Whoosh's own scores.

Whoosh's `UnlimitedCollector` steps its matcher tree one document at a time, through several Python
calls per term per match: most of a new search's cost. For terms under And and Or (what the parser
makes of words) this has Whoosh build its matcher tree (`query.matcher`: the same shape, deletions
and boosts) around postings held unread (Whoosh's matchers read ahead when they are made;
`ArrayUnionMatcher` scores a whole part of the segment), then reads each term's postings a whole
block at a time (the ids and weights the codec decodes), scores a block in one pass, and combines
the children as the tree does: a union adds both scores where both match, an intersection keeps
the documents of both and adds. Floating-point addition is commutative but not associative, so
following the tree's own shape gives the very sums (bitwise) that Whoosh's matchers give. Any
other matcher (phrases, Not, AndNot, a coordination bonus...) is left to Whoosh.
"""

from array import array

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import (ArrayUnionMatcher, FilterMatcher, IntersectionMatcher, NullMatcherClass,
                             UnionMatcher, WrappingMatcher)
from whoosh.query import And, Or, Term


class _Unsupported(Exception):
    """A matcher this module does not score like Whoosh: Whoosh's collector scores the query."""


def scored_matches(searcher, query) -> tuple[array, array] | None:
    """(document numbers, their scores) of every match of `query`, in no particular order; None when
    Whoosh's collector is to score it (anything but terms under And and Or)."""
    if not _words_only(query):
        return None
    context = searcher.context()
    docnums, scores = array("i"), array("d")
    try:
        for sub, offset in searcher.leaf_searchers():
            found = _scores(query.matcher(_Unread(sub), context))
            docnums.extend([offset + docnum for docnum in found] if offset else found)
            scores.extend(found.values())
    except _Unsupported:
        return None
    return docnums, scores


class _Held:
    """A term's postings as Whoosh made them, held unread: an inactive leaf of the same term to the
    matchers built around it."""

    def __init__(self, postings):
        self.postings = postings

    def is_active(self):
        return False

    def children(self):
        return []

    def term(self):
        return self.postings.term()


_HELD: dict = {}   # class of postings -> its held class


def _held(postings) -> _Held:
    """`postings` held, as an instance of a subclass of its own class: Whoosh orders the clauses of
    equal weight by comparing their matchers, and those comparisons go by class (and subclass)."""
    kind = type(postings)
    held = _HELD.get(kind) or _HELD.setdefault(kind, type(f"Held{kind.__name__}", (_Held, kind), {}))
    return held(postings)


class _Unread:
    """A (segment) searcher whose term postings are held unread (`_Held`)."""

    def __init__(self, searcher):
        self._searcher = searcher

    def postings(self, fieldname, text, weighting=None, qf=1):
        return _held(self._searcher.postings(fieldname, text, weighting=weighting, qf=qf))

    def __getattr__(self, name):
        return getattr(self._searcher, name)


def _words_only(query) -> bool:
    return type(query) is Term or (type(query) in (And, Or) and all(_words_only(q) for q in query.subqueries))


def _scores(matcher) -> dict[int, float]:
    """{document number in the segment: the score Whoosh's `matcher.score()` gives there}."""
    if isinstance(matcher, _Held):
        return _scores(matcher.postings)
    kind = type(matcher)
    if kind is W3LeafMatcher:
        return _leaf_scores(matcher)
    if kind is UnionMatcher:
        return _union(_scores(matcher.a), _scores(matcher.b))
    if kind is IntersectionMatcher:
        a, b = _scores(matcher.a), _scores(matcher.b)
        return {docnum: a[docnum] + b[docnum] for docnum in a.keys() & b.keys()}
    if kind is FilterMatcher and matcher._exclude:   # deleted documents left out
        found = _boosted(_scores(matcher.child), matcher.boost)
        for docnum in found.keys() & matcher._ids:
            del found[docnum]
        return found
    if kind is WrappingMatcher:
        return _boosted(_scores(matcher.child), matcher.boost)
    if kind is ArrayUnionMatcher:   # adds its children's scores in their order; keeps only positive sums
        found = {}
        for child in matcher._submatchers:
            found = _union(found, _boosted(_scores(child), matcher._boost))
        return {docnum: score for docnum, score in found.items() if score > 0}
    if kind is NullMatcherClass:
        return {}
    raise _Unsupported(kind.__name__)


def _leaf_scores(matcher) -> dict[int, float]:
    block_scores = getattr(matcher.scorer, "block_scores", None)
    if block_scores is None:
        raise _Unsupported(type(matcher.scorer).__name__)
    found = {}
    # Whole blocks from the one it is at: a filter of deleted documents, when it is made, steps past
    # those at the start (reading the first block's ids), and what it stepped past is left out anyway.
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        matcher._read_weights()
        ids = matcher._ids
        found.update(zip(ids, block_scores(ids, matcher._weights)))
        matcher._next_block()
    return found


def _union(a: dict, b: dict) -> dict:
    """Both children's matches; where both match, the sum (a + b == b + a, bitwise)."""
    if len(a) < len(b):
        a, b = b, a
    for docnum in a.keys() & b.keys():
        b[docnum] += a[docnum]
    a.update(b)
    return a


def _boosted(found: dict, boost: float) -> dict:
    if boost == 1.0:   # x * 1.0 == x
        return found
    return {docnum: score * boost for docnum, score in found.items()}
