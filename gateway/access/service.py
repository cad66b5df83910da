"""Deciding for a caller and recording it: facts from the database, decide(), then the audit log.

A decision's record is written before the caller is given anything; if it cannot be written,
`AuditUnavailable` propagates and the caller must refuse.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from gateway.access.decide import Decision, decide
from gateway.access.enforcer import PolicyEnforcer
from gateway.access.facts import MEMBER, NOBODY, DocumentFacts, Request, Subject
from gateway.access.gather import FactSource
from gateway.domain.audit import AuditLog, Entry

LONDON = ZoneInfo("Europe/London")
ACTIONS = ("discover", "read", "download")
CAPACITIES = ("councillor", "private")


class UnknownId(LookupError):
    def __init__(self, kind: str, ident: str):
        self.kind, self.ident = kind, ident
        super().__init__(f"unknown {kind} {ident!r}")


def london_date(at: str | date | datetime | None) -> date:
    """A request's `at` as a Europe/London date: dates as given, date-times (UTC unless offset) converted."""
    if at is None or at == "":
        return datetime.now(LONDON).date()
    if isinstance(at, datetime):
        moment = at
    elif isinstance(at, date):
        return at
    else:
        text = str(at).strip()
        if len(text) == 10:
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(LONDON).date()


def make_request(action="read", capacity="councillor", reason="", at=None) -> Request:
    """A checked Request; ValueError names the field that is wrong."""
    action = action or "read"
    capacity = capacity or "councillor"
    if action not in ACTIONS:
        raise ValueError(f"action: {action!r} is not one of {', '.join(ACTIONS)}")
    if capacity not in CAPACITIES:
        raise ValueError(f"capacity: {capacity!r} is not one of {', '.join(CAPACITIES)}")
    try:
        when = london_date(at)
    except ValueError:
        raise ValueError(f"at: {at!r} is not an ISO date or date-time") from None
    return Request(at=when, action=action, capacity=capacity, reason=str(reason or ""))


def audit_entry(sub: Subject, doc: DocumentFacts, req: Request, decision: Decision, event="decision") -> Entry:
    """What is recorded of a decision: who, what, outcome, rule, reasons and the facts that mattered."""
    facts = {
        "subject": {"kind": sub.kind, "group": sub.group, "role_on_committee": sub.seats.get(doc.committee)},
        "document": {"committee": doc.committee, "status": doc.status, "paragraphs": sorted(doc.paragraphs),
                     "party_group": doc.party_group, "flags": sorted(doc.flags), "needs_review": doc.needs_review},
        "condition": decision.condition,
    }
    if req.standing:
        facts["standing"] = {"outcome": req.standing.outcome, "until": req.standing.until}
    return Entry(
        event=event, actor=sub.id, document=doc.id, outcome=decision.outcome, rule=decision.rule,
        detail={"action": req.action, "capacity": req.capacity, "reason": req.reason, "at": req.at,
                "visibility": decision.visibility, "reasons": list(decision.reasons), "facts": facts},
    )


@dataclass
class AccessService:
    """The gateway's one way to ask 'may this person, now, see this document?'."""

    enforcer: PolicyEnforcer
    audit: AuditLog

    def subject(self, facts: FactSource, account_id: str | None) -> Subject:
        if not account_id:
            return NOBODY
        sub = facts.subject(account_id)
        if sub is None:
            raise UnknownId("member", account_id)
        return sub

    @staticmethod
    def with_standing(facts: FactSource, sub: Subject, doc: DocumentFacts, req: Request) -> Request:
        """The request, with the Proper Officer's standing decision for this member and document."""
        if sub.kind != MEMBER or req.standing is not None:
            return req
        standing = facts.standing(sub.id, doc.id)
        return replace(req, standing=standing) if standing else req

    def evaluate(self, facts: FactSource, sub: Subject, doc: DocumentFacts, req: Request) -> Decision:
        """Decides without recording (search trimming, what-if questions)."""
        return decide(self.enforcer, sub, doc, self.with_standing(facts, sub, doc, req))

    def decide(self, facts: FactSource, account_id: str | None, document_id: str, req: Request,
               record: bool = True) -> tuple[Subject, DocumentFacts, Request, Decision]:
        """Decides and, unless `record` is False, writes the audit record first."""
        sub = self.subject(facts, account_id)
        doc = facts.document(document_id)
        if doc is None:
            raise UnknownId("document", document_id)
        req = self.with_standing(facts, sub, doc, req)
        decision = decide(self.enforcer, sub, doc, req)
        if record:
            self.audit.append(audit_entry(sub, doc, req, decision))
        return sub, doc, req, decision
