"""What the pages and the API do, once: each changes state, audits it and commits, or changes nothing.

Views parse input, call one of these, and render; the errors raised carry a message for the user.
"""

from datetime import date

from gateway.access.gather import FactSource
from gateway.access.service import make_request
from gateway.domain import policies, referrals
from gateway.domain.audit import Entry
from gateway.domain.council_file import load_council
from gateway.domain.documents import FLAGS
from gateway.domain.generation import bump
from gateway.domain.models import Document, Referral


class OperationError(ValueError):
    """The request cannot be done as asked; the message names the field and says why."""


def request_access(gw, session, account_id: str, document_id: str, reason: str, capacity: str = "councillor"):
    """A member asks for a document with their need to know. Returns (Decision, Referral | None).

    The decision is made (and audited) as for opening it; a referral is queued only when the
    answer is refer. Hidden documents raise LookupError, exactly like missing ones.
    """
    req = make_request("read", capacity, reason)
    facts = FactSource(session)
    doc = facts.document(document_id)
    if doc is None:
        raise LookupError(document_id)
    sub, doc, req, decision = gw.access.decide(facts, account_id, doc.id, req)
    if decision.visibility == "hidden":
        raise LookupError(document_id)
    referral = None
    if decision.outcome == "refer":
        referral = referrals.open_referral(session, sub.id, doc.id, req.reason, req.capacity, decision.rule)
        session.commit()
        gw.audit.append(Entry("referral", actor=sub.id, document=doc.id, outcome="refer", rule=decision.rule,
                              detail={"referral": referral.id, "reason": req.reason, "capacity": req.capacity,
                                      "due": referral.due}))
    return decision, referral


def _committed(session, change, *args) -> Referral:
    """Runs a referral change and commits it; a refused change is rolled back as OperationError."""
    try:
        referral = change(session, *args)
    except referrals.ReferralError as exc:
        session.rollback()
        raise OperationError(str(exc)) from None
    session.commit()
    return referral


def adjudicate(gw, session, officer_id: str, referral_id: int, outcome: str, reasons: str,
               until: date | None = None) -> Referral:
    """The Proper Officer's grant or refusal, with written reasons; takes effect on the next request."""
    referral = _committed(session, referrals.decide_referral, referral_id, officer_id, outcome, reasons, until)
    gw.audit.append(Entry("adjudication", actor=officer_id, document=referral.document_id, outcome=outcome,
                          detail={"referral": referral.id, "member": referral.member_id, "reasons": reasons,
                                  "until": until}))
    gw.index.update(gw, [referral.document_id])
    return referral


def dispute(gw, session, member_id: str, referral_id: int, grounds: str) -> Referral:
    referral = _committed(session, referrals.dispute_refusal, referral_id, member_id, grounds)
    gw.audit.append(Entry("dispute", actor=member_id, document=referral.document_id,
                          detail={"referral": referral.id, "grounds": grounds}))
    return referral


def record_dispute_outcome(gw, session, officer_id: str, referral_id: int, outcome: str) -> Referral:
    referral = _committed(session, referrals.record_dispute_outcome, referral_id, officer_id, outcome)
    gw.audit.append(Entry("dispute_outcome", actor=officer_id, document=referral.document_id,
                          detail={"referral": referral.id, "outcome": outcome}))
    return referral


def reclassify(gw, session, officer_id: str, document_id: str, paragraphs: list[int], party_group: str | None,
               flags: list[str], reasons: str) -> Document:
    """The Proper Officer declares a document's classification, with reasons; the declaration wins."""
    doc = session.get(Document, document_id)
    if doc is None:
        raise OperationError(f"there is no document {document_id}")
    if not reasons or not reasons.strip():
        raise OperationError("reasons: say why the classification changes")
    if any(p not in range(1, 8) for p in paragraphs):
        raise OperationError("exempt paragraphs: choose paragraphs 1 to 7")
    if any(f not in FLAGS for f in flags):
        raise OperationError(f"flags: choose from {', '.join(FLAGS)}")
    before = dict(doc.declared or {})
    doc.declared = {**before, "exempt_paragraphs": sorted(set(paragraphs)), "party_group": party_group or None,
                    "flags": sorted(set(flags)), "needs_review": False}
    bump(session)
    session.commit()
    gw.audit.append(Entry("reclassification", actor=officer_id, document=document_id,
                          detail={"before": before, "after": doc.declared, "reasons": reasons.strip()}))
    gw.index.update(gw, [document_id])
    return doc


def change_policy(gw, session, author: str, text: str, note: str):
    """Validates and activates new policy lines; PolicyError says which line or scenario fails."""
    version = policies.activate(session, gw.model_path, text, author, note)
    session.commit()
    gw.audit.append(Entry("policy_change", actor=author, detail={"version": version.id, "note": version.note}))
    gw.refresh_policy()
    return version


def revert_policy(gw, session, author: str, version_id: int):
    version = policies.revert(session, gw.model_path, version_id, author)
    session.commit()
    gw.audit.append(Entry("policy_change", actor=author, detail={"version": version.id, "note": version.note}))
    gw.refresh_policy()
    return version


def upload_council(gw, author: str, path) -> dict:
    """Loads an uploaded council file all or nothing; InputError names the entry and field."""
    with gw.sessions() as session:
        counts = load_council(session, path, gw.password_key)
    gw.audit.append(Entry("council_loaded", actor=author, detail={"file": path.name, **counts}))
    return counts
