"""Whoosh's top-N search, made to count every match.

Whoosh's `TopCollector` raises a minimum score once its heap is full and hands it to
`matcher.replace(minscore)`, which drops the branches of an OR (title OR body) that can no longer
reach the top N. That finds the right top N but stops counting the documents those branches would
have matched, with or without `optimize`: totals and page counts came out short for common words.
"""

from whoosh.collectors import FilterCollector, TopCollector


class CountingTopCollector(TopCollector):
    """The top `limit` by score, and an exact count: the matcher is only ever replaced at score 0."""

    def __init__(self, limit: int):
        # Block-quality skipping is off too: it skips whole blocks below the minimum score.
        super().__init__(limit, usequality=False)

    def _collect(self, global_docnum, score):
        key = super()._collect(global_docnum, score)
        self.minscore = 0
        return key


def top_and_total(searcher, query, limit: int, allowed: set) -> tuple[int, list]:
    """(how many allowed documents match, [(score, docnum)] of the best `limit`, best first)."""
    collector = FilterCollector(CountingTopCollector(limit), allow=allowed)
    searcher.search_with_collector(query, collector)
    results = collector.results()
    return len(results), results.top_n
