"""How trimming stays equal to the decision service, and what a hidden document cannot change."""

import gc
import re
import weakref
from array import array
from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import index_council
import pytest
from sqlalchemy import select

import index.search
from gateway.access.gather import FactSource
from index import trimming
from index.trimming import DecisionMemo, MemoUnsound, Traced


def test_the_memo_answers_only_what_it_has_seen():
    memo = DecisionMemo()
    memo.insert([("status", "draft"), ("party_group", None)], trimming.HIDDEN)
    memo.insert([("status", "published"), ("paragraphs", ())], trimming.OPEN)
    memo.insert([("status", "published"), ("paragraphs", (1,))], trimming.LISTED)
    facts = SimpleNamespace(status="published", paragraphs=frozenset({1}), party_group=None)
    assert memo.lookup(facts) == trimming.LISTED
    assert memo.lookup(SimpleNamespace(status="embargoed")) is None
    assert memo.lookup(SimpleNamespace(status="draft", party_group="grp-red")) is None
    with pytest.raises(MemoUnsound):
        memo.insert([("status", "published"), ("paragraphs", ())], trimming.LISTED)
    with pytest.raises(MemoUnsound):
        memo.insert([("status", "draft"), ("flags", ())], trimming.HIDDEN)


def test_traced_facts_note_what_is_read_but_not_names():
    from gateway.access.facts import DocumentFacts

    traced = Traced(DocumentFacts(id="d1", title="T", status="draft", matters=frozenset({"m2", "m1"})))
    assert traced.status == "draft" and traced.id == "d1" and traced.title == "T"
    assert traced.matters == frozenset({"m1", "m2"})
    assert traced.reads() == [("status", "draft"), ("matters", ("m1", "m2"))]
    with pytest.raises(AttributeError):
        traced.status = "published"


def test_document_facts_pass_dates_through(small_council):
    """The snapshot builds facts once per kind of row and gives each document its own dates."""
    with small_council.gw.sessions() as session:
        facts = FactSource(session)
        for row in facts.all_documents()[:50]:
            assert row.meeting_date is None or isinstance(row.meeting_date, date)
            again = facts.document_facts(SimpleNamespace(**{
                **{c: getattr(session.get(index.search.Document, row.id), c)
                   for c in trimming.PLAIN_COLUMNS + trimming.JSON_COLUMNS},
                "id": row.id, "title": row.title, "meeting_date": None, "publish_on": None}))
            assert replace(again, meeting_date=row.meeting_date, publish_on=row.publish_on) == row


def test_every_document_of_a_snapshot_has_the_facts_the_gateway_builds_for_it(small_council):
    """Bases hold one copy of each distinct value; each document's facts are still its own."""
    with small_council.gw.sessions() as session:
        facts = FactSource(session)
        snapshot = trimming.load_snapshot(session, generation=1)
        for i, ident in enumerate(snapshot.ids):
            assert snapshot.facts(i) == replace(facts.document(ident), title="", matter_titles=trimming.NO_NAMES)
        statuses = [base.facts.status for base in snapshot.bases]
        assert len(statuses) > len(set(statuses)) == len({id(s) for s in statuses})
        matter_ids = [m for base in snapshot.bases for m in base.facts.matters]
        assert len(matter_ids) > len(set(matter_ids)) == len({id(m) for m in matter_ids})


def test_the_memo_keeps_the_digests_of_live_rows_only(small_council):
    from gateway.domain.models import Document

    with small_council.gw.sessions() as session:
        memo = trimming.load_snapshot(session, generation=1).memo
        before = set(memo.by_digest)
        for document in session.scalars(select(Document).limit(5)):
            document.admin_only = not document.admin_only
        session.flush()
        assert trimming.load_snapshot(session, generation=2, memo=memo).memo is memo
        assert set(memo.by_digest) == set(trimming.load_snapshot(session, generation=3).memo.by_digest) != before


