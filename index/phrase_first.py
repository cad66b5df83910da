"""Words typed together rank first where they occur as a phrase: positions read only where the ranking needs them.

`PhraseFirst(words, phrase)` is Whoosh's `AndMaybe`: it matches what `words` matches, and a
match that also holds the phrase scores `words + phrase`. Whoosh finds that by reading the
positions of every document holding all the words, the slow part of a search for two common
words. The phrase only ever adds to a match's score, and by at most `factor - 1` times its score
from the words (its terms are among the words' terms, scored alike), so ranking needs positions
only for the matches whose best possible score could still reach the part of the ranking asked
for: `PhraseRanking` ranks the words (every match scored, so totals stay exact), reads the phrase
at the best of them (all the rest in one pass only if more is asked for), and settles the final
order from the top down as far as it is asked to. Each score it settles is Whoosh's own: the words' score plus the phrase matcher's
score at that document (`AndMaybeMatcher.score`).
"""

from bisect import bisect_left
from collections import Counter
from heapq import heapify, heappop

from whoosh.matching import WrappingMatcher
from whoosh.query import And, AndMaybe, Or, Phrase, Term

from index.best_first import BestFirst
from index.block_scoring import Kept, scored_matches

# The phrase is read first at the best this many matches of the words, then (if more of the ranking
# is asked for) at all the rest in one pass: reading at chosen documents decodes most posting blocks
# of the words anyway, so a second chosen batch would cost about what the whole pass costs.
FIRST_READ = 128
SLACK = 1e-9       # relative: sums of the same scores in another order differ in the last bits


class PhraseFirst(AndMaybe):
    """`words ANDMAYBE phrase`, where every term of `phrase` is a term of `words` (see `bound`)."""


def bound(query: PhraseFirst) -> float | None:
    """How many times its words' score a match may score at most, or None if that cannot be told.

    The words' score is the sum of its terms' scores (And and Or add them), each at least 0; the
    phrase's is `boost` times the sum of its terms' scores where it matches. So if every phrase
    term is a term of the words, the phrase adds at most boost x (times a term repeats) x words.
    """
    words, phrase = query.a, query.b
    if not all(isinstance(q, (And, Or, Term)) for q in _walk(words)):
        return None
    phrases = phrase.subqueries if isinstance(phrase, Or) else [phrase]
    if not phrases or not all(isinstance(p, Phrase) for p in phrases):
        return None
    terms = {(q.fieldname, q.text) for q in _walk(words) if isinstance(q, Term)}
    repeats = Counter((p.fieldname, w) for p in phrases for w in p.words)
    if not set(repeats) <= terms or any(q.boost < 0 for q in [phrase, *phrases, *_walk(words)]):
        return None
    return 1.0 + phrase.boost * max(p.boost for p in phrases) * max(repeats.values()) * (1.0 + SLACK)


def _walk(q):
    yield q
    for child in q.children():
        yield from _walk(child)


class _AtDocs(WrappingMatcher):
    """The wrapped term's postings at the given document numbers (sorted) only, reached by skipping."""

    def __init__(self, child, docnums: list[int], i: int = 0):
        super().__init__(child)
        self._docnums, self._i = docnums, i
        self._settle()

    def _settle(self):
        child, docnums = self.child, self._docnums
        while self._i < len(docnums) and child.is_active():
            want = docnums[self._i]
            if child.id() < want:
                child.skip_to(want)
                if not child.is_active():
                    return
            if child.id() == want:
                return
            self._i = bisect_left(docnums, child.id(), self._i)

    def is_active(self):
        return self._i < len(self._docnums) and self.child.is_active()

    def copy(self):
        return self.__class__(self.child.copy(), self._docnums, self._i)

    def _replacement(self, newchild):
        return self.__class__(newchild, self._docnums, self._i)

    def next(self):
        self._i += 1
        self._settle()

    def skip_to(self, id):
        self._i = bisect_left(self._docnums, id, self._i)
        self._settle()

    def all_ids(self):
        while self.is_active():
            yield self.id()
            self.next()


