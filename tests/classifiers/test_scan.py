"""The cheap checks before a pattern (classifiers/scan.py) give exactly the regex engine's answer."""

import re
import sys

import pytest

from classifiers import MatterKeywords, infer_matters
from classifiers.cues import compile_cue, named_people
from classifiers.numbering import DESCRIPTIONS, described_paragraphs
from classifiers.scan import first_start, fold, literal_prefixes, may_match, search
from classifiers.text import Document


def test_fold_covers_every_letter_that_ignorecase_matches_to_an_ascii_one():
    everything = "".join(chr(c) for c in range(128, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    matched = re.findall("[a-z]", everything, re.I)
    assert matched   # the four below: İ ı ſ K
    assert all(fold(char).isascii() and re.fullmatch(fold(char), char, re.I) for char in matched)
    assert all(fold(char + "\u0130") == fold(char) + "i" for char in matched)   # either way of folding


@pytest.mark.parametrize("text", ["Stra\u00dfe CAF\u00c9 \u212a", "\u0130stanbul CAF\u00c9", "\u0131\u017f", "ASCII", ""])
def test_fold_keeps_every_offset_and_lowers_every_ascii_letter(text):
    folded = fold(text)
    assert len(folded) == len(text)
    assert all(f == t.lower() or not t.isascii() for f, t in zip(folded, text))


@pytest.mark.parametrize("pattern, expected", [
    (r"\b(?:set\s+out|contained)\s+in", {"set", "contained"}),
    (r"(?<!\w)(?:waste\s+collection|Fitwell)(?!\w)", {"waste", "fitwell"}),
    (r"(?:legal\s+advice|\bcounsel\b)", {"legal", "counsel"}),
    (r"ab|legal", None),              # too short to be worth looking for
    (r"caf\u00e9s?|legal", None),     # not ASCII: re.I matches É, which folding leaves alone
    (r"\w+ing|legal", None),          # an alternative without a literal start
])
def test_literal_prefixes(pattern, expected):
    found = literal_prefixes(re.compile(pattern, re.I))
    assert found == (frozenset(expected) if expected is not None else None)


TEXTS = [
    "Advice of COUNSEL was taken",
    "legal\nadvice, then counsel",
    "uncounselled; counsel",                              # the first place a trigger stands is no match
    "\u017fet out in the report",                          # long s: re.I reads it as s
    "Fit\u212aell? no: FITWELL. \u0130NFORMAT\u0130ON",     # Kelvin sign, dotted capital I
    "nothing at all",
    "",
]
PATTERNS = [
    re.compile(r"\b(?:set\s+out|contained)\s+in", re.I),
    re.compile(r"(?<!\w)(?:fitkell|fitwell|information)(?!\w)", re.I),
    re.compile(r"legal\s+advice|\bcounsel\b", re.I),
    re.compile(r"Counsel|legal"),                          # case-sensitive: still a necessary check
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:20])
def test_search_answers_as_the_regex_alone(pattern, text):
    triggers = literal_prefixes(pattern)
    assert triggers is not None
    expected = pattern.search(text)
    found = search(pattern, triggers, text, fold(text))
    assert (found and found.span()) == (expected and expected.span())
    assert may_match(triggers, fold(text)) or expected is None


def test_a_search_begun_late_still_sees_what_stands_before_it():
    pattern = re.compile(r"(?<!\w)counsel", re.I)
    text = "xcounsel"
    assert search(pattern, literal_prefixes(pattern), text, fold(text)) is None


@pytest.mark.parametrize("text", TEXTS + ["financial or business affairs", "the prevention of crime; legal advice"])
def test_described_paragraphs_as_each_description_alone(text):
    assert described_paragraphs(text) == {n for n, pattern in DESCRIPTIONS.items() if pattern.search(text)}


def test_matters_found_through_letters_only_ignorecase_equates():
    matters = (MatterKeywords("m-kiosk", ("kiosk",)), MatterKeywords("m-lease", ("lease",)),
               MatterKeywords("m-cafe", ("caf\u00e9",)))
    assert infer_matters(["The \u212aIOSK lea\u017fe; CAF\u00c9"], matters) == ("m-kiosk", "m-lease", "m-cafe")


def test_a_cue_is_found_wherever_its_pattern_matches():
    cue = compile_cue("waste", 1, r"\bwaste\s+contract")
    assert cue.first_hit(Document.from_pages(["The WA\u017fTE contract was let."])) is not None
    assert cue.first_hit(Document.from_pages(["The waste was let."])) is None


def test_first_start_is_where_the_earliest_trigger_stands():
    triggers = frozenset({"complaint", "claim"})
    assert first_start(triggers, "a claim, then a complaint") == 2
    assert first_start(triggers, "nothing of the kind") is None
    assert first_start(None, "nothing of the kind") == 0


def test_named_people_found_after_the_first_trigger_and_only_there():
    doc = Document.from_pages(["Jo Bloggs wrote. A complaint was made by Sam Jones about the noise. "
                               "My constituent, Alex Smith, called."])
    assert {(person.name, person.kind) for person in named_people(doc).found} == {
        ("Sam Jones", "complainant"), ("Sam Jones", "subject"), ("Alex Smith", "role")}