def test_a_snapshot_finds_ids_and_lists_newest_first_in_any_order_the_database_returns():
    """A database's collation may sort ids otherwise than Python does: lookups and the listing order do not
    depend on it."""
    ids = ["doc-b", "Doc-a", "doc-a", "doc_c", "doc-c"]
    meeting = array("i", [5, 7, 5, 0, 7])
    snapshot = trimming.Snapshot(1, [], ids, array("i", [0] * 5), meeting, array("i", [0] * 5), {})
    assert [snapshot.index(ident) for ident in ids] == [0, 1, 2, 3, 4]
    assert snapshot.index("doc-") is None and snapshot.index("zzz") is None and snapshot.index("") is None
    assert [ids[i] for i in snapshot.newest_first] == ["Doc-a", "doc-c", "doc-a", "doc-b", "doc_c"]
    assert [snapshot.rank[i] for i in snapshot.newest_first] == [0, 1, 2, 3, 4]


def test_a_snapshot_shares_its_id_strings_with_the_index(small_council):
    c = small_council
    c.search(c.members[0], "budget")
    shared = c.index._shared
    with shared.read_lock:
        searcher, _key = shared.current_searcher()
        by_docnum = index.search.ids_by_docnum(searcher, shared.segment_ids)
    (snapshot,) = shared.snapshots.values()
    held = {id(ident) for ident in by_docnum if ident is not None}
    assert all(id(ident) in held for ident in snapshot.ids)


def test_a_new_generation_lets_the_old_snapshot_go(small_council):
    """Its trims and alignments are never asked for again: they do not keep it alive until their LRUs turn over."""
    from gateway.domain.generation import bump

    c = small_council
    c.search(c.members[0], "budget")
    c.search(c.members[1], "")
    (old,) = c.index._shared.snapshots.values()
    gone = weakref.ref(old)
    del old
    with c.gw.sessions() as session:
        bump(session)
        session.commit()
    assert c.search(c.members[0], "budget")["total"]
    gc.collect()
    assert gone() is None


def test_a_lying_shortcut_is_caught_and_search_falls_back(small_council, monkeypatch):
    c = small_council
    member = c.members[0]
    monkeypatch.setattr(DecisionMemo, "lookup", lambda self, facts: trimming.OPEN if self.root is not None else None)
    found = c.found(member)
    assert found == c.expected(member)
    assert c.index._shared.exact_mode
    c.index._shared.exact_mode = False


def test_hidden_documents_change_no_count_page_or_rank(small_council):
    c = small_council
    member = c.members[0]
    before = c.search(member, "zebrafinch", page_size=1000)
    before_pages = [c.search(member, "zebrafinch", page=p, page_size=5) for p in (1, 2, 3)]
    # Documents hidden from this member (another member's casework), full of the word.
    other = c.members[1]
    extra = []
    for n in range(30):
        extra.append({**c.generated.documents[n], "id": f"doc-hidden-{n}", "casework_of": other,
                      "not_for_publication_to": None, "status": "published",
                      "pages": ["zebrafinch " * (n + 5) + "budget report"]})
    index_council.insert_documents(c.gw, extra)
    c.index.update(c.gw, [d["id"] for d in extra])
    assert not {d["id"] for d in extra} & set(c.expected(member))
    after = c.search(member, "zebrafinch", page_size=1000)
    assert after["total"] == before["total"]
    assert [r["id"] for r in after["results"]] == [r["id"] for r in before["results"]]
    assert [c.search(member, "zebrafinch", page=p, page_size=5) for p in (1, 2, 3)] == before_pages
    # The member they are for finds them.
    assert {d["id"] for d in extra} <= set(c.found(other, "zebrafinch"))


def test_snippets_are_made_only_from_documents_the_caller_may_open(small_council, monkeypatch):
    c = small_council
    member = c.members[0]
    readable = {i for i, v in c.expected(member).items() if v == "open"}
    seen = []
    real = index.search.snippet

    def spy(pages, terms):
        seen.extend(re.findall(r"zq(\d+)x", " ".join(pages)))
        return real(pages, terms)

    monkeypatch.setattr(index.search, "snippet", spy)
    for query in ("zebrafinch", "budget", "report"):
        c.search(member, query, page_size=100)
    assert seen and all(f"doc-{n}" in readable for n in seen)


