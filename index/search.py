"""`DocumentIndex`: the one place the index is written, and search trimmed to what the caller may discover."""

import logging
import math
import threading
import time
from array import array
from collections import OrderedDict
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sqlalchemy import bindparam, select
from whoosh.index import LockError

from gateway.access import fact_cache
from gateway.access.facts import MEMBER
from gateway.access.gather import FactSource
from gateway.access.service import make_request
from gateway.domain.models import Document, DocumentVersion
from index import trimming
from index.build import store_documents, write_documents
from index.counting import Ranked, RankedCache, ranked_matches, top_and_total
from index.querylang import Filters, ParsedQuery, QueryError, check_page, parse
from index.ranking import OwnTextWeighting, carry_over
from index.schema import make_schema
from index.snippets import opening, snippet, wanted_terms
from index.store import IndexFolder, IndexUnavailable, storage
from index.trimming import OPEN, CallerCache, MemoUnsound

log = logging.getLogger(__name__)

ID_CHUNK = 500
RANKED_BUDGET = 500_000   # matches kept in ranked lists, about 6 MB
KEPT_PAGE_SIZE = 50   # pages of results kept for paging back hold at most this many (64 pages, about 2 MB)
LOCK_ATTEMPTS = 6   # each waits up to build.WRITER_TIMEOUT for whoosh's own lock, then 0.2 s
# Built once, and Core rather than the ORM: building and running them through the ORM for each page of
# results cost as much as the database's own work.
_DOCUMENTS, _VERSIONS = Document.__table__, DocumentVersion.__table__
_TITLES = select(_DOCUMENTS.c.id, _DOCUMENTS.c.title).where(_DOCUMENTS.c.id.in_(bindparam("ids", expanding=True)))
_PAGES = (select(_DOCUMENTS.c.id, _VERSIONS.c.pages)
          .join(_VERSIONS, _DOCUMENTS.c.current_version_id == _VERSIONS.c.id)
          .where(_DOCUMENTS.c.id.in_(bindparam("ids", expanding=True))))


class _LRU:
    def __init__(self, size: int):
        self.size = size
        self.items: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key, value):
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value

    def clear(self):
        with self.lock:
            self.items.clear()

    def discard_if(self, stale) -> None:
        with self.lock:
            for key in [key for key, value in self.items.items() if stale(value)]:
                del self.items[key]


class _Alignment:
    """Document numbers of one searcher against one snapshot's document order."""

    def __init__(self, ids_by_docnum: list, snapshot: trimming.Snapshot):
        self.size = len(ids_by_docnum)
        self.index_of_docnum = array("i", [-1]) * self.size
        self.docnum_of = array("i", [-1]) * len(snapshot)
        ids = snapshot.ids
        position = {ident: i for i, ident in enumerate(ids)}   # only while aligning: the snapshot keeps no such dict
        for docnum, ident in enumerate(ids_by_docnum):
            if ident is not None:
                i = position.get(ident, -1)
                if i >= 0:
                    self.index_of_docnum[docnum] = i
                    self.docnum_of[i] = docnum
                    ids[i] = ident   # the same id: the snapshot keeps the index's copy, so each id string is held once

    def sets(self, trim: trimming.Trim, only: list[int] | None) -> tuple[set, set]:
        """Document numbers of the searcher the caller may open, and those they may only see listed."""
        readable, listed = set(), set()
        codes, docnum_of = trim.codes, self.docnum_of
        for i in (range(len(docnum_of)) if only is None else only):
            code = codes[i]
            if code:
                docnum = docnum_of[i]
                if docnum >= 0:
                    (readable if code == OPEN else listed).add(docnum)
        return readable, listed


