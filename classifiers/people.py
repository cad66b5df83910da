"""Information about particular people: members of the public (third-party personal data) and employees.

A name alone is not personal data worth withholding (public minutes name the people who
asked questions); what counts is a name with what identifies or concerns the person:
a home address, date of birth, contact details, health, money troubles, a complaint, a
criminal matter; or, for an employee, a grievance, discipline, absence or redundancy.
Councillors and officers acting in their roles are neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import HONORIFIC_NAME, NAMED_PERSON, PARTICULAR_PERSON, Score, compile_cue, named_people, score_cues
from .model import EMPLOYEE_MATTER, THIRD_PARTY_PERSONAL_DATA, Evidence
from .text import Document

_STREET_WORDS = (
    "Road", "Street", "Lane", "Close", "Avenue", "Drive", "Way", "Court", "Crescent", "Place", "Gardens", "Terrace", "Walk",
    "Grove", "Row", "Square", "Mews", "View", "Rise", "Park", "Green", "Cottages", "House", "Hill", "Approach", "Mead",
    "Croft", "Fold", "Yard", "Bank", "Brow", "Parade", "Vale", "Meadow", "Meadows", "Chase", "Wharf", "Fields", "Heights",
    "Boulevard", "Quay", "Wynd", "Gate", "Side", "End", "Hollow", "Paddock", "Orchard", "Circus", "Passage", "Market",
)
_STREET = "(?:" + "|".join(_STREET_WORDS) + ")"
HOME_ADDRESS = (
    r"(?-i:(?:Flat\s+\d+[A-Za-z]?,?\s+(?:\d{1,4}[A-Za-z]?\s+)?|\d{1,4}[A-Za-z]?(?:/\d{1,4})?,?\s+)"
    rf"(?:[A-Z][a-z']+\s+){{1,3}}{_STREET})\b"
)
_PERSON_AT_ADDRESS = HONORIFIC_NAME + r"(?:\s+[A-Z][a-z'-]+)?[^.|]{0,40}?(?:,|\bof\b|\bat\b|\|)\s*" + HOME_ADDRESS
_PERSON_AT_ADDRESS_RE = re.compile(_PERSON_AT_ADDRESS)
_REGISTER_MINIMUM = 3

_HEALTH = (
    r"\b(?:dementia|asthma|diabetes|cancer|disabilit(?:y|ies)|disabled|pregnan(?:t|cy)|mental\s+health|anxiety|depression"
    r"|GP|hospital|A&E|medical\s+(?:condition|assessment|evidence|priority)|surgery|sickness|illness|terminal(?:ly)?"
    r"|stroke|autis(?:m|tic)|wheelchair|medication|Crohn's)\b"
)

IDENTITY_PROTECTED = (
    r"\basked\s+(?:that|for)\s+(?:(?:her|his|their)\s+)?(?:name|identity|details)|\b(?:her|his|their)\s+(?:name|identity)\s+"
    r"(?:is\s+|be\s+|should\s+be\s+|to\s+be\s+)?(?:not\s+(?:be\s+)?disclosed|withheld|protected|kept\s+(?:confidential|anonymous|private|secret))"
    r"|\bdoes\s+not\s+want\s+(?:\w+\s+){0,5}to\s+know\b|\bname\s+withheld\b|\bwishes\s+to\s+remain\s+anonymous"
    r"|\basked\s+(?:me\s+|us\s+|officers\s+|the\s+council\s+)?not\s+to\s+(?:give|share|disclose|pass\s+on|reveal)\s+(?:her|his|their)\s+"
    r"(?:name|identity|details)"
)

THIRD_PARTY_CUES = (
    compile_cue("date_of_birth", 3, r"\bdate\s+of\s+birth\b|\bD\.?O\.?B\.?\s*:|\bborn\s+(?:on\s+)?\d{1,2}\s+[A-Z][a-z]+\s+\d{4}"),
    compile_cue("home_address", 3, r"(?im:^(?:home\s+|private\s+)?address\s*:?\s*)" + HOME_ADDRESS + "|" + _PERSON_AT_ADDRESS,
                flags=0, requires=tuple(word.lower() for word in _STREET_WORDS)),
    compile_cue("complaint_by_person", 3,
                HONORIFIC_NAME + r"[^.]{0,120}?\b(?:complained|complains|made\s+a\s+complaint|lodged\s+a\s+complaint|objects|objected)\b",
                requires=("complain", "object")),
    compile_cue("personal_phone", 1, r"\b07\d{3}\s?\d{3}\s?\d{3}\b"),
    compile_cue("personal_email", 1, r"\b[\w.+-]+@(?!(?:[\w-]+\.)*(?:gov|nhs|police|parliament|ac|sch|mod)\.uk\b)[\w-]+(?:\.[\w-]+)+",
                requires=("@",)),
    compile_cue("health", 2, _HEALTH, near=PARTICULAR_PERSON),
    compile_cue("personal_finances", 2,
                r"\b(?:rent\s+arrears|in\s+arrears|arrears\s+of|universal\s+credit|housing\s+benefit|benefits?\s+(?:claim|deduction)"
                r"|debts?|bankrupt\w*|overpayment|only\s+income|relies\s+on|insolven\w+)\b",
                near=PARTICULAR_PERSON),
    compile_cue("family", 1,
                r"\b(?:her|his)\s+(?:son|daughter|mother|father|wife|husband|partner|child|children|family|son-in-law"
                r"|daughter-in-law|grandson|granddaughter|brother|sister)\b|\bsupports\s+(?:two|three|four|five|\d)\s+children\b"),
    compile_cue("member_of_public", 2,
                r"\bconstituent\b|\bcomplainant\b|\bobjector\b|\blicen[cs]e[- ]holder\b|\bsuspect\b|\btenant\b"
                r"|\bclaimant\b|\bhouseholder\b|\bpassenger\b|\bwitness(?:es)?\b|\bmember\s+of\s+the\s+public\b|\bowned\s+by\b",
                near=NAMED_PERSON),
    compile_cue("social_care", 2,
                r"\bsafeguarding\s+concerns?|\bchild\s+protection|\blooked[- ]after\s+child|\bcare\s+leaver|\bsocial\s+worker"
                r"|\bdomestic\s+abuse|\bhomeless(?:ness)?\s+application|\bpriority\s+need|\beviction|\bnotice\s+to\s+quit"
                r"|\bpossession\s+(?:order|proceedings)",
                near=PARTICULAR_PERSON),
    # Someone who asked not to be identified is a particular member of the public.
    compile_cue("identity_protected", 3, IDENTITY_PROTECTED),
    compile_cue("criminal_matter", 2,
                r"\b(?:arrested|cautioned|convicted|charged\s+with|prosecut\w+|interview(?:ed)?\s+under\s+caution"
                r"|released\s+under\s+investigation|on\s+suspicion\s+of)\b"
                r"|\ba\s+(?:caution|conviction|reprimand|fixed\s+penalty)\s+for\b|\bpending\s+(?:prosecution|charge)",
                near=PARTICULAR_PERSON, reach=200),
    compile_cue("age", 1, r"\baged\s+\d{1,2}\b", near=PARTICULAR_PERSON, reach=200),
)
# For an employee's own case these identify a member of the public; health, money or a
# complaint in it are the employee's and stay with `employee_matter`.
_IDENTIFYING = frozenset({"content:date_of_birth", "content:home_address", "content:complaint_by_person", "content:register"})

_NEAR_EMPLOYEE = dict(near=PARTICULAR_PERSON, reach=250)
EMPLOYEE_CUES = (
    compile_cue("grievance", 3, r"\bgrievance\b", **_NEAR_EMPLOYEE),
    compile_cue("discipline", 3,
                r"\bdisciplinary\s+(?:hearing|procedure|process|action|investigation|interview|panel|sanction|warning)"
                r"|\bsuspended\s+(?:on\s+full\s+pay|from\s+(?:duty|work))|\bgross\s+misconduct|\bdismiss(?:al|ed)\b|\bfinal\s+written\s+warning",
                **_NEAR_EMPLOYEE),
    compile_cue("absence", 2,
                r"\bsickness\s+absence|\bphased\s+return|\boccupational\s+health|\bsigned\s+off\b|\bfit\s+note|\bmaternity\s+leave"
                r"|\bparental\s+leave|\breasonable\s+adjustments?",
                **_NEAR_EMPLOYEE),
    compile_cue("redundancy", 2,
                r"\bvoluntary\s+redundancy|\bredundancy\s+(?:payment|costs?|pay)|\bpension\s+strain|\bredeploy\w*"
                r"|\bat\s+risk\s+of\s+redundancy|\bredundancy\s+of\s+(?:the\s+)?postholders?",
                **_NEAR_EMPLOYEE),
    compile_cue("leaving_terms", 3,
                r"\bsettlement\s+agreement|\bill[- ]health\s+retirement|\bearly\s+retirement|\bexit\s+(?:package|payment)"
                r"|\bseverance\s+(?:package|payment)\s+(?:to|for|of)\b|\bappeal\s+against\s+(?:dismissal|the\s+decision\s+to\s+dismiss)"
                r"|\bperformance\s+improvement\s+plan|\ballegations\s+(?:against|about)\s+(?:Mr|Mrs|Ms|Miss|Dr)\b",
                **_NEAR_EMPLOYEE),
    compile_cue("employee_under_investigation", 3,
                r"\b(?:former\s+)?(?:employee|member\s+of\s+staff)\b[^.]{0,80}?\b(?:arrested|suspended|dismissed|charged|investigated"
                r"|disciplin\w+|cautioned)\b",
                **_NEAR_EMPLOYEE),
    compile_cue("service_record", 2,
                r"\(\s*grade\s+\d+|\b\d+\s+years'?\s+service\b|\bline\s+manager\b|\bcapability\s+(?:procedure|hearing|process)"
                r"|\bprobation(?:ary)?\s+(?:period|review)",
                **_NEAR_EMPLOYEE),
)

THRESHOLD = 3


@dataclass(frozen=True)
class People:
    third_party: Score  # members of the public
    employee: Score

    @property
    def third_party_personal_data(self) -> bool:
        return self.third_party.total >= THRESHOLD

    @property
    def employee_matter(self) -> bool:
        return self.employee.total >= THRESHOLD


# Roles that make a named person a member of the public (not an employee or councillor in role).
_PUBLIC_ROLES = frozenset({
    "constituent", "neighbour", "passenger", "tenant", "resident", "complainant", "witness", "claimant", "occupier",
    "householder", "licence holder", "license holder", "licence-holder", "objector", "victim",
})


def find_people(doc: Document) -> People:
    employee = score_cues(doc, EMPLOYEE_CUES, f"flag:{EMPLOYEE_MATTER}")
    third_party = score_cues(doc, THIRD_PARTY_CUES, f"flag:{THIRD_PARTY_PERSONAL_DATA}")
    _add_register(doc, third_party)
    _add_named_members_of_public(doc, third_party)
    if employee.total >= THRESHOLD:
        third_party = third_party.without(lambda item: item.check not in _IDENTIFYING)
    return People(third_party, employee)


def _add_named_members_of_public(doc: Document, score: Score) -> None:
    """Names without a title: at a home address, or named as a constituent, neighbour, passenger or licence holder."""
    label = f"flag:{THIRD_PARTY_PERSONAL_DATA}"
    people = named_people(doc)
    at_home = people.of_kind("address")
    if at_home and not score.fired("home_address"):
        found = at_home[0]
        score.add(Evidence(label, found.excerpt, found.page, "content:home_address"), 3)
    public = [person for person in people.of_kind("role") if person.role in _PUBLIC_ROLES] + people.of_kind("licence")
    if public and not score.fired("member_of_public"):
        found = public[0]
        score.add(Evidence(label, found.excerpt, found.page, "content:member_of_public"), 2)


def _add_register(doc: Document, score: Score) -> None:
    """A table of named people with their addresses (representations, petitions) on one page."""
    for page in doc.pages:
        rows = list(_PERSON_AT_ADDRESS_RE.finditer(page.text))
        if len(rows) >= _REGISTER_MINIMUM:
            excerpt = page.excerpt(rows[0].start(), rows[1].end())
            score.add(Evidence(f"flag:{THIRD_PARTY_PERSONAL_DATA}", excerpt, page.number, "content:register"), THRESHOLD)
            return
