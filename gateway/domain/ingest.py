"""Ingesting a document folder: store each file, extract its text, classify it, record it.

New versions are committed a few documents at a time (STORE_BATCH), each with its own audit record
in its batch's transaction, so an interrupted run keeps what it committed and a re-run picks up the
rest; an unchanged file is skipped (classified again from its stored text if an older classifier read
it), a changed one becomes a new version. Before a change commits, its
ids are noted for the index (`journal`), so a run killed between the commit and the index's is caught
up by the next index writer. The Proper Officer's reclassification is never touched here, and every
change of an existing document's effective labels is audited in the transaction that makes it.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, object_session, sessionmaker

import classifiers
from gateway.domain.audit import AuditLog, Entry
from gateway.domain.blobs import BlobStore
from gateway.domain.clock import utcnow
from gateway.domain.council_file import read_structured
from gateway.domain.documents import FolderEntry, check_entry, document_labels, list_folder
from gateway.domain.errors import InputError
from gateway.domain.generation import bump
from gateway.domain.models import (
    Committee, Document, DocumentReview, DocumentVersion, Group, Matter, Member, Portfolio,
)
from gateway.extraction import ClassifierContext, Extraction, extract_with, labels_of, worker_pool
from gateway.extraction.pdf import WorkerPool

MEDIA_TYPES = {".pdf": "application/pdf", ".txt": "text/plain"}
# New versions stored per transaction: one commit and one journal fsync for many documents, while a
# killed run loses at most this many extractions (the next run redoes them).
STORE_BATCH = 20
# Stored documents indexed per index commit. Indexing runs while the workers still read (at 500 a
# 200-document run indexed all 200 after the last file); at 1,000 documents 10 commits cost about 0.6 CPU-s
# more than 2. Batches shrink towards the end (see DocumentIndex.batch), so little is left after the last file.
INDEX_BATCH = 100


@dataclass
class IngestReport:
    ingested: list = field(default_factory=list)     # new documents or new versions
    updated: list = field(default_factory=list)      # metadata changed, same file
    unchanged: list = field(default_factory=list)
    # (id, reason): every document of the run whose effective classification needs review, as the
    # application then shows it (not only the files that could not be read)
    needs_review: list = field(default_factory=list)
    failed: list = field(default_factory=list)       # (file, reason): not stored
    # (id, reason): a changed file for a published document without a new amendment note: not stored
    held: list = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "ingested": len(self.ingested), "updated": len(self.updated), "unchanged": len(self.unchanged),
            "held": [{"id": i, "reason": r} for i, r in self.held],
            "needs_review": [{"id": i, "reason": r} for i, r in self.needs_review],
            "failed": [{"file": f, "reason": r} for f, r in self.failed],
        }


def council_context(session: Session) -> tuple[dict, list, list]:
    """Known ids for checking entries, and the groups and matters the classifiers look for."""
    known = {
        "committees": set(session.scalars(select(Committee.id))),
        "portfolios": set(session.scalars(select(Portfolio.id))),
        "matters": set(session.scalars(select(Matter.id))),
        "members": set(session.scalars(select(Member.id))),
        "groups": set(session.scalars(select(Group.id))),
    }
    members = [{"group": m.group_id, "name": m.name} for m in session.scalars(select(Member))]
    groups = [classifiers.GroupName.from_council({"id": g.id, "name": g.name, "aliases": g.aliases}, members)
              for g in session.scalars(select(Group))]
    matters = [classifiers.MatterKeywords(m.id, tuple(m.keywords or [])) for m in session.scalars(select(Matter))]
    return known, groups, matters


def read_folder(folder: Path, known: dict) -> tuple[list[FolderEntry], list]:
    """Checked entries of the folder, and (file, reason) for each entry that is wrong."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, None, None, "not a folder")
    listing = folder / "documents.yaml"
    raw = None
    if listing.exists():
        raw = read_structured(listing).get("documents")
        if not isinstance(raw, list):
            raise InputError(listing, None, "documents", "missing, or not a list")
    entries, failed, seen = [], [], set()
    for index, item in enumerate(list_folder(folder, raw)):
        try:
            entry = check_entry(item, index, folder, listing, known)
            if entry.id in seen:
                raise InputError(listing, f"documents[{index}] ({entry.id})", "id", f"duplicate id {entry.id!r}")
            if not entry.path.is_file():
                raise InputError(listing, f"documents[{index}] ({entry.id})", "file", f"{entry.path.name}: no such file")
            seen.add(entry.id)
            entries.append(entry)
        except InputError as exc:
            failed.append((str(item.get("file") if isinstance(item, dict) else index), str(exc)))
    return entries, failed


