"""A generated council stored in a throw-away gateway, for the benchmarks: the one builder they share.

    made, at = generate(members, documents, seed)     the council file and documents, and the day they are as at
    store(gw, made, folder, seed)                      the council loaded and the documents stored, as ingest would
    gw, made, folder = loaded_gateway(...)             both, in a new gateway (SQLite, or `database_url`)
"""

import random
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

STORE_CHUNK = 2000   # documents per insert statement


def generate(members: int, documents: int, seed: int, text: bool = True):
    from gateway.demo import generate_council
    from gateway.demo.council import AS_AT

    return generate_council(members=members, documents=documents, seed=seed, with_documents_text=text), AS_AT


def as_date(value):
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def store(gw, made, folder: Path, seed: int) -> None:
    """The council and its documents in the gateway's database (what ingest would have stored)."""
    import yaml
    from sqlalchemy import insert

    from gateway.domain.council_file import load_council
    from gateway.domain.generation import bump
    from gateway.domain.models import Document, DocumentVersion

    path = folder / "council.yaml"
    path.write_text(yaml.safe_dump(made.council, sort_keys=False), encoding="utf-8")
    with gw.sessions() as session:
        load_council(session, path)
    rng = random.Random(seed)
    now = datetime.now(UTC)
    for start in range(0, len(made.documents), STORE_CHUNK):
        part = made.documents[start:start + STORE_CHUNK]
        with gw.sessions() as session, session.begin():
            result = session.execute(
                insert(DocumentVersion).returning(DocumentVersion.id, DocumentVersion.document_id),
                [{"document_id": d.id, "sha256": f"{start + n:064d}", "media_type": "text/plain", "size": 1,
                  "pages": list(d.pages), "extraction_status": "ok", "ingested_at": now}
                 for n, d in enumerate(part)])
            version_of = {doc_id: vid for vid, doc_id in result}
            rows = []
            for d in part:
                meta, labels = d.meta, d.labels
                meeting = meta.get("meeting") or {}
                declared = {k: meta[k] for k in ("exempt_paragraphs", "party_group", "flags", "needs_review")
                            if k in meta}
                classified = {"exempt_paragraphs": list(labels["exempt_paragraphs"]),
                              "party_group": labels["party_group"], "flags": list(labels["flags"]),
                              "needs_review": rng.random() < 0.1, "confidence": 0.9, "evidence": []}
                rows.append({
                    "id": d.id, "title": d.title, "file": d.file, "service": meta.get("service"),
                    "committee_id": meta.get("committee"), "meeting_date": as_date(meeting.get("date")),
                    "meeting_session": meeting.get("session"), "portfolio_id": meta.get("portfolio"),
                    "matters": meta.get("matters"), "inferred_matters": [],
                    "status": meta.get("status", "published"), "publish_on": as_date(meta.get("publish_on")),
                    "admin_only": bool(meta.get("admin_only", False)),
                    "not_for_publication_to": meta.get("not_for_publication_to"),
                    "casework_of": meta.get("casework_of"), "declared": declared, "classified": classified,
                    "current_version_id": version_of[d.id], "updated_at": now,
                })
            session.execute(insert(Document), rows)
            bump(session)


def loaded_gateway(members: int, documents: int, seed: int = 1, text: bool = False, database_url: str | None = None,
                   settings: dict | None = None):
    """A new Gateway (in a temporary folder) holding a generated council, documents stored as ingest would."""
    from gateway.config import Settings
    from gateway.runtime import Gateway

    made, _at = generate(members, documents, seed, text)
    folder = Path(tempfile.mkdtemp(prefix="gateway-bench-"))
    gw = Gateway(Settings(data_dir=folder / "data", database_url=database_url, **(settings or {})))
    gw.init()
    store(gw, made, folder, seed)
    return gw, made, folder
