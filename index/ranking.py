"""Ranking that reads only the matched document's own text.

BM25's inverse document frequency and average field lengths are counted over every document in
the index, including those the caller may not see: scores would then tell a member how many
hidden documents contain a word. Here a document's score depends only on how often the query's
words occur in it and its own length (against fixed typical lengths), so a document the caller
cannot see never moves another's score or rank.
"""

import threading
import weakref

from whoosh.scoring import BaseScorer, WeightingModel, WeightLengthScorer

FIELD_BOOSTS = {"title": 3.0, "body": 1.0}
TYPICAL_LENGTHS = {"title": 8.0, "body": 2000.0}   # fixed, not measured over the index


class OwnTextWeighting(WeightingModel):
    use_final = False

    def __init__(self, k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b

    def idf(self, searcher, fieldname, text):
        return 1.0

    def scorer(self, searcher, fieldname, text, qf=1):
        boost = FIELD_BOOSTS.get(fieldname, 1.0) * qf
        field = searcher.schema[fieldname] if fieldname in searcher.schema else None  # noqa: SIM401
        if field is None or not field.scorable:
            return _ConstantScorer(boost)
        return _OwnTextScorer(searcher, fieldname, text, boost, self.k1, self.b,
                              TYPICAL_LENGTHS.get(fieldname, 100.0))


class _ConstantScorer(BaseScorer):
    def __init__(self, value):
        self.value = value

    def score(self, matcher):
        return self.value

    def max_quality(self):
        return self.value

    def block_quality(self, matcher):
        return self.value


class _OwnTextScorer(WeightLengthScorer):
    """BM25's term-frequency part against a fixed typical length: no IDF, no index-wide averages.

    The term's index-wide maximum weight and minimum length (`setup`) only bound scores, so that
    whoosh may skip blocks that cannot reach the top of the page; they never change a score.
    """

    def __init__(self, searcher, fieldname, text, boost, k1, b, typical):
        self.boost, self.k1, self.b, self.typical = boost, k1, b, typical
        self.setup(searcher, fieldname, text)
        lengths = field_lengths(searcher, fieldname)
        self.dfl = lengths.__getitem__
        self.norms = _kept(searcher, (fieldname, k1, b, typical), lambda _reader: _each_once(self._norm, lengths))

    def _norm(self, length):
        return self.k1 * (1.0 - self.b + self.b * (length or 1) / self.typical)

    def _score(self, weight, length):
        return self.boost * weight * (self.k1 + 1.0) / (weight + self._norm(length))

    def block_scores(self, ids, weights) -> list[float]:
        """`_score` at each posting of a block (its document numbers and weights), bitwise: the same
        operations in the same order, each document's `_norm` read from `norms` (twice as fast)."""
        boost, top, norms = self.boost, self.k1 + 1.0, self.norms
        return [boost * w * top / (w + norms[docnum]) for docnum, w in zip(ids, weights)]


# reader -> {key: [a value for each document]}: field lengths, and their `_norm`s. A search scores every
# match, and reading each length from the index file was a fifth of that; a segment's lengths never
# change, so a searcher opened after a commit is handed those of the segments it shares (`carry_over`).
_per_document: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_per_document_lock = threading.Lock()


def _kept(searcher, key, make) -> list:
    """`make(reader)` for the searcher's (segment) reader, made once and kept under `key`."""
    reader = searcher.reader()
    with _per_document_lock:
        found = _per_document.setdefault(reader, {}).get(key)
    if found is None:
        found = make(reader)
        with _per_document_lock:
            _per_document[reader][key] = found
    return found


def field_lengths(searcher, fieldname: str) -> list[int]:
    """The length of `fieldname` in each document of the searcher's (segment) reader, 1 where it has none."""
    return _kept(searcher, fieldname, lambda reader: _each_once(lambda n: n, [
        searcher.doc_field_length(docnum, fieldname, 1) for docnum in range(reader.doc_count_all())]))


def _each_once(value, lengths: list[int]) -> list:
    """`value(n)` for each length n, one object per distinct length: Whoosh stores a length in one byte, so
    a segment has at most 256 of them, and a list of its documents' lengths or norms holds the few
    objects many times over (a float or an int above 256 is 24-28 bytes, a list's reference 8)."""
    held = {n: value(n) for n in set(lengths)}
    return [held[n] for n in lengths]


def carry_over(old, new) -> None:
    """Hands what is kept for the readers of `old` (a searcher) to the readers of `new` over the same segments
    (segments are equal by their id): only a segment's deletions change, never its lengths."""
    with _per_document_lock:
        kept = {leaf.segment(): _per_document.get(leaf) for leaf, _offset in old.reader().leaf_readers()}
        for leaf, _offset in new.reader().leaf_readers():
            found = kept.get(leaf.segment())
            if found is not None:
                _per_document[leaf] = found
