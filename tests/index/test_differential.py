"""Search and the decision service agree, member by member, over a generated council.

For every member (and the officers, and nobody signed in): the documents search can return are
exactly those the decision service lets them discover, with the same visibility; `total` counts
exactly those; and a word only in the body of a document the caller may not open never finds it.
"""

import random
from collections import Counter

from index_council import BODY_WORD

from index.schema import ANALYZER


def _words(text: str) -> set[str]:
    return {t.text for t in ANALYZER(text or "")}


def _title_word(council) -> str:
    """A word common in titles, that some bodies hold too: it finds open documents by body and listed ones by title."""
    counts = Counter(w.lower() for d in council.generated.documents for w in d["title"].split()
                     if w.isalpha() and len(w) > 3 and _words(w))
    return counts.most_common(1)[0][0]


def _callers(council):
    return council.members + council.generated.officer_ids + [None]


def test_council_is_big_enough(big_council):
    assert len(big_council.members) >= 40
    if big_council.full_size:
        assert len(big_council.generated.documents) >= 2000


def test_every_caller_finds_exactly_what_they_may_discover(big_council):
    mismatches = []
    visibilities = set()
    for account in _callers(big_council):
        expected = big_council.expected(account)
        visibilities.update(expected.values())
        first = big_council.search(account, "", page_size=1)
        found = big_council.found(account, "")
        if found != expected or first["total"] != len(expected):
            mismatches.append((account, len(found), len(expected), first["total"]))
    assert not mismatches
    assert visibilities == {"open", "listed"}   # the council exercises both


def test_body_words_find_only_documents_the_caller_may_open(big_council):
    word = _title_word(big_council)
    (stem,) = _words(word)
    in_title = {d["id"] for d in big_council.generated.documents if stem in _words(d["title"])}
    in_body = {d["id"] for d in big_council.generated.documents if stem in _words(" ".join(d["pages"]))}
    for account in _callers(big_council):
        expected = big_council.expected(account)
        readable = {i for i, v in expected.items() if v == "open"}
        result = big_council.search(account, BODY_WORD, page_size=1, snippets=False)
        found = big_council.found(account, BODY_WORD)
        assert set(found) == readable, account
        assert result["total"] == len(readable), account
        assert all(v == "open" for v in found.values())
        # Listed documents are found by their title only; open ones by title or body.
        wanted = {i for i, v in expected.items() if i in in_title or (v == "open" and i in in_body)}
        assert set(big_council.found(account, word)) == wanted, account


def test_unique_body_tokens_never_surface_unreadable_documents(big_council):
    rng = random.Random(3)
    number = {d["id"]: d["id"].split("-")[1] for d in big_council.generated.documents}
    for account in big_council.members[:20] + [None]:
        expected = big_council.expected(account)
        not_open = [d for d in number if expected.get(d) != "open"]
        for doc in rng.sample(not_open, 8):
            result = big_council.search(account, f"zq{number[doc]}x")
            assert result["total"] == 0 and result["results"] == [], (account, doc)
        opened = [d for d in number if expected.get(d) == "open"]
        for doc in rng.sample(opened, min(3, len(opened))):
            result = big_council.search(account, f"zq{number[doc]}x")
            assert [r["id"] for r in result["results"]] == [doc]
            assert "<mark>" in result["results"][0]["snippet"]


def test_snippets_only_for_open_results(big_council):
    for account in big_council.members[:10]:
        for query in ("", BODY_WORD, _title_word(big_council), "budget"):
            for r in big_council.search(account, query, page_size=50)["results"]:
                if r["visibility"] == "open":
                    assert isinstance(r["snippet"], str)
                else:
                    assert r["visibility"] == "listed" and r["snippet"] is None


def test_filters_agree_with_the_decision_service(big_council):
    account = big_council.members[0]
    expected = big_council.expected(account)
    docs = {d["id"]: d for d in big_council.generated.documents}
    found = big_council.found(account, "", committee="planning")
    assert set(found) == {i for i in expected if docs[i]["committee_id"] == "planning"}
    found = big_council.found(account, "committee:cabinet status:published")
    assert set(found) == {i for i in expected if docs[i]["committee_id"] == "cabinet" and docs[i]["status"] == "published"}
