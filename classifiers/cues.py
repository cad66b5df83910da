"""Weighted content cues: a pattern, what must stand near it, and how much it counts.

A cue counts once however often it matches. Matches in a sentence that points
elsewhere ("set out in the exempt Appendix B", "provided to Members separately") or
speaks hypothetically ("may be commercially sensitive") do not count: that
information is not in this document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .model import Evidence
from .scan import first_start, literal_prefixes, may_match
from .statements import REFERENCE
from .text import Document, Page

_ELSEWHERE = re.compile(
    r"\b(?:set\s+out|contained|included|provided|detailed|shown|given|summarised)\s+(?:in|at)\s+(?:the\s+)?"
    r"(?:exempt\s+|confidential\s+|private\s+|part\s+(?:2|ii|b)\s+)?(?:appendix|appendices|annex|report|item)"
    r"|\b(?:provided|circulated|sent|given)\s+(?:to\s+(?:members|councillors)\s+)?separately\b|\(exempt\b"
    r"|\bin\s+the\s+(?:exempt|confidential|part\s+(?:2|ii|b)|private)\s+(?:report|appendix|session|part)",
    re.I,
)
# Discussion of what information might be, not information itself ("may be commercially sensitive").
_HYPOTHETICAL = re.compile(
    r"\b(?:may|might|could|can)\s+(?:be|include|involve|contain|relate)\b|\bsuch\s+as\b|\bfor\s+example\b|\be\.g\."
    r"|\bwhere\s+(?:it|they|information|documents?|reports?)\b",
    re.I,
)
_GENERIC_PRONOUNS = re.compile(r"\b(?:he|she|his|her|him)\s*(?:/|\bor\b)\s*(?:he|she|his|her|him|hers|their|them)\b|\bs/he\b", re.I)

HONORIFIC_NAME = r"(?-i:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+(?:[A-Z]\.\s*)?[A-Z][a-z'-]+)"
# A particular person referred to by role rather than name: "the employee", "my constituent", "a neighbour, ...".
# Plural and generic forms ("employees", "an employee", "the employee may ...") do not count.
ROLE_PERSON = (
    r"(?i:\b(?:the|this)\s+(?:employee|postholder|complainant|claimant|tenant|licen[cs]e[- ]holder|driver|appellant|suspect"
    r"|defendant|whistleblower|officer\s+concerned|member\s+of\s+staff\s+concerned|individual\s+concerned)\b(?!s)"
    r"|\bmy\s+constituent\b|\b(?:a|the)\s+(?:neighbour|passenger|witness|resident|occupier|householder),\s+(?-i:[A-Z]))"
)

# A particular person: a title and name, a singular pronoun, or a case-record field.
PARTICULAR_PERSON = re.compile(
    HONORIFIC_NAME + r"|(?i:\b(?:she|her|hers|he|him|his)\b)|" + ROLE_PERSON +
    r"|^(?:Name|Complainant|Respondent|Employee|Postholder|Suspect|Tenant|Claimant|Licen[cs]e\s+holder)\b",
    re.M,
)
NAMED_PERSON = re.compile(HONORIFIC_NAME)

# A name without a title, in a context that makes it a person: beside a home address or a job title, in
# apposition to a role ("my constituent, Jo Bloggs", "a neighbour, Jo Bloggs"), or holding a licence.
_NAME_WORD = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
_BARE_NAME = rf"(?-i:{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})"
_NOT_A_NAME = re.compile(
    r"\b(?:The|This|That|Council|Borough|County|District|Town|City|Parish|Committee|Cabinet|Group|Party|Police|Service|Services"
    r"|House|Hall|Centre|Center|Office|Offices|Park|Road|Street|Lane|Court|Team|Unit|Trust|Authority|Board|Ltd|Limited|Act"
    r"|Policy|Plan|Report|Strategy|Fund|Scheme|Estate|Farm|Close|Avenue|Drive|Way|Cllr|Councillor|Dear|Date|Subject|From|To"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September"
    r"|October|November|December|Head|Chief|Director|Manager|Officer|Leader|Mayor|Chair|Chairman|Member|Members|Ward|Item)\b"
)
_STREET_WORDS = (
    "Road", "Street", "Lane", "Close", "Avenue", "Drive", "Way", "Court", "Crescent", "Place", "Gardens", "Terrace", "Walk",
    "Grove", "Row", "Square", "Mews", "View", "Rise", "Park", "Green", "Cottages", "House", "Hill", "Approach", "Mead",
    "Croft", "Fold", "Yard", "Bank", "Brow", "Parade", "Vale", "Meadow", "Meadows", "Chase", "Wharf", "Fields", "Heights",
    "Boulevard", "Quay", "Wynd", "Gate", "Side", "End", "Hollow", "Paddock", "Orchard", "Circus", "Passage", "Market",
)
# A UK postcode ("XR3 8BF", "SW1A 1AA").
POSTCODE = r"(?-i:\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b)"
STREET = "(?:" + "|".join(_STREET_WORDS) + ")"
_JOB_WORDS = (
    r"(?:Officer|Assistant|Adviser|Advisor|Attendant|Driver|Operative|Technician|Manager|Worker|Clerk|Inspector|Supervisor"
    r"|Co-?ordinator|Administrator|Cleaner|Caretaker|Warden|Engineer|Surveyor|Planner|Accountant|Analyst|Apprentice|Ranger"
    r"|Librarian|Lead|Specialist|Investigator|Receptionist|Porter|Labourer|Loader|Mechanic|Gardener|Consultant)"
)
_ROLE_BEFORE_NAME = (
    r"(?i:constituent|neighbour|passenger|tenant|resident|complainant|witness|claimant|occupier|householder|licen[cs]e[- ]holder"
    r"|employee|member\s+of\s+staff|objector|victim|whistleblower)"
)
_NAME_CONTEXTS = tuple(
    (kind, re.compile(pattern)) for kind, pattern in (
        ("address", rf"(?P<name>{_BARE_NAME})(?:,|\s+of|\s+at|\s+living\s+at)(?:\s+an?\s+[a-z][a-z -]{{1,30}}?\s+(?:at|of))?\s+(?:Flat\s+\d+[A-Za-z]?,?\s+)?\d{{1,4}}[A-Za-z]?,?\s+"
                    rf"(?:(?:[A-Z][a-z']+\s+){{1,3}}{STREET}\b|(?:[A-Z][a-z']+\s+){{0,3}}[A-Z][a-z']+,\s+(?:[A-Z][a-z']+\s+){{0,2}}{POSTCODE})"),
        ("job", rf"(?P<name>{_BARE_NAME}),\s+(?:[A-Z][A-Za-z&'-]*\s+){{0,4}}{_JOB_WORDS}\b|(?P<graded>{_BARE_NAME})\s*\(\s*grade\s+\w+"),
        ("role", rf"\b(?P<role>{_ROLE_BEFORE_NAME}),?\s+(?P<name>{_BARE_NAME})\b"),
        ("licence", rf"(?P<name>{_BARE_NAME})\s+(?:has|had)\s+(?:held|been\s+(?:licensed|employed|a\s+tenant))\b"),
        ("complainant", rf"\b(?:complaint|allegations?|objection|representations?|information)\s+(?:[\w ]{{0,30}}?\s)?(?:from|made\s+by|given\s+by)"
                        rf"\s+(?:(?:a|the)\s+(?:neighbour|resident|member\s+of\s+the\s+public),?\s+)?(?P<name>{_BARE_NAME})\b"),
        ("subject", rf"\b(?:complaint|allegations?|disclosure|claim|grievance)\s+(?:[\w ]{{0,30}}?\s)?(?:by|about|against|concerning)"
                    rf"\s+(?P<name>{_BARE_NAME})\b"),
    )
)
_NAME_CONTEXT_TRIGGERS = {kind: literal_prefixes(context) for kind, context in _NAME_CONTEXTS}
_PERSON_CACHE = "_named_people"
_COUNCILLOR_TITLE = re.compile(r"Cllrs?|Councillors?")
_COUNCILLOR_BEFORE = re.compile(r"\b(?:Cllrs?|Councillors?)\.?\s+$")
_CAPITALISED_PAIR = re.compile(rf"{_NAME_WORD}\s+{_NAME_WORD}")


# What the context says about the person: "address" (a home address), "job" (a job title or grade: an
# employee), "role" (in apposition to a role), "licence" (holds a licence), "complainant" (a complaint or
# information from them), "subject" (of a complaint, claim or disclosure).


@dataclass(frozen=True)
class NamedPerson:
    name: str
    kind: str
    page: int
    excerpt: str
    role: str = ""  # the role word before the name, for "role"


@dataclass(frozen=True)
class NamedPeople:
    found: tuple[NamedPerson, ...]
    pattern: re.Pattern | None  # any of their names

    def of_kind(self, *kinds: str) -> list[NamedPerson]:
        return [person for person in self.found if person.kind in kinds]


def named_people(doc: Document) -> NamedPeople:
    """The names (without a title) that the document itself shows to be people, and in what context."""
    cached = doc.__dict__.get(_PERSON_CACHE)
    if cached is not None:
        return cached
    found: list[NamedPerson] = []
    for page in doc.pages:
        if not _CAPITALISED_PAIR.search(page.text):
            continue
        for kind, context in _NAME_CONTEXTS:
            begin = first_start(_NAME_CONTEXT_TRIGGERS[kind], page.lower)
            if begin is None:
                continue
            for match in context.finditer(page.text, begin):
                name = match.group("name") or match.groupdict().get("graded") or ""
                words = name.split()
                start = match.start("name") if match.group("name") else match.start("graded")
                if _COUNCILLOR_TITLE.fullmatch(words[0]) or _COUNCILLOR_BEFORE.search(page.text, max(0, start - 12), start):
                    continue  # a councillor acting in role is not a member of the public
                while words and _NOT_A_NAME.fullmatch(words[0]):
                    words.pop(0)
                if len(words) < 2 or _NOT_A_NAME.search(" ".join(words)):
                    continue
                role = " ".join(match.group("role").lower().split()) if kind == "role" else ""
                found.append(NamedPerson(" ".join(words), kind, page.number, page.excerpt(*match.span()), role))
    names = sorted({person.name for person in found}, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None
    result = NamedPeople(tuple(found), pattern)
    doc.__dict__[_PERSON_CACHE] = result
    return result


@dataclass(frozen=True)
class Cue:
    name: str
    weight: int
    pattern: re.Pattern
    near: re.Pattern | None = None  # must also match in the same sentence (or within `reach` characters)
    reach: int = 0
    scanner: re.Pattern | None = None  # finds where `pattern` may match, fast (see fast_scanner)
    triggers: frozenset[str] | None = None  # a page holding none of these (lower case) cannot match
    person: bool = False  # `near` is a person: a name the document shows to be a person's counts too

    def first_hit(self, doc: Document) -> tuple[Page, re.Match] | None:
        for page in doc.pages:
            for match in self._matches(page):
                sentence = page.sentence_text(match.start(), match.end())
                if _ELSEWHERE.search(sentence) or REFERENCE.search(sentence) or _HYPOTHETICAL.search(sentence):
                    continue
                if self.near is not None and not self._has_near(doc, page, match, sentence):
                    continue
                return page, match
        return None

    def _matches(self, page: Page) -> Iterator[re.Match]:
        if not may_match(self.triggers, page.lower):
            return
        if self.scanner is None:
            yield from self.pattern.finditer(page.text)
            return
        position = 0
        text = page.lower if self.pattern.flags & re.I else page.text
        while candidate := self.scanner.search(text, position):
            match = self.pattern.match(page.text, candidate.start())
            if match:
                yield match
            position = max(match.end() if match else 0, candidate.start() + 1)

    def _has_near(self, doc: Document, page: Page, match: re.Match, sentence: str) -> bool:
        if self.reach:
            sentence = page.text[max(0, match.start() - self.reach):match.end() + self.reach]
        if self.near.search(_GENERIC_PRONOUNS.sub(" ", sentence)):
            return True
        if self.person:
            names = named_people(doc).pattern
            return bool(names and names.search(sentence))
        return False


@dataclass
class Score:
    """The cues that fired for one label, each with its evidence and weight."""

    hits: list[tuple[Evidence, int]] = field(default_factory=list)
    cap: int | None = None  # a total that may not be reached without a required cue

    @property
    def total(self) -> int:
        total = sum(weight for _, weight in self.hits)
        return total if self.cap is None else min(total, self.cap)

    @property
    def evidence(self) -> list[Evidence]:
        return [item for item, _ in self.hits]

    def add(self, item: Evidence, weight: int) -> None:
        self.hits.append((item, weight))

    def fired(self, *names: str) -> bool:
        checks = {f"content:{name}" for name in names}
        return any(item.check in checks for item, _ in self.hits)

    def without(self, drop) -> Score:
        """The same score less the hits `drop(evidence)` is true for."""
        return Score([(item, weight) for item, weight in self.hits if not drop(item)], self.cap)


def score_cues(doc: Document, cues: tuple[Cue, ...], label: str) -> Score:
    score = Score()
    for cue in cues:
        hit = cue.first_hit(doc)
        if hit is None:
            continue
        page, match = hit
        score.add(Evidence(label, page.excerpt(*match.span()), page.number, f"content:{cue.name}"), cue.weight)
    return score


def compile_cue(name: str, weight: int, pattern: str, near: re.Pattern | None = None, reach: int = 0, flags=re.I,
                requires: tuple[str, ...] = ()) -> Cue:
    """A cue; `requires` (lower case) names text every match contains, where the pattern's own prefixes do not tell."""
    compiled = re.compile(pattern, flags)
    scanner = fast_scanner(compiled)
    triggers = frozenset(requires) if requires else literal_prefixes(scanner or compiled)
    person = near is PARTICULAR_PERSON or near is NAMED_PERSON
    return Cue(name, weight, compiled, near, reach, scanner, triggers, person)