def ingest_folder(sessions: sessionmaker, blobs: BlobStore, audit: AuditLog, folder: Path,
                  workers: WorkerPool | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  on_change: Callable[[list[str], int], None] | None = None,
                  journal: Callable[[list[str]], None] | None = None, *,
                  is_public: Callable[[Document], bool]) -> IngestReport:
    """Ingests every entry of `folder`; reports what happened to each. Raises InputError only for
    a folder or documents.yaml that cannot be read at all. `is_public(document)`: whether a stored
    document is out in public today (the decision service's answer), whose file may not change silently.

    `journal(ids)` is called inside a changed document's transaction, before it commits (durably noting
    that the index must follow); `on_change(ids, left)` after it committed, with how many entries are left.

    Entries sharing one file are each stored: the file is read, extracted and classified once.
    `workers`: the pool that reads them (started early by the caller, see `worker_pool`), closed here;
    default: a pool with the default limits.
    """
    report = IngestReport()
    with sessions() as session:
        known, groups, matters = council_context(session)
    context = ClassifierContext(tuple(groups), tuple(matters))
    entries, report.failed = read_folder(Path(folder), known)
    with sessions() as session:
        stored = _stored_ids(session, [entry.id for entry in entries])
    total, done = len(entries), 0

    def finished(ids: list[str]) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)
        if ids and on_change:
            on_change(ids, total - done)

    sharing: dict[Path, list[FolderEntry]] = {}
    for entry in entries:
        sharing.setdefault(entry.path, []).append(entry)
    to_extract: dict[Path, tuple[bytes, str, list[FolderEntry]]] = {}
    for path, path_entries in sharing.items():
        try:
            data = path.read_bytes()
        except OSError as exc:
            for entry in path_entries:
                report.failed.append((path.name, f"{path}: cannot read ({exc.strerror})"))
                finished([])
            continue
        digest = hashlib.sha256(data).hexdigest()
        new_version = []
        for entry in path_entries:
            if entry.id not in stored:   # a new document: no version to compare, hold or update
                new_version.append(entry)
                continue
            with sessions() as session, session.begin():
                doc = session.get(Document, entry.id)
                if doc is None or doc.current_version is None or doc.current_version.sha256 != digest:
                    held = silent_amendment(doc, entry, is_public)
                    if held:
                        report.held.append((entry.id, held))
                        finished([])
                    else:
                        new_version.append(entry)
                    continue
                before = document_labels(doc)
                changed = _apply_metadata(doc, entry)
                changed = _classify_again(doc, context) or changed
                if changed:
                    bump(session)
                    _audit_labels(audit, session, doc, before)
                    if journal:
                        journal([entry.id])
                (report.updated if changed else report.unchanged).append(entry.id)
                _note_review(report, doc)
            finished([entry.id] if changed else [])
        if new_version:
            to_extract[path] = (data, digest, new_version)

    ready: list[tuple] = []   # extracted files whose blobs are stored, waiting for their transaction

    def store_ready() -> None:
        """Stores the waiting files' versions in one transaction, each with its audit record, journalled."""
        stored, records = [], []
        with sessions() as session, session.begin():
            for path, size, digest, path_entries, extraction, labels, inferred in ready:
                for entry in path_entries:
                    doc, entries = _store_version(session, entry, path, digest, size, extraction, labels,
                                                  inferred, is_public)
                    _note_review(report, doc)
                    stored.append(entry.id)
                    records += entries
            if stored:
                # Each version's own records, in order, appended at once (one head read and move for the
                # batch, not one per version), in the transaction that stores them.
                audit.append_in(session, *records)
                bump(session)   # once for the batch: one transaction, one change of what decisions read
                if journal:
                    journal(stored)
        ready.clear()
        for ident in stored:
            report.ingested.append(ident)
            finished([ident])

    extracted = extract_with(workers if workers is not None else worker_pool(), list(to_extract), context)
    for path, extraction in extracted:
        data, digest, path_entries = to_extract[path]
        try:
            blobs.put(data)
        except OSError as exc:   # a full disk: this file is not stored, the previous version still serves
            for entry in path_entries:
                report.failed.append((path.name, f"{path}: cannot store ({exc.strerror or exc})"))
                finished([])
            continue
        labels, inferred = labels_of(extraction, context)
        ready.append((path, len(data), digest, path_entries, extraction, labels, inferred))
        if sum(len(item[3]) for item in ready) >= STORE_BATCH:
            store_ready()
    if ready:
        store_ready()
    return report


