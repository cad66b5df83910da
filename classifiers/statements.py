"""Explicit exemption statements: what a document says about its own status.

Councils write a document's status in its banner, cover sheet, running footer or the
exclusion resolution at its head ("NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1
of Schedule 12A", "Exempt information: Yes. Paragraph 4", "CONFIDENTIAL - PART II",
"Exempt - para 5", "This report contains exempt information ..."). The same words also
cite other items (an agenda's exclusion resolution, minutes, a decision record, a public
report naming its exempt appendix) or describe the law in general (protocols, annual
reports); those are kept apart and never label the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import CONTRACT_TERMS, Evidence
from .numbering import ENGLAND, PRE_2006, WALES, described_paragraphs, map_to_england
from .text import EXCLUSION, NOTICE_TITLE, OTHER_REGIME, Document, Page

# "paragraph 3", "paras 1 and 6", "Para 3 (financial ...)", "paragraphs 1, 2 and 7", "category 3".
# "paragraph(s)3", "paragraff(au) 14", "Category of exemption applied: 3"; a lettered number ("7A", "6(a)") is kept whole.
_NUMBER = r"\d{1,2}(?:[A-Ca-c](?![A-Za-z]))?(?!\d)(?!\.\d)(?:\s*\([^()]{0,160}\))?"
PARAGRAPH_CITATION = re.compile(
    r"\b(?:para(?:graph)?(?:\(s\)|s)?|paragraff(?:\(au\)|au)?|categor(?:y|ies)(?:\s+of\s+exemption(?:\s+applied)?)?)"
    rf"\.?(?:\s*(?:no\.?|number))?\s*:?\s*(?P<numbers>{_NUMBER}(?:\s*(?:,|&|and/or|and|or|to|-|/)\s*{_NUMBER})*)",
    re.I,
)
# The standards paragraphs 7A-7C (England, 2008-2012) and 18A-18C (Wales) have no England 1-7 equivalent.
_STANDARDS_NUMBER = re.compile(r"^(?:7|18)\s*\(?[A-Ca-c]\)?$")
# Law recited, not applied: "falls within any of paragraphs 12 to 15, 17 and 18 above", "paragraph 8 or 9 above".
_LAW_RECITAL = re.compile(
    r"\bparagraphs?\s+[\d\s,&()a-z-]{1,40}?\b(?:above|below)\b|\bfalls?\s+within\s+(?:any\s+of\s+)?paragraphs?\b"
    r"|\bnot\s+(?:prevented\s+from\s+being\s+)?exempt\s+(?:if|by\s+virtue)",
    re.I,
)
_PART_AFTER = re.compile(r"\s*(?:,\s*|\s+of\s+)(?:the\s+)?Part\s+(?P<part>[1-4]|IV|I{1,3}|One|Two|Three|Four)\b", re.I)
_PART_BEFORE = re.compile(
    r"Part\s+(?P<part>[1-4]|IV|I{1,3}|One|Two|Three|Four)\s*,?\s*(?:of\s+(?:the\s+)?Schedule\s+12\s*A\s*,?\s*)?$", re.I
)
_PART_NAMES = {"1": "1", "i": "1", "one": "1", "2": "2", "ii": "2", "two": "2",
               "3": "3", "iii": "3", "three": "3", "4": "4", "iv": "4", "four": "4"}
_QUALIFICATIONS_PART = "2"  # England's Part 2 (paras 8-10) qualifies Part 1; it is not a category
_NUMBER_TOKEN = re.compile(r"\(.*?\)|\d{1,2}(?:[A-Ca-c](?![A-Za-z]))?|\bto\b|-", re.S)

_EXEMPT_CONTEXT = re.compile(
    r"schedule\s*12\s*a|sch\.?\s*12\s*a|\b12\s*a\b|\bexempt|not\s+for\s+publication|\bconfidential|\bpart\s+(?:2|ii|b)\b"
    r"|\bin\s+private\b|\bexclu(?:ded|sion)\b|access\s+to\s+information|(?m:^public\s+or\s+private\s*:)",
    re.I,
)
_CONTEXT_REACH = 160

# A line that opens a status banner (a capital letter first: not the middle of a sentence). A
# marking word must be the banner itself ("CONFIDENTIAL - PART II", "Exempt under ..."), not
# the start of a title ("Confidential Reporting Policy", "Private Hire Licensing").
_MARKING_WORDS = (
    r"NOT\s+FOR\s+PUBLICATION|Not\s+for\s+[Pp]ublication|EXEMPT|Exempt|(?:STRICTLY\s+|Strictly\s+)?(?:CONFIDENTIAL|Confidential)"
    r"|(?:STRICTLY\s+|Strictly\s+)?(?:PRIVATE|Private)(?:\s+(?:AND|and|&)\s+(?:CONFIDENTIAL|[Cc]onfidential))?|IN\s+CONFIDENCE"
    r"|RESTRICTED|Restricted"
    r"|OFFICIAL[\s-]+SENSITIVE|PART\s+(?:2|II|B)|Part\s+(?:2|II|B)"
)
_MARKING_END = (
    r"(?=\s*(?:$|[-:(,.;]|(?i:by|under|until|from\s+(?:publication|disclosure)|item|report|appendix|appendices|annex|information"
    r"|minutes|paper|session|part|and|not|exempt|confidential)\b))"
)
MARKING_START = re.compile(
    rf"(?=[A-Z])(?:(?:{_MARKING_WORDS}){_MARKING_END}"
    r"|Document\s+is\s+(?:[Rr]estricted|[Ee]xempt|[Cc]onfidential)|By\s+virtue\s+of\s+[Pp]aragraph"
    r"|This\s+(?i:(?:report|document|memorandum|memo|paper|appendix|annex|briefing|item|information)\s+"
    r"(?:is|contains|includes)\s+(?:exempt|confidential|not\s+for\s+publication|information\s+which\s+is\s+exempt))"
    r"|Reasons?\s+for\s+(?:exemption|confidentiality)"
    r")",
    re.M,
)
# The same words as one part of a running header or footer ("Cabinet, 12 October - Item 7 - Exempt").
_SEGMENT_SEPARATOR = re.compile(r"\s+[-|]\s+|\s*\u00b7\s*|\s*:\s+")
_SEGMENT_MARKING = re.compile(rf"(?:{_MARKING_WORDS}){_MARKING_END}", re.I)
_HEADER_LINES = 3
_DESCRIBED_AT_MOST = 2  # a notice quoting more descriptions than this quotes the Schedule, not its reasons
_EXCLUSION_HEADING_REACH = 5  # lines from a heading to the motion it heads
_GROUP_SCOPED = re.compile(r"\bgroups?\b", re.I)  # "confidential to members of the X Group": groups.py
_EMBARGO = re.compile(r"\bembargo", re.I)
_FOR_MEMBER = re.compile(
    r"\b(?:for|to)\s+(?:the\s+(?:sole\s+)?(?:use|attention)\s+of\s+)?(?:Cllr|Councillor)\b|\bprovided\s+(?:for|to)\s+(?:Cllr|Councillor)",
    re.I,
)

# References to other items: agendas, minutes, an exempt appendix named in a public report.
REFERENCE = re.compile(
    r"\b(?:at|(?-i:[Ff]or)|under|in|see|to)\s+(?:agenda\s+)?items?\s+(?:no\.?\s*)?\d+"  # "vote FOR": a whip's
    r"|\bitems?\s+(?:no\.?\s*)?\d+[a-z]?\s+(?:is|are|was|were|will|on\s+(?:this|the)\s+agenda|of\s+(?:this|the)\s+agenda|below|above)"
    r"|\bappendi(?:x|ces)\s+(?:[A-Z]|\d+)\b(?:\s*\([^()]{0,60}\))?(?:\s*(?:,|and|&)\s*(?:[A-Z]|\d+)\b)*"
    r"\s+(?:(?:to|of)\s+(?:this|the)\s+report\s+)?(?:is|are|contains?|will\s+be|has\s+been|have\s+been|was)\b"
    r"|\b(?:a|an|the)\s+(?:exempt|confidential|private|part\s+(?:2|ii|b))\s+(?:report|appendix|appendices|annex|minutes?|session|items?|papers?|part)\b"
    r"|\b(?:an?|the)\s+(?:separate|accompanying)\s+(?:exempt\s+|confidential\s+)?(?:report|appendix|annex|paper)\b"
    r"|\b(?:were|was|been)\s+excluded\b|\bhaving\s+(?:resolved|been\s+excluded)|(?-i:\bRESOLVED\b)|\bit\s+was\s+resolved\b"
    r"|\bresolved\s*[-:]|\bKD/\d"
    r"|\b(?:considered|taken|dealt\s+with|discussed)\s+(?:this\s+item\s+|the\s+item\s+|it\s+)?in\s+private",
    re.I,
)
# "the following item": another item in an agenda or minutes; the report's own item in its front matter.
_FOLLOWING_ITEM = re.compile(r"\b(?:following|next)\s+items?\b", re.I)
_APPENDIX_NAMED = re.compile(r"\b(?:appendi(?:x|ces)|annex(?:es)?)\s+(?:[A-Z]|\d+)\b", re.I)
_APPENDICES_LISTED = re.compile(
    r"\b(?:appendi(?:x|ces)|annex(?:es)?)\s+((?:[A-Z]|\d+)\b(?:\s*(?:,|and|&)\s*(?:[A-Z]|\d+)\b)*)", re.I)
_SELF_PHRASE = re.compile(
    r"\b(?:this|the\s+present)\s+(?:report|document|memorandum|memo|paper|appendix|annex|briefing(?:\s+note)?|note|letter"
    r"|e-?mail|item|submission|information)\b|\bherein\b",
    re.I,
)
# The paper itself (not "this item", which in minutes is the minute's item).
_OWN_PAPER = re.compile(r"\b(?:this|the\s+present|the\s+attached)\s+(?:report|document|paper|appendix|annex|briefing)\b", re.I)
_LISTING_SELF_PHRASE = re.compile(
    r"\b(?:these|this)\s+(?:minutes|agenda|record|notes)\s+(?:is|are|contains?)\s+(?:exempt|confidential|not\s+for\s+publication)",
    re.I,
)
_GENERAL = re.compile(
    r"\b(?:may|might|can|could|whether|where|such\s+as|for\s+example|e\.g\.|usually|normally|generally|typically"
    r"|any\s+(?:report|document|item|information))\b",
    re.I,
)

_COVER_FIELD = re.compile(
    r"^(?P<label>Is\s+(?:this|the)\s+(?:report|item|paper)\b[^:?\n]{0,40}?(?:exempt|confidential|part\s+(?:2|ii|b))[^:?\n]{0,30}"
    r"|(?:Exempt(?:ion)?|Confidential(?:ity)?)(?:\s*(?:/|or|and)\s*(?:exempt|confidential|open|public|private))?"
    r"(?:\s+(?:information|report|status|category|item|from\s+publication))*"
    r"|(?:Report\s+)?Status|(?:Access\s+to\s+information\s+)?Classification|Access\s+to\s+information"
    r"|Open\s*(?:/|or)\s*(?:exempt|confidential|private)"
    r"|Public\s+or\s+(?:private|exempt)|Part\s+(?:1|I)\s+or\s+(?:Part\s+)?(?:2|II))\s*[:?]\s*(?P<value>.*)$",
    re.I,
)
# "For publication: No", "Is this report to be published? Yes": the answer says the opposite of an exemption field's.
_PUBLICATION_FIELD = re.compile(
    r"^(?:Is\s+(?:this|the)\s+(?:report|item|paper)\s+)?(?:for\s+publication|(?:to\s+be\s+)?published)\s*[:?]\s*(?P<value>.*)$",
    re.I)
_YES_VALUE = re.compile(r"^yes\b", re.I)
_NO_VALUE = re.compile(r"^(?:no|not)\b", re.I)
_HEADLINE_VALUE = re.compile(r"^exempt\s+information\s*$", re.I)  # "Access to information: Exempt information", a title
_OPEN_VALUE = re.compile(r"^(?:none|no\b|nil\b|not\s+(?:applicable|exempt|confidential)|n/?a\b|open\b|public\b|part\s+(?:1|i|a)\b(?!\s+of))", re.I)
_EXEMPT_VALUE = re.compile(
    r"^(?:yes|exempt|confidential|fully\s+exempt|part(?:ly)?\s+exempt|part\s+(?:2|ii|b)\b|para|private|restricted|not\s+for\s+publication)",
    re.I,
)
_APPENDIX = re.compile(r"\bappendi(?:x|ces)\b", re.I)

# Headings and wording by which a report argues for its own exemption.
_EXEMPTION_HEADING = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:Reasons?\s+for\s+(?:exemption|confidentiality|exclusion)|Public\s+interest\s+test)\b",
    re.I | re.M,
)
_PUBLIC_INTEREST_TEST = re.compile(
    r"public\s+interest\s+in\s+(?:maintaining|withholding)\s+(?:the\s+)?(?:exemption|information)\s+outweighs", re.I
)

_CHECK_BY_SCHEME = {ENGLAND: "explicit_statement", PRE_2006: "old_numbering", WALES: "welsh_numbering"}
_BANNER_LINES_BEFORE = 3
_LISTING_BANNER_LINES = 8  # a listing's own banner sits in its first lines; further down it cites other items


@dataclass
class Statements:
    """What the document declares about itself."""

    paragraphs: dict[int, Evidence] = field(default_factory=dict)
    contract_terms: Evidence | None = None
    restricted: list[Evidence] = field(default_factory=list)  # marked exempt, no paragraph given
    declared_open: list[Evidence] = field(default_factory=list)  # "Exempt information: None"
    unmapped: list[Evidence] = field(default_factory=list)  # a paragraph no numbering has

    @property
    def declares_exempt(self) -> bool:
        return bool(self.paragraphs or self.restricted)


def find_statements(doc: Document) -> Statements:
    found = Statements()
    in_body = []
    for page in doc.pages:
        for match in PARAGRAPH_CITATION.finditer(page.text):
            role = _citation_role(doc, page, match)
            if role == "self":
                _read_citation(doc, page, match, found)
            elif role == "body":
                in_body.append((page, match))
    _read_markings(doc, found)
    # A paragraph cited in the body of a paper that marks itself exempt is about its own contents.
    if found.declares_exempt:
        for page, match in in_body:
            _read_citation(doc, page, match, found)
    return found


def _citation_role(doc: Document, page: Page, match: re.Match) -> str | None:
    """The role of a Schedule 12A citation (None: a paragraph of something else)."""
    text = page.text
    start, end = match.span()
    if not _EXEMPT_CONTEXT.search(text, max(0, start - _CONTEXT_REACH), min(len(text), end + _CONTEXT_REACH)):
        return None
    if _part_of(text, start, end) == _QUALIFICATIONS_PART:
        return None
    return _role(doc, page, start, end)


def _read_citation(doc: Document, page: Page, match: re.Match, found: Statements) -> None:
    text = page.text
    start, end = match.span()
    part = _part_of(text, start, end)
    numbers, standards = _numbers(match.group("numbers"))
    begin, finish = page.sentence(start, end)
    statement = text[begin:finish]
    excerpt = page.excerpt(start, end)
    if standards or doc.other_regime or OTHER_REGIME.search(statement):
        why = "a standards-committee paragraph" if standards else "a restriction under other law than Schedule 12A"
        found.unmapped.append(Evidence("needs_review", f"{why}, with no England paragraph: {excerpt}"[:200], page.number,
                                       "unmapped_paragraph"))
        return
    mapping = map_to_england(numbers, part, statement, doc.is_pre_2006, doc.is_welsh)
    if mapping.scheme is None:
        found.unmapped.append(Evidence("needs_review", f"a paragraph no numbering has: {excerpt}"[:200], page.number,
                                       "unmapped_paragraph"))
        return
    if mapping.ambiguous:
        found.unmapped.append(Evidence("needs_review", f"the numbering (Welsh or pre-2006) is uncertain: {excerpt}"[:200],
                                       page.number, "uncertain_numbering"))
    check = _CHECK_BY_SCHEME[mapping.scheme]
    for paragraph in sorted(mapping.paragraphs):
        found.paragraphs.setdefault(paragraph, Evidence(f"paragraph:{paragraph}", excerpt, page.number, check))
    if mapping.contract_terms and found.contract_terms is None:
        found.contract_terms = Evidence(f"flag:{CONTRACT_TERMS}", excerpt, page.number, check)


def _part_of(text: str, start: int, end: int) -> str | None:
    after = _PART_AFTER.match(text, end)
    before = _PART_BEFORE.search(text[max(0, start - 40):start])
    chosen = after or before
    return _PART_NAMES[chosen.group("part").lower()] if chosen else None


def _numbers(cited: str) -> tuple[list[int], bool]:
    """The paragraph numbers cited, ranges expanded; and whether a standards paragraph (7A, 18B) is among them."""
    numbers: list[int] = []
    standards = False
    pending_range = False
    for token in _NUMBER_TOKEN.findall(cited):
        if token.startswith("("):
            continue
        if token in ("to", "-"):
            pending_range = bool(numbers)
            continue
        if _STANDARDS_NUMBER.match(token):
            standards = True
            continue
        number = int(token.rstrip("ABCabc"))  # 6(a) is a part of paragraph 6
        if pending_range and numbers[-1] < number <= numbers[-1] + 17:
            numbers.extend(range(numbers[-1] + 1, number + 1))
        else:
            numbers.append(number)
        pending_range = False
    return numbers, standards


def _role(doc: Document, page: Page, start: int, end: int) -> str:
    """"self" (the document's own status), "reference" (another item), "general" or "body"."""
    begin, finish = page.sentence(start, end)
    sentence = page.text[begin:finish]
    if _LAW_RECITAL.search(sentence):
        return "general"
    if doc.is_notice:
        return "self"
    if doc.recites_law:
        return "general"
    front = doc.in_front(page, start)
    edge = doc.is_edge(page, start)
    # Where the text is about excluding the public, a banner counts only at the very top (not a statement it quotes).
    top_only = doc.is_listing or doc.speaks_of_exclusion
    if (_opens_banner(page, begin, start) and (edge or (front and (not top_only or _near_top(page, start))))
            and not _quoted(page, start)):
        return "self"
    # A report's cover moves to exclude the public for itself; an agenda, minutes or a decision record for other items.
    own_paper = bool(_OWN_PAPER.search(sentence)) or (doc.is_report and front)
    if EXCLUSION.search(sentence):
        return "self" if own_paper and not doc.is_listing else "reference"
    if doc.speaks_of_exclusion and not own_paper:
        return "reference"
    if doc.is_listing:
        return "self" if _LISTING_SELF_PHRASE.search(sentence) else "reference"
    if doc.own_appendix and doc.own_appendix in _appendices_named(page.text[begin:end]):
        return "self"   # an appendix stating its own status: "Appendix 1 is exempt under paragraph 3"
    if REFERENCE.search(sentence) or (_FOLLOWING_ITEM.search(sentence) and not front):
        return "reference"
    self_phrase = _SELF_PHRASE.search(sentence)
    if _APPENDIX_NAMED.search(sentence) and not self_phrase and not doc.is_appendix:
        return "reference"
    if self_phrase:
        return "self"
    if _GENERAL.search(sentence):
        return "general"
    return "self" if front or edge else "body"


def _appendices_named(text: str) -> set[str]:
    """The appendices last named in `text` (what a statement ending it is about), lower-cased:
    {"1", "2"} for "... Appendices 1 and 2 are exempt under paragraph 3"."""
    listed = [match.group(1) for match in _APPENDICES_LISTED.finditer(text)]
    return {name.lower() for name in re.findall(r"[A-Z]\b|\d+", listed[-1], re.I)} if listed else set()


# "... carried the statement:", "the notice reads:": what follows is quoted from another paper.
_QUOTE_INTRODUCED = re.compile(r"\b(?:statement|states|stated|reads|read|says|said|wording|words)\b[^:]{0,40}:\s*$", re.I)


def _quoted(page: Page, position: int) -> bool:
    index = page.line_index(position)
    return index > 0 and bool(_QUOTE_INTRODUCED.search(page.lines[index - 1]))


def _near_top(page: Page, position: int) -> bool:
    return page.number == 1 and page.line_index(position) < _LISTING_BANNER_LINES


def _opens_banner(page: Page, sentence_begin: int, position: int) -> bool:
    """A status banner line starts within the sentence, on or just above the citation's line."""
    last = page.line_index(position)
    for index in range(max(0, last - _BANNER_LINES_BEFORE), last + 1):
        line = page.lines[index]
        if page.line_starts[index] < sentence_begin or not MARKING_START.match(line):
            continue
        if _field_not_own(line):
            continue
        return True
    return False


def _not_own_exemption(value: str) -> bool:
    """A cover-field value that declares the paper open, or speaks of an appendix rather than the paper."""
    return bool(_OPEN_VALUE.match(value) or (_APPENDIX.search(value) and not _SELF_PHRASE.search(value)))


def _field_not_own(line: str) -> bool:
    """A cover-field line ("Exempt: Part exempt - Appendix B") that does not mark this paper."""
    field = _COVER_FIELD.match(line)
    return bool(field and _not_own_exemption(field.group("value").strip()))


def _read_markings(doc: Document, found: Statements) -> None:
    """Banners, cover-sheet fields, headers and footers that mark the document without citing a paragraph."""
    page = doc.first
    if doc.recites_law and not doc.is_notice:
        return  # its title and headings name the subject ("Confidential and exempt information"), not its status
    if doc.speaks_of_exclusion and not doc.is_notice:
        top_lines = _HEADER_LINES  # further down, a marking heads the exclusion of another item or quotes one
    else:
        top_lines = _LISTING_BANNER_LINES if doc.is_listing else len(page.lines)
    for index, line in enumerate(page.lines[:top_lines]):
        if page.line_starts[index] >= doc.front_end:
            break
        if _read_cover_field(page, index, found):
            continue
        if MARKING_START.match(line) and _marks_document(line) and not _heads_exclusion(page, index):
            following = " ".join(page.lines[index:index + 3])
            found.restricted.append(_marking(page, index, "nfp_for_member" if _FOR_MEMBER.search(following) else "restricted_marking"))
    # A listing's first lines are its table (a forward plan's "Private: Yes - para 3" row is about that item).
    top = set() if doc.is_listing else {(1, index) for index in range(min(_HEADER_LINES, len(page.lines)))}
    places = sorted(doc.edge_lines | top)
    for page_number, index in places:
        edge_page = doc.pages[page_number - 1]
        line = edge_page.lines[index]
        segments = [part for part in _SEGMENT_SEPARATOR.split(line) if not _HEADLINE_VALUE.match(part)]
        if (_marks_document(line) and any(_SEGMENT_MARKING.match(part) for part in segments)
                and not _field_not_own(line) and not _heads_exclusion(edge_page, index)):
            found.restricted.append(_marking(edge_page, index, "nfp_for_member" if _FOR_MEMBER.search(line) else "running_marking"))
            break
    if doc.is_notice:
        _read_notice_title(doc, found)
    if not doc.is_listing:
        _read_exemption_reasons(doc, found)


def _read_notice_title(doc: Document, found: Statements) -> None:
    """A restriction notice restricts, with or without a paragraph; under other law it maps to none of 1-7."""
    page = doc.first
    match = NOTICE_TITLE.search(page.text)
    excerpt = page.excerpt(*match.span()) if match else page.excerpt(0, 0)
    if doc.other_regime:
        found.unmapped.append(Evidence("needs_review", f"a restriction under other law than Schedule 12A: {excerpt}"[:200],
                                       page.number, "unmapped_paragraph"))
        return
    described = described_paragraphs(page.text)
    if not found.paragraphs and 0 < len(described) <= _DESCRIBED_AT_MOST:
        # "Reasons for restriction: information relating to the financial or business affairs of ..."
        for number in sorted(described):
            found.paragraphs[number] = Evidence(f"paragraph:{number}", excerpt, page.number, "notice_description")
    else:
        found.restricted.append(Evidence("marking", excerpt, page.number, "restriction_notice"))


def _heads_exclusion(page: Page, index: int) -> bool:
    """A heading such as "Exempt Information S100(A)" over an agenda item that moves to exclude the public."""
    return bool(EXCLUSION.search(" ".join(page.lines[index:index + _EXCLUSION_HEADING_REACH])))


def _marks_document(line: str) -> bool:
    """Not a party group's marking (groups.py reads those) and not an embargo (a date, not an exemption)."""
    return not _GROUP_SCOPED.search(line) and not _EMBARGO.search(line)


def _marking(page: Page, index: int, check: str) -> Evidence:
    start = page.line_starts[index]
    return Evidence("marking", page.excerpt(start, start + len(page.lines[index])), page.number, check)


def _read_cover_field(page: Page, index: int, found: Statements) -> bool:
    """Read a cover-sheet field about exemption ("Exempt information: None"); False when the line is not one."""
    match = _COVER_FIELD.match(page.lines[index]) or _PUBLICATION_FIELD.match(page.lines[index])
    if not match:
        return False
    open_value, exempt_value = (_YES_VALUE, _NO_VALUE) if match.re is _PUBLICATION_FIELD else (_OPEN_VALUE, _EXEMPT_VALUE)
    value = match.group("value").strip()
    if not value and index + 1 < len(page.lines):
        value = page.lines[index + 1]
    start = page.line_starts[index]
    excerpt = page.excerpt(start, start + len(page.lines[index]))
    if open_value.match(value):
        found.declared_open.append(Evidence("declared_open", excerpt, page.number, "cover_sheet_open"))
        return True
    if (_APPENDIX.search(value) and not _SELF_PHRASE.search(value)) or _HEADLINE_VALUE.match(value):
        return True  # the status of an appendix, not of this paper; or a title
    if exempt_value.match(value):
        found.restricted.append(Evidence("marking", excerpt, page.number, "cover_sheet_exempt"))
        return True
    return False


def _read_exemption_reasons(doc: Document, found: Statements) -> None:
    for page in doc.pages:
        for pattern, check in ((_EXEMPTION_HEADING, "exemption_reasons"), (_PUBLIC_INTEREST_TEST, "public_interest_test")):
            for match in pattern.finditer(page.text):
                sentence = page.sentence_text(match.start(), match.end())
                if REFERENCE.search(sentence) or _GENERAL.search(sentence) or _LAW_RECITAL.search(sentence):
                    continue
                if doc.speaks_of_exclusion and not _OWN_PAPER.search(sentence):
                    continue  # the public-interest test of the exclusion motion, for the items it excludes
                found.restricted.append(Evidence("marking", page.excerpt(*match.span()), page.number, check))
                return