class _AtDocsSearcher:
    """A (segment) searcher whose term postings stop only at the given document numbers."""

    def __init__(self, searcher, docnums: list[int]):
        self._searcher, self._docnums = searcher, docnums

    def postings(self, fieldname, text, weighting=None, qf=1):
        return _AtDocs(self._searcher.postings(fieldname, text, weighting=weighting, qf=qf), self._docnums)

    def __getattr__(self, name):
        return getattr(self._searcher, name)


def phrase_scores(searcher, phrase, docnums=None, kept: Kept | None = None) -> dict[int, float]:
    """{document number: the phrase matcher's score} for the documents that hold the phrase, of
    `docnums` only (None: of all). A posting block at a time where `block_scoring` can: for all, or
    at chosen documents when the postings were read already (`kept`); else by skipping to them."""
    if docnums is None or (kept is not None and kept.read):
        found = scored_matches(searcher, phrase, kept, only=docnums)
        if found is not None:
            return dict(zip(*found))
    wanted = None if docnums is None else sorted(docnums)
    context = searcher.context()
    found = {}
    for sub, offset in searcher.leaf_searchers():
        if wanted is None:
            matcher = phrase.matcher(sub, context)
        else:
            start = bisect_left(wanted, offset)
            end = bisect_left(wanted, offset + sub.doc_count_all())
            if start == end:
                continue
            matcher = phrase.matcher(_AtDocsSearcher(sub, [d - offset for d in wanted[start:end]]), context)
        while matcher.is_active():
            found[matcher.id() + offset] = matcher.score()
            matcher.next()
    return found


class PhraseRanking:
    """The final order of a PhraseFirst query's matches, settled from the top down on demand.

    `words` gives the words' matches best first (`BestFirst`); `factor` is `bound(query)`.
    A match not yet read for the phrase may score up to `factor` x its words' score, so a read
    match is placed once its final score beats that for every match not yet read. `kept` holds the
    phrase terms' postings as the words were scored: the search that scored the words reads the
    phrase from there, and lets them go when it is answered (`let_go`), so a ranking kept for paging
    does not keep them.
    """

    def __init__(self, searcher, phrase, words: BestFirst, factor: float, kept: Kept | None = None):
        self.searcher, self.phrase, self.words, self.factor, self.kept = searcher, phrase, words, factor, kept
        self.read = 0                  # how many of the words' best matches have been read for the phrase
        self.unread = words.take(1)    # the best match not read yet ([(score, docnum)]), [] when none
        self.waiting = []              # heap of (-final score, docnum) read but not yet placed

    def done(self) -> bool:
        return not self.unread and not self.waiting

    def take(self, count: int) -> list:
        """The next `count` matches in final order ([(score, docnum)]; fewer at the end)."""
        out = []
        waiting, words = self.waiting, self.words
        while len(out) < count and not self.done():
            best_unread = self.unread[0][0] * self.factor if self.unread else None
            if waiting and (best_unread is None or -waiting[0][0] > best_unread):
                score, docnum = heappop(waiting)
                out.append((-score, docnum))
                continue
            if self.read == 0 and len(words) + 1 > 2 * FIRST_READ:
                batch = self.unread + words.take(FIRST_READ - 1)
                extra = phrase_scores(self.searcher, self.phrase, [docnum for _score, docnum in batch], self.kept)
                self.unread = words.take(1)
            else:
                batch = self.unread + words.take_rest()
                extra = phrase_scores(self.searcher, self.phrase, kept=self.kept)
                self.unread = []
            self.read += len(batch)
            for score, docnum in batch:
                boost = extra.get(docnum)
                waiting.append((-(score + boost if boost is not None else score), docnum))
            heapify(waiting)
        if self.done():
            self.searcher = None   # nothing more to read: let the searcher go
        return out

    def let_go(self):
        """Whatever reads the phrase after this reads its postings afresh."""
        self.kept = None
