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
                  needed_by: date | None = None, new_information: bool = False,
                  now: datetime | None = None) -> Referral:
    """Queues a member's request; a request already pending for the same document is returned as it is.

    Asking again after a refusal needs a new reason: the refused request's own words are not one.
    """
    now = now or utcnow()
    pending = session.scalars(select(Referral).where(
        Referral.member_id == member_id, Referral.document_id == document_id, Referral.status == "pending")).first()
    if pending is not None:
        return pending
    if needed_by is not None and needed_by < london_date(now):
        raise ReferralFieldError("needed_by", "the date you need it by has already passed")
    words = " ".join(reason.split()).lower()
    for earlier in history(session, member_id, document_id).requests:
        if earlier.status in ("denied", "withdrawn") and " ".join(earlier.reason.split()).lower() == words:
            raise ReferralFieldError("reason", "give a new reason: these are the words of the request refused on "
                                               f"{london_date(earlier.decided_at or earlier.created_at).isoformat()}")
    referral = Referral(member_id=member_id, document_id=document_id, reason=reason.strip(), capacity=capacity,
                        rule=rule, status="pending", created_at=now, needed_by=needed_by,
                        new_information=new_information, due=add_working_days(london_date(now), DUE_WORKING_DAYS))
    session.add(referral)
    session.flush()
    return referral


def deadline(r: Referral) -> date:
    """The earlier of the two-working-day due date and the date the member needs it by."""
    return min(r.due, r.needed_by) if r.needed_by else r.due


def queue(session: Session, status: str = "pending", today: date | None = None) -> list[QueueItem]:
    """Referrals with `status`, the earliest deadline (due date or the member's needed-by date) first."""
    today = today or london_today()
    rows = sorted(session.scalars(select(Referral).where(Referral.status == status)),
                  key=lambda r: (deadline(r), r.id))
    return [QueueItem(r, r.status == "pending" and r.due < today) for r in rows]


@dataclass(frozen=True)
class History:
    """Everything between one member and one document: their requests and the Proper Officer's decisions."""

    requests: list[Referral]
    decisions: list[ProperOfficerDecision]


def history(session: Session, member_id: str, document_id: str) -> History:
    """The member's requests for the document and the standing decisions on it, oldest first."""
    return History(
        list(session.scalars(select(Referral).where(Referral.member_id == member_id,
                                                    Referral.document_id == document_id).order_by(Referral.id))),
        list(session.scalars(select(ProperOfficerDecision).where(
            ProperOfficerDecision.member_id == member_id, ProperOfficerDecision.document_id == document_id)
            .order_by(ProperOfficerDecision.id))))


def member_requests(session: Session, member_id: str) -> list[Referral]:
    return list(session.scalars(select(Referral).where(Referral.member_id == member_id)
                                .order_by(Referral.created_at.desc(), Referral.id.desc())))


def _checked_decision(outcome: str, reasons: str, until: date | None, now: datetime) -> str:
    if outcome not in ("grant", "deny"):
        raise ReferralFieldError("outcome", "choose grant or deny")
    if not reasons or not reasons.strip():
        raise ReferralFieldError("reasons", "written reasons are required")
    if until is not None and until < london_date(now):
        raise ReferralFieldError("until", "the end date has already passed")
    return reasons.strip()


def _apply_decision(session: Session, referral: Referral, officer_id: str, outcome: str, reasons: str,
                    until: date | None, now: datetime) -> None:
    """The referral's answer now, and the standing decision that makes it so (the latest one stands)."""
    referral.status = "granted" if outcome == "grant" else "denied"
    referral.decided_at, referral.decided_by = now, officer_id
    referral.decision_reasons, referral.until = reasons, until
    session.add(ProperOfficerDecision(member_id=referral.member_id, document_id=referral.document_id,
                                      outcome=outcome, reasons=reasons, until=until,
                                      decided_by=officer_id, decided_at=now, referral_id=referral.id))
    bump(session)


