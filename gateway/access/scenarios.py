"""Scenarios every policy must pass before it is activated: the rules no council policy may break."""

from datetime import date
from itertools import product

from gateway.access.decide import decide
from gateway.access.enforcer import PolicyEnforcer
from gateway.access.facts import MEMBER, NOBODY, OFFICER, DocumentFacts, Request, Subject

AT = date(2026, 6, 15)
SUBJECTS = (
    NOBODY,
    Subject(MEMBER, "m-admin", group="g-admin", in_administration=True, seats={"exec": "chair"}),
    Subject(MEMBER, "m-opp", group="g-opp", seats={"scrut": "member"}, scrutiny_matters=frozenset({"mt"})),
    Subject(MEMBER, "m-none", seats={"exec": "member"}, portfolios=frozenset({"pf"})),
    Subject(OFFICER, "o-it", officer_roles=frozenset({"admin"}), service="it"),
)
_BASE = dict(committee="exec", committee_kind="executive", meeting_date=date(2026, 5, 1), session="public",
             portfolio="pf", matters=frozenset({"mt"}), service="svc")
DOCUMENTS = tuple(DocumentFacts(id=f"d{i}", **{**_BASE, **extra}) for i, extra in enumerate((
    {},
    {"paragraphs": frozenset({1}), "withholdable": frozenset({1})},
    {"paragraphs": frozenset({6})},
    {"party_group": "g-admin"},
    {"party_group": "g-opp"},
    {"party_group": "g-admin", "needs_review": True},
    {"casework_of": "m-opp", "flags": frozenset({"third_party_personal_data"})},
    {"not_for_publication_to": "m-admin"},
    {"status": "draft"},
    {"status": "draft", "admin_only": True},
    {"status": "embargoed", "publish_on": date(2026, 7, 1)},
    {"needs_review": True},
    {"flags": frozenset({"employee_matter"})},
)))
REQUESTS = (Request(AT, reason="I need this for the committee's review of the matter"),
            Request(AT, capacity="private"), Request(AT, reason=""))


def _owns(sub: Subject, doc: DocumentFacts) -> bool:
    return sub.id in (doc.casework_of, doc.not_for_publication_to) or (
        doc.party_group is not None and doc.party_group == sub.group)


def check_policy(enforcer: PolicyEnforcer) -> list[str]:
    """Plain-English failures; empty when the policy keeps every invariant."""
    failures = []
    for sub, doc, req in product(SUBJECTS, DOCUMENTS, REQUESTS):
        d = decide(enforcer, sub, doc, req)
        who = f"{sub.kind} {sub.id or '(nobody)'} asking for {doc.id}"
        if (d.outcome == "grant") != (d.visibility == "open"):
            failures.append(f"{who}: {d.outcome} must go with visibility open, and only grant ({d.rule})")
        if sub is NOBODY and (d.outcome, d.visibility) != ("deny", "hidden"):
            failures.append(f"{who}: nobody signed in must be denied and shown nothing ({d.rule})")
        private_to_others = doc.party_group or doc.casework_of or doc.not_for_publication_to
        if sub.kind == MEMBER and private_to_others and not _owns(sub, doc) and d.visibility != "hidden":
            failures.append(f"{who}: another group's, member's or addressee's document must stay hidden ({d.rule})")
        if sub.kind == MEMBER and doc.party_group and doc.needs_review and d.outcome == "grant":
            failures.append(f"{who}: a party group label still under review must not be granted on the "
                            f"classifier's word ({d.rule})")
        if sub.kind == OFFICER and d.outcome == "grant" and (doc.paragraphs or doc.party_group or doc.flags
                                                            or doc.status != "published" or doc.needs_review):
            failures.append(f"{who}: an officer outside the service may be granted public documents only ({d.rule})")
        if d.outcome == "refer" and not req.reason:
            failures.append(f"{who}: a referral needs a stated need to know ({d.rule})")
    return failures
