"""The index is derived and rebuildable: versions, atomic swaps, crashes, one writer, the journal."""

import threading

import pytest
from whoosh.index import LockError

import index.build
import index.search
from index import DocumentIndex, IndexUnavailable, open_index
from index.store import POINTER, IndexFolder


def test_open_index_creates_an_empty_index(tmp_path):
    ix = open_index(tmp_path / "idx")
    assert ix.doc_count() == 0
    name = (tmp_path / "idx" / POINTER).read_text().strip()
    assert (tmp_path / "idx" / name).is_dir()
    assert open_index(tmp_path / "idx").doc_count() == 0
    assert (tmp_path / "idx" / POINTER).read_text().strip() == name   # not made again


def test_rebuild_swaps_while_a_searcher_is_open(small_council):
    c = small_council
    member = c.members[0]
    before = c.search(member, "zebrafinch")
    old = (c.gw.settings.index_dir / POINTER).read_text().strip()
    assert c.index.rebuild(c.gw) == len(c.generated.documents)
    new = (c.gw.settings.index_dir / POINTER).read_text().strip()
    assert new != old
    assert (c.gw.settings.index_dir / old).is_dir()   # kept for readers still on it
    after = c.search(member, "zebrafinch")
    assert after["total"] == before["total"]
    # Another instance on the same folder shares the state and sees the same.
    assert DocumentIndex(c.gw.settings.index_dir).search(c.gw, member, "zebrafinch", at=c.at)["total"] == before["total"]


def test_a_crash_mid_rebuild_leaves_the_old_index_served(small_council, monkeypatch):
    c = small_council
    member = c.members[0]
    before = c.search(member, "zebrafinch")
    folder = c.gw.settings.index_dir
    current = (folder / POINTER).read_text().strip()
    versions = {p.name for p in folder.iterdir() if p.is_dir()}
    real = index.build.store_documents

    def crashing(session, ids=None):
        for n, doc in enumerate(real(session, ids)):
            if n == 40:
                raise RuntimeError("power cut")
            yield doc

    monkeypatch.setattr(index.search, "store_documents", crashing)
    with pytest.raises(RuntimeError, match="power cut"):
        c.index.rebuild(c.gw)
    assert (folder / POINTER).read_text().strip() == current
    assert {p.name for p in folder.iterdir() if p.is_dir()} == versions   # the half-built one is gone
    assert c.search(member, "zebrafinch")["total"] == before["total"]
    monkeypatch.setattr(index.search, "store_documents", real)
    assert c.index.rebuild(c.gw) == len(c.generated.documents)


def test_update_indexes_new_text_and_removes_missing_ids(small_council):
    c = small_council
    member = c.members[0]
    opened = [i for i, v in c.expected(member).items() if v == "open"]
    target = opened[0]
    from gateway.domain.models import Document, DocumentVersion

    with c.gw.sessions() as session, session.begin():
        doc = session.get(Document, target)
        version = session.get(DocumentVersion, doc.current_version_id)
        version.pages = ["A brand new paragraph about kingfishers."]
    assert c.search(member, "kingfishers")["total"] == 0
    c.index.update(c.gw, [target, "doc-that-never-was"])
    result = c.search(member, "kingfishers")
    assert [r["id"] for r in result["results"]] == [target]
    assert "<mark>kingfishers</mark>" in result["results"][0]["snippet"]


def test_an_index_of_compound_segments_is_searched_and_updated_as_before(small_council):
    # Indexes written before segments were left as separate files hold one compound file per segment.
    c = small_council
    member = c.members[0]
    before = c.found(member, "zebrafinch")
    ix = open_index(c.gw.settings.index_dir)
    ix.writer(compound=True).commit(optimize=True)
    assert [segment.is_compound() for segment in open_index(c.gw.settings.index_dir)._segments()] == [True]
    assert c.found(member, "zebrafinch") == before
    target = next(i for i, v in c.expected(member).items() if v == "open")
    from gateway.domain.models import Document, DocumentVersion

    with c.gw.sessions() as session, session.begin():
        version = session.get(DocumentVersion, session.get(Document, target).current_version_id)
        version.pages = ["Kingfishers nest by the river."]
    c.index.update(c.gw, [target])
    segments = open_index(c.gw.settings.index_dir)._segments()
    assert sorted(segment.is_compound() for segment in segments) == [False, True]
    assert list(c.found(member, "kingfishers")) == [target]
    assert c.found(member, "zebrafinch") == {i: v for i, v in before.items() if i != target}


