"""Importing the Proper Officer decisions file (CONTRACT.md), all or nothing."""

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.domain.clock import utcnow
from gateway.domain.file_schema import Day, Entries, Id, OneOf, Record, Text, check_file
from gateway.domain.generation import bump
from gateway.domain.models import Document, Member, ProperOfficerDecision
from gateway.domain.safe_load import read_structured

# One schema for the decisions file; members and documents are those already stored.
DECISIONS_FILE = {
    "decisions": Entries(Record({
        "member": Id(ref="members"), "document": Id(ref="documents"),
        "outcome": OneOf(("grant", "deny"), required=True),
        "reasons": Text(required=True, max_len=10_000, missing="written reasons are required"), "until": Day(),
    }), required=True, keyed=False),
}


def load_decisions(session: Session, path: Path, decided_by: str | None = None) -> int:
    """Appends the file's decisions in order (later ones supersede earlier). Returns how many."""
    raw = read_structured(path)
    with session.begin():
        known = {"members": set(session.scalars(select(Member.id))),
                 "documents": set(session.scalars(select(Document.id)))}
        data, _ = check_file(path, raw, DECISIONS_FILE, known)
        now = utcnow()
        session.add_all(
            ProperOfficerDecision(member_id=d["member"], document_id=d["document"], outcome=d["outcome"],
                                  reasons=d["reasons"].strip(), until=d["until"], decided_by=decided_by, decided_at=now)
            for d in data["decisions"])
        bump(session)
    return len(data["decisions"])
