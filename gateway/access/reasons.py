"""Plain-English reasons for each rule, each ending with the protocol paragraph it rests on in brackets.

The pages link `CITATION` matches to the council's protocol text; the API gives the sentences as they are.
"""

import re

from gateway.access.facts import CHAIR_ROLES, DocumentFacts, Request, Subject

# "protocol 11.7-11.9", "protocol para 9": group 1 is the paragraph a link may point at.
CITATION = re.compile(r"\bprotocol (?:para )?(\d+(?:\.\d+)?)(?:-\d+(?:\.\d+)?)?")


def _interest(sub: Subject, doc: DocumentFacts) -> str:
    matter = next(iter(sorted(doc.matters & set(sub.interests))), None)
    kind = sub.interests.get(matter, "pecuniary")
    return f"a {kind} interest in {doc.matter_titles.get(matter, matter)}"


def _public_or(outcome: str, otherwise: str) -> str:
    return "The document is public, so you may see it." if outcome == "grant" else otherwise


def _day(value) -> str:
    return f"{value.day} {value:%B %Y}" if value else "a date not yet set"


def _committee(doc: DocumentFacts) -> str:
    return doc.committee_name or doc.committee or "the owning committee"


REASONS = {
    "R-AUTH": lambda s, d, r, o: "You are not signed in.",
    "R-PROPER-OFFICER": lambda s, d, r, o: "As the Proper Officer you may see every document (protocol 5.10).",
    "R-SERVICE-HOLDER": lambda s, d, r, o: "You work in the service that holds this document (protocol 11.9).",
    "R-OFFICER-PUBLIC": lambda s, d, r, o: _public_or(
        o, "You work outside the service that holds this document, so you can see it only once it is public."
    ),
    "R-GROUP-OTHER": lambda s, d, r, o: (
        "You can't open this because it is a confidential paper of a political group you do not belong to "
        "(protocol 11.11)."
    ),
    "R-NFP-OTHER": lambda s, d, r, o: (
        "You can't open this because it was given to one person only, and not to you (protocol 11)."),
    "R-CASEWORK-OTHER": lambda s, d, r, o: (
        "You can't open this because it is another councillor's casework for a resident (protocol 13.2)."),
    "R-DRAFT-ADMIN-OTHER": lambda s, d, r, o: (
        "You can't open this draft: it is only for the groups running the council, and yours is not one of "
        "them (protocol 11.10)."
    ),
    "R-DRAFT": lambda s, d, r, o: (
        f"This document is not published yet: it will be public on {_day(d.publish_on)}." if d.status == "embargoed"
        else "This is a draft, not yet ready for councillors to read (protocol 10.4)."
    ),
    "R-PRIVATE-CAPACITY": lambda s, d, r, o: _public_or(
        o,
        "You asked as a private person, not as a councillor, so you can see only what the public can, "
        "and this document is not public (protocol 11.3).",
    ),
    "R-INTEREST": lambda s, d, r, o: _public_or(
        o,
        f"You can't open this because you have declared {_interest(s, d)}: a councillor may not read "
        "papers about a matter they have such an interest in (protocol para 9).",
    ),
    "R-GROUP-OWN": lambda s, d, r, o: "This is your own party group's document (protocol 11.11).",
    "R-NFP-ADDRESSEE": lambda s, d, r, o: "This document was provided to you personally (protocol 11).",
    "R-CASEWORK-OWN": lambda s, d, r, o: "This is your own constituent casework (protocol 13.2).",
    "R-DRAFT-ADMIN": lambda s, d, r, o: (
        "This draft is for the administration, and your group is part of it (protocol 11.10)."
    ),
    "R-EMBARGO-CHAIR": lambda s, d, r, o: (
        f"The document is not public until {_day(d.publish_on)}, but you chair or vice-chair "
        f"{_committee(d)} (protocol 10.4)." if s.seats.get(d.committee) in CHAIR_ROLES
        else f"The document is not public until {_day(d.publish_on)}, but you hold its portfolio (protocol 7.2)."
    ),
    "R-PUBLIC": lambda s, d, r, o: "This is a public document: anyone may read it (protocol 11.5; s100F).",
    "R-PO-GRANT": lambda s, d, r, o: (
        "The Proper Officer has granted you access"
        + (f" until {_day(r.standing.until)}" if r.standing and r.standing.until else "")
        + (f": {r.standing.reasons}" if r.standing and r.standing.reasons else ".")
    ),
    "R-REVIEW": lambda s, d, r, o: (
        "The council is still checking what kind of document this is, so the Proper Officer decides "
        "who may read it."
    ),
    "R-MO-CORRESPONDENCE": lambda s, d, r, o: (
        "This is the Monitoring Officer's correspondence, so the Proper Officer decides who may read it "
        "(protocol 6.5)."
    ),
    "R-COMMITTEE": lambda s, d, r, o: f"You sit on {_committee(d)}, which owns this document (protocol 5.9).",
    "R-PORTFOLIO": lambda s, d, r, o: (
        "You hold, or are opposition spokesperson for, this document's portfolio (protocol 5.9)."
    ),
    "R-SCRUTINY": lambda s, d, r, o: (
        "You sit on a scrutiny committee whose work programme includes this executive matter "
        "(protocol 11.6; 2012 Regulations reg 17)."
    ),
    "R-AFTER-MEETING": lambda s, d, r, o: (
        f"This paper is for a private meeting on {_day(d.meeting_date)}; it becomes available "
        "the day after the meeting (protocol 5.4)."
    ),
    "R-EMPLOYEE": lambda s, d, r, o: (
        "This document is about a particular employee, so the Proper Officer decides who may read it "
        "(protocol 10.3)."
    ),
    "R-NOT-WITHHOLDABLE": lambda s, d, r, o: (
        "This is a meeting paper whose exempt information may not be withheld from members "
        "(s100F(2); protocol para 10)."
    ),
    "R-NEED-TO-KNOW": lambda s, d, r, o: (
        "This document is not public. The Proper Officer decides whether you need it for your work "
        "as a councillor (protocol 11.7-11.9)."
    ),
    "R-PO-REFUSED": lambda s, d, r, o: (
        "The Proper Officer has refused you this document"
        + (f": {r.standing.reasons}" if r.standing and r.standing.reasons else ".")
        + " You may dispute the refusal (protocol 6.7)."
    ),
    "R-NO-REASON": lambda s, d, r, o: (
        "Tell the Proper Officer why you need this document for your work as a councillor, in a "
        "sentence or more. Curiosity is not enough (protocol 11.8)."
    ),
    "R-DEFAULT": lambda s, d, r, o: "No rule lets you open this document, so it stays closed.",
}


def explain(rule: str, outcome: str, sub: Subject, doc: DocumentFacts, req: Request) -> tuple[str, ...]:
    """The reasons for a decision; the web and API answer a hidden one with 'not found' alone."""
    template = REASONS.get(rule)
    if template is None:
        return (f"Decided by the council's rule {rule}.",)
    return (template(sub, doc, req, outcome),)
