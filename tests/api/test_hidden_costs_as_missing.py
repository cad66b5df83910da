"""A hidden document costs the server exactly what a missing one does: the same SQL statements, decisions,
policy evaluations and audit records, and the same answer (issue 10: timing told them apart).

benchmarks/side_channels.py times the same from outside; this counts the work, so it cannot flake.
"""

import pytest

from tests.work_done import counted_work

HIDDEN, MISSING = "doc-admin", "doc-nohit"   # the same length, so no length-dependent work differs
REASON = "I need this to scrutinise the restructure at committee"


@pytest.mark.parametrize("suffix, method, body", [
    ("", "get", None),
    ("?reason=I+need+it+for+my+ward+work", "get", None),
    ("/content", "get", None),
    ("/download?purpose=Cabinet+papers", "get", None),
    ("/requests", "post", {"reason": REASON}),
])
def test_a_hidden_document_does_the_work_of_a_missing_one(client, gw, bob, suffix, method, body):
    kwargs = {"headers": bob} if body is None else {"headers": bob, "json": body}

    def ask(document_id):
        with counted_work(gw) as work:
            response = getattr(client, method)(f"/api/v1/documents/{document_id}{suffix}", **kwargs)
        return response, work

    client.get("/api/v1/documents/doc-public", headers=bob)   # the caller's and council's facts, read once
    answers = {kind: [ask(ident), ask(ident)] for kind, ident in (("hidden", HIDDEN), ("missing", MISSING))}

    for (hidden, hidden_work), (missing, missing_work) in zip(answers["hidden"], answers["missing"]):
        assert hidden.status_code == missing.status_code == 404
        assert hidden.get_data() == missing.get_data()
        assert dict(hidden.headers) == dict(missing.headers)
        assert hidden_work == missing_work   # first (facts not yet cached), then again (cached)
        assert hidden_work["decide"] == hidden_work["audit"] == 1 and hidden_work["sql"] > 0


def test_a_search_matching_only_a_hidden_document_does_the_work_of_one_matching_nothing(client, gw, bob, ann):
    found = client.get("/api/v1/search?q=tactics", headers=ann).get_json()["results"]
    assert [r["id"] for r in found] == [HIDDEN]   # the word is in the Admin group's paper only
    def search(word):
        with counted_work(gw) as work:
            response = client.get(f"/api/v1/search?q={word}", headers=bob)
        return response, work

    client.get("/api/v1/search?q=pool", headers=bob)   # the index, the caller and the council, read once
    (hidden, hidden_work), (missing, missing_work) = search("tactics"), search("walrus")   # same length

    assert hidden.status_code == missing.status_code == 200
    assert hidden.get_json() == missing.get_json() == {"total": 0, "page": 1, "pages": 0, "results": []}
    assert dict(hidden.headers) == dict(missing.headers)
    assert hidden_work == missing_work and hidden_work["audit"] == 1
