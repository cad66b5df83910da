"""Every match of a query of words scored a posting block at a time, with Whoosh's own scores.

Whoosh's `UnlimitedCollector` steps its matcher tree one document at a time, through several Python
calls per term per match: most of a new search's cost. For terms under And and Or (what the parser
makes of words) this has Whoosh build its matcher tree (`query.matcher`: the same shape, deletions
and boosts) around postings held unread (Whoosh's matchers read ahead when they are made;
`ArrayUnionMatcher` scores a whole part of the segment), then reads each term's postings a whole
block at a time (the ids and weights the codec decodes), scores a block in one pass, and combines
the children as the tree does: a union adds both scores where both match, an intersection keeps
the documents of both and adds. Floating-point addition is commutative but not associative, so
following the tree's own shape gives the very sums (bitwise) that Whoosh's matchers give.

A phrase (Whoosh's `SpanNear2` of its terms, next to each other in order) is read the same way:
each term's postings a block at a time with their positions held undecoded, the positions decoded
only where every term occurs, and its score the sum its intersection of terms gives there. Whoosh
steps such a phrase one posting at a time and builds a span object for every position: most of the
cost of a search for a phrase of common words. Any other matcher (Not, AndNot, a phrase with slop,
a coordination bonus...) is left to Whoosh.
"""

from array import array
from itertools import accumulate
from pickle import loads

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.formats import Positions
from whoosh.matching import (ArrayUnionMatcher, FilterMatcher, IntersectionMatcher, NullMatcherClass,
                             UnionMatcher, WrappingMatcher)
from whoosh.query import And, Or, Phrase, SpanNear2, Term
from whoosh.system import _INT_SIZE

_PHRASE = SpanNear2.SpanNear2Matcher   # what `Phrase.matcher` makes of a phrase's terms


class _Unsupported(Exception):
    """A matcher this module does not score like Whoosh: Whoosh's collector scores the query."""


def scored_matches(searcher, query, kept: "Kept | None" = None, only=None) -> tuple[array, array] | None:
    """(document numbers, their scores) of every match of `query`, in no particular order; None when
    Whoosh's collector is to score it (anything but terms and phrases under And and Or). The postings
    of `kept`'s terms are read once for every query given the same `kept` (and the same searcher).
    `only` (document numbers) limits where a phrase's positions are read: its matches among them."""
    if not _words_only(query):
        return None
    context = searcher.context()
    docnums, scores = array("i"), array("d")
    try:
        for sub, offset in searcher.leaf_searchers():
            end = offset + sub.doc_count_all()
            at = None if only is None else {docnum - offset for docnum in only if offset <= docnum < end}
            found = _scores(query.matcher(_Unread(sub, offset, kept, at), context))
            docnums.extend([offset + docnum for docnum in found] if offset else found)
            scores.extend(found.values())
    except _Unsupported:
        return None
    return docnums, scores


class Kept:
    """Postings read for one query and kept for the next over the same searcher (a phrase read after the
    words that hold it): the scores and encoded positions of the given terms, by segment. A phrase of
    common words otherwise reads most of the words' postings twice."""

    def __init__(self, terms):
        self.terms = {(fieldname, text.encode("utf-8") if isinstance(text, str) else text) for fieldname, text in terms}
        self.read: dict = {}   # (segment offset, fieldname, text) -> (scores, _Values)


class _Held:
    """A term's postings as Whoosh made them, held unread: an inactive leaf of the same term to the
    matchers built around it."""

    def __init__(self, postings):
        self.postings = postings
        self.key, self.kept = None, None   # (segment offset, fieldname, text), and where it may be kept
        self.only = None                   # a phrase's documents to be read at (None: all)

    def read(self, values: "_Values | None") -> dict[int, float]:
        """`_scores` of the postings, read once for every query sharing `kept` when the term is kept."""
        if self.kept is None or self.key[1:] not in self.kept.terms:
            return _scores(self.postings, values)
        found = self.kept.read.get(self.key)
        if found is None:
            own = _Values()
            found = self.kept.read[self.key] = (_scores(self.postings, own), own)
        scores, own = found
        if values is not None:
            values.by_doc, values.decode = own.by_doc, own.decode
        return dict(scores)   # a copy: unions add into the dicts they are given

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

    def __init__(self, searcher, offset: int = 0, kept: Kept | None = None, only: set | None = None):
        self._searcher, self._offset, self._kept, self._only = searcher, offset, kept, only

    def postings(self, fieldname, text, weighting=None, qf=1):
        held = _held(self._searcher.postings(fieldname, text, weighting=weighting, qf=qf))
        held.only = self._only
        if qf == 1:   # the scores of a term's postings depend on its field, text and qf only
            held.key, held.kept = (self._offset, fieldname, text), self._kept
        return held

    def __getattr__(self, name):
        return getattr(self._searcher, name)


def _words_only(query) -> bool:
    return type(query) in (Term, Phrase) or (type(query) in (And, Or) and all(_words_only(q) for q in query.subqueries))


class _Values:
    """A phrase term's posting values (encoded positions) by document number, and how to decode them."""

    def __init__(self):
        self.by_doc, self.decode = {}, None

    def positions(self, docnum):
        return self.decode(self.by_doc[docnum])


