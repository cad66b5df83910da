"""GET /api/v1/search: only what the caller may discover, snippets only where open, counted alike."""

import pytest


def _search(client, headers, **query):
    response = client.get("/api/v1/search", query_string=query, headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_only_discoverable_documents_are_found_and_counted(client, bob, ann):
    found = _search(client, bob, q="swimming pool")
    ids = {r["id"] for r in found["results"]}
    assert "doc-admin" not in ids  # internal to another group: hidden, so not even counted
    assert {"doc-public", "doc-pool"} <= ids
    assert found["total"] == len(found["results"])
    assert "doc-admin" in {r["id"] for r in _search(client, ann, q="swimming pool")["results"]}


def test_snippets_only_where_open(client, bob):
    results = {r["id"]: r for r in _search(client, bob, q="swimming pool")["results"]}
    assert results["doc-public"]["visibility"] == "open" and results["doc-public"]["snippet"]
    assert results["doc-pool"]["visibility"] == "listed" and results["doc-pool"]["snippet"] is None
    for result in results.values():
        assert set(result) >= {"id", "title", "committee", "meeting_date", "visibility", "exempt_paragraphs",
                               "snippet"}


def test_words_only_in_a_listed_documents_body_do_not_find_it(client, bob):
    assert _search(client, bob, q="negotiation")["total"] == 1   # in doc-pool's title
    assert _search(client, bob, q="proposed")["total"] == 0      # only in doc-pool's body


def test_an_empty_query_lists_everything_discoverable(client, bob):
    found = _search(client, bob)
    assert {r["id"] for r in found["results"]} == {"doc-public", "doc-exempt", "doc-pool"}
    assert found["total"] == 3


def test_filters_and_paging(client, ann):
    assert {r["id"] for r in _search(client, ann, paragraph=1)["results"]} == {"doc-exempt"}
    assert _search(client, ann, committee="cabinet", date_from="2026-10-02")["total"] == 0
    first = _search(client, ann, page_size=1, page=1)
    second = _search(client, ann, page_size=1, page=2)
    assert first["total"] == second["total"] == 4 and first["pages"] == 4
    assert first["results"][0]["id"] != second["results"][0]["id"]


@pytest.mark.parametrize("query, field", [
    ({"q": '"unclosed phrase'}, "q"),
    ({"q": "(swimming"}, "q"),
    ({"committee": "no-such-committee"}, "committee"),
    ({"page": "0"}, "page"),
    ({"page": "two"}, "page"),
    ({"paragraph": "9"}, "paragraph"),
    ({"date_from": "last tuesday"}, "date_from"),
    ({"status": "secret"}, "status"),
])
def test_a_malformed_query_is_400_with_a_message(client, bob, query, field):
    response = client.get("/api/v1/search", query_string=query, headers=bob)
    assert response.status_code == 400 and response.is_json
    body = response.get_json()
    assert body["field"] == field and body["error"]["message"]


def test_searches_are_audited(client, bob, gw):
    _search(client, bob, q="swimming")
    record = gw.audit.records(event="search", actor="cllr-bob")[-1]
    assert record["detail"]["query"] == "swimming"


def test_a_page_past_the_end_answers_the_last_page_and_says_which(client, bob):
    everything = _search(client, bob, page_size=2)
    assert everything["pages"] == 2
    past = _search(client, bob, page_size=2, page=9)
    assert past["page"] == 2 and past["pages"] == 2 and past["total"] == everything["total"]
    assert past["results"] == _search(client, bob, page_size=2, page=2)["results"]
    assert _search(client, bob, q="nothing-like-this", page=3) == {"total": 0, "page": 3, "pages": 0, "results": []}