REVIEWED_DATES = ("review_on", "release_on")
_IDS_PER_QUERY = 500   # a database bounds the parameters of one statement (SQLite's used to be 999)


def _stored_ids(session: Session, ids: list[str]) -> set[str]:
    """Which of `ids` are stored documents: one query for many, not a transaction each."""
    found: set[str] = set()
    for start in range(0, len(ids), _IDS_PER_QUERY):
        found.update(session.scalars(select(Document.id).where(Document.id.in_(ids[start:start + _IDS_PER_QUERY]))))
    return found


def silent_amendment(doc: Document | None, entry: FolderEntry, is_public: Callable[[Document], bool]) -> str | None:
    """Why a changed file cannot be stored yet: a published report is not silently amended (003:6.2),
    so its new version needs a note of its own in documents.yaml (`amendment_note`); None when it may be."""
    if doc is None or doc.current_version is None or not is_public(doc):
        return None
    if entry.amendment_note and entry.amendment_note != doc.current_version.note:
        return None
    return (f"{entry.path.name} changed after {doc.id} was published: give a new `amendment_note` in documents.yaml "
            "saying what changed and why, then ingest again (the published version stays as it is)")


def _apply_metadata(doc: Document, entry: FolderEntry) -> bool:
    changed = False
    # The Proper Officer's review (reviews.py) decides the review and release dates once there is one:
    # a re-ingest of the same listing does not undo a release.
    reviewed = False
    if inspect(doc).persistent:
        session = object_session(doc)
        with session.no_autoflush:
            reviewed = session.scalar(
                select(DocumentReview.id).where(DocumentReview.document_id == doc.id).limit(1)) is not None
    for key, value in {**entry.meta, "file": entry.path.name, "declared": entry.declared}.items():
        if reviewed and key in REVIEWED_DATES:
            continue
        if getattr(doc, key) != value:
            setattr(doc, key, value)
            changed = True
    if changed:
        doc.updated_at = utcnow()
    return changed


def _classify_again(doc: Document, context: ClassifierContext) -> bool:
    """After an upgrade, labels from this classifier for the text the stored version already holds
    (a fix that finds more restrictions reaches documents ingested before it); True if they changed."""
    if doc.classifier_version == classifiers.CLASSIFIER_VERSION:
        return False
    doc.classifier_version = classifiers.CLASSIFIER_VERSION
    version = doc.current_version
    if version.extraction_status != "ok":   # unreadable: its labels say so, whatever the classifier
        return False
    labels, inferred = labels_of(Extraction.success(version.pages), context)
    classified = {**labels.to_json(), "sha256": version.sha256}
    if classified == doc.classified and inferred == doc.inferred_matters:
        return False
    doc.classified, doc.inferred_matters = classified, inferred
    doc.updated_at = utcnow()
    return True


