"""Access decisions: facts in, Casbin evaluates, a Decision with rule id and reasons out."""

from gateway.access.decide import Decision, decide
from gateway.access.enforcer import PolicyEnforcer, PolicyError
from gateway.access.facts import NOBODY, DocumentFacts, Request, StandingDecision, Subject

__all__ = ["Decision", "DocumentFacts", "NOBODY", "PolicyEnforcer", "PolicyError", "Request",
           "StandingDecision", "Subject", "decide"]
