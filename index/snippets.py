"""Highlighted snippets, made from a document's stored page texts. Only for documents the caller may open."""

import html
import re
from functools import lru_cache

from whoosh.analysis import Token
from whoosh.highlight import Formatter, Fragment, get_text
from whoosh.query import Not, Query

from index.schema import ANALYZER, WORD_PATTERN

SNIPPET_CHARS = 240
SURROUND = 60        # characters of context before the first matched word and after the last
ATTEMPTS = 6         # likely matches looked at before settling for the opening words
_WORD = re.compile(WORD_PATTERN)
_WORD_CHAR = re.compile(r"\w")
_SPACE = re.compile(r"\s+")
_NONSPACE = re.compile(r"\S+")


class MarkFormatter(Formatter):
    """HTML-escaped text with the matched words in <mark>; safe to insert into a page as is."""

    between = " … "

    def _text(self, text):
        return html.escape(text, quote=False)

    def format_token(self, text, token, replace=False):
        return f"<mark>{html.escape(get_text(text, token, replace), quote=False)}</mark>"


def wanted_terms(query: Query | None) -> frozenset:
    """The analysed words a document matched on (words under NOT are not highlighted)."""
    found = set()

    def walk(q):
        if isinstance(q, Not):
            return
        if q.is_leaf():
            for _field, text in q.iter_all_terms(phrases=True):
                found.add(text if isinstance(text, str) else text.decode("utf-8", "replace"))
            return
        for child in q.children():
            walk(child)

    if query is not None:
        walk(query)
    return frozenset(found)


def opening(pages: list[str]) -> str:
    """The first words of the document, whitespace made single spaces, cut after SNIPPET_CHARS."""
    words, size = [], -1
    for page in pages:
        for word in _NONSPACE.finditer(page or ""):
            words.append(word.group())
            size += len(words[-1]) + 1
            if size > SNIPPET_CHARS:
                break
        if size > SNIPPET_CHARS:
            break
    text = " ".join(words)
    if len(text) > SNIPPET_CHARS:
        text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return html.escape(text, quote=False)


def _prefixes(terms: frozenset) -> list[str]:
    """Where the analysed words may be: each stem, shortened, as a word prefix.

    Porter stems are prefixes of their words but for the last letter or two (policy -> polici),
    so a shortened stem is looked for; the analyser then decides on the word found there.
    """
    return sorted({t[:max(3, len(t) - 1)] for t in terms if t})


def _lowered(page: str) -> str:
    """The page in lower case, each character where it was (the few that lower to two keep their case)."""
    low = page.lower()
    return low if len(low) == len(page) else "".join(c.lower() if len(c.lower()) == 1 else c for c in page)


def _starts(lowered: str, prefixes: list[str], start: int = 0, end: int | None = None) -> list[int]:
    """Where words beginning with one of `prefixes` start in lowered[start:end], in order.

    Plain substring search: a regular expression with a word boundary and ignoring case took
    most of a snippet's time on a page without the words.
    """
    end = len(lowered) if end is None else end
    found = set()
    for prefix in prefixes:
        i = lowered.find(prefix, start, end)
        while i >= 0:
            if not i or not _WORD_CHAR.match(lowered, i - 1):
                found.add(i)
            i = lowered.find(prefix, i + 1, end)
    return sorted(found)


@lru_cache(maxsize=8192)
def _analysed(word: str) -> tuple[str, ...]:
    """What the index's analyser makes of one word (as whoosh's stemmer does, its results are kept)."""
    return tuple(t.text for t in ANALYZER(word, removestops=False))


def _word_at(page: str, i: int, terms: frozenset) -> Token | None:
    """The word starting at page[i], if the index's analyser turns it into one of `terms`."""
    word = _WORD.match(page, i)
    if word is not None and not terms.isdisjoint(_analysed(word.group().lower())):
        return Token(startchar=word.start(), endchar=word.end())
    return None


def _passage(page: str, lowered: str, first: Token, prefixes: list[str], terms: frozenset) -> str:
    """The first matched word with up to SURROUND characters before it, then the words after it up to
    SURROUND past the last matched word within SNIPPET_CHARS; matched words in <mark>.

    Only the words the prefixes point at are analysed: analysing every word of a passage (as
    Whoosh's highlighter does) was most of the cost of a page of results.
    """
    start = 0
    if first.startchar > SURROUND:
        before = _WORD.search(page, first.startchar - SURROUND)
        start = before.start()
        if _WORD_CHAR.match(page, start - 1):   # the window began inside a word: start at the next one
            start = _WORD.search(page, before.end()).start()
    limit = start + SNIPPET_CHARS
    matches = [first] + [t for i in _starts(lowered, prefixes, first.endchar, limit)
                         if (t := _word_at(page, i, terms)) is not None and t.endchar <= limit]
    limit = min(limit, matches[-1].endchar + SURROUND)
    end = matches[-1].endchar
    for word in _WORD.finditer(page, end):   # whole words only
        if word.end() > limit:
            break
        end = word.end()
    text = MarkFormatter().format_fragment(Fragment(page, matches, start, end))
    return _SPACE.sub(" ", text).strip()


def snippet(pages: list[str], terms: frozenset) -> str:
    """A passage around the first matched word, highlighted; else the opening words."""
    prefixes = _prefixes(terms)
    tried = 0
    for page in pages if prefixes else ():
        if not page:
            continue
        lowered = _lowered(page)
        for i in _starts(lowered, prefixes):
            found = _word_at(page, i, terms)
            if found is not None:
                return _passage(page, lowered, found, prefixes, terms)
            tried += 1
            if tried >= ATTEMPTS:
                return opening(pages)
    return opening(pages)
