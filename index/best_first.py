"""Matches best first, put in order only as far as somebody asks.

An exact total needs every match scored, but a page needs only the best few in order: sorting every
match was the larger part of a new search's cost once matches are scored a block at a time. A heap
is made in one linear pass and gives each next match for a logarithmic step.
"""

from heapq import heapify, heappop
from operator import neg


class BestFirst:
    """(score, document number) pairs taken best first: higher score, then lower document number,
    as Whoosh's collectors rank."""

    def __init__(self, docnums, scores):
        self.heap = list(zip(map(neg, scores), docnums))
        heapify(self.heap)

    def __len__(self) -> int:
        return len(self.heap)

    def done(self) -> bool:
        return not self.heap

    def take(self, count: int) -> list:
        """The next `count` in order ([(score, docnum)]; fewer at the end)."""
        heap = self.heap
        return [(-score, docnum) for score, docnum in (heappop(heap) for _ in range(min(count, len(heap))))]

    def take_rest(self) -> list:
        """All those not taken yet, in no order."""
        rest, self.heap = self.heap, []
        return [(-score, docnum) for score, docnum in rest]
