"""The document folder (CONTRACT.md) and a document's effective fields (declared beats classified)."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Callable

from gateway.domain.errors import InputError

STATUSES = ("published", "embargoed", "draft")
SESSIONS = ("public", "private")
FLAGS = ("monitoring_officer_correspondence", "employee_matter", "third_party_personal_data", "contract_terms")
CLASSIFICATION_KEYS = ("exempt_paragraphs", "party_group", "flags", "needs_review")
SUPPORTED_SUFFIXES = (".pdf", ".txt")
# Ids end up in URLs, file names and the audit log: no '/', no NUL, nothing odd.
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}\Z")
FILE_CHANGED = "the file changed after the Proper Officer's reclassification"


@dataclass
class FolderEntry:
    """One document of the folder: where its file is, its metadata, what it declares."""

    id: str
    path: Path
    meta: dict
    declared: dict
    # Why a published document's file changed (003:6.2); without one a changed file is held, not stored.
    amendment_note: str | None = None


def _date(value, path, entry, field):
    # A YAML timestamp is a datetime, which is also a date: a time of day is refused, not dropped.
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(path, entry, field, f"{value!r} is not an ISO date (YYYY-MM-DD)")


def _id_from_filename(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")[:100] or "document"


def check_entry(raw: dict, index: int, folder: Path, listing: Path, known: dict) -> FolderEntry:
    """Checks one documents.yaml entry against the council (`known`: committees, portfolios, matters, members, groups)."""
    if not isinstance(raw, dict):
        raise InputError(listing, f"documents[{index}]", None, "must be a mapping")
    ident = raw.get("id")
    entry = f"documents[{index}]" + (f" ({ident})" if isinstance(ident, str) and SAFE_ID.match(ident) else "")

    def fail(field, problem):
        return InputError(listing, entry, field, problem)

    def text(field, value):
        if value is not None and (not isinstance(value, str) or "\x00" in value):
            raise fail(field, "must be text (without NUL characters)")
        return value

    def flag(field):
        value = raw.get(field, False)
        if not isinstance(value, bool):
            raise fail(field, f"{value!r} is not true or false")
        return value

    def ref(field, kind):
        value = text(field, raw.get(field))
        if value is not None and value not in known[kind]:
            raise fail(field, f"unknown {kind[:-1]} {value!r}")
        return value

    for field in ("id", "file"):
        if not raw.get(field) or not isinstance(raw[field], str):
            raise fail(field, "missing")
    if not SAFE_ID.match(ident):
        raise fail("id", "must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit")
    path = (folder / text("file", raw["file"])).resolve()
    if folder.resolve() not in path.parents:
        raise fail("file", "must name a file inside the folder")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise fail("file", f"unsupported type {path.suffix!r} (supported: .pdf, .txt)")

    meeting = raw.get("meeting") or {}
    if not isinstance(meeting, dict):
        raise fail("meeting", "must be a mapping {date, session}")
    session = meeting.get("session")
    if session is not None and session not in SESSIONS:
        raise fail("meeting.session", f"{session!r} is not public or private")
    status = raw.get("status", "published")
    if status not in STATUSES:
        raise fail("status", f"{status!r} is not one of {', '.join(STATUSES)}")
    matters = raw.get("matters")
    if matters is not None:
        if not isinstance(matters, list):
            raise fail("matters", "must be a list of matter ids")
        for m in matters:
            if text("matters", m) not in known["matters"]:
                raise fail("matters", f"unknown matter {m!r}")
    meta = {
        "title": text("title", raw.get("title")) or Path(raw["file"]).stem,
        "service": text("service", raw.get("service")),
        "committee_id": ref("committee", "committees"),
        "meeting_date": _date(meeting.get("date"), listing, entry, "meeting.date"),
        "meeting_session": session,
        "portfolio_id": ref("portfolio", "portfolios"),
        "matters": matters,
        "executive_decision": flag("executive_decision"),
        "status": status,
        "publish_on": _date(raw.get("publish_on"), listing, entry, "publish_on"),
        "review_on": _date(raw.get("review_on"), listing, entry, "review_on"),
        "release_on": _date(raw.get("release_on"), listing, entry, "release_on"),
        "admin_only": flag("admin_only"),
        "not_for_publication_to": ref("not_for_publication_to", "members"),
        "casework_of": ref("casework_of", "members"),
    }
    note = text("amendment_note", raw.get("amendment_note"))
    if note is not None and (not note.strip() or len(note) > 2000):
        raise fail("amendment_note", "say in 1 to 2,000 characters why the published document changed")
    return FolderEntry(ident, path, meta, _declared(raw, listing, entry, known), note.strip() if note else None)


def _declared(raw, listing, entry, known) -> dict:
    declared = {key: raw[key] for key in CLASSIFICATION_KEYS if key in raw}
    return check_classification(declared, known["groups"], lambda field, problem: InputError(listing, entry, field, problem))


def check_classification(labels: dict, groups, error: Callable[[str, str], Exception]) -> dict:
    """The classification keys present in `labels`, checked and normalised; `error(field, problem)` is raised."""
    checked = dict(labels)
    if "exempt_paragraphs" in labels:
        paragraphs = labels["exempt_paragraphs"] or []
        # type() is int: a YAML `true` is an int to isinstance, and equal to paragraph 1.
        if not isinstance(paragraphs, list) or not all(type(p) is int and 1 <= p <= 7 for p in paragraphs):
            raise error("exempt_paragraphs", "must be a list of paragraphs 1 to 7")
        checked["exempt_paragraphs"] = sorted(set(paragraphs))
    if "flags" in labels:
        flags = labels["flags"] or []
        if not isinstance(flags, list) or any(not isinstance(f, str) or f not in FLAGS for f in flags):
            raise error("flags", f"must be a list of {', '.join(FLAGS)}")
        checked["flags"] = sorted(set(flags))
    group = labels.get("party_group")
    if group is not None and (not isinstance(group, str) or group not in groups):
        raise error("party_group", f"unknown group {group!r}")
    if "needs_review" in labels and not isinstance(labels["needs_review"], bool):
        raise error("needs_review", "must be true or false")
    return checked


def list_folder(folder: Path, raw_entries: list | None) -> list:
    """The raw entries to ingest: documents.yaml's, or one per .pdf/.txt file of a bare folder."""
    if raw_entries is not None:
        return raw_entries
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES and p.is_file())
    return [{"id": _id_from_filename(p.name), "file": p.name} for p in files]