def _audit_labels(audit: AuditLog, session: Session, doc: Document, before: dict | None) -> None:
    """Every change of an existing document's effective labels is audited, in the change's transaction."""
    entries = _labels_changed(doc, before)
    if entries:
        audit.append_in(session, *entries)


def _labels_changed(doc: Document, before: dict | None) -> list[Entry]:
    """The record of a change of an existing document's effective labels, if they changed."""
    after = document_labels(doc)
    if before is not None and after != before:
        return [Entry("labels_changed", document=doc.id, detail={"old": before, "new": after})]
    return []


def _note_review(report: IngestReport, doc: Document) -> None:
    labels = document_labels(doc)
    if labels["needs_review"]:
        report.needs_review.append((doc.id, _review_reason(doc, labels)))


def _review_reason(doc: Document, labels: dict) -> str:
    """Why a document needs review, in words for IT and the Proper Officer (never its text)."""
    version = doc.current_version
    if version is not None and version.extraction_status != "ok":
        return version.extraction_reason or "its text could not be read"
    if labels["review_reasons"]:
        return labels["review_reasons"][0]
    if doc.reclassification:
        return "the Proper Officer marked it for review"
    if (doc.declared or {}).get("needs_review"):
        return "documents.yaml declares that it needs review"
    reasons = [item["text"].split(":")[0] for item in (doc.classified or {}).get("evidence", [])
               if item.get("label") == "needs_review"]
    # the classifier's reason in words, without the excerpt after its colon (IT may not see the text)
    return f"the classifiers: {reasons[0]}" if reasons else "the classifiers are unsure: see the evidence on the document's page"


def _store_version(session: Session, entry: FolderEntry, path: Path, digest: str, size: int, extraction: Extraction,
                   labels, inferred_matters: list, is_public: Callable[[Document], bool]) -> tuple[Document, list[Entry]]:
    """Records a new version of the entry's document, with the labels found in it; keeps any reclassification.
    Returns the document and the audit records of the change, which the caller appends in the same
    transaction, where it also bumps the access generation."""
    now = utcnow()
    doc = session.get(Document, entry.id)
    amended = doc is not None and doc.current_version is not None and is_public(doc)
    version = DocumentVersion(
        document_id=entry.id, sha256=digest, media_type=MEDIA_TYPES[path.suffix.lower()], size=size,
        pages=list(extraction.pages), extraction_status=extraction.status,
        extraction_reason=extraction.reason, ingested_at=now, note=entry.amendment_note if amended else None,
    )
    session.add(version)
    session.flush()
    # A published report's change carries its note and what it replaced (003:6.2).
    amendment = ({"amendment_note": entry.amendment_note, "previous_sha256": doc.current_version.sha256}
                 if amended else {})
    before = document_labels(doc) if doc is not None else None
    if doc is None:
        doc = Document(id=entry.id)
        session.add(doc)
    _apply_metadata(doc, entry)
    # The version it was made on: a reclassification made on another needs review (documents.py).
    doc.classified = {**labels.to_json(), "sha256": digest}
    doc.classifier_version = classifiers.CLASSIFIER_VERSION
    doc.inferred_matters = inferred_matters
    doc.current_version_id = version.id
    doc.current_version = version
    doc.updated_at = now
    # The version's own record, in its transaction: no stored document is ever without one.
    ingested = Entry("document_ingested", document=entry.id, detail={
        "version": version.id, "sha256": digest, "file": path.name, "extraction": extraction.status, **amendment})
    return doc, [ingested, *_labels_changed(doc, before)]
