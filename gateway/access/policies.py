"""Policy versions: propose with validation, dry-run against the audit log, activate, revert."""

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from gateway.domain.clock import utcnow
from gateway.access.enforcer import PolicyEnforcer, PolicyError
from gateway.access.gather import FactSource
from gateway.access.scenarios import check_policy
from gateway.access.service import AccessService, UnknownId, make_request
from gateway.domain.generation import bump
from gateway.domain.models import AuditRecord, PolicyVersion


@dataclass(frozen=True)
class Change:
    seq: int
    actor: str | None
    document: str
    before: tuple[str, str]   # (outcome, rule) under the active policy
    after: tuple[str, str]    # (outcome, rule) under the proposed one


def validated(model_path: Path, text: str) -> PolicyEnforcer:
    """An enforcer for `text`, or PolicyError saying which line or scenario fails."""
    enforcer = PolicyEnforcer(model_path, text)
    failures = check_policy(enforcer)
    if failures:
        shown = "; ".join(failures[:5]) + (f"; and {len(failures) - 5} more" if len(failures) > 5 else "")
        raise PolicyError(f"the policy fails the required scenarios: {shown}")
    return enforcer


def dry_run(session: Session, active: AccessService, proposed: PolicyEnforcer, limit: int = 2000) -> list[Change]:
    """Past decisions (the latest `limit`) whose outcome or rule the proposed policy would change."""
    facts = FactSource(session)
    trial = AccessService(proposed, active.audit)
    records = session.scalars(select(AuditRecord).where(AuditRecord.event == "decision")
                              .order_by(AuditRecord.seq.desc()).limit(limit))
    changes = []
    for record in records:
        detail = record.detail or {}
        try:
            req = make_request(detail.get("action"), detail.get("capacity"), detail.get("reason"), detail.get("at"))
            sub = active.subject(facts, record.actor)
        except (ValueError, UnknownId):
            continue
        doc = facts.document(record.document or "")
        if doc is None:
            continue
        before, after = active.evaluate(facts, sub, doc, req), trial.evaluate(facts, sub, doc, req)
        if (before.outcome, before.rule) != (after.outcome, after.rule):
            changes.append(Change(record.seq, record.actor, doc.id, (before.outcome, before.rule),
                                  (after.outcome, after.rule)))
    return changes


def versions(session: Session) -> list[PolicyVersion]:
    return list(session.scalars(select(PolicyVersion).order_by(PolicyVersion.id.desc())))


def activate(session: Session, model_path: Path, text: str, author: str, note: str) -> PolicyVersion:
    """Checks `text`, keeps it as a new version and makes it the active one."""
    validated(model_path, text)
    if not note or not note.strip():
        raise PolicyError("note: say why the policy changes")
    session.execute(update(PolicyVersion).values(active=False))
    version = PolicyVersion(text=text, note=note.strip(), author=author, created_at=utcnow(),
                            active=True)
    session.add(version)
    bump(session)
    session.flush()
    return version


def revert(session: Session, model_path: Path, version_id: int, author: str) -> PolicyVersion:
    """Makes an earlier version's text active again, as a new version (history is never rewritten)."""
    old = session.get(PolicyVersion, version_id)
    if old is None:
        raise PolicyError(f"there is no policy version {version_id}")
    return activate(session, model_path, old.text, author, f"Revert to version {version_id}")