class _Shared:
    """Per process and index directory: the open searcher and the caches search keeps."""

    def __init__(self, folder: IndexFolder):
        self.folder = folder
        self.read_lock = threading.RLock()      # Whoosh searchers are not safe to share between threads
        self.name: str | None = None
        self.searcher = None
        self.searcher_serial = 0
        self.segment_ids: dict = {}   # segment (equal by its id) -> ids by its document numbers (segments never change)
        self.alignments = _LRU(2)
        self.allowed = _LRU(16)
        self.snapshot_lock = threading.Lock()
        self.snapshots: dict[str, trimming.Snapshot] = {}
        self.subjects = _LRU(1024)
        self.parsed = _LRU(1024)
        self.callers = _LRU(256)
        self.trims = _LRU(64)
        self.pages = _LRU(64)   # (caller, terms, snippets, document indices) -> (trim, results)
        self.ranked = RankedCache(RANKED_BUDGET)   # (searcher, caller, query) -> Ranked
        self.exact_mode = False

    # -- the searcher (hold read_lock) ---------------------------------------------------------

    def current_searcher(self):
        # Opened afresh after every commit, never by Whoosh's `refresh`: the reader it makes keeps the readers
        # of segments a merge removed, and misses deletions in the segments it reuses.
        name = self.folder.current_name()
        if self.searcher is None or name != self.name or not self.searcher.up_to_date():
            new_name, ix = self.folder.open_current()
            old, self.searcher, self.name = self.searcher, ix.searcher(weighting=OwnTextWeighting()), new_name
            self.searcher_serial += 1
            if old is not None:
                carry_over(old, self.searcher)
                old.close()
        return self.searcher, (self.name, self.searcher_serial)

    def alignment(self, searcher, key, snapshot) -> _Alignment:
        akey = (key, id(snapshot))
        found = self.alignments.get(akey)
        if found is None or found[0] is not snapshot:
            aligned = _Alignment(ids_by_docnum(searcher, self.segment_ids), snapshot)
            found = self.alignments.put(akey, (snapshot, aligned))
        return found[1]

    # -- facts ---------------------------------------------------------------------------------

    def snapshot(self, db: str, session, generation: int) -> trimming.Snapshot:
        found = self.snapshots.get(db)
        if found is not None and found.generation == generation:
            return found
        with self.snapshot_lock:
            found = self.snapshots.get(db)
            if found is None or found.generation != generation:
                old = found
                memo = old.memo if old is not None else None
                found = self.snapshots[db] = trimming.load_snapshot(session, generation, memo)
                if old is not None:
                    # Nothing asks for what was made over the old snapshot again (trims, allowed sets, pages,
                    # alignments): let it go now rather than when they come to the end of their LRUs.
                    self.trims.discard_if(lambda trim: trim.snapshot is old)
                    self.allowed.discard_if(lambda kept: kept[0].snapshot is old)
                    self.pages.discard_if(lambda kept: kept[0].snapshot is old)
                    self.alignments.discard_if(lambda kept: kept[0] is old)
        return found


def ranked_key(searcher_key, caller, query) -> tuple:
    """The key of a caller's ranked matches. Whoosh hashes `title:x OR body:x` alike for every x (its
    terms' hashes cancel out), so the query's text is hashed beside it."""
    return searcher_key, caller, repr(query), query


def ids_by_docnum(searcher, cache: dict | None = None) -> list:
    """Document number -> id for the live documents of `searcher` (None where deleted).

    A segment's ids are read once (`cache`, by segment): only its deletions change.
    """
    cache = {} if cache is None else cache
    reader = searcher.reader()
    out = [None] * reader.doc_count_all()
    seen = set()
    for leaf, offset in reader.leaf_readers():   # [(reader, 0)] for a reader of one segment
        segment = leaf.segment()   # None for an empty index
        ids = cache.get(segment) if segment is not None else None
        if ids is None:
            ids = list(leaf.column_reader("id", translate=True))
            if segment is not None:
                cache[segment] = ids
        seen.add(segment)
        if leaf.has_deletions():
            for local in leaf.all_doc_ids():
                out[offset + local] = ids[local]
        else:
            out[offset:offset + len(ids)] = ids
    for segment in list(cache):
        if segment not in seen:
            del cache[segment]
    return out


_registry: dict[str, _Shared] = {}
_registry_lock = threading.Lock()


def _shared(path: Path) -> _Shared:
    key = str(Path(path).resolve())
    with _registry_lock:
        found = _registry.get(key)
        if found is None:
            found = _registry[key] = _Shared(IndexFolder(Path(path)))
        return found


def open_index(path: Path):
    """The index at `path` (created empty if there is none), as a Whoosh Index."""
    return IndexFolder(Path(path)).open_current()[1]