def decide_referral(session: Session, referral_id: int, officer_id: str, outcome: str, reasons: str,
                    until: date | None = None, now: datetime | None = None) -> Referral:
    """The Proper Officer grants or refuses, always with written reasons (002:6.7). `until`: a grant's last
    day, or the last day of a refusal (after it the member may ask again with a new reason)."""
    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NoSuchReferral(f"there is no referral {referral_id}")
    if referral.status != "pending":
        raise ReferralConflict(f"referral {referral_id} was already decided ({referral.status}); "
                               "to change a refusal, reconsider it")
    now = now or utcnow()
    reasons = _checked_decision(outcome, reasons, until, now)
    _apply_decision(session, referral, officer_id, outcome, reasons, until, now)
    return referral


def reconsider_refusal(session: Session, referral_id: int, officer_id: str, outcome: str, reasons: str,
                       until: date | None = None, now: datetime | None = None) -> Referral:
    """The Proper Officer decides a refused request again on new information: the new decision replaces
    the refusal (which stays in the request's history)."""
    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NoSuchReferral(f"there is no referral {referral_id}")
    if referral.status != "denied" or referral.dispute_result == "upheld":
        raise ReferralConflict(f"only a refusal that stands can be reconsidered (referral {referral_id} is "
                               f"{'granted on dispute' if referral.dispute_result == 'upheld' else referral.status})")
    now = now or utcnow()
    reasons = _checked_decision(outcome, reasons, until, now)
    _apply_decision(session, referral, officer_id, outcome, reasons, until, now)
    referral.reconsidered_at = now
    return referral


def standing_grant(session: Session, referral: Referral, today: date) -> ProperOfficerDecision | None:
    """The grant this referral gave (by decision or an upheld dispute) if it is the decision standing now."""
    decisions = history(session, referral.member_id, referral.document_id).decisions
    latest = decisions[-1] if decisions else None
    if (latest is None or latest.referral_id != referral.id or latest.outcome != "grant"
            or (latest.until is not None and latest.until < today)):
        return None
    return latest


def withdraw_grant(session: Session, referral_id: int, officer_id: str, reasons: str,
                   now: datetime | None = None) -> Referral:
    """Ends a standing grant early, with reasons: from now the member is refused (R-PO-REFUSED, citing them)."""
    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NoSuchReferral(f"there is no referral {referral_id}")
    now = now or utcnow()
    if standing_grant(session, referral, london_date(now)) is None:
        raise ReferralConflict(f"referral {referral_id} has no grant in force to withdraw")
    if not reasons or not reasons.strip():
        raise ReferralFieldError("reasons", "say why the grant is withdrawn")
    reasons = reasons.strip()
    referral.status, referral.withdrawn_at, referral.withdrawn_by = "withdrawn", now, officer_id
    referral.withdrawal_reasons = reasons
    session.add(ProperOfficerDecision(member_id=referral.member_id, document_id=referral.document_id,
                                      outcome="deny", reasons=f"access withdrawn on {london_date(now).isoformat()}: "
                                                              f"{reasons}",
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
        "needed_by": r.needed_by.isoformat() if r.needed_by else None, "new_information": bool(r.new_information),
        "overdue": r.status == "pending" and r.due < today, "decided_by": r.decided_by,
        "decision_reasons": r.decision_reasons, "until": r.until.isoformat() if r.until else None,
        "dispute": r.dispute, "dispute_outcome": r.dispute_outcome,
        "dispute_result": r.dispute_result, "dispute_committee": r.dispute_committee,
        "dispute_reasons": r.dispute_reasons,
        "dispute_until": r.dispute_until.isoformat() if r.dispute_until else None,
        "dispute_decided_at": r.dispute_decided_at.isoformat() if r.dispute_decided_at else None,
        "reconsidered_at": r.reconsidered_at.isoformat() if r.reconsidered_at else None,
        "withdrawn_at": r.withdrawn_at.isoformat() if r.withdrawn_at else None,
        "withdrawal_reasons": r.withdrawal_reasons,
    }
