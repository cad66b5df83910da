"""Loading the council file (members, groups, committees, interests): all of it with its record, or nothing."""

import hashlib
from pathlib import Path

from gateway.domain.audit import Entry
from gateway.domain.council_file import load_council as load_council_file
from gateway.domain.errors import InputError
from gateway.services.outcomes import InvalidField
from gateway.services.unit import record_at_commit


def load_council(gw, author: str | None, path: Path, shown_name: str | None = None) -> dict:
    """Loads a council file; InvalidField("file") names the file (as `shown_name`), the entry and the field."""
    name = shown_name or str(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    with gw.sessions() as session:
        record_at_commit(gw.audit, session, Entry("council_loaded", actor=author, detail={"file": name, "sha256": digest}))
        try:
            return load_council_file(session, path, gw.password_key)
        except InputError as exc:
            # say the name the person gave, not where an upload was kept
            raise InvalidField("file", str(exc).replace(str(path), name)) from None
