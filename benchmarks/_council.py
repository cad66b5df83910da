"""A generated council loaded into a throw-away gateway, for the benchmarks."""

import tempfile
from datetime import date
from pathlib import Path

import yaml

from gateway.config import Settings
from gateway.demo import generate_council
from gateway.domain.clock import utcnow
from gateway.domain.council_file import load_council
from gateway.domain.generation import bump
from gateway.domain.models import Document, DocumentVersion
from gateway.runtime import Gateway


def _date(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def loaded_gateway(members: int, documents: int, seed: int = 1, text: bool = False):
    """A Gateway on a temporary SQLite holding a generated council, documents stored as declared."""
    made = generate_council(members=members, documents=documents, seed=seed, with_documents_text=text)
    folder = Path(tempfile.mkdtemp(prefix="gateway-bench-"))
    (folder / "council.yaml").write_text(yaml.safe_dump(made.council, sort_keys=False))
    gw = Gateway(Settings(data_dir=folder / "data"))
    gw.init()
    with gw.sessions() as session:
        load_council(session, folder / "council.yaml")
    now = utcnow()
    with gw.sessions() as session, session.begin():
        for d in made.documents:
            meta, labels = d.meta, d.labels
            version = DocumentVersion(document_id=d.id, sha256="0" * 64, media_type="text/plain", size=0,
                                      pages=list(d.pages), extraction_status="ok", ingested_at=now)
            session.add(version)
            session.flush()
            meeting = meta.get("meeting") or {}
            session.add(Document(
                id=d.id, title=d.title, file=d.file, service=meta.get("service"), committee_id=meta.get("committee"),
                meeting_date=_date(meeting.get("date")), meeting_session=meeting.get("session"),
                portfolio_id=meta.get("portfolio"), matters=meta.get("matters"), status=meta.get("status", "published"),
                publish_on=_date(meta.get("publish_on")), admin_only=bool(meta.get("admin_only")),
                not_for_publication_to=meta.get("not_for_publication_to"), casework_of=meta.get("casework_of"),
                declared={k: labels[k] for k in ("exempt_paragraphs", "party_group", "flags", "needs_review")},
                classified={}, current_version_id=version.id, updated_at=now,
            ))
        bump(session)
    return gw, made, folder
