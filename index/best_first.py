"""Matches best first, put in order only as far as somebody asks.

An exact total needs every match scored, but a page needs only the best few in order: sorting every
match cost more than scoring them once they were scored a block at a time. So the best few are
picked in one pass over the matches (`heapq.nsmallest`), more (twice as many each time) only when
more are asked for. Only the scores' and document numbers' arrays are kept: a ranking kept for
paging costs what it did (`index.counting.RankedCache` bounds them by matches).
"""

from heapq import nsmallest
from operator import neg

PICK = 32   # the fewest picked in one pass


class BestFirst:
    """(score, document number) pairs taken best first: higher score, then lower document number,
    as Whoosh's collectors rank."""

    def __init__(self, docnums, scores):
        self.docnums, self.scores = docnums, scores
        self.left = len(docnums)   # how many are not taken yet
        self.picked = []           # picked, not taken yet: [(-score, docnum)], best first
        self.last = None           # the last picked: those not picked yet come after it

    def __len__(self) -> int:
        return self.left

    def done(self) -> bool:
        return not self.left

    def take(self, count: int) -> list:
        """The next `count` in order ([(score, docnum)]; fewer at the end)."""
        count = min(count, self.left)
        if len(self.picked) < count:
            self._pick(max(count, len(self.docnums) - self.left, PICK))
        out, self.picked = self.picked[:count], self.picked[count:]
        self.left -= count
        return [(-score, docnum) for score, docnum in out]

    def take_rest(self) -> list:
        """All those not taken yet, in no order."""
        rest = self.picked + list(self._unpicked())
        self.picked, self.left, self.last = [], 0, None
        return [(-score, docnum) for score, docnum in rest]

    def _pick(self, count: int):
        best = nsmallest(count, self._unpicked())
        if best:
            self.picked += best
            self.last = best[-1]

    def _unpicked(self):
        pairs = zip(map(neg, self.scores), self.docnums)
        return pairs if self.last is None else filter(self.last.__lt__, pairs)
