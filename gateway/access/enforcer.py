"""PyCasbin, loaded with the model file and a checked policy, evaluating facts and never storage."""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import casbin
from casbin import persist
from casbin.core_enforcer import EnforceContext

from gateway.access.predicates import PREDICATES

OUTCOMES = {"grant": ("open", "allow"), "deny": ("hidden", "deny"), "refer": ("listed", "deny")}
RULE_ID = re.compile(r"^R-[A-Z0-9-]+$")
MODIFIERS = EnforceContext("r", "p2", "e", "m2")


class PolicyError(ValueError):
    """A policy that does not parse or breaks the rules every policy must keep."""


@dataclass(frozen=True)
class Match:
    rule: str
    cond: str
    outcome: str
    visibility: str


def compile_condition(cond: str, where: str):
    """'a & !b' -> [(fn_a, True), (fn_b, False)]; unknown names raise PolicyError."""
    terms = []
    for term in cond.split("&"):
        term = term.strip()
        wanted = not term.startswith("!")
        name = term.lstrip("!").strip()
        if name not in PREDICATES:
            known = ", ".join(sorted(PREDICATES))
            raise PolicyError(f"{where}: unknown condition {name!r} (known: {known})")
        terms.append((PREDICATES[name], wanted))
    return terms


def parse_policy(text: str) -> list[tuple[int, list[str]]]:
    """Checks each line's shape; returns (line number, fields) for every policy line."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"policy line {number}"
        if '"' in line or "'" in line:
            raise PolicyError(f"{where}: quotes are not allowed in policy lines")
        fields = [f.strip() for f in line.split(",")]
        if len(fields) != 6 or fields[0] not in ("p", "p2"):
            raise PolicyError(f"{where}: expected 'p|p2, RULE-ID, condition, outcome, visibility, eft', got {line!r}")
        _, rule, cond, outcome, visibility, eft = fields
        if not RULE_ID.match(rule):
            raise PolicyError(f"{where}: rule id {rule!r} must look like R-SOMETHING")
        if outcome not in OUTCOMES:
            raise PolicyError(f"{where}: outcome {outcome!r} must be grant, deny or refer")
        allowed_visibility = ("open",) if outcome == "grant" else ("listed",) if outcome == "refer" else ("hidden", "listed")
        if visibility not in allowed_visibility:
            raise PolicyError(f"{where}: visibility {visibility!r} does not go with {outcome}")
        if eft != OUTCOMES[outcome][1]:
            raise PolicyError(f"{where}: eft must be {OUTCOMES[outcome][1]} for {outcome} (only grants allow)")
        compile_condition(cond, where)
        lines.append((number, fields))
    if not any(fields[0] == "p" for _, fields in lines):
        raise PolicyError("the policy has no rule lines (p)")
    return lines


class _TextAdapter(persist.Adapter):
    def __init__(self, text: str):
        self.text = text

    def load_policy(self, model):
        for line in self.text.splitlines():
            if line.strip() and not line.strip().startswith("#"):
                persist.load_policy_line(line.strip(), model)


_MATCHER_NODES = (ast.Expression, ast.Call, ast.Name, ast.Load, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not)


class _CompiledMatcher:
    """A matcher made only of registered function calls, names, and/or/not, compiled once.

    Casbin re-parses the matcher on every enforce() and walks it with simpleeval for every policy
    line; for this whitelisted shape, Python's own evaluation of the checked tree is equivalent.
    """

    def __init__(self, tree: ast.Expression, functions: dict):
        self.code = compile(tree, "<matcher>", "eval")
        self.globals = {"__builtins__": {}, **functions}

    def eval(self, names):
        return eval(self.code, self.globals, names)  # noqa: S307 - the tree was checked node by node


class _Enforcer(casbin.Enforcer):
    """Casbin's Enforcer with the matcher parsed once (see _CompiledMatcher)."""

    def __init__(self, *args, **kwargs):
        self._matchers = {}
        super().__init__(*args, **kwargs)

    def _get_expression(self, expr, functions=None):
        matcher = self._matchers.get(expr)
        if matcher is None:
            matcher = self._matchers[expr] = self._compile(expr, functions or {})
        return matcher

    @staticmethod
    def _compile(expr, functions):
        fallback = casbin.Enforcer._get_expression(expr, functions)
        tree = ast.parse(fallback.expr.strip(), mode="eval")
        for node in ast.walk(tree):
            if not isinstance(node, _MATCHER_NODES):
                return fallback
            if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id in functions
                                                   and not node.keywords):
                return fallback
        return _CompiledMatcher(tree, functions)


class PolicyEnforcer:
    """One Casbin enforcer over a checked policy. Immutable once built: reload by building anew."""

    def __init__(self, model_path: Path, policy_text: str):
        parse_policy(policy_text)
        self.policy_text = policy_text
        self._conditions: dict[str, list] = {}
        self.casbin = _Enforcer(str(model_path), _TextAdapter(policy_text), enable_log=False)
        self.casbin.add_function("holds", self._holds)

    def _holds(self, cond, sub, doc, req):
        terms = self._conditions.get(cond)
        if terms is None:
            terms = self._conditions[cond] = compile_condition(cond, "policy")
        return all(bool(fn(sub, doc, req)) == wanted for fn, wanted in terms)

    def evaluate(self, sub, doc, req) -> Match | None:
        """The first rule line whose condition holds, then any referral modifier; None if none."""
        _, line = self.casbin.enforce_ex(sub, doc, req)
        if not line:
            return None
        match = Match(*line[:4])
        if match.outcome == "refer":
            _, modifier = self.casbin.enforce_ex(MODIFIERS, sub, doc, req)
            if modifier:
                return Match(*modifier[:4])
        return match
