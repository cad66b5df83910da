"""Requests to the Proper Officer and what follows: a request, the decision with reasons, a dispute, its outcome.

Each change commits with its audit record (`unit.audited_change`), or not at all.
"""

from datetime import date

from sqlalchemy.orm import Session

from gateway.access.predicates import reason_counts
from gateway.domain import referrals
from gateway.domain.audit import Entry
from gateway.domain.models import Referral
from gateway.services import notices
from gateway.services.documents import Opened, open_document
from gateway.services.outcomes import Conflict, InvalidField, NotFound
from gateway.services.standard_reasons import with_standard_reason
from gateway.services.unit import audited_change


REFUSED = "R-PO-REFUSED"


def request_access(gw, session: Session, account_id: str, document_id: str, reason: str | None,
                   capacity: str | None = "councillor", needed_by: date | None = None,
                   new_information: bool = False) -> tuple[Opened, Referral | None]:
    """A member asks for a document with their need to know: decided (and audited) as opening it is;
    a referral is queued only when the answer is refer, or when a standing refusal answers and the member
    gives new information (the refusal still answers until the Proper Officer decides again).
    Hidden documents are NotFound, like missing ones.
    """
    opened = open_document(gw, session, account_id, document_id, "read", capacity, reason)
    decision, req = opened.decision, opened.req
    asks_again = new_information and decision.rule == REFUSED
    if decision.outcome != "refer" and not asks_again:
        return opened, None
    if asks_again and not reason_counts(opened.sub, opened.doc, req):
        raise InvalidField("reason", "say what the new information is and why you need the document, "
                                     "in four words or more")
    try:
        with audited_change(gw.audit, session) as records:
            referral = referrals.open_referral(session, opened.sub.id, opened.doc.id, req.reason, req.capacity,
                                               decision.rule, needed_by, asks_again)
            records.append(Entry("referral", actor=opened.sub.id, document=opened.doc.id, outcome="refer",
                                 rule=decision.rule, detail={"referral": referral.id, "reason": req.reason,
                                                             "capacity": req.capacity, "due": referral.due,
                                                             "needed_by": referral.needed_by,
                                                             "new_information": referral.new_information}))
            notices.request_arrived(gw, session, referral)
    except referrals.ReferralError as exc:
        raise _domain(exc) from None
    return opened, referral


def _domain(error: referrals.ReferralError):
    """The domain's refusal as the outcome a channel answers."""
    if isinstance(error, referrals.NoSuchReferral):
        return NotFound(str(error))
    if isinstance(error, referrals.ReferralFieldError):
        return InvalidField(error.field, error.problem)
    return Conflict(str(error))


def _decided(gw, session: Session, officer_id: str, referral_id: int, change, event: str, extra: dict,
             notify) -> Referral:
    """One Proper Officer change of a referral's answer: committed with its audit record and the member's
    notice, or not at all; the search index then follows the new answer."""
    try:
        with audited_change(gw.audit, session) as records:
            referral = change()
            records.append(Entry(event, actor=officer_id, document=referral.document_id,
                                 outcome="grant" if referral.status == "granted" else "deny",
                                 detail={"referral": referral.id, "member": referral.member_id, **extra}))
            notify(gw, session, referral)
    except referrals.ReferralError as exc:
        raise _domain(exc) from None
    gw.index.update(gw, [referral.document_id])
    return referral


def decide(gw, session: Session, officer_id: str, referral_id: int, outcome: str, reasons: str | None,
           until: date | None = None, standard_reason: int | None = None) -> Referral:
    """The Proper Officer's grant or refusal, with written reasons (a standard reason's text, when one is picked,
    before their own words); it takes effect on the next request. A refusal's `until` is its end date: after
    it the member may ask again."""
    reasons = with_standard_reason(session, standard_reason, reasons)
    return _decided(gw, session, officer_id, referral_id,
                    lambda: referrals.decide_referral(session, referral_id, officer_id, outcome, reasons, until),
                    "adjudication", {"reasons": reasons, "until": until}, notices.request_decided)


def reconsider(gw, session: Session, officer_id: str, referral_id: int, outcome: str, reasons: str,
               until: date | None = None) -> Referral:
    """The Proper Officer decides a refused request again on new information; the member is told."""
    return _decided(gw, session, officer_id, referral_id,
                    lambda: referrals.reconsider_refusal(session, referral_id, officer_id, outcome, reasons, until),
                    "reconsideration", {"reasons": reasons, "until": until}, notices.request_reconsidered)


def withdraw(gw, session: Session, officer_id: str, referral_id: int, reasons: str) -> Referral:
    """The Proper Officer withdraws a standing grant early, with reasons; it ends at once and the member is told."""
    return _decided(gw, session, officer_id, referral_id,
                    lambda: referrals.withdraw_grant(session, referral_id, officer_id, reasons),
                    "grant_withdrawn", {"reasons": reasons}, notices.grant_withdrawn)


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
