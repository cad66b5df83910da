"""Flags beside the paragraphs: the Monitoring Officer's correspondence, and gathering the others.

`monitoring_officer_correspondence` covers memos, emails and letters *from* the Monitoring
Officer (RULES.md R-MO-CORRESPONDENCE, seed 002:6.5), not her public committee reports.
`employee_matter` and `third_party_personal_data` come from people.py; `employee_matter` also from
a restricted report whose subject is reorganising staff, which concerns particular posts and their
holders (seed 000:10.3: "employee matters should always be regarded as confidential"). Paragraph 4
alone (negotiations with the workforce as a whole) is not a particular employee's matter.
`contract_terms` only qualifies paragraph 3 (s100F(2A)).
"""

from __future__ import annotations

import re

from .content import ContentFindings
from .numbering import CONTRACT_TERMS_DESCRIPTION
from .model import (
    CONTRACT_TERMS,
    EMPLOYEE_MATTER,
    EVIDENCE_TEXT_LIMIT,
    MONITORING_OFFICER_CORRESPONDENCE,
    THIRD_PARTY_PERSONAL_DATA,
    Evidence,
)
from .people import People
from .statements import Statements
from .text import Document

_MONITORING_OFFICER = re.compile(r"\b(?:deputy\s+)?monitoring\s+officer\b", re.I)
_NOT_SENDER = re.compile(r"^(?:to|cc|dear)\b|\bto\s+(?:the\s+)?(?:deputy\s+)?monitoring\s+officer", re.I)
_FROM = re.compile(r"^from\s*:", re.I)
_WRITING_AS_MONITORING_OFFICER = re.compile(
    r"\bI\b[^.]{0,80}?\bas\s+(?:the\s+|your\s+|the\s+council's\s+)?(?:deputy\s+)?monitoring\s+officer\b"
    r"|\bin\s+my\s+(?:role|capacity)\s+as\s+(?:the\s+)?(?:deputy\s+)?monitoring\s+officer\b",
    re.I,
)
_SENDER_BLOCK_LINES = 12
_FIELD_LENGTH = 70
_SIGNATURE_LINES = 5


def monitoring_officer_correspondence(doc: Document) -> Evidence | None:
    """A memo, email or letter whose sender is the Monitoring Officer: in its From line or heading
    fields, its signature, or in the first person ("I write as Monitoring Officer")."""
    if not doc.is_correspondence:
        return None
    label = f"flag:{MONITORING_OFFICER_CORRESPONDENCE}"
    page = doc.first
    for index, line in enumerate(page.lines[:_SENDER_BLOCK_LINES]):
        heading_field = _FROM.match(line) or (not doc.is_email and len(line) <= _FIELD_LENGTH and not line.endswith("."))
        if heading_field and not _NOT_SENDER.search(line):
            match = _MONITORING_OFFICER.search(line)
            if match:
                start = page.line_starts[index] + match.start()
                return Evidence(label, page.excerpt(start, start + len(match.group())), 1, "sender_heading")
    signature = [line for line in doc.closing_lines[-_SIGNATURE_LINES:] if _is_signature_line(line)]
    if any(_MONITORING_OFFICER.search(line) for line in signature):
        return Evidence(label, " ".join(signature)[-200:], doc.pages[-1].number, "sender_signature")
    for page in doc.pages:
        match = _WRITING_AS_MONITORING_OFFICER.search(page.text)
        if match:
            return Evidence(label, page.excerpt(*match.span()), page.number, "sender_first_person")
    return None


def _is_signature_line(line: str) -> bool:
    """A name, title or contact line, not a sentence of the letter ("The Monitoring Officer will ...")."""
    sentence = line.endswith(".") and len(line.split()) >= 6
    return len(line) <= 90 and not sentence and not _NOT_SENDER.search(line)