def test_what_a_member_asked_is_kept_for_them_alone(small_council, monkeypatch):
    """A member paging reuses their parsed query and ranked matches; another member asking the same
    is served afresh, so how fast a search answers never tells who asked what before."""
    c = small_council
    first, second = c.members[0], c.members[1]
    calls = []
    for name in ("parse", "ranked_matches"):
        real = getattr(index.search, name)
        monkeypatch.setattr(index.search, name, lambda *a, _real=real, _name=name, **k: calls.append(_name) or _real(*a, **k))
    c.search(first, "zebrafinch OR kestrel", page=1, page_size=2)
    asked = list(calls)
    c.search(first, "zebrafinch OR kestrel", page=2, page_size=2)
    assert asked and calls == asked
    c.search(second, "zebrafinch OR kestrel", page=1, page_size=2)
    assert calls == asked * 2


def test_a_search_in_a_session_that_has_written_keeps_nothing_uncommitted(small_council):
    """The facts search keeps are tagged with the access generation: a session's own uncommitted change
    (rolled back later, its generation number then reused) must never be kept as that generation's facts."""
    from gateway.domain.generation import bump
    from gateway.domain.models import Document

    c = small_council
    member = c.members[0]
    doc_id = next(i for i, v in c.expected(member).items() if v == "open")
    with c.gw.sessions() as session:
        session.get(Document, doc_id).admin_only = True
        bump(session)
        session.flush()
        c.index.search(c.gw, member, "", page_size=1000, snippets=False, at=c.at, session=session)
        session.rollback()
    with c.gw.sessions() as session:
        bump(session)   # the number the rolled-back change had
        session.commit()
    assert c.found(member).get(doc_id) == "open"


def test_a_page_seen_again_is_kept_for_its_member_until_a_document_changes(small_council, monkeypatch):
    """Paging back to a page shows what was made for it (no store read, no snippet made again), for that
    member alone, and never after a document changed: a new title shows at once."""
    from gateway.domain.generation import bump
    from gateway.domain.models import Document

    c = small_council
    first, second = c.members[0], c.members[1]
    made = []
    real = index.search.snippet
    monkeypatch.setattr(index.search, "snippet", lambda *a: made.append(a) or real(*a))
    shown = c.search(first, "zebrafinch", page=1, page_size=5)
    assert made and shown["results"]
    before = len(made)
    shown["results"][0]["mark"] = "open"   # what a page adds to the results it shows stays with it
    assert c.search(first, "zebrafinch", page=1, page_size=5) == {**shown, "results": [
        {k: v for k, v in r.items() if k != "mark"} for r in shown["results"]]}
    assert len(made) == before
    c.search(second, "zebrafinch", page=1, page_size=5)
    assert len(made) > before
    with c.gw.sessions() as session:
        session.get(Document, shown["results"][0]["id"]).title = "Renamed while a member paged"
        bump(session)   # as every change of a document does
        session.commit()
    assert c.search(first, "zebrafinch", page=1, page_size=5)["results"][0]["title"] == "Renamed while a member paged"


def test_a_long_page_is_made_afresh_each_time(small_council, monkeypatch):
    """Only pages of a usual size are kept: a member asking for hundreds of results at once would
    otherwise hold megabytes of text in every worker."""
    c = small_council
    member = c.members[0]
    made = []
    real = index.search.DocumentIndex._results
    monkeypatch.setattr(index.search.DocumentIndex, "_results", lambda *a: made.append(len(a[4])) or real(*a))
    for _ in range(2):
        c.search(member, "", page_size=index.search.KEPT_PAGE_SIZE + 1)
        c.search(member, "", page_size=index.search.KEPT_PAGE_SIZE)
    assert made == [index.search.KEPT_PAGE_SIZE + 1, index.search.KEPT_PAGE_SIZE, index.search.KEPT_PAGE_SIZE + 1]
