"""Reading documents from the store and writing them into a Whoosh index (the only writes there are)."""

from collections.abc import Iterable, Iterator

from sqlalchemy import select
from whoosh.index import Index

from gateway.access.gather import FactSource
from gateway.domain.models import Document, DocumentVersion
from index.schema import IndexDoc

WRITER_TIMEOUT = 10.0   # seconds to wait for Whoosh's own lock before giving up
BATCH = 200


def store_documents(session, ids: list[str] | None = None) -> Iterator[IndexDoc]:
    """Documents as the index holds them, from the database; all of them, newest meeting first, if no ids."""
    facts = FactSource(session)
    stmt = select(Document, DocumentVersion.pages).outerjoin(
        DocumentVersion, Document.current_version_id == DocumentVersion.id)
    if ids is not None:
        stmt = stmt.where(Document.id.in_(ids))
    else:
        # Equal scores rank by document number: writing newest first makes them rank newest first.
        stmt = stmt.order_by(Document.meeting_date.desc().nulls_last(), Document.id)
    for doc, pages in session.execute(stmt.execution_options(yield_per=BATCH)):
        paragraphs = facts.document_facts(doc).paragraphs
        yield IndexDoc(id=doc.id, title=doc.title or "", body="\n\n".join(p or "" for p in pages or []),
                       committee=doc.committee_id, meeting_date=doc.meeting_date,
                       paragraphs=tuple(sorted(paragraphs)), status=doc.status)


def write_documents(ix: Index, docs: Iterable[IndexDoc], remove: Iterable[str] = (), fresh: bool = False,
                    procs: int = 1, limitmb: int = 128) -> int:
    """Adds or replaces `docs` and deletes `remove` (ids), in one commit; returns how many were written.

    `fresh` is for a new, empty index: documents are added without looking for older copies.
    """
    # A busy index raises whoosh's LockError after WRITER_TIMEOUT; the caller decides what then.
    # Segments are left as separate files: a compound file is read through Python-level seeks and reads
    # (unpickling a posting block's header alone is hundreds of calls), a plain file by the C buffered reader.
    if procs > 1:
        writer = ix.writer(procs=procs, limitmb=limitmb, multisegment=False, compound=False)
    else:
        writer = ix.writer(timeout=WRITER_TIMEOUT, limitmb=limitmb, compound=False)
    count = 0
    try:
        for doc in docs:
            if fresh:
                writer.add_document(**doc.fields())
            else:
                writer.update_document(**doc.fields())
            count += 1
        for ident in remove:
            writer.delete_by_term("id", ident)
        writer.commit(optimize=fresh and procs == 1)
    except BaseException:
        _abandon(writer)
        raise
    return count


def _abandon(writer) -> None:
    """Lets go of a writer that failed, even in its commit (a full disk): the index stays at its last commit,
    and whoosh's lock is released so the next writer is not locked out."""
    try:
        writer.cancel()
    except Exception:   # cancelling closes files, which can fail again the same way
        if getattr(writer, "writelock", None) is not None:
            writer.writelock.release()
