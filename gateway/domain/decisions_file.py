"""Importing the Proper Officer decisions file (CONTRACT.md), all or nothing."""

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from gateway.domain.clock import utcnow
from gateway.domain.council_file import read_structured
from gateway.domain.errors import InputError
from gateway.domain.generation import bump
from gateway.domain.models import Document, Member, ProperOfficerDecision


def load_decisions(session: Session, path: Path, decided_by: str | None = None) -> int:
    """Appends the file's decisions in order (later ones supersede earlier). Returns how many."""
    data = read_structured(path)
    items = data.get("decisions")
    if not isinstance(items, list):
        raise InputError(path, None, "decisions", "missing, or not a list")
    with session.begin():
        rows = [_checked(session, path, i, item, decided_by) for i, item in enumerate(items)]
        session.add_all(rows)
        bump(session)
    return len(rows)


def _checked(session, path, i, item, decided_by) -> ProperOfficerDecision:
    entry = f"decisions[{i}]"
    if not isinstance(item, dict):
        raise InputError(path, entry, None, "must be a mapping")
    if session.get(Member, str(item.get("member"))) is None:
        raise InputError(path, entry, "member", f"unknown member {item.get('member')!r}")
    if session.get(Document, str(item.get("document"))) is None:
        raise InputError(path, entry, "document", f"unknown document {item.get('document')!r}")
    if item.get("outcome") not in ("grant", "deny"):
        raise InputError(path, entry, "outcome", f"{item.get('outcome')!r} is not grant or deny")
    reasons = item.get("reasons")
    if not isinstance(reasons, str) or not reasons.strip():
        raise InputError(path, entry, "reasons", "written reasons are required")
    until = item.get("until")
    if until is not None and not isinstance(until, date):
        try:
            until = date.fromisoformat(str(until))
        except ValueError:
            raise InputError(path, entry, "until", f"{until!r} is not an ISO date") from None
    return ProperOfficerDecision(
        member_id=str(item["member"]), document_id=str(item["document"]), outcome=item["outcome"],
        reasons=reasons.strip(), until=until, decided_by=decided_by, decided_at=utcnow(),
    )