def test_after_commits_that_merge_segments_search_reads_only_the_live_segments(small_council):
    # Whoosh's own refresh kept the readers of merged-away segments, and missed deletions in the ones it reused:
    # every commit left a worker holding more, and old copies of changed documents, until the next rebuild.
    c = small_council
    member = c.members[0]
    opened = [i for i, v in c.expected(member).items() if v == "open"]
    from gateway.domain.models import Document, DocumentVersion

    for n, target in enumerate(opened[:12]):
        c.search(member, "zebrafinch")   # the worker's searcher is open across each commit
        with c.gw.sessions() as session, session.begin():
            session.get(DocumentVersion, session.get(Document, target).current_version_id).pages = [f"Heron {n}."]
        c.index.update(c.gw, [target])
        searcher, _key = c.index._shared.current_searcher()
        with open_index(c.gw.settings.index_dir).searcher() as fresh:
            assert searcher.doc_count_all() == fresh.doc_count_all()
            assert searcher.doc_count() == fresh.doc_count() == len(c.generated.documents)
    assert len(c.found(member, "heron")) == 12


def test_updates_wait_in_the_journal_while_another_writer_holds_the_index(small_council):
    c = small_council
    member = c.members[0]
    target = next(i for i, v in c.expected(member).items() if v == "open")
    from gateway.domain.models import Document, DocumentVersion

    with c.gw.sessions() as session, session.begin():
        doc = session.get(Document, target)
        session.get(DocumentVersion, doc.current_version_id).pages = ["Otters were seen at the weir."]
    folder = IndexFolder(c.gw.settings.index_dir)
    held, release = threading.Event(), threading.Event()

    def writer():
        with folder.writer_lock(blocking=True):
            held.set()
            release.wait(10)
            c.index._write_pending(c.gw, folder.open_current()[1])   # as a holder does before letting go

    thread = threading.Thread(target=writer)
    thread.start()
    held.wait(10)
    c.index.update(c.gw, [target])          # returns at once: the holder will index it
    assert folder.has_pending()
    assert c.search(member, "otters")["total"] == 0
    release.set()
    thread.join(10)
    assert not folder.has_pending()
    assert c.search(member, "otters")["total"] == 1


def test_batch_updates(small_council):
    c = small_council
    ids = [d["id"] for d in c.generated.documents[:30]]
    with c.index.batch(c.gw, size=8) as add:
        for ident in ids:
            add([ident])
    assert not IndexFolder(c.gw.settings.index_dir).has_pending()
    assert c.index.rebuild(c.gw) == len(c.generated.documents)



def test_batch_updates_shrink_towards_the_end_when_told_what_is_left(small_council, monkeypatch):
    c = small_council
    ids = [d["id"] for d in c.generated.documents[:30]]
    sizes, update = [], c.index.update
    monkeypatch.setattr(c.index, "update", lambda gw, pending: (sizes.append(len(pending)), update(gw, pending)))
    with c.index.batch(c.gw, size=10) as add:
        for n, ident in enumerate(ids):
            add([ident], len(ids) - n - 1)
    # every 10, then as soon as what is pending covers what is left (while that is at least 2), then the rest
    assert sizes == [10, 10, 5, 3, 2]
    assert not IndexFolder(c.gw.settings.index_dir).has_pending()
    assert c.index.rebuild(c.gw) == len(c.generated.documents)

def test_a_foreign_whoosh_lock_is_waited_for_then_reported(small_council, monkeypatch):
    c = small_council
    _, ix = IndexFolder(c.gw.settings.index_dir).open_current()
    foreign = ix.writer()   # e.g. a process that does not use the gateway's own lock
    monkeypatch.setattr(index.build, "WRITER_TIMEOUT", 0.05)
    monkeypatch.setattr(index.search, "LOCK_ATTEMPTS", 2)
    try:
        with pytest.raises(IndexUnavailable, match="locked"):
            c.index.update(c.gw, [c.generated.documents[0]["id"]])
    finally:
        foreign.cancel()
    assert IndexFolder(c.gw.settings.index_dir).has_pending()   # kept for the next writer
    c.index.update(c.gw, [c.generated.documents[0]["id"]])
    assert not IndexFolder(c.gw.settings.index_dir).has_pending()


def test_a_damaged_pointer_is_reported_not_served(tmp_path):
    folder = tmp_path / "idx"
    open_index(folder)
    (folder / POINTER).write_text("../../etc\n")
    with pytest.raises(IndexUnavailable, match="reindex"):
        open_index(folder)


def test_lock_error_is_what_a_second_whoosh_writer_gets(tmp_path):
    ix = open_index(tmp_path / "idx")
    first = ix.writer()
    try:
        with pytest.raises(LockError):
            ix.writer()
    finally:
        first.cancel()
