"""The one decision function every route, search, command and API call goes through."""

import logging
from dataclasses import dataclass

from gateway.access.enforcer import PolicyEnforcer
from gateway.access.facts import DocumentFacts, Request, Subject
from gateway.access.reasons import explain

log = logging.getLogger(__name__)

R_DEFAULT = "R-DEFAULT"
R_ERROR = "R-ERROR"


@dataclass(frozen=True)
class Decision:
    outcome: str          # grant | deny | refer
    visibility: str       # open | listed | hidden
    rule: str
    reasons: tuple[str, ...]
    condition: str = ""   # the policy condition that held, for the audit log

    @property
    def granted(self) -> bool:
        return self.outcome == "grant"

    def to_json(self) -> dict:
        return {"outcome": self.outcome, "visibility": self.visibility, "rule": self.rule, "reasons": list(self.reasons)}


def decide(enforcer: PolicyEnforcer, sub: Subject, doc: DocumentFacts, req: Request) -> Decision:
    """Grant, deny or refer; any error while deciding is a deny, never a grant."""
    try:
        match = enforcer.evaluate(sub, doc, req)
        if match is None:
            return Decision("deny", "listed", R_DEFAULT, explain(R_DEFAULT, "deny", sub, doc, req))
        reasons = explain(match.rule, match.outcome, sub, doc, req)
        return Decision(match.outcome, match.visibility, match.rule, reasons, match.cond)
    except Exception:  # fail closed, and say so in the server log (never the document's content)
        log.exception("decision failed for %s on %s", sub.id, doc.id)
        return Decision("deny", "hidden", R_ERROR, ("The gateway could not decide, so access is refused.",))
