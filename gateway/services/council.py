"""Loading the council file (members, groups, committees, interests): all of it with its record, or nothing.
An upload can first be checked and shown as the changes it would make (`stage` + `preview`), then loaded
exactly as shown (`load_staged`)."""

import hashlib
import re
import time
from pathlib import Path

from gateway.domain.audit import Entry
from gateway.domain.council_file import council_changes
from gateway.domain.council_file import load_council as load_council_file
from gateway.domain.errors import InputError
from gateway.services.outcomes import InvalidField, NotFound
from gateway.services.unit import record_at_commit

STAGED_DIR = "council-uploads"
STAGED_NAME = re.compile(r"[0-9a-f]{64}\.(yaml|yml|json)")
STAGED_FOR = 24 * 3600   # seconds an upload waits for its confirmation


def _invalid(exc: InputError, path: Path, name: str) -> InvalidField:
    # say the name the person gave, not where an upload was kept
    return InvalidField("file", str(exc).replace(str(path), name))


def load_council(gw, author: str | None, path: Path, shown_name: str | None = None) -> dict:
    """Loads a council file; InvalidField("file") names the file (as `shown_name`), the entry and the field."""
    name = shown_name or str(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    with gw.sessions() as session:
        record_at_commit(gw.audit, session, Entry("council_loaded", actor=author, detail={"file": name, "sha256": digest}))
        try:
            return load_council_file(session, path, gw.password_key)
        except InputError as exc:
            raise _invalid(exc, path, name) from None


def preview(gw, path: Path, shown_name: str | None = None) -> dict:
    """What loading the file would change (`council_file.council_changes`), changing nothing."""
    with gw.sessions() as session:
        try:
            return council_changes(session, path, gw.password_key)
        except InputError as exc:
            raise _invalid(exc, path, shown_name or str(path)) from None


def _staged_dir(gw) -> Path:
    return Path(gw.settings.data_dir) / STAGED_DIR


def stage(gw, data: bytes, suffix: str) -> Path:
    """Keeps an upload until it is confirmed; returns where (its name is its SHA-256 and suffix)."""
    folder = _staged_dir(gw)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():   # uploads never confirmed are not kept for ever
        if old.stat().st_mtime < time.time() - STAGED_FOR:
            old.unlink(missing_ok=True)
    path = folder / f"{hashlib.sha256(data).hexdigest()}{suffix}"
    path.write_bytes(data)
    return path


def load_staged(gw, author: str | None, staged: str, shown_name: str) -> dict:
    """Loads the staged upload named `staged` (as `stage` named it) in one go, then forgets it."""
    path = _staged_dir(gw) / staged if isinstance(staged, str) and STAGED_NAME.fullmatch(staged) else None
    if path is None or not path.is_file():
        raise NotFound("That upload is no longer kept: upload the council file again.")
    counts = load_council(gw, author, path, shown_name)
    path.unlink(missing_ok=True)
    return counts
