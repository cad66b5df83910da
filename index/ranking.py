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
        self.dfl = field_lengths(searcher, fieldname).__getitem__

    def _score(self, weight, length):
        k = self.k1 * (1.0 - self.b + self.b * (length or 1) / self.typical)
        return self.boost * weight * (self.k1 + 1.0) / (weight + k)


# reader -> {field: [length of that field in each document]}. A search scores every match, and reading
# each length from the index file was a fifth of that; a segment's lengths never change, and a
# refreshed searcher keeps the readers of the segments it kept.
_lengths: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_lengths_lock = threading.Lock()


def field_lengths(searcher, fieldname: str) -> list[int]:
    """The length of `fieldname` in each document of the searcher's (segment) reader, 1 where it has none."""
    reader = searcher.reader()
    with _lengths_lock:
        found = _lengths.setdefault(reader, {}).get(fieldname)
    if found is None:
        found = [searcher.doc_field_length(docnum, fieldname, 1) for docnum in range(reader.doc_count_all())]
        with _lengths_lock:
            _lengths[reader][fieldname] = found
    return found