def _decode_positions(value: bytes):
    """`Positions.decode_positions` without its lookups, called at every document holding a phrase's
    terms: the count of positions, then their gaps pickled (the closing stop may have been left off)."""
    return accumulate(loads(value[_INT_SIZE:] if value.endswith(b".") else value[_INT_SIZE:] + b"."))


def _scores(matcher, values: _Values | None = None) -> dict[int, float]:
    """{document number in the segment: the score Whoosh's `matcher.score()` gives there}; the
    postings' values kept in `values` too when given (a phrase's term)."""
    if isinstance(matcher, _Held):
        return matcher.read(values)
    kind = type(matcher)
    if kind is W3LeafMatcher:
        return _leaf_scores(matcher, values)
    if kind is FilterMatcher and matcher._exclude:   # deleted documents left out
        found = _boosted(_scores(matcher.child, values), matcher.boost)
        for docnum in found.keys() & matcher._ids:
            del found[docnum]
        return found
    if kind is WrappingMatcher:
        return _boosted(_scores(matcher.child, values), matcher.boost)
    if values is not None:   # a phrase's term that is not a term's postings
        raise _Unsupported(kind.__name__)
    if kind is _PHRASE:
        return _boosted(_phrase_scores(matcher), matcher.boost)
    if kind is UnionMatcher:
        return _union(_scores(matcher.a), _scores(matcher.b))
    if kind is IntersectionMatcher:
        return _intersection(_scores(matcher.a), _scores(matcher.b))
    if kind is ArrayUnionMatcher:   # adds its children's scores in their order; keeps only positive sums
        found = {}
        for child in matcher._submatchers:
            found = _union(found, _boosted(_scores(child), matcher._boost))
        return {docnum: score for docnum, score in found.items() if score > 0}
    if kind is NullMatcherClass:
        return {}
    raise _Unsupported(kind.__name__)


def _leaf_scores(matcher, values: _Values | None = None) -> dict[int, float]:
    block_scores = getattr(matcher.scorer, "block_scores", None)
    if block_scores is None:
        raise _Unsupported(type(matcher.scorer).__name__)
    if values is not None:
        if not matcher.supports("positions"):
            raise _Unsupported(type(matcher.format).__name__)
        values.decode = _decode_positions if type(matcher.format) is Positions else matcher.format.decoder("positions")
    found = {}
    # Whole blocks from the one it is at: a filter of deleted documents, when it is made, steps past
    # those at the start (reading the first block's ids), and what it stepped past is left out anyway.
    while matcher.is_active():
        if matcher._ids is None:
            _read_ids(matcher)
        matcher._read_weights()
        ids = matcher._ids
        found.update(zip(ids, block_scores(ids, matcher._weights)))
        if values is not None:
            matcher._read_values()
            values.by_doc.update(zip(ids, matcher._values))
        matcher._next_block()
    return found


def _read_ids(matcher) -> None:
    """`W3LeafMatcher._read_ids`, the gaps between document numbers added up by `accumulate` (C) rather
    than Whoosh's `delta_decode` (a Python generator: a step for every posting of every block)."""
    if matcher._data is None:
        matcher._read_data()
    ids = matcher._data[0]
    matcher._ids = ids if matcher._byteids else tuple(accumulate(ids))


def _phrase_scores(matcher) -> dict[int, float]:
    """Where the terms of `matcher` (a `SpanNear2` of terms) occur one after the other, in order, their
    intersection's score: `SpanNear2Matcher._get_spans` with slop 1 and minimum distance 1 joins a span
    ending at p only with one starting at p + 1."""
    if (matcher.slop, matcher.ordered, matcher.mindist) != (1, True, 1):
        raise _Unsupported("SpanNear2 with slop")
    terms = [(leaf, _Values()) for leaf in matcher.ms]
    scored = {id(leaf): _scores(leaf, values) for leaf, values in terms}
    first, *rest = scored.values()
    only = getattr(matcher.ms[0], "only", None)
    candidates = set(first).intersection(*rest) if only is None else only.intersection(first, *rest)
    positions = [values for _leaf, values in terms]
    held = {docnum for docnum in candidates if _adjacent(docnum, positions)}
    return _tree_scores(matcher.child, {key: {d: found[d] for d in held} for key, found in scored.items()})


def _adjacent(docnum: int, terms: list[_Values]) -> bool:
    """Whether the terms occur at positions p, p + 1, p + 2... in this document."""
    ends = set(terms[0].positions(docnum))
    for values in terms[1:]:
        ends = {p + 1 for p in ends}.intersection(values.positions(docnum))
        if not ends:
            return False
    return bool(ends)


def _tree_scores(matcher, leaves: dict) -> dict[int, float]:
    """The scores of a phrase's tree of intersections over its terms, from the terms' scores (`leaves`,
    by the leaf matcher's identity) at the documents holding the phrase."""
    if type(matcher) is IntersectionMatcher:
        return _intersection(_tree_scores(matcher.a, leaves), _tree_scores(matcher.b, leaves))
    return leaves[id(matcher)]


def _intersection(a: dict, b: dict) -> dict:
    """The matches of both, scored a + b (as `IntersectionMatcher.score`)."""
    return {docnum: a[docnum] + b[docnum] for docnum in a.keys() & b.keys()}


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
