"""Requests to the Proper Officer and what follows: a request, the decision with reasons, a dispute, its outcome.

Each change commits with its audit record (`unit.audited_change`), or not at all.
"""

from datetime import date

from sqlalchemy.orm import Session

from gateway.domain import referrals
from gateway.domain.audit import Entry
from gateway.domain.models import Referral
from gateway.services import notices
from gateway.services.documents import Opened, open_document
from gateway.services.outcomes import Conflict, InvalidField, NotFound
from gateway.services.standard_reasons import with_standard_reason
from gateway.services.unit import audited_change


def request_access(gw, session: Session, account_id: str, document_id: str, reason: str | None,
                   capacity: str | None = "councillor") -> tuple[Opened, Referral | None]:
    """A member asks for a document with their need to know: decided (and audited) as opening it is;
    a referral is queued only when the answer is refer. Hidden documents are NotFound, like missing ones.
    """
    opened = open_document(gw, session, account_id, document_id, "read", capacity, reason)
    decision, req = opened.decision, opened.req
    if decision.outcome != "refer":
        return opened, None
    with audited_change(gw.audit, session) as records:
        referral = referrals.open_referral(session, opened.sub.id, opened.doc.id, req.reason, req.capacity,
                                           decision.rule)
        records.append(Entry("referral", actor=opened.sub.id, document=opened.doc.id, outcome="refer",
                             rule=decision.rule, detail={"referral": referral.id, "reason": req.reason,
                                                         "capacity": req.capacity, "due": referral.due}))
        notices.request_arrived(gw, session, referral)
    return opened, referral


def _domain(error: referrals.ReferralError):
    """The domain's refusal as the outcome a channel answers."""
    if isinstance(error, referrals.NoSuchReferral):
        return NotFound(str(error))
    if isinstance(error, referrals.ReferralFieldError):
        return InvalidField(error.field, error.problem)
    return Conflict(str(error))


def decide(gw, session: Session, officer_id: str, referral_id: int, outcome: str, reasons: str | None,
           until: date | None = None, standard_reason: int | None = None) -> Referral:
    """The Proper Officer's grant or refusal, with written reasons (a standard reason's text, when one is picked,
    before their own words); it takes effect on the next request."""
    reasons = with_standard_reason(session, standard_reason, reasons)
    try:
        with audited_change(gw.audit, session) as records:
            referral = referrals.decide_referral(session, referral_id, officer_id, outcome, reasons, until)
            records.append(Entry("adjudication", actor=officer_id, document=referral.document_id, outcome=outcome,
                                 detail={"referral": referral.id, "member": referral.member_id,
                                         "reasons": reasons, "until": until}))
            notices.request_decided(gw, session, referral)
    except referrals.ReferralError as exc:
        raise _domain(exc) from None
    gw.index.update(gw, [referral.document_id])
    return referral


def dispute(gw, session: Session, member_id: str, referral_id: int, grounds: str) -> Referral:
    """A member disputes a refusal of their own request; it goes to the relevant committee."""
    try:
        with audited_change(gw.audit, session) as records:
            referral = referrals.dispute_refusal(session, referral_id, member_id, grounds)
            records.append(Entry("dispute", actor=member_id, document=referral.document_id,
                                 detail={"referral": referral.id, "grounds": grounds}))
    except referrals.ReferralError as exc:
        raise _domain(exc) from None
    return referral


def record_dispute_outcome(gw, session: Session, officer_id: str, referral_id: int, result: str, committee: str,
                           reasons: str, until: date | None = None) -> Referral:
    """The committee's decision on a dispute, as the Proper Officer records it; upheld grants the member
    the document from then (a standing grant citing the committee), dismissed leaves the refusal standing."""
    try:
        with audited_change(gw.audit, session) as records:
            referral = referrals.record_dispute_outcome(session, referral_id, officer_id, result, committee,
                                                        reasons, until)
            records.append(Entry("dispute_outcome", actor=officer_id, document=referral.document_id,
                                 outcome="grant" if result == "upheld" else "deny",
                                 detail={"referral": referral.id, "member": referral.member_id, "result": result,
                                         "committee": referral.dispute_committee, "reasons": referral.dispute_reasons,
                                         "until": until, "outcome": referral.dispute_outcome}))
            notices.dispute_decided(gw, session, referral)
    except referrals.ReferralError as exc:
        raise _domain(exc) from None
    if result == "upheld":
        gw.index.update(gw, [referral.document_id])
    return referral
