"""Every match of a query, scored once; then each caller's exact total and top N from that list.

Whoosh's `TopCollector` raises a minimum score once its heap is full and hands it to
`matcher.replace(minscore)`, which drops the branches of an OR (title OR body) that can no longer
reach the top N. That finds the right top N but stops counting the documents those branches would
have matched: totals and page counts came out short for common words. So every match is scored (no
pruning: `index.block_scoring` for words, Whoosh's `UnlimitedCollector` for anything else), and the
caller's allow-list is applied to the ranked list, put in order only as far as a page needs it.

Scores read only the matched document's own text (`ranking.OwnTextWeighting`), so the ranked list
is the same whoever asks; scoring is most of a search's cost, so a caller paging through results
or asking again reuses their list (`RankedCache`) until the index changes.
"""

import threading
import weakref
from array import array
from collections import OrderedDict

from whoosh.collectors import UnlimitedCollector

from index.best_first import BestFirst
from index.block_scoring import Kept, scored_matches
from index.phrase_first import PhraseFirst, PhraseRanking, bound


class Ranked:
    """Every document number matching a query (`matches`, for counting), and the ranking, best first
    (score, then document number): `docnums` with their `scores`, as far as it is settled; `rest`
    (None once all is settled) settles more when asked (`settle`)."""

    def __init__(self, docnums: array, scores: array, rest: BestFirst | PhraseRanking | None = None,
                 matches: array | None = None):
        self.docnums, self.scores, self.rest = docnums, scores, rest
        self.matches = docnums if matches is None else matches
        self.lock = threading.Lock()
        self._counted = (None, 0)   # (weak reference to the allowed set last counted, its count)

    def total(self, allowed: set) -> int:
        """How many matches are in `allowed`. The count for the set asked about last is kept: a member
        paging asks again with the same set (allowed sets are never changed once made)."""
        ref, count = self._counted
        if ref is None or ref() is not allowed:
            count = len(allowed.intersection(self.matches))
            self._counted = (weakref.ref(allowed), count)
        return count

    def settle(self, count: int) -> bool:
        """Settles up to `count` more of the ranking; False when it was all settled already."""
        with self.lock:
            if self.rest is None:
                return False
            for score, docnum in self.rest.take(count):
                self.docnums.append(docnum)
                self.scores.append(score)
            if self.rest.done():
                self.rest = None
            return True

    def answered(self):
        """The search that made this ranking is answered: what was kept for it alone is let go."""
        rest = self.rest
        if isinstance(rest, PhraseRanking):
            rest.let_go()


class _Segment:
    """Ranked lists, least recently used first, and how many matches they hold in all."""

    def __init__(self, budget: int):
        self.budget, self.held = budget, 0
        self.items: OrderedDict = OrderedDict()

    def get(self, key) -> Ranked | None:
        found = self.items.get(key)
        if found is not None:
            self.items.move_to_end(key)
        return found

    def pop(self, key) -> Ranked | None:
        found = self.items.pop(key, None)
        self.held -= len(found.matches) if found is not None else 0
        return found

    def add(self, key, ranked: Ranked) -> list:
        """Keeps `ranked` as the most recent; returns [(key, list)] pushed out to stay within the budget
        (least recent first; the newest is kept even alone over the budget)."""
        self.items[key] = ranked
        self.held += len(ranked.matches)
        out = []
        while self.held > self.budget and len(self.items) > 1:
            old_key, old = self.items.popitem(last=False)
            self.held -= len(old.matches)
            out.append((old_key, old))
        return out


class RankedCache:
    """Ranked lists within a budget of matches held in all (a common word on a big council matches most
    documents: counting lists would not bound memory).

    A segmented LRU: a new list is kept on probation (a quarter of the budget) and moves to the protected
    part when it is asked for again; the protected part's least recently used go back on probation. So a
    stream of searches asked once (every new query) cannot push out the lists members are paging through.
    """

    def __init__(self, budget: int):
        self.probation, self.protected = _Segment(budget // 4), _Segment(budget - budget // 4)
        self.lock = threading.Lock()

    @property
    def held(self) -> int:
        return self.probation.held + self.protected.held

    def get(self, key) -> Ranked | None:
        with self.lock:
            found = self.protected.get(key)
            if found is None:
                found = self.probation.pop(key)
                if found is not None:
                    for demoted in self.protected.add(key, found):
                        self.probation.add(*demoted)
            return found

    def put(self, key, ranked: Ranked) -> Ranked:
        with self.lock:
            self.protected.pop(key)
            self.probation.pop(key)
            self.probation.add(key, ranked)
        return ranked


def _every_match(searcher, query) -> list:
    collector = UnlimitedCollector()
    searcher.search_with_collector(query, collector)
    return collector.results().top_n   # [(score, docnum)] sorted by (-score, docnum)


def _settled(hits: list) -> tuple[array, array]:
    return array("i", [docnum for _score, docnum in hits]), array("d", [score for score, _docnum in hits])


def ranked_matches(searcher, query) -> Ranked:
    """Words are scored a posting block at a time and ranked as far as asked (a phrase ranked first is
    read as far as asked too); anything else is scored and ranked whole by Whoosh's collector."""
    factor = bound(query) if isinstance(query, PhraseFirst) else None
    words = query if factor is None else query.a   # the phrase never adds a match: these are all of them
    kept = None if factor is None else Kept(query.b.iter_all_terms(phrases=True))
    found = scored_matches(searcher, words, kept)
    if found is None and factor is None:
        return Ranked(*_settled(_every_match(searcher, query)))
    docnums, scores = found or _settled(_every_match(searcher, words))
    best = BestFirst(docnums, scores)
    rest = best if factor is None else PhraseRanking(searcher, query.b, best, factor, kept)
    return Ranked(array("i"), array("d"), rest, matches=docnums)


def top_and_total(ranked: Ranked, limit: int, allowed: set) -> tuple[int, list]:
    """(how many allowed documents match, [(score, docnum)] of the best `limit` of them, best first)."""
    total = ranked.total(allowed)
    top = []
    i = 0
    while len(top) < min(limit, total):
        if i == len(ranked.docnums) and not ranked.settle(max(2 * (limit - len(top)), 32)):
            break
        for docnum, score in zip(ranked.docnums[i:], ranked.scores[i:]):
            i += 1
            if docnum in allowed:
                top.append((score, docnum))
                if len(top) == limit:
                    break
    ranked.answered()
    return total, top
