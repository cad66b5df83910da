"""Page text as the checks see it: normalised lines, sentences, and where a document's front matter and running headers and footers are.

A document's own status is written in its front matter (the banner and cover sheet above
the first numbered section) or in a running header or footer; the same words further down
are usually about other items. Every check asks this module where a match stands.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from .model import EVIDENCE_TEXT_LIMIT
from .numbering import described_paragraphs
from .scan import fold

_CHARACTERS = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"',
    "\ufb01": "fi", "\ufb02": "fl", "\u00ad": None, "\u200b": None, "\ufeff": None,
})
_SPACES = re.compile(r" {2,}")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d+(?:\s*(?:of|/)\s*\d+)?$", re.I)
_DIGITS = re.compile(r"\d+")

# The first numbered section ("1. Purpose", "1.0 PURPOSE OF REPORT", "1 INTRODUCTION") ends the front matter.
# In minutes the first is a later number in capitals ("44. APOLOGIES", "14 REVIEW OF LICENCE").
_FIRST_SECTION = re.compile(
    r"^(?:(?:1|1\.0|1\.|I\.)\s+(?!(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
    r"[A-Z][A-Za-z]|\d{1,3}\.?\s+[A-Z]{3,}(?:\s+[A-Z]{2,})*\s*$)",
    re.M,
)
_FRONT_SECTION_SEARCH_LINES = 90
_FRONT_LINES_WITHOUT_SECTIONS = 30
_EDGE_LINES = 3

# Listings (agendas, minutes, decision records, forward plans) cite the status of other items.
_LISTING_HEADING = re.compile(
    r"\bagenda\b(?!\s+(?:item|no\b|ref))|\bsummon(?:s|ed)\b|\bminutes\b|\brecord\s+of\s+(?:[\w-]+\s+)?decisions?"
    r"|\bdecision\s+(?:notice|list|sheet|schedule|log)s?\b|\bnotice\s+of\s+(?:key\s+)?decisions?\b|\bforward\s+plan\b"
    r"|\bplan\s+of\s+key\s+decisions\b|\bwork\s+programme\b|\bnotice\s+of\s+(?:intention|private\s+(?:meeting|business)|meeting)"
    r"|\bschedule\s+of\s+(?:decisions|business)\b|\border\s+of\s+business\b|\brecord\s+of\s+(?:the\s+)?(?:meeting|proceedings)\b",
    re.I,
)
_APPENDIX_TITLE = re.compile(
    r"(?:^(?:(?:confidential|exempt)\s+)?|\u00b7\s*)(?:appendix|annex)\s+([A-Z0-9]+)\b", re.I | re.M)
_LISTING_LINES = 8
_REPORT_COVER = re.compile(r"^(?:report\s+(?:to|of|author|by)|date\s+of\s+meeting|agenda\s+item)\s*:", re.I | re.M)
_EMAIL_HEADER = re.compile(r"^(?:from|sent|to|cc|date|subject)\s*:", re.I | re.M)
_MEMO_HEADING = re.compile(
    r"^(?:memo(?:randum)?|briefing\s+note|file\s+note|advice\s+note|letter)\b|^dear\s+\w"
    r"|\b(?:memo(?:randum)?|note|letter)\s+from\s+the\s+(?:deputy\s+)?monitoring\s+officer",
    re.I | re.M,
)
_CORRESPONDENCE_LINES = 40

_SENTENCE_END = re.compile(r"[.!?](?=[\s\"')\]]|$)")
_ABBREVIATION = re.compile(
    r"(?:\b(?:para|paras|sch|no|nos|cllr|cllrs|mr|mrs|ms|dr|st|ltd|co|ref|approx|cf|fig|pp|art|reg|regs|cl|vol|incl|etc|e\.g|i\.e|viz|s|ss)|\b[A-Z])$",
    re.I,
)
_SENTENCE_LIMIT = 400

_NOT_LETTER = re.compile(r"[\W_]+")
# Welsh numbering shows in the place ("Wales", "Cymru") or in Welsh words of the Schedule ("paragraff", "Atodlen").
_WELSH = re.compile(
    r"\bWales\b|\bCymru\b|\bCyngor\b|\bparagraff|\bAtodlen\b|\bRhan\s+4\b|\bDdeddf\b|\bLlywodraeth\b|\bcyfyngu\b|\byn\s+rhinwedd\b",
    re.I,
)
_MIN_LETTERS = 20
_MIN_LETTERS_PER_PAGE = 15

# Titles of a restriction notice, in English and Welsh (web-page navigation may stand above them).
NOTICE_TITLE = re.compile(
    r"^(?:(?:anticipated\s+)?reasons?\s+(?:for\s+)?restrict(?:ed|ion)\b|document\s+is\s+(?:restricted|exempt|confidential)\b"
    r"|reasons?\s+restricted\s+justification|rhesymau\s+(?:wedi'?u\s+cyfyngu|dros\s+gyfyngu)|restricted\s+document\b"
    r"|public\s+interest\s+test\s*-?\s*checklist|(?:-\s*)?checklist\s+public\s+interest\s+test"
    r"|categor(?:y|ies)\s+of\s+exemption(?:\s+applied)?\s*:)",
    re.I | re.M,
)
_NOTICE_LINES = 30
# Excluding the press and public from a meeting: proposed, resolved or reported.
EXCLUSION = re.compile(
    r"\b(?:press\s+and\s+(?:the\s+)?)?public\s+(?:and\s+(?:the\s+)?press\s+)?(?:(?:be|are|were|is|was|being|should\s+be|will\s+be"
    r"|would\s+be|to\s+be|may\s+be|(?:are|were|is|was)\s+(?:likely|expected)\s+to\s+be)\s+)(?:excluded|asked\s+to\s+leave)"
    r"|\bexclu(?:de|ding|sion\s+of)\s+(?:the\s+)?(?:press|public|members\s+of\s+the\s+public)\b"
    r"|\bgwahardd\s+y\s+(?:cyhoedd|wasg)",
    re.I,
)

# Restrictions under other law than Schedule 12A: Scotland's Schedule 7A, the Senedd's Standing Orders, the 1960 Act.
OTHER_REGIME = re.compile(
    r"\bSchedule\s+7\s*A\b|\(Scotland\)\s+Act|\bStanding\s+Order\s+17\.|\bRheol\s+Sefydlog\b"
    r"|Admission\s+to\s+Meetings\)?\s+Act\s+1960",
    re.I,
)
_CATEGORIES_RECITED = 4  # of the seven descriptions: a paper about one item quotes its own one or two
_CATEGORIES_PHRASE = re.compile(
    r"\b(?:categories|descriptions)\s+of\s+exempt\s+information\b|\bexempt\s+categories\b|\b(?:seven|7)\s+categories\b",
    re.I,
)
_SCHEDULE_12A = re.compile(r"\b(?:Schedule|Sch\.?|Atodlen)\s*12\s*A", re.I)

# A year in a date ("24 February 2005", "March 2004", "12/10/2004"), not the year of an Act the text cites.
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
_YEAR = re.compile(rf"(?:\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+|\b{_MONTH}\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?|\b\d{{1,2}}/\d{{1,2}}/)(19[5-9]\d|20\d\d)\b")


def normalise(text: str) -> str:
    """Unicode punctuation to ASCII, one space between words, no empty lines."""
    text = text.translate(_CHARACTERS).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    text: str  # normalised

    @cached_property
    def lower(self) -> str:
        """Folded (see scan.fold): ASCII letters lower case, every offset the same as in `text`."""
        return fold(self.text)

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        starts = [0]
        starts.extend(match.end() for match in re.finditer("\n", self.text))
        return tuple(starts)

    @cached_property
    def lines(self) -> tuple[str, ...]:
        return tuple(self.text.split("\n")) if self.text else ()

    @cached_property
    def _sentence_ends(self) -> tuple[int, ...]:
        ends = []
        for match in _SENTENCE_END.finditer(self.text):
            before = self.text[max(0, match.start() - 6):match.start()]
            if match.group() == "." and _ABBREVIATION.search(before):
                continue
            ends.append(match.end())
        return tuple(ends)

    def line_index(self, position: int) -> int:
        return bisect.bisect_right(self.line_starts, position) - 1

    def sentence(self, start: int, end: int | None = None) -> tuple[int, int]:
        """Bounds of the sentence around text[start:end] (at most a few hundred characters each way)."""
        end = start if end is None else end
        ends = self._sentence_ends
        i = bisect.bisect_right(ends, start)
        begin = ends[i - 1] if i else 0
        j = bisect.bisect_left(ends, end)
        finish = ends[j] if j < len(ends) else len(self.text)
        return max(begin, start - _SENTENCE_LIMIT), min(finish, end + _SENTENCE_LIMIT)

    def sentence_text(self, start: int, end: int | None = None) -> str:
        begin, finish = self.sentence(start, end)
        return self.text[begin:finish]

    def excerpt(self, start: int, end: int) -> str:
        """The matched text with a little context, flattened, at most EVIDENCE_TEXT_LIMIT characters."""
        room = max(0, EVIDENCE_TEXT_LIMIT - (end - start)) // 2
        begin, finish = max(0, start - min(room, 60)), min(len(self.text), end + room)
        return " ".join(self.text[begin:finish].split())[:EVIDENCE_TEXT_LIMIT]


def _line_key(line: str) -> str:
    return _DIGITS.sub("#", line.lower())


@dataclass(frozen=True)
class Document:
    pages: tuple[Page, ...]

    @classmethod
    def from_pages(cls, pages) -> Document:
        return cls(tuple(Page(number, normalise(text or "")) for number, text in enumerate(pages, 1)))

    @cached_property
    def is_empty(self) -> bool:
        """No text worth the name: nothing, or no more than page numbers and stray marks (a scan without a text layer)."""
        letters = sum(len(_NOT_LETTER.sub("", page.text)) for page in self.pages)
        return letters < _MIN_LETTERS or letters < _MIN_LETTERS_PER_PAGE * len(self.pages)

    @cached_property
    def first(self) -> Page:
        return self.pages[0]

    @cached_property
    def front_end(self) -> int:
        """Offset in page 1 where the front matter (banner, cover sheet) ends."""
        page = self.first
        limit = page.line_starts[min(_FRONT_SECTION_SEARCH_LINES, len(page.line_starts) - 1)] if page.lines else 0
        match = _FIRST_SECTION.search(page.text, 0, max(limit, 1))
        if match:
            return match.start()
        cut = min(_FRONT_LINES_WITHOUT_SECTIONS, len(page.line_starts) - 1)
        return page.line_starts[cut] if cut < len(page.line_starts) - 1 else len(page.text)

    @cached_property
    def edge_lines(self) -> frozenset[tuple[int, int]]:
        """(page number, line index) of running headers and footers.

        A line near the top or bottom of a page whose text (digits aside) recurs near the
        edge of another page, or the line just above a "Page n of m" footer.
        """
        seen: dict[str, list[tuple[int, int]]] = {}
        found: set[tuple[int, int]] = set()
        for page in self.pages:
            count = len(page.lines)
            for index in {*range(min(_EDGE_LINES, count)), *range(max(0, count - _EDGE_LINES), count)}:
                line = page.lines[index]
                if _PAGE_NUMBER.match(line):
                    if index > 0:
                        found.add((page.number, index - 1))
                    continue
                seen.setdefault(_line_key(line), []).append((page.number, index))
        for places in seen.values():
            if len({number for number, _ in places}) > 1:
                found.update(places)
        return frozenset(found)

    def is_edge(self, page: Page, position: int) -> bool:
        return (page.number, page.line_index(position)) in self.edge_lines

    def in_front(self, page: Page, position: int) -> bool:
        return page.number == 1 and position < self.front_end

    @cached_property
    def header_text(self) -> str:
        return "\n".join(self.first.lines[:_LISTING_LINES])

    @cached_property
    def is_email(self) -> bool:
        return len(_EMAIL_HEADER.findall("\n".join(self.first.lines[:_LISTING_LINES]))) >= 2

    @cached_property
    def is_listing(self) -> bool:
        """An agenda, minutes, decision record, forward plan or work programme."""
        header = self.header_text
        return bool(_LISTING_HEADING.search(header)) and not _REPORT_COVER.search(header) and not self.is_email

    @cached_property
    def own_appendix(self) -> str | None:
        """Which appendix the document itself is ("b" for "Appendix B" in its heading), or None."""
        found = _APPENDIX_TITLE.search("\n".join(self.first.lines[:6]))
        return found.group(1).lower() if found else None

    @property
    def is_appendix(self) -> bool:
        return self.own_appendix is not None

    @cached_property
    def is_report(self) -> bool:
        return bool(_REPORT_COVER.search(self.first.text[: self.front_end + 1]))

    @cached_property
    def is_correspondence(self) -> bool:
        """An email, memo or letter (not a committee report or a listing)."""
        if self.is_email:
            return True
        if self.is_listing or self.is_report:
            return False
        return bool(_MEMO_HEADING.search("\n".join(self.first.lines[:_CORRESPONDENCE_LINES])))

    @cached_property
    def is_pre_2006(self) -> bool:
        """Dated before the 2006 renumbering of Schedule 12A (every date on page 1 is in 2005 or earlier)."""
        years = [int(year) for year in _YEAR.findall(self.first.text[:3000])]
        return bool(years) and max(years) <= 2005

    @cached_property
    def is_welsh(self) -> bool:
        """A Welsh council's paper (its heading names Wales or is in Welsh): Schedule 12A Part 4 numbering."""
        return bool(_WELSH.search(self.header_text))

    @cached_property
    def is_notice(self) -> bool:
        """The page is itself a restriction notice: ModernGov's "Reasons restricted", a "Document is Restricted"
        front sheet, a public-interest-test checklist. Its citations are its own, wherever they stand."""
        return bool(NOTICE_TITLE.search("\n".join(self.first.lines[:_NOTICE_LINES])))

    @cached_property
    def recites_law(self) -> bool:
        """Guidance, a constitution or procedure rules: the text sets out the exempt categories themselves."""
        text = "\n".join(page.text for page in self.pages)
        return len(described_paragraphs(text)) >= _CATEGORIES_RECITED or bool(_CATEGORIES_PHRASE.search(text))

    @cached_property
    def other_regime(self) -> bool:
        """Restricted under other law, with Schedule 12A nowhere cited."""
        text = "\n".join(page.text for page in self.pages)
        return bool(OTHER_REGIME.search(text)) and not _SCHEDULE_12A.search(text)

    @cached_property
    def speaks_of_exclusion(self) -> bool:
        """The text proposes, records or reports excluding the press and public: the business of agendas, minutes and
        decision records, whose citations are about the items excluded, not about themselves."""
        return any(EXCLUSION.search(page.text) for page in self.pages)

    @cached_property
    def closing_lines(self) -> tuple[str, ...]:
        """The last lines of the document (where a signature is), running headers and footers left out."""
        page = self.pages[-1]
        return tuple(
            line for index, line in enumerate(page.lines)
            if not _PAGE_NUMBER.match(line) and (page.number, index) not in self.edge_lines
        )[-10:]
