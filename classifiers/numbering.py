"""Schedule 12A numberings and how a cited paragraph maps to England's (SI 2006/88).

RULES.md "Other numberings": Wales (Part 4, SI 2007/969) 12-18 -> 1-7; the fifteen
paragraphs of Part I before 2006 -> 1 (individuals), 3 (business, contracts, tenders),
4, 5, 6, 7 and 2 (protected informant). Where a statement also describes the
information ("financial or business affairs", "opinion of counsel") the description
decides between numberings that both fit the numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .scan import fold, literal_prefixes, search

ENGLAND = "england"
WALES = "wales"
PRE_2006 = "pre-2006"

TO_ENGLAND: dict[str, dict[int, int]] = {
    ENGLAND: {n: n for n in range(1, 8)},
    WALES: {12: 1, 13: 2, 14: 3, 15: 4, 16: 5, 17: 6, 18: 7},
    PRE_2006: {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 3, 8: 3, 9: 3, 10: 3, 11: 4, 12: 5, 13: 6, 14: 7, 15: 2},
}
# Old paragraph 9: terms proposed in negotiations for a contract (the `contract_terms` flag).
PRE_2006_CONTRACT_TERMS = 9

# What each England paragraph says, as councils quote it beside the number.
DESCRIPTIONS: dict[int, re.Pattern] = {
    number: re.compile(pattern, re.I)
    for number, pattern in {
        1: r"relat(?:es|ing)\s+to\s+(?:any|an|a\s+particular)\s+individual|about\s+(?:an\s+|particular\s+)?individuals?\b",
        2: r"identity\s+of\s+(?:an|the|any)\s+individual|reveal\s+the\s+identity|identify\s+(?:an|the)\s+individual",
        3: r"financial\s+or\s+business\s+affairs|business\s+affairs|commercial(?:ly)?\s+(?:sensitive|confidential|interests?)",
        4: r"labour\s+relations|consultations?\s+or\s+negotiations",
        5: r"legal\s+professional\s+privilege|legal\s+advice|\bcounsel\b|\bprivilege",
        6: r"notice,?\s+order\s+or\s+direction|give\s+(?:under\s+any\s+enactment\s+)?a\s+notice|make\s+an?\s+order",
        7: r"prevention,?\s+investigation\s+or\s+prosecution\s+of\s+crime|\bcrime\b",
    }.items()
}
CONTRACT_TERMS_DESCRIPTION = re.compile(
    r"terms\s+proposed|in\s+the\s+course\s+of\s+negotiations|negotiations\s+for\s+(?:a|any)\s+contract|contract\s+negotiations?"
    r"|terms\s+(?:that\s+are\s+)?(?:still\s+)?(?:under|in)\s+negotiation|terms\s+(?:still\s+)?being\s+negotiated",
    re.I,
)
_WALES = re.compile(r"\bWales\b|\bWelsh\b|\bCymru\b|2007/969", re.I)


@dataclass(frozen=True)
class Mapping:
    scheme: str | None  # None: the numbers fit no numbering
    paragraphs: frozenset[int]
    contract_terms: bool
    ambiguous: bool = False  # Welsh and pre-2006 both fit, differ, and nothing in the text tells them apart


_DESCRIPTION_TRIGGERS = {number: literal_prefixes(pattern) for number, pattern in DESCRIPTIONS.items()}


def described_paragraphs(text: str) -> set[int]:
    folded = fold(text)
    return {number for number, pattern in DESCRIPTIONS.items()
            if search(pattern, _DESCRIPTION_TRIGGERS[number], text, folded)}


def map_to_england(numbers: list[int], part: str | None, statement: str, pre_2006_document: bool,
                   welsh_document: bool = False) -> Mapping:
    """England paragraphs for `numbers` cited with Part `part` ("1", "4", ...) in `statement`."""
    welsh = part == "4" or bool(_WALES.search(statement)) or (welsh_document and part != "1")
    if welsh:
        order = (WALES, ENGLAND, PRE_2006)
    elif pre_2006_document or any(number > 7 for number in numbers):
        order = (PRE_2006, WALES, ENGLAND)
    else:
        order = (ENGLAND, PRE_2006)
    fitting = [scheme for scheme in order if all(number in TO_ENGLAND[scheme] for number in numbers)]
    if not fitting:
        return Mapping(None, frozenset(), False)
    described = described_paragraphs(statement)
    by_description = [s for s in fitting if described and described <= _mapped(s, numbers)]
    scheme = (by_description or fitting)[0]
    # Wales numbers 12-18 in Part 4; "of Part I" with a number over 7 is the old numbering.
    told_apart = welsh or pre_2006_document or part == "1" or len(by_description) == 1
    ambiguous = (not told_apart and {WALES, PRE_2006} <= set(fitting)
                 and _mapped(WALES, numbers) != _mapped(PRE_2006, numbers))
    paragraphs = _mapped(scheme, numbers)
    if ambiguous:  # fail closed: both readings, for the Proper Officer to settle
        paragraphs = _mapped(WALES, numbers) | _mapped(PRE_2006, numbers)
    contract_terms = 3 in paragraphs and (
        (scheme == PRE_2006 and PRE_2006_CONTRACT_TERMS in numbers) or bool(CONTRACT_TERMS_DESCRIPTION.search(statement))
    )
    return Mapping(scheme, paragraphs, contract_terms, ambiguous)


def _mapped(scheme: str, numbers: list[int]) -> frozenset[int]:
    return frozenset(TO_ENGLAND[scheme][number] for number in numbers)