def effective_classification(declared: dict, classified: dict, reclassification: dict | None = None) -> dict:
    """The labels a document is decided on: the Proper Officer's reclassification wins over the folder's
    declared keys, which win over the classifier; fails closed where the classifier has not run.

    `review_reasons` says, in words for the Proper Officer, why a reclassification needs review again.
    """
    if reclassification:
        result = {key: reclassification[key] for key in CLASSIFICATION_KEYS}
        result["review_reasons"] = []
        made_on, now_on = reclassification.get("sha256"), classified.get("sha256")
        if made_on and now_on and made_on != now_on:
            result["needs_review"] = True
            result["review_reasons"].append(FILE_CHANGED)
        return result
    result = {
        "exempt_paragraphs": declared.get("exempt_paragraphs", classified.get("exempt_paragraphs", [])),
        "party_group": declared["party_group"] if "party_group" in declared else classified.get("party_group"),
        "flags": declared.get("flags", classified.get("flags", [])),
    }
    fully_declared = all(key in declared for key in CLASSIFICATION_KEYS[:3])
    if "needs_review" in declared:
        result["needs_review"] = declared["needs_review"]
    else:
        result["needs_review"] = not fully_declared and classified.get("needs_review", True)
    result["review_reasons"] = []
    return result


def document_labels(doc) -> dict:
    """`effective_classification` of a documents row (or any object with its columns)."""
    return effective_classification(doc.declared or {}, doc.classified or {}, doc.reclassification)
