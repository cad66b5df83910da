"""Referrals to the Proper Officer: requests, the queue, decisions with written reasons, disputes."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.domain.clock import london_date, london_today, utcnow
from gateway.domain.generation import bump
from gateway.domain.models import Committee, ProperOfficerDecision, Referral
from gateway.domain.working_days import add_working_days

DUE_WORKING_DAYS = 2  # 004:5.4


class ReferralError(ValueError):
    """A referral action that cannot be done as asked; the message says why."""


class NoSuchReferral(ReferralError):
    """No referral with that number (or none of this member's)."""


class ReferralConflict(ReferralError):
    """The referral is not in a state that allows the action."""


class ReferralFieldError(ReferralError):
    """One field of the action is wrong: `field` names it, the message says why."""

    def __init__(self, field: str, problem: str):
        self.field, self.problem = field, problem
        super().__init__(f"{field}: {problem}")


@dataclass(frozen=True)
class QueueItem:
    referral: Referral
    overdue: bool


def open_referral(session: Session, member_id: str, document_id: str, reason: str, capacity: str, rule: str,
                  now: datetime | None = None) -> Referral:
    """Queues a member's request; a request already pending for the same document is returned as it is."""
    now = now or utcnow()
    pending = session.scalars(select(Referral).where(
        Referral.member_id == member_id, Referral.document_id == document_id, Referral.status == "pending")).first()
    if pending is not None:
        return pending
    referral = Referral(member_id=member_id, document_id=document_id, reason=reason.strip(), capacity=capacity,
                        rule=rule, status="pending", created_at=now,
                        due=add_working_days(london_date(now), DUE_WORKING_DAYS))
    session.add(referral)
    session.flush()
    return referral


def queue(session: Session, status: str = "pending", today: date | None = None) -> list[QueueItem]:
    """Referrals with `status`, soonest due first."""
    today = today or london_today()
    rows = session.scalars(select(Referral).where(Referral.status == status).order_by(Referral.due, Referral.id))
    return [QueueItem(r, r.status == "pending" and r.due < today) for r in rows]


def member_requests(session: Session, member_id: str) -> list[Referral]:
    return list(session.scalars(select(Referral).where(Referral.member_id == member_id)
                                .order_by(Referral.created_at.desc(), Referral.id.desc())))


def decide_referral(session: Session, referral_id: int, officer_id: str, outcome: str, reasons: str,
                    until: date | None = None, now: datetime | None = None) -> Referral:
    """The Proper Officer grants (optionally until a date) or refuses, always with written reasons (002:6.7)."""
    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NoSuchReferral(f"there is no referral {referral_id}")
    if referral.status != "pending":
        raise ReferralConflict(f"referral {referral_id} was already decided ({referral.status})")
    if outcome not in ("grant", "deny"):
        raise ReferralFieldError("outcome", "choose grant or deny")
    if not reasons or not reasons.strip():
        raise ReferralFieldError("reasons", "written reasons are required")
    if until is not None and outcome != "grant":
        raise ReferralFieldError("until", "only a grant can have an end date")
    now = now or utcnow()
    if until is not None and until < london_date(now):
        raise ReferralFieldError("until", "the end date has already passed")
    referral.status = "granted" if outcome == "grant" else "denied"
    referral.decided_at, referral.decided_by = now, officer_id
    referral.decision_reasons, referral.until = reasons.strip(), until
    session.add(ProperOfficerDecision(member_id=referral.member_id, document_id=referral.document_id,
                                      outcome=outcome, reasons=reasons.strip(), until=until,
                                      decided_by=officer_id, decided_at=now, referral_id=referral.id))
    bump(session)
    return referral


def dispute_refusal(session: Session, referral_id: int, member_id: str, grounds: str,
                    now: datetime | None = None) -> Referral:
    """A member disputes a refusal; it goes to the relevant committee (000:11.9, 002:6.7)."""
    referral = session.get(Referral, referral_id)
    if referral is None or referral.member_id != member_id:
        raise NoSuchReferral(f"there is no request {referral_id} of yours")
    if referral.status != "denied":
        raise ReferralConflict("only a refusal can be disputed")
    if referral.dispute:
        raise ReferralConflict("this refusal is already disputed")
    if not grounds or len(grounds.split()) < 4:
        raise ReferralFieldError("grounds", "say why the refusal is wrong, in a sentence or more")
    referral.dispute, referral.disputed_at = grounds.strip(), now or utcnow()
    return referral


DISPUTE_RESULTS = ("upheld", "dismissed")


def record_dispute_outcome(session: Session, referral_id: int, officer_id: str, result: str, committee: str,
                           reasons: str, until: date | None = None, now: datetime | None = None) -> Referral:
    """The committee's decision on a dispute, as the Proper Officer records it (000:11.9, 002:6.7).

    Upheld: the member is granted the document from now (until `until`, inclusive, if given) by a standing
    Proper Officer grant citing the committee's decision, so R-PO-GRANT answers their next request.
    Dismissed: the refusal stands (R-PO-REFUSED).
    """
    referral = session.get(Referral, referral_id)
    if referral is None or not referral.dispute:
        raise NoSuchReferral(f"referral {referral_id} has no dispute to record an outcome for")
    if referral.dispute_result or referral.dispute_outcome:
        raise ReferralConflict(f"the committee's decision on referral {referral_id} is already recorded")
    if result not in DISPUTE_RESULTS:
        raise ReferralFieldError("result", "choose upheld or dismissed")
    if not committee or not committee.strip():
        raise ReferralFieldError("committee", "say which committee decided the dispute")
    if not reasons or not reasons.strip():
        raise ReferralFieldError("reasons", "give the committee's reasons")
    if until is not None and result != "upheld":
        raise ReferralFieldError("until", "only an upheld dispute grants access until a date")
    now = now or utcnow()
    if until is not None and until < london_date(now):
        raise ReferralFieldError("until", "the end date has already passed")
    found = session.get(Committee, committee.strip())
    committee_name = found.name if found is not None else committee.strip()
    reasons = reasons.strip()
    verb = "upheld" if result == "upheld" else "dismissed"
    summary = f"{committee_name} {verb} the dispute on {london_date(now).isoformat()}: {reasons}"
    referral.dispute_result, referral.dispute_committee = result, committee.strip()
    referral.dispute_reasons, referral.dispute_until, referral.dispute_decided_at = reasons, until, now
    referral.dispute_outcome, referral.dispute_recorded_by = summary, officer_id
    if result == "upheld":
        session.add(ProperOfficerDecision(member_id=referral.member_id, document_id=referral.document_id,
                                          outcome="grant", reasons=f"on dispute, {summary}", until=until,
                                          decided_by=officer_id, decided_at=now, referral_id=referral.id))
        bump(session)
    return referral


def referral_json(r: Referral, today: date | None = None) -> dict:
    today = today or london_today()
    return {
        "id": r.id, "member": r.member_id, "document": r.document_id, "reason": r.reason, "capacity": r.capacity,
        "rule": r.rule, "status": r.status, "created_at": r.created_at.isoformat(), "due": r.due.isoformat(),
        "overdue": r.status == "pending" and r.due < today, "decided_by": r.decided_by,
        "decision_reasons": r.decision_reasons, "until": r.until.isoformat() if r.until else None,
        "dispute": r.dispute, "dispute_outcome": r.dispute_outcome,
        "dispute_result": r.dispute_result, "dispute_committee": r.dispute_committee,
        "dispute_reasons": r.dispute_reasons,
        "dispute_until": r.dispute_until.isoformat() if r.dispute_until else None,
        "dispute_decided_at": r.dispute_decided_at.isoformat() if r.dispute_decided_at else None,
    }
