"""classify_pages(): every check on one document, combined, failing closed.

A document's own statement wins; without one, content decides, and a document whose
content looks exempt while it declares nothing goes to the Proper Officer for review
(RULES.md R-REVIEW). So does anything unreadable, contradictory or only half-identified.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .content import PARAGRAPH_THRESHOLD, WEAK_THRESHOLD, ContentFindings, find_content
from .flags import gather_flags
from .groups import GroupFinding, find_party_group
from .model import Classification, Evidence, GroupName
from .cues import named_people
from .people import People, find_people
from .statements import Statements, find_statements
from .text import Document

_EVIDENCE_PER_LABEL = 2
_CONFIDENCE = {
    "statement": 0.95,  # the document's own exemption statement
    "group:marking": 0.95,
    "group:members": 0.9,
    "group:signed": 0.85,
    "group:heading": 0.9,
    "group:named": 0.8,
    "marked": 0.75,  # marked exempt; the paragraph from the content
    "content": 0.7,
    "public": 0.9,
    "public, some cues": 0.75,
}
_REVIEW_CONFIDENCE = 0.5


def classify_pages(pages: Sequence[str], groups: Sequence[GroupName] = ()) -> Classification:
    doc = Document.from_pages(pages)
    if doc.is_empty:
        return _needs_review_only("no text on any page", "no_text")

    statements = find_statements(doc)
    group = find_party_group(doc, groups)
    people = find_people(doc)
    content = find_content(doc, people)

    if doc.recites_law and not statements.declares_exempt:
        content = ContentFindings({}, None)  # the categories set out, not information of any of them
    paragraphs, basis, review = _paragraphs(statements, group, content)
    review.extend(_group_review(group))
    if not paragraphs and not group.internal and not review and not people.employee_matter and not people.third_party_personal_data:
        review.extend(_personal_signals(doc, people))
    flags = gather_flags(doc, paragraphs, statements, content, people, group.internal)
    party_group = group.group if group.internal else None

    evidence: list[Evidence] = []
    for number in sorted(paragraphs):
        evidence.extend(paragraphs[number][:_EVIDENCE_PER_LABEL])
    if party_group is not None:
        if group.named_by is not None:
            evidence.append(group.named_by)
        evidence.extend(replace(item, label=f"party_group:{party_group}") for item in group.cues.evidence[:_EVIDENCE_PER_LABEL])
    evidence.extend(flags[name] for name in sorted(flags))
    evidence.extend(review)

    confidence = _CONFIDENCE.get(basis, _REVIEW_CONFIDENCE)
    if review:
        confidence = min(confidence, _REVIEW_CONFIDENCE)
    return Classification(
        exempt_paragraphs=tuple(sorted(paragraphs)),
        party_group=party_group,
        flags=tuple(sorted(flags)),
        confidence=confidence,
        needs_review=bool(review),
        evidence=tuple(evidence),
    )


def unreadable(reason: str) -> Classification:
    """The classification of a file whose text could not be extracted: review, with the reason."""
    return _needs_review_only(reason or "unreadable", "unreadable")


def _paragraphs(statements: Statements, group: GroupFinding, content: ContentFindings
                ) -> tuple[dict[int, list[Evidence]], str, list[Evidence]]:
    """The paragraphs with their evidence, what they rest on, and any reasons for review."""
    review = list(statements.unmapped)
    strong = content.paragraphs(PARAGRAPH_THRESHOLD)
    if statements.declared_open and (statements.paragraphs or (strong and not group.internal)):
        review.append(_reason("declared open, but it states an exemption or its content looks exempt", statements.declared_open[0], "conflict"))
    if statements.paragraphs and group.internal:
        review.append(_reason("a party group's paper that states a Schedule 12A exemption", next(iter(statements.paragraphs.values())), "conflict"))
    if statements.paragraphs:
        return {number: [item] for number, item in statements.paragraphs.items()}, "statement", review
    if group.internal:  # a group's papers carry its politics, not Schedule 12A information
        return {}, f"group:{group.how}", review
    if statements.restricted:
        marked = {number: score.evidence for number, score in content.paragraphs(WEAK_THRESHOLD).items()}
        if not marked:
            review.append(_reason("marked exempt, but no paragraph is stated or recognised", statements.restricted[0],
                                  "restricted_without_paragraph"))
        return marked, "marked", review
    if strong:
        first = next(iter(strong.values())).evidence[0]
        review.append(_reason("the content looks exempt but nothing is declared", first, "content_only"))
        return {number: score.evidence for number, score in strong.items()}, "content", review
    # Short of the threshold, two different cues are worth a look; one alone is not.
    weak = [score for score in content.paragraphs(WEAK_THRESHOLD).values() if len(score.hits) >= 2]
    if weak:
        review.append(_reason("some of the content looks exempt", weak[0].evidence[0], "weak_content"))
    some_cues = any(score.total for score in content.scores.values())
    return {}, "public, some cues" if some_cues else "public", review


# Public kinds of paper: listings (text.py), and policies, strategies and procedures by their heading.
_PUBLIC_KIND = re.compile(r"\b(?:policy|policies|strategy|procedure|protocol|code\s+of\s+practice|statement\s+of\s+accounts)\b", re.I)
_SIGNAL = 2  # short of the flags' threshold (3), but more than a passing word


def _personal_signals(doc: Document, people: People) -> list[Evidence]:
    """The safety net: a paper of no public kind with some sign of a member of the public's or an employee's
    personal data, short of a flag, goes to review rather than out as public (fail closed)."""
    if doc.is_listing or _PUBLIC_KIND.search(doc.header_text):
        return []
    for score, what in ((people.third_party, "personal data about a member of the public"), (people.employee, "an employee's matter")):
        if score.total >= _SIGNAL:
            return [_reason(f"may hold {what}", score.evidence[0], "personal_data_signals")]
    found = named_people(doc).of_kind("address", "complainant")
    if found:
        return [_reason("names a member of the public", Evidence("needs_review", found[0].excerpt, found[0].page, ""),
                        "personal_data_signals")]
    return []


def _group_review(group: GroupFinding) -> list[Evidence]:
    if group.internal and group.how in ("", "elimination"):
        why = ("a party group's internal paper; its group is inferred from the others it names" if group.how
               else "a party group's internal paper; the group is not named")
        source = group.named_by or (group.cues.evidence[0] if group.cues.evidence else None)
        return [_reason(why, source, f"group_{group.how or 'unidentified'}")]
    if not group.internal and group.weak and group.group is not None:
        return [_reason("may be a party group's internal paper", group.named_by, "weak_group_internal")]
    return []


def _needs_review_only(reason: str, check: str) -> Classification:
    return Classification((), None, (), 0.0, True, (Evidence("needs_review", reason[:200], 1, check),))


def _reason(why: str, source: Evidence | None, check: str) -> Evidence:
    text = f"{why}: {source.text}" if source else why
    return Evidence("needs_review", text[:200], source.page if source else 1, check)
