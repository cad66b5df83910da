"""Ingesting a document folder: store each file, extract its text, classify it, record it.

Each file is committed on its own, so an interrupted run keeps what it finished and a re-run
picks up the rest; an unchanged file is skipped, a changed one becomes a new version.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

import classifiers
from gateway.domain.clock import utcnow
from gateway.domain.blobs import BlobStore
from gateway.domain.council_file import read_structured
from gateway.domain.documents import FolderEntry, check_entry, list_folder
from gateway.domain.errors import InputError
from gateway.domain.generation import bump
from gateway.domain.models import Committee, Document, DocumentVersion, Group, Matter, Member, Portfolio
from gateway.extraction import Extraction, Limits, extract_many

MEDIA_TYPES = {".pdf": "application/pdf", ".txt": "text/plain"}


@dataclass
class IngestReport:
    ingested: list = field(default_factory=list)     # new documents or new versions
    updated: list = field(default_factory=list)      # metadata changed, same file
    unchanged: list = field(default_factory=list)
    needs_review: list = field(default_factory=list)  # (id, reason): stored, but extraction failed
    failed: list = field(default_factory=list)       # (file, reason): not stored

    def to_json(self) -> dict:
        return {
            "ingested": len(self.ingested), "updated": len(self.updated), "unchanged": len(self.unchanged),
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
    groups = [classifiers.GroupName(g.id, (g.name, *(g.aliases or []))) for g in session.scalars(select(Group))]
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


def ingest_folder(sessions: sessionmaker, blobs: BlobStore, folder: Path, limits: Limits = Limits(),
                  progress: Callable[[int, int], None] | None = None,
                  on_change: Callable[[list[str]], None] | None = None) -> IngestReport:
    """Ingests every entry of `folder`; reports what happened to each. Raises InputError only for
    a folder or documents.yaml that cannot be read at all."""
    report = IngestReport()
    with sessions() as session:
        known, groups, matters = council_context(session)
    entries, report.failed = read_folder(Path(folder), known)
    total, done = len(entries), 0

    to_extract: list[tuple[FolderEntry, bytes, str]] = []
    for entry in entries:
        try:
            data = entry.path.read_bytes()
        except OSError as exc:
            report.failed.append((entry.path.name, f"{entry.path}: cannot read ({exc.strerror})"))
            done += 1
            continue
        digest = hashlib.sha256(data).hexdigest()
        with sessions() as session, session.begin():
            doc = session.get(Document, entry.id)
            same_file = doc is not None and doc.current_version is not None and doc.current_version.sha256 == digest
            if same_file:
                changed = _apply_metadata(doc, entry)
                if changed:
                    bump(session)
                (report.updated if changed else report.unchanged).append(entry.id)
        if same_file:
            done += 1
            if progress:
                progress(done, total)
            if changed and on_change:
                on_change([entry.id])
            continue
        to_extract.append((entry, data, digest))

    by_path = {entry.path: (entry, data, digest) for entry, data, digest in to_extract}
    for path, extraction in extract_many([entry.path for entry, _, _ in to_extract], limits):
        entry, data, digest = by_path[path]
        _store_version(sessions, blobs, entry, data, digest, extraction, groups, matters)
        report.ingested.append(entry.id)
        if not extraction.ok:
            report.needs_review.append((entry.id, extraction.reason))
        done += 1
        if progress:
            progress(done, total)
        if on_change:
            on_change([entry.id])
    return report


def _apply_metadata(doc: Document, entry: FolderEntry) -> bool:
    changed = False
    for key, value in {**entry.meta, "file": entry.path.name, "declared": entry.declared}.items():
        if getattr(doc, key) != value:
            setattr(doc, key, value)
            changed = True
    if changed:
        doc.updated_at = utcnow()
    return changed


def _store_version(sessions, blobs, entry, data, digest, extraction: Extraction, groups, matters) -> None:
    blobs.put(data)
    if extraction.ok:
        labels = classifiers.classify_pages(extraction.pages, groups)
    else:
        labels = classifiers.unreadable(extraction.reason or "unreadable")
    now = utcnow()
    with sessions() as session, session.begin():
        version = DocumentVersion(
            document_id=entry.id, sha256=digest, media_type=MEDIA_TYPES[entry.path.suffix.lower()], size=len(data),
            pages=list(extraction.pages), extraction_status=extraction.status,
            extraction_reason=extraction.reason, ingested_at=now,
        )
        session.add(version)
        session.flush()
        doc = session.get(Document, entry.id) or Document(id=entry.id)
        _apply_metadata(doc, entry)
        # The version it was made on: a reclassification made on another needs review (documents.py).
        doc.classified = {**labels.to_json(), "sha256": digest}
        doc.classifier_version = classifiers.CLASSIFIER_VERSION
        doc.inferred_matters = list(classifiers.infer_matters(extraction.pages, matters))
        doc.current_version_id = version.id
        doc.updated_at = now
        session.add(doc)
        bump(session)
