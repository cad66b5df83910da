"""The named conditions policy lines combine. Each reads only facts: (subject, document, request)."""

from gateway.access.facts import ANONYMOUS, CHAIR_ROLES, MEMBER, OFFICER, DocumentFacts, Request, Subject
from gateway.domain.accounts import PROPER_OFFICER_ROLES

HIDING_FLAGS = frozenset({"monitoring_officer_correspondence", "employee_matter", "third_party_personal_data"})
CURIOSITY = ("curious", "curiosity", "just interested", "just want to see", "nosy")


def published(doc: DocumentFacts, req: Request) -> bool:
    return doc.status == "published" or (
        doc.status == "embargoed" and doc.publish_on is not None and req.at >= doc.publish_on
    )


def embargo_active(doc: DocumentFacts, req: Request) -> bool:
    # An embargo without a publish_on date never lifts: fail closed.
    return doc.status == "embargoed" and (doc.publish_on is None or req.at < doc.publish_on)


def released(doc: DocumentFacts, req: Request) -> bool:
    # release_on (CONTRACT.md): from that date the exemption lapses, with no further action.
    return doc.release_on is not None and req.at >= doc.release_on


def private_meeting_pending(doc: DocumentFacts, req: Request) -> bool:
    # R-AFTER-MEETING (003:5.4): a meeting is over from the day after its date.
    return (doc.session == "private" and doc.meeting_date is not None and req.at <= doc.meeting_date
            and not released(doc, req))


def restricted_content(doc: DocumentFacts, req: Request) -> bool:
    """Anything in the document itself that stops it being public at the request's date.

    A release ends the exemption (paragraphs, exempt flags, review); it never opens a party
    group's, an addressee's or a member's casework papers to others.
    """
    exempt = bool(doc.paragraphs or doc.flags & HIDING_FLAGS or doc.needs_review) and not released(doc, req)
    return exempt or bool(doc.party_group or doc.not_for_publication_to or doc.casework_of)


def public(sub: Subject, doc: DocumentFacts, req: Request) -> bool:
    return published(doc, req) and not restricted_content(doc, req) and not private_meeting_pending(doc, req)


def sits_on(sub: Subject, committee: str | None, kind: str | None) -> bool:
    # Every member sits on a committee of kind `council` (RULES.md, Inputs).
    return committee is not None and (committee in sub.seats or (kind == "council" and sub.kind == MEMBER))


def own_group(sub, doc, req):
    return doc.party_group is not None and doc.party_group == sub.group


def addressee(sub, doc, req):
    return doc.not_for_publication_to is not None and doc.not_for_publication_to == sub.id


def own_casework(sub, doc, req):
    return doc.casework_of is not None and doc.casework_of == sub.id


def admin_draft(sub, doc, req):
    return doc.admin_only and sub.in_administration


def sees_before_publication(sub, doc):
    # R-EMBARGO-CHAIR (000:10.4, 000:7.2, 003:6.2): the chair or vice-chair of the owning committee,
    # or the executive member holding the report's portfolio (consulted on it before issue).
    return sub.seats.get(doc.committee) in CHAIR_ROLES or (
        doc.portfolio is not None and doc.portfolio in sub.held_portfolios)


def draft_hidden(sub, doc, req):
    # R-DRAFT (000:10.4); an administration's own drafts are R-DRAFT-ADMIN's to grant.
    draft = doc.status == "draft" and not (
        own_group(sub, doc, req) or addressee(sub, doc, req) or own_casework(sub, doc, req)
        or admin_draft(sub, doc, req)
    )
    return draft or (embargo_active(doc, req) and not sees_before_publication(sub, doc))


def reason_counts(sub, doc, req):
    # R-NO-REASON (000:11.8): no "roving commission"; the reason's merit is the Proper Officer's call.
    text = " ".join(req.reason.split()).lower()
    return len(text.split()) >= 4 and not any(word in text for word in CURIOSITY)


def standing_grant(sub, doc, req):
    s = req.standing
    return s is not None and s.outcome == "grant" and (s.until is None or req.at <= s.until)


def standing_refusal(sub, doc, req):
    s = req.standing
    return s is not None and s.outcome == "deny" and (s.until is None or req.at <= s.until)


PREDICATES = {
    "always": lambda sub, doc, req: True,
    "anonymous": lambda sub, doc, req: sub.kind == ANONYMOUS,
    "officer": lambda sub, doc, req: sub.kind == OFFICER,
    "proper_officer": lambda sub, doc, req: sub.kind == OFFICER and bool(PROPER_OFFICER_ROLES & set(sub.officer_roles)),
    "service_officer": lambda sub, doc, req: (
        sub.kind == OFFICER and sub.service is not None and sub.service == doc.service
    ),
    "officer_hidden": lambda sub, doc, req: bool(
        doc.party_group or doc.not_for_publication_to or doc.casework_of or doc.status == "draft"
        or doc.admin_only or embargo_active(doc, req)
    ),
    "public": public,
    "group_other": lambda sub, doc, req: doc.party_group is not None and doc.party_group != sub.group,
    "nfp_other": lambda sub, doc, req: (
        doc.not_for_publication_to is not None and doc.not_for_publication_to != sub.id
    ),
    "casework_other": lambda sub, doc, req: doc.casework_of is not None and doc.casework_of != sub.id,
    "admin_draft_other": lambda sub, doc, req: doc.admin_only and not sub.in_administration,
    "draft_hidden": draft_hidden,
    "private_capacity": lambda sub, doc, req: req.capacity == "private",
    "interest": lambda sub, doc, req: not doc.matters.isdisjoint(sub.interests),
    "own_group": own_group,
    "addressee": addressee,
    "own_casework": own_casework,
    "admin_draft": admin_draft,
    "embargo_chair": lambda sub, doc, req: embargo_active(doc, req) and sees_before_publication(sub, doc),
    "po_grant": standing_grant,
    "po_refused": standing_refusal,
    "needs_review": lambda sub, doc, req: doc.needs_review,
    "mo_correspondence": lambda sub, doc, req: "monitoring_officer_correspondence" in doc.flags,
    "sits_on_committee": lambda sub, doc, req: sits_on(sub, doc.committee, doc.committee_kind),
    "holds_portfolio": lambda sub, doc, req: doc.portfolio is not None and doc.portfolio in sub.portfolios,
    "scrutiny_programme": lambda sub, doc, req: doc.executive and not doc.matters.isdisjoint(sub.scrutiny_matters),
    "after_meeting": lambda sub, doc, req: (
        private_meeting_pending(doc, req) and published(doc, req) and not restricted_content(doc, req)
    ),
    "employee_matter": lambda sub, doc, req: "employee_matter" in doc.flags,
    # R-NOT-WITHHOLDABLE (001:10, s100F(2),(2A)): a meeting paper whose every paragraph must be shown.
    "not_withholdable": lambda sub, doc, req: bool(
        doc.committee and doc.meeting_date and doc.paragraphs and not doc.withholdable
    ),
    "reason_counts": reason_counts,
}
