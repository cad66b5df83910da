"""Two app processes on one database and data dir agree: a change made through one is in force in the other
within two seconds, without a restart (each process checks cheap version numbers, never reloads everything)."""

import re

import pytest

from gateway.domain.generation import bump
from tests.concurrency.apps import App, Client, cli, small_council, within
from tests.factories import add_document, council_data, write_yaml

# For cllr-bob (Opposition, sits on Scrutiny, pecuniary interest in m-pool):
DOCUMENTS = {
    "doc-public": dict(title="Library opening hours", pages=("The library opens at nine.",)),   # grant R-PUBLIC
    "doc-exempt": dict(title="Staffing restructure", paragraphs=[1]),              # refer R-NEED-TO-KNOW
    "doc-pool": dict(title="Pool contract terms", paragraphs=[3], flags=["contract_terms"],
                     matters=["m-pool"]),                                           # deny R-INTEREST
}
SECONDS = 2


@pytest.fixture
def two_apps(tmp_path, database_url):
    gw, env = small_council(tmp_path, database_url, DOCUMENTS)
    apps = []
    try:
        apps += [App(env), App(env)]
        yield gw, env, apps
    finally:
        for app in apps:
            app.stop()
        gw.engine.dispose()


def test_a_policy_activated_through_one_process_is_in_force_in_the_other(two_apps):
    gw, _env, (one, other) = two_apps
    bob = Client(other.url).token("cllr-bob")
    assert bob.decision("doc-pool")["outcome"] == "deny"
    it = Client(one.url).sign_in("off-it")
    text = gw.active_policy().text.replace("p, R-INTEREST, interest, deny, listed, deny",
                                           "p, R-INTEREST, interest, refer, listed, deny")
    check = it.post_form("/admin/policy/edit", it.request("GET", "/admin/policy/edit"),
                         {"text": text, "note": "Let members with an interest ask", "action": "check"})
    digest = re.search(rb'name="checked" value="([0-9a-f]{64})"', check.body).group(1).decode()
    done = it.post_form("/admin/policy/edit", check, {"text": text, "note": "Let members with an interest ask",
                                                      "action": "activate", "checked": digest})
    assert done.status == 302
    assert within(SECONDS, lambda: bob.decision("doc-pool")["outcome"] == "refer")


def test_a_member_edited_or_a_council_file_loaded_through_one_is_seen_by_the_other(two_apps, tmp_path):
    _gw, env, (one, other) = two_apps
    bob = Client(other.url).token("cllr-bob")
    assert bob.decision("doc-exempt")["rule"] == "R-NEED-TO-KNOW"
    it = Client(one.url).token("off-it")
    answer = it.request("PATCH", "/api/v1/members/cllr-bob", {"committees": [{"committee": "cabinet", "role": "member"}]})
    assert answer.status == 200, answer.body
    assert within(SECONDS, lambda: bob.decision("doc-exempt")["rule"] == "R-COMMITTEE")

    # A council file loaded by another process (the command line) that drops Bob's interest in the pool.
    data = council_data()
    data["members"][1].pop("interests")
    loaded = cli(env, "load-council", str(write_yaml(tmp_path / "council-2.yaml", data)))
    assert loaded.returncode == 0, loaded.stderr
    assert within(SECONDS, lambda: bob.decision("doc-pool")["rule"] != "R-INTEREST")


def test_a_token_ended_through_one_is_refused_by_the_other_on_its_very_next_request(two_apps):
    """The other process keeps each token it has read, for the access generation it read first: revoking a
    token, disabling its account and a new password each move that number, so no request after them passes."""
    _gw, _env, (one, other) = two_apps
    it = Client(one.url).token("off-it")

    def kept_by_the_other(username: str) -> Client:
        kept = Client(other.url).token(username)
        assert kept.request("GET", "/api/v1/account").status == 200
        return kept

    def refused_at_once(kept: Client, ended) -> None:
        assert ended.status in (200, 204), ended.body
        assert kept.request("GET", "/api/v1/account").status == 401

    mo = kept_by_the_other("off-mo")
    revoking = Client(one.url)
    revoking.headers = dict(mo.headers)   # the same token, revoked through the first process
    refused_at_once(mo, revoking.request("DELETE", "/api/v1/tokens/current"))
    bob = kept_by_the_other("cllr-bob")
    refused_at_once(bob, it.request("POST", "/api/v1/accounts/cllr-bob/disable"))
    ann = kept_by_the_other("cllr-ann")
    refused_at_once(ann, it.request("POST", "/api/v1/accounts/cllr-ann/password"))


def test_a_reclassification_through_one_changes_the_others_decision(two_apps):
    _gw, _env, (one, other) = two_apps
    bob = Client(other.url).token("cllr-bob")
    assert bob.decision("doc-public")["rule"] == "R-PUBLIC"
    mo = Client(one.url).token("off-mo")
    answer = mo.request("PUT", "/api/v1/documents/doc-public/classification",
                        {"exempt_paragraphs": [], "party_group": "grp-admin", "flags": [],
                         "reasons": "Notes of the Admin group's own meeting"})
    assert answer.status == 200, answer.body
    # Now the other group's paper: hidden from Bob, so the other process answers as for a missing document.
    assert within(SECONDS, lambda: bob.decision("doc-public") is None)
    missing = bob.request("GET", "/api/v1/documents/doc-nowhere")
    hidden = bob.request("GET", "/api/v1/documents/doc-public")
    assert (hidden.status, hidden.body) == (missing.status, missing.body)


def test_an_index_rebuilt_by_one_process_is_searched_by_the_others(two_apps):
    gw, env, apps = two_apps
    clients = [Client(app.url).token("cllr-bob") for app in apps]

    def found(client):
        answer = client.request("GET", "/api/v1/search?q=zeppelin")
        assert answer.status == 200, answer.body
        return [r["id"] for r in answer.json()["results"]]

    # A document in the store that the index has not seen yet (as after a restore from backup).
    with gw.sessions() as session, session.begin():
        add_document(session, "doc-late", title="Zeppelin mooring mast", pages=("The zeppelin mast is public.",))
        bump(session)
    assert [found(c) for c in clients] == [[], []]
    rebuilt = cli(env, "reindex", "--json")
    assert rebuilt.returncode == 0, rebuilt.stderr
    for client in clients:
        assert within(SECONDS, lambda: found(client) == ["doc-late"])