def fast_scanner(pattern: re.Pattern) -> re.Pattern | None:
    """The same pattern without a leading \\b on each alternative and, if it ignores case, for lower-cased text.

    Python's regex engine skips quickly to a possible first character only when a pattern
    starts with plain literals; re.I and a leading \\b defeat that. Every place the original
    can match, this can too, so the original is then tried only there (Cue._matches).
    None for a pattern that ignores case only in part.
    """
    source = _without_leading_boundaries(pattern.pattern)
    if not pattern.flags & re.I:
        return re.compile(source, pattern.flags)
    if "(?-i" in pattern.pattern:
        return None
    return re.compile(_lower_case_literals(source), pattern.flags & ~re.I)


def _top_level_alternatives(source: str) -> list[str]:
    parts, depth, start, index, in_class = [], 0, 0, 0, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(source[start:index])
            start = index + 1
        index += 1
    parts.append(source[start:])
    return parts


def _without_leading_boundaries(source: str) -> str:
    return "|".join(part.removeprefix("\\b") for part in _top_level_alternatives(source))


def _lower_case_literals(source: str) -> str:
    out, index = [], 0
    while index < len(source):
        if source[index] == "\\":
            out.append(source[index:index + 2])
            index += 2
        else:
            out.append(source[index].lower())
            index += 1
    return "".join(out)
