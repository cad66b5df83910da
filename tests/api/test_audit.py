"""GET /api/v1/audit: the Proper Officer and auditors only, filtered by time, member and document."""

import pytest


def test_auditors_and_the_proper_officer_read_the_log(client, bob, mo, auditor):
    client.get("/api/v1/documents/doc-public", headers=bob)
    for headers in (mo, auditor):
        response = client.get("/api/v1/audit", headers=headers)
        assert response.status_code == 200
        records = response.get_json()
        assert records and all({"seq", "at", "event", "actor", "hash", "prev_hash"} <= set(r) for r in records)
        assert [r["seq"] for r in records] == sorted(r["seq"] for r in records)


@pytest.mark.parametrize("who", ["ann", "bob", "admin"])
def test_others_may_not(client, request, who):
    response = client.get("/api/v1/audit", headers=request.getfixturevalue(who))
    assert response.status_code == 403 and response.is_json


def test_filters(client, bob, ann, auditor):
    client.get("/api/v1/documents/doc-public", headers=bob)
    client.get("/api/v1/documents/doc-exempt", headers=ann)
    by_member = client.get("/api/v1/audit?member=cllr-bob", headers=auditor).get_json()
    assert by_member and {r["actor"] for r in by_member} == {"cllr-bob"}
    by_document = client.get("/api/v1/audit", query_string={"document": "doc-exempt"}, headers=auditor).get_json()
    assert [(r["actor"], r["event"]) for r in by_document] == [("cllr-ann", "decision")]
    last = by_member[-1]
    since = client.get("/api/v1/audit", query_string={"since": last["at"]}, headers=auditor).get_json()
    assert since[0]["seq"] == last["seq"]
    assert client.get("/api/v1/audit?since=2999-01-01", headers=auditor).get_json() == []
    assert len(client.get("/api/v1/audit?since=2000-01-01T00:00:00%2B01:00", headers=auditor).get_json()) > 1
    assert len(client.get("/api/v1/audit?limit=1", headers=auditor).get_json()) == 1


@pytest.mark.parametrize("query, field", [("since=yesterday", "since"), ("limit=0", "limit"), ("limit=lots", "limit"),
                                          ("since=2026-13-45", "since")])
def test_bad_filters_are_400_naming_the_field(client, auditor, query, field):
    response = client.get(f"/api/v1/audit?{query}", headers=auditor)
    assert response.status_code == 400 and response.get_json()["field"] == field
