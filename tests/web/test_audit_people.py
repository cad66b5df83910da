"""The audit page for people: names beside account ids, and an export that holds exactly the records the
filters on screen select (IT's trimming of records about documents it may not discover still applies)."""

import csv
import html
import io
import json
import re

import pytest


def plain(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


@pytest.fixture
def logged(ann, bob, it):
    """Sign-ins by Ann, Bob and IT; Bob reads the public paper, Ann her group's; IT resets Bob's password."""
    assert bob.get("/documents/doc-public").status_code == 200
    assert ann.get("/documents/doc-group").status_code == 200
    assert it.post("/admin/accounts/cllr-bob/password").status_code == 200


def export(client, fmt="jsonl", **filters) -> list[dict]:
    response = client.get("/admin/audit/export", query_string={"format": fmt, **filters})
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(text)))
    return [json.loads(line) for line in text.splitlines()]


def test_names_stand_beside_account_ids(auditor, logged):
    page = plain(auditor.get("/admin/audit", query_string={"event": "signin"}))
    assert "Cllr Bob Brown cllr-bob" in page and "Cllr Ann Able cllr-ann" in page and "Ian Admin off-it" in page
    reset = plain(auditor.get("/admin/audit", query_string={"event": "password_reset"}))
    assert "Account: Cllr Bob Brown" in reset


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@pytest.mark.parametrize("filters", [{"event": "signin"}, {"actor": "cllr-bob"}, {"document": "doc-public"},
                                     {"actor": "cllr-ann", "event": "decision"}])
def test_the_export_holds_the_records_the_screen_shows(auditor, logged, gw, fmt, filters):
    page = auditor.get("/admin/audit", query_string=filters).get_data(as_text=True)
    link = html.unescape(re.search(r'href="(/admin/audit/export\?[^"]*format=' + fmt + r'[^"]*)"', page).group(1))
    for key, value in filters.items():
        assert f"{key}={value}" in link
    exported = export(auditor, fmt, **filters)
    expected = gw.audit.records(**filters)
    assert exported and [int(r["seq"]) for r in exported] == [r["seq"] for r in expected]
    shown = [int(n) for n in re.findall(r"<tr><td>(\d+)</td>", page)]
    assert sorted(shown) == [r["seq"] for r in expected]


def test_an_unfiltered_export_is_the_whole_log(auditor, logged, gw):
    assert len(export(auditor)) == len(gw.audit.records())


def test_it_filtering_on_a_hidden_paper_exports_what_a_missing_one_exports(it, logged):
    assert export(it, document="doc-group") == [] == export(it, document="doc-nowhere")
    everything = json.dumps(export(it, actor="cllr-ann"))
    assert "doc-group" not in everything and "grp-admin" not in everything