# A restriction notice's justification says whose information the item holds.
_NOTICE_EMPLOYEE = re.compile(
    r"\b(?:grievance|disciplinary|dismissal|capability\s+(?:hearing|procedure)|employee\s+relations"
    r"|(?:a|the)\s+(?:particular|named)\s+(?:employee|member\s+of\s+staff|officer))\b", re.I)
_NOTICE_THIRD_PARTY = re.compile(
    r"\b(?:personal|private)(?:\s+and\s+financial)?\s+(?:information|details|circumstances)\s+(?:about|of|relating\s+to)\s+"
    r"(?:a|an|the)\s+(?:named\s+)?(?:former\s+)?(?:tenant|resident|applicant|claimant|individual|person|household|landowner"
    r"|licen[cs]e[- ]holder|driver|member\s+of\s+the\s+public|complainant)", re.I)


def _notice_flags(doc: Document, paragraphs: dict[int, list[Evidence]]) -> dict[str, Evidence]:
    """Flags a restriction notice states in its justification (the withheld report is not in front of us)."""
    found: dict[str, Evidence] = {}
    for page in doc.pages:
        for flag, pattern, needs in ((EMPLOYEE_MATTER, _NOTICE_EMPLOYEE, {1, 2, 4, 5}),
                                     (THIRD_PARTY_PERSONAL_DATA, _NOTICE_THIRD_PARTY, {1, 2}),
                                     (CONTRACT_TERMS, CONTRACT_TERMS_DESCRIPTION, {3})):
            match = pattern.search(page.text)
            if match and flag not in found and paragraphs.keys() & needs:
                found[flag] = Evidence(f"flag:{flag}", page.excerpt(*match.span()), page.number, "notice_justification")
    return found


# A staffing change named where a report names its subject (its first lines).
_STAFFING_CHANGE = re.compile(
    r"\b(?:re-?organi[sz]ation|restructur(?:e|ing)|re-?design|realignment)\s+of\s+(?:the\s+)?(?:[\w&,:'-]+\s+){0,10}?"
    r"(?:team|teams|staffing|staff|workforce|establishment|posts)\b"
    r"|\bstaffing\s+(?:structure|review|restructure|reorganisation|changes)\b|\bdeletion\s+of\s+(?:the\s+)?posts?\b"
    r"|\b(?:senior\s+)?management\s+(?:restructure|restructuring|reorganisation)\b", re.I)
_SUBJECT_LINES = 15


def _staffing_change(doc: Document) -> Evidence | None:
    """A reorganisation of staff named as the subject of the document."""
    page = doc.first
    match = _STAFFING_CHANGE.search("\n".join(page.lines[:_SUBJECT_LINES]))
    if match is None:
        return None
    excerpt = " ".join(match.group().split())[:EVIDENCE_TEXT_LIMIT]
    return Evidence(f"flag:{EMPLOYEE_MATTER}", excerpt, page.number, "restricted_staffing_change")


def gather_flags(doc: Document, paragraphs: dict[int, list[Evidence]], statements: Statements,
                 content: ContentFindings, people: People, group_internal: bool) -> dict[str, Evidence]:
    flags: dict[str, Evidence] = {}
    sender = monitoring_officer_correspondence(doc)
    if sender:
        flags[MONITORING_OFFICER_CORRESPONDENCE] = sender
    if 3 in paragraphs:
        terms = statements.contract_terms or content.contract_terms
        if terms:
            flags[CONTRACT_TERMS] = terms
    if doc.is_notice:
        for flag, evidence in _notice_flags(doc, paragraphs).items():
            flags.setdefault(flag, evidence)
    staffing = _staffing_change(doc) if paragraphs else None
    if staffing:
        flags.setdefault(EMPLOYEE_MATTER, staffing)
    if not group_internal:  # a group's papers name people in their political roles
        if people.employee_matter:
            flags[EMPLOYEE_MATTER] = people.employee.evidence[0]
        if people.third_party_personal_data:
            flags[THIRD_PARTY_PERSONAL_DATA] = people.third_party.evidence[0]
    return flags
