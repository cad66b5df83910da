"""Ranked lists kept for paging are bounded by the matches they hold, not by how many there are."""

from array import array

from index.counting import Ranked, RankedCache


def _ranked(size: int) -> Ranked:
    return Ranked(array("i", range(size)), array("d", [1.0] * size))


def test_a_list_asked_for_again_outlives_searches_asked_once():
    cache = RankedCache(budget=16)   # a quarter on probation
    cache.put("paging", _ranked(4))
    assert cache.get("paging") is not None        # asked again: kept
    for n in range(10):                           # a member's new searches, each asked once
        cache.put(f"new{n}", _ranked(4))
    assert cache.get("paging") is not None and cache.get("new8") is None and cache.held == 8


def test_least_recently_used_lists_go_back_on_probation_then_out():
    cache = RankedCache(budget=16)
    for key in "abcd":
        cache.put(key, _ranked(4))
        cache.get(key)                # asked again: protected (12 of the 16), so d pushes a back on probation
    cache.put("e", _ranked(4))        # probation holds 4: a goes
    assert cache.get("a") is None
    assert all(cache.get(key) is not None for key in "bcd") and cache.held == 16


def test_one_list_larger_than_the_budget_is_still_kept_alone():
    cache = RankedCache(budget=10)
    cache.put("a", _ranked(4))
    cache.put("big", _ranked(50))
    assert cache.get("a") is None and len(cache.get("big").docnums) == 50 and cache.held == 50


class _CountedSet(set):
    counted = 0

    def intersection(self, *others):
        self.counted += 1
        return super().intersection(*others)


def test_a_total_is_counted_once_for_the_set_a_member_pages_with():
    ranked = _ranked(10)
    paging = _CountedSet({1, 2, 3, 40})
    assert [ranked.total(paging) for _ in range(3)] == [3, 3, 3] and paging.counted == 1
    other = _CountedSet({5, 6})
    assert ranked.total(other) == 2 and ranked.total(paging) == 3 and paging.counted == 2
