"""What a use-case answers when it does not do what was asked; each channel maps these in one place."""

from gateway.access.decide import Decision
from gateway.access.facts import DocumentFacts
from gateway.domain.audit import AuditUnavailable

__all__ = ["AuditUnavailable", "Conflict", "InvalidField", "NotFound", "Outcome", "Refused", "SignInRefused"]


class Outcome(Exception):
    """A use-case that did not happen as asked; `message` is for the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(Outcome):
    """Nothing the caller may see answers to that id: missing and hidden are the same answer."""

    def __init__(self, message: str = "Not found."):
        super().__init__(message)


class Refused(Outcome):
    """The decision service refused (deny) or referred (refer); the decision says which rule and why."""

    def __init__(self, decision: Decision, document: DocumentFacts | None = None):
        super().__init__(" ".join(decision.reasons) or "Access is refused.")
        self.decision, self.document = decision, document


class Conflict(Outcome):
    """The thing is not in a state that allows this (a referral already decided, say)."""


class InvalidField(Outcome):
    """One input is wrong: `field` names it, the message says why."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class SignInRefused(Outcome):
    """Wrong username or password, or a name locked out (`locked`); never says whether the account exists."""

    def __init__(self, message: str, locked: bool = False):
        super().__init__(message)
        self.locked = locked
