"""Ranked lists kept for paging are bounded by the matches they hold, not by how many there are."""

from array import array

from index.counting import Ranked, RankedCache


def _ranked(size: int) -> Ranked:
    return Ranked(array("i", range(size)), array("d", [1.0] * size))


def test_least_recently_used_lists_go_once_the_budget_is_passed():
    cache = RankedCache(budget=10)
    for key in "abc":
        cache.put(key, _ranked(4))
    assert cache.get("a") is None and cache.get("b") is not None and cache.get("c") is not None
    cache.get("b")            # used: now the most recent
    cache.put("d", _ranked(4))
    assert cache.get("c") is None and cache.get("b") is not None and cache.held == 8


def test_one_list_larger_than_the_budget_is_still_kept_alone():
    cache = RankedCache(budget=10)
    cache.put("a", _ranked(4))
    cache.put("big", _ranked(50))
    assert cache.get("a") is None and len(cache.get("big").docnums) == 50 and cache.held == 50