class DocumentIndex:
    """Build, update and search the index at `path`. Instances for the same path share their state."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._shared = _shared(self.path)
        self.folder = self._shared.folder

    # -- writing -------------------------------------------------------------------------------

    def update(self, gw, ids: list[str]) -> None:
        """(Re)indexes these documents from the store; ids no longer in the store are removed.

        One commit per call: pass many ids at once (or use `batch`) when ingesting many files.
        If another writer (a rebuild, another process) holds the index, the ids are left in the
        journal and that writer indexes them before it lets go.
        """
        ids = [i for i in dict.fromkeys(ids) if i]
        if not ids:
            return
        if self.folder.current_name() is None:
            self.folder.ensure()
        self.folder.add_pending(ids)
        self._drain(gw)

    def catch_up(self, gw) -> None:
        """Indexes the ids a stopped writer left in the journal (a killed ingest noted them before committing)."""
        if self.folder.has_pending():
            self._drain(gw)

    @contextmanager
    def batch(self, gw, size: int = 500):
        """`with index.batch(gw) as add: ... add([id])`: updates every `size` ids and at the end.

        `add(ids, left)`, told how many more ids may come, also updates once as many are pending as may
        come, while that is at least a fifth of `size`: the last update, which nothing runs beside, is small.
        """
        pending: list[str] = []

        def add(ids, left: int | None = None):
            pending.extend(ids)
            if len(pending) >= size or (left is not None and size // 5 <= left <= len(pending)):
                self.update(gw, pending)
                pending.clear()

        try:
            yield add
        finally:
            if pending:
                self.update(gw, pending)

    def _drain(self, gw) -> None:
        while True:
            with self.folder.writer_lock(blocking=False) as held:
                if not held:
                    return   # the holder drains the journal before letting go
                _, ix = self.folder.open_current()
                self._write_pending(gw, ix)
            if not self.folder.has_pending():
                return

    def _write_pending(self, gw, ix) -> None:
        while True:
            ids, size = self.folder.peek_pending()
            if not ids:
                return
            for start in range(0, len(ids), ID_CHUNK):
                chunk = ids[start:start + ID_CHUNK]
                with gw.sessions() as session:
                    docs = list(store_documents(session, chunk))
                found = {d.id for d in docs}
                for attempt in range(LOCK_ATTEMPTS):
                    try:
                        write_documents(ix, docs, [i for i in chunk if i not in found])
                        break
                    except LockError:   # a writer outside this gateway's lock; try again shortly
                        if attempt == LOCK_ATTEMPTS - 1:
                            raise IndexUnavailable("the search index is locked by another writer") from None
                        time.sleep(0.2)
            self.folder.drop_pending(size)

    def rebuild(self, gw, procs: int = 1) -> int:
        """Builds the index anew from the store in a new folder, then points readers to it; returns the count."""
        with self.folder.writer_lock(blocking=True):
            previous = self.folder.current_name()
            folder = self.folder.new_version()
            try:
                ix = storage(folder).create_index(make_schema())
                with gw.sessions() as session:
                    count = write_documents(ix, store_documents(session), fresh=True, procs=procs, limitmb=256)
                self._write_pending(gw, ix)   # documents changed while it was being built
                self.folder.point_to(folder.name)
            except BaseException:
                self.folder.discard(folder)
                raise
            # Under the lock, so no build in progress elsewhere can be mistaken for an old version.
            self.folder.clean_old_versions(keep={folder.name, previous} - {None})
        if self.folder.has_pending():
            self._drain(gw)
        return count

    # -- searching -----------------------------------------------------------------------------

    def search(self, gw, account_id: str | None, query: str = "", page: int = 1, page_size: int = 20,
               committee: str | None = None, date_from=None, date_to=None, paragraph: int | None = None,
               status: str | None = None, at=None, snippets: bool = True, session=None) -> dict:
        """Documents the caller may discover that match, one page of them.

        {"total", "page", "pages", "results": [{"id", "title", "committee", "committee_name",
        "meeting_date", "visibility", "exempt_paragraphs", "snippet"}]}: `snippet` (HTML-escaped
        text, matched words in <mark>) only where visibility is open, else None; `total` counts
        only discoverable matches. An empty query lists all discoverable documents, newest
        meeting first. `snippets=False` leaves every snippet None (for bulk listings).
        Raises QueryError (with a message for the person) for a malformed query. Recording the
        search is the caller's (gateway.services.search), as for every other use-case; it passes its
        `session`, read in unless it has written (else the search opens one).
        """
        page, page_size = check_page(page, page_size)
        parsed = self._parsed(account_id, query, committee, date_from, date_to, paragraph, status)
        try:
            req = make_request("discover", "councillor", "", at)
        except ValueError:
            raise QueryError(f"at: {at!r} is not a date; write dates as YYYY-MM-DD.") from None
        if session is not None and not session.info.get(fact_cache.WROTE):
            return self._search(gw, session, account_id, parsed, page, page_size, req, snippets)
        # A session that has written reads its own uncommitted rows: never cache those under a generation.
        with gw.sessions() as own:
            return self._search(gw, own, account_id, parsed, page, page_size, req, snippets)

    def _search(self, gw, session, account_id, parsed: ParsedQuery, page, page_size, req, snippets) -> dict:
        shared = self._shared
        db = gw.settings.sqlalchemy_url
        generation = fact_cache.generation(session)   # read before any fact: a cached copy is never older than its number
        snapshot = shared.snapshot(db, session, generation)
        sub, standing = self._subject(gw, session, db, generation, account_id)
        committee = self._committee(snapshot, parsed.filters.committee)
        trim = self._trim(gw, db, snapshot, sub, standing, req)
        only = _filtered(snapshot, parsed.filters, committee)
        start = (page - 1) * page_size
        if parsed.empty:
            chosen = _listing(snapshot, trim, only)
            total = len(chosen)
            page_indices = chosen[start:start + page_size]
        else:
            total, page_indices = self._text_search(snapshot, trim, only, parsed, start, page_size, sub.id)
        results = self._page(session, snapshot, trim, page_indices, parsed, snippets, account_id)
        return {"total": total, "page": page, "pages": math.ceil(total / page_size), "results": results}

    def _parsed(self, caller, *asked) -> ParsedQuery:
        """The query parsed; kept per caller (as their ranked matches are) for a member paging through it."""
        if caller is None:
            return parse(*asked)
        key = (caller, *asked)
        found = self._shared.parsed.get(key)
        return found if found is not None else self._shared.parsed.put(key, parse(*asked))

    def _subject(self, gw, session, db, generation, account_id):
        key = (db, generation, account_id)
        found = self._shared.subjects.get(key)
        if found is None:
            facts = FactSource(session)
            sub = gw.access.subject(facts, account_id)
            standing = facts.standing_for_member(sub.id) if sub.kind == MEMBER else {}
            found = self._shared.subjects.put(key, (sub, standing))
        return found

    @staticmethod
    def _committee(snapshot, wanted: str | None) -> str | None:
        if wanted is None:
            return None
        folded = wanted.casefold()
        for ident, (name, _kind) in snapshot.committees.items():
            if ident.casefold() == folded or (name or "").casefold() == folded:
                return ident
        raise QueryError(f"committee: there is no committee {wanted!r}; use a committee's id or full name.")

    def _trim(self, gw, db, snapshot, sub, standing, req) -> trimming.Trim:
        shared = self._shared
        policy = gw.access.enforcer.policy_text
        skey = trimming.subject_key(sub)
        for _ in range(2):
            exact = shared.exact_mode
            key = (db, snapshot.generation, id(snapshot), skey, req, policy, exact)
            found = shared.trims.get(key)
            if found is not None:
                return found
            cache = shared.callers.get((db, skey, req, policy, exact))
            if cache is None:
                cache = shared.callers.put((db, skey, req, policy, exact), CallerCache())
            try:
                found = trimming.trim(gw.access, sub, req, snapshot, snapshot.classes(req.at, exact), cache, standing)
            except MemoUnsound as exc:
                log.error("search trimming falls back to exact evaluation: %s", exc)
                shared.exact_mode = True
                continue
            return shared.trims.put(key, found)
        raise RuntimeError("search trimming could not settle")   # unreachable: exact dates never disagree

    def _ranked(self, searcher, key, caller, query) -> Ranked:
        """Every match of `query` on this searcher, ranked. Kept per caller, so that how fast a search
        answers never tells anybody what somebody else searched for (so nothing is kept for nobody signed in)."""
        if caller is None:
            return ranked_matches(searcher, query)
        rkey = ranked_key(key, caller, query)
        found = self._shared.ranked.get(rkey)
        return found if found is not None else self._shared.ranked.put(rkey, ranked_matches(searcher, query))

    def _text_search(self, snapshot, trim, only, parsed: ParsedQuery, start, page_size, caller):
        """Two searches over disjoint sets, merged: the caller's readable documents by title and body,
        the documents they may only see listed by title. Each ranks every match, then keeps only the
        allowed ones, so counts and pages are those of the allowed documents alone."""
        shared = self._shared
        limit = start + page_size
        with shared.read_lock:
            searcher, key = shared.current_searcher()
            alignment = shared.alignment(searcher, key, snapshot)
            if only is None:
                ckey = (key, id(trim))
                found = shared.allowed.get(ckey)
                if found is None or found[0] is not trim:
                    found = shared.allowed.put(ckey, (trim, *alignment.sets(trim, None)))
                readable, listed = found[1], found[2]
            else:
                readable, listed = alignment.sets(trim, only)
            total, hits = 0, []
            for q, allowed in ((parsed.readable, readable), (parsed.listed, listed)):
                if q is None or not allowed:
                    continue
                found, top = top_and_total(self._ranked(searcher, key, caller, q), limit, allowed)
                total += found
                hits += top
            hits.sort(key=lambda hit: (-hit[0], hit[1]))   # score, then document number, as whoosh ranks
            indices = [alignment.index_of_docnum[docnum] for _score, docnum in hits[start:limit]]
        if any(i < 0 or not trim.codes[i] for i in indices):   # cannot happen: only allowed numbers are searched
            raise RuntimeError("search trimming let through a document it should not have")
        return total, indices

    def _page(self, session, snapshot, trim, indices, parsed: ParsedQuery, snippets: bool, caller) -> list[dict]:
        """The results at `indices`; kept per caller, as their ranked matches are, for a member paging back and
        forth. They hold while the caller's trim (their decisions, over one snapshot: every change of a
        document's facts or text moves the generation, so makes a new one) is the very one they were made with."""
        terms = wanted_terms(parsed.readable)
        if caller is None or not indices or len(indices) > KEPT_PAGE_SIZE:
            return self._results(session, snapshot, trim, indices, terms, snippets)
        key = (caller, terms, snippets, tuple(indices))
        found = self._shared.pages.get(key)
        if found is None or found[0] is not trim:
            found = self._shared.pages.put(key, (trim, self._results(session, snapshot, trim, indices, terms, snippets)))
        # Copies: a page adds its own marks to the results it shows.
        return [{**result, "exempt_paragraphs": list(result["exempt_paragraphs"])} for result in found[1]]

    def _results(self, session, snapshot, trim, indices, terms: frozenset, snippets: bool) -> list[dict]:
        if not indices:
            return []
        ids = [snapshot.ids[i] for i in indices]
        connection = session.connection()
        titles = dict(connection.execute(_TITLES, {"ids": ids}).all())
        open_ids = [snapshot.ids[i] for i in indices if trim.codes[i] == OPEN] if snippets else []
        pages = {}
        if open_ids:
            pages = {ident: list(p or []) for ident, p in connection.execute(_PAGES, {"ids": open_ids})}
        results = []
        for i in indices:
            ident = snapshot.ids[i]
            facts = snapshot.bases[snapshot.base_of[i]].facts
            visibility = trim.visibility(i)
            text = None
            if visibility == "open" and snippets:
                doc_pages = pages.get(ident, [])
                text = snippet(doc_pages, terms) if terms else opening(doc_pages)
            meeting = snapshot.meeting[i]
            results.append({
                "id": ident,
                "title": titles.get(ident, ""),
                "committee": facts.committee,
                "committee_name": facts.committee_name,
                "meeting_date": date.fromordinal(meeting).isoformat() if meeting else None,
                "visibility": visibility,
                "exempt_paragraphs": sorted(facts.paragraphs),
                "snippet": text,
            })
        return results


def _filtered(snapshot: trimming.Snapshot, filters: Filters, committee: str | None) -> list[int] | None:
    """Snapshot indices passing the filters (from the store's facts), or None when there are none."""
    if not filters.any:
        return None
    low = filters.date_from.toordinal() if filters.date_from else None
    high = filters.date_to.toordinal() if filters.date_to else None
    out = []
    meeting = snapshot.meeting
    for base in snapshot.bases:
        f = base.facts
        if committee is not None and f.committee != committee:
            continue
        if filters.paragraph is not None and filters.paragraph not in f.paragraphs:
            continue
        if filters.status is not None and f.status != filters.status:
            continue
        if low is None and high is None:
            out.extend(base.docs)
            continue
        for i in base.docs:
            m = meeting[i]
            if m and (low is None or m >= low) and (high is None or m <= high):
                out.append(i)
    return out


def _listing(snapshot: trimming.Snapshot, trim: trimming.Trim, only: list[int] | None) -> list[int]:
    codes = trim.codes
    if only is None:
        return [i for i in snapshot.newest_first if codes[i]]
    rank = snapshot.rank
    return sorted((i for i in only if codes[i]), key=rank.__getitem__)
