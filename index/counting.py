"""Every match of a query, scored once; then each caller's exact total and top N from that list.

Whoosh's `TopCollector` raises a minimum score once its heap is full and hands it to
`matcher.replace(minscore)`, which drops the branches of an OR (title OR body) that can no longer
reach the top N. That finds the right top N but stops counting the documents those branches would
have matched: totals and page counts came out short for common words. So every match is scored
(`UnlimitedCollector`, no pruning), and the caller's allow-list is applied to the ranked list.

Scores read only the matched document's own text (`ranking.OwnTextWeighting`), so the ranked list
is the same whoever asks; scoring is most of a search's cost, so a caller paging through results
or asking again reuses their list (`RankedCache`) until the index changes.
"""

import threading
from array import array
from collections import OrderedDict
from dataclasses import dataclass

from whoosh.collectors import UnlimitedCollector


@dataclass(frozen=True)
class Ranked:
    """Every document number matching a query, best first (score, then document number), with its score."""

    docnums: array
    scores: array


class RankedCache:
    """Ranked lists, least recently used dropped first once they hold more than `budget` matches in all
    (a common word on a big council matches most documents: counting entries would not bound memory)."""

    def __init__(self, budget: int):
        self.budget, self.held = budget, 0
        self.items: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key) -> Ranked | None:
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items.move_to_end(key)
            return found

    def put(self, key, ranked: Ranked) -> Ranked:
        with self.lock:
            old = self.items.pop(key, None)
            self.held -= len(old.docnums) if old else 0
            self.items[key] = ranked
            self.held += len(ranked.docnums)
            while self.held > self.budget and len(self.items) > 1:
                _, dropped = self.items.popitem(last=False)
                self.held -= len(dropped.docnums)
        return ranked


def ranked_matches(searcher, query) -> Ranked:
    collector = UnlimitedCollector()
    searcher.search_with_collector(query, collector)
    hits = collector.results().top_n   # sorted by (-score, docnum)
    return Ranked(array("i", [docnum for _score, docnum in hits]), array("d", [score for score, _docnum in hits]))


def top_and_total(ranked: Ranked, limit: int, allowed: set) -> tuple[int, list]:
    """(how many allowed documents match, [(score, docnum)] of the best `limit` of them, best first)."""
    total = len(allowed.intersection(ranked.docnums))
    top = []
    if limit > 0 and total:
        for docnum, score in zip(ranked.docnums, ranked.scores):
            if docnum in allowed:
                top.append((score, docnum))
                if len(top) == limit:
                    break
    return total, top
