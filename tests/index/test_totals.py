"""Totals and page counts are exact for every query: the count of what the caller may discover that matches.

Checked against a brute-force count over the decision service's answers and the documents' own
words (an open document matches by title or body, a listed one by title only), with a page size
small enough that Whoosh's top-N pruning would otherwise stop counting early.
"""

import math

from gateway.domain.models import Document
from index.schema import ANALYZER

PAGE_SIZE = 5
QUERIES = ("budget", "contract", "housing", "report", "planning", "budget OR contract", "housing report")


def _words(text: str) -> set[str]:
    return {t.text for t in ANALYZER(text or "")}


def _matches(query: str, title: set, body: set, visibility: str) -> bool:
    words = title | body if visibility == "open" else title
    if " OR " in query:
        return any(_words(part) <= words for part in query.split(" OR "))
    return _words(query) <= words


def test_totals_and_pages_equal_a_brute_force_count(big_council):
    words = {d["id"]: (_words(d["title"]), _words(" ".join(d["pages"]))) for d in big_council.generated.documents}
    wrong = []
    counted = 0
    for account in big_council.members[::4] + [None]:
        expected = big_council.expected(account)
        for query in QUERIES:
            truth = sum(1 for ident, visibility in expected.items() if _matches(query, *words[ident], visibility))
            result = big_council.search(account, query, page_size=PAGE_SIZE, snippets=False)
            counted = max(counted, truth)
            if (result["total"], result["pages"]) != (truth, math.ceil(truth / PAGE_SIZE)):
                wrong.append((account, query, result["total"], truth))
    assert not wrong
    assert counted > 20 * PAGE_SIZE   # common words: many pages, where pruning would undercount


def _ranked_ids(council, account, query, page_size):
    ids, page = [], 1
    while True:
        result = council.search(account, query, page=page, page_size=page_size, snippets=False)
        ids += [r["id"] for r in result["results"]]
        if page >= result["pages"]:
            return ids, result["total"]
        page += 1


def test_paging_walks_one_ranking_of_every_match_once(big_council):
    member = big_council.members[0]
    for query in ("contract", "housing report"):
        small_pages, total = _ranked_ids(big_council, member, query, PAGE_SIZE)
        one_page, _ = _ranked_ids(big_council, member, query, 1000)
        assert len(small_pages) == total == len(set(small_pages)) > 20 * PAGE_SIZE
        assert small_pages == one_page


def test_ranking_of_shared_documents_does_not_depend_on_who_asks(big_council):
    """Scores read only a document's own text: what two members may both open comes in the same order."""
    first, second = big_council.members[0], big_council.members[-1]
    both_open = {ident for ident, visibility in big_council.expected(first).items()
                 if visibility == "open" and big_council.expected(second).get(ident) == "open"}
    for query in ("budget", "planning"):
        orders = [[i for i in _ranked_ids(big_council, who, query, 50)[0] if i in both_open] for who in (first, second)]
        assert len(orders[0]) > PAGE_SIZE
        assert orders[0] == orders[1]


def test_a_members_kept_ranking_is_not_served_after_the_index_changes(small_council):
    """Paging re-uses a member's ranked matches only while the index is the one they were ranked on."""
    member = small_council.members[0]
    before = small_council.search(member, "zebracrossing", snippets=False)
    assert before["total"] == 0
    ident = next(i for i, visibility in small_council.expected(member).items() if visibility == "open")
    with small_council.gw.sessions() as session, session.begin():
        version = session.get(Document, ident).current_version
        version.pages = [*(version.pages or []), "A new zebracrossing on the high street."]
    small_council.index.update(small_council.gw, [ident])
    after = small_council.search(member, "zebracrossing", snippets=False)
    assert after["total"] == 1 and after["results"][0]["id"] == ident
