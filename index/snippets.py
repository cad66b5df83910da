"""Highlighted snippets, made from a document's stored page texts. Only for documents the caller may open."""

import html
import re

from whoosh.highlight import ContextFragmenter, Formatter, get_text, highlight
from whoosh.query import Not, Query

from index.schema import ANALYZER

SNIPPET_CHARS = 240


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
    text = " ".join(" ".join(p.split()) for p in pages if p and p.strip())
    if len(text) > SNIPPET_CHARS:
        text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return html.escape(text, quote=False)


def _candidates(terms: frozenset):
    """A quick, loose pattern for where the analysed words may be: each stem as a word prefix.

    Porter stems are prefixes of their words but for the last letter or two (policy -> polici),
    so a shortened stem is looked for; the analyser then decides on the passage around it.
    """
    prefixes = sorted({t[:max(3, len(t) - 1)] for t in terms if t}, key=len, reverse=True)
    if not prefixes:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in prefixes) + r")", re.IGNORECASE)


def snippet(pages: list[str], terms: frozenset, attempts: int = 6) -> str:
    """A passage around the first matched word, highlighted; else the opening words.

    Only a window of text around a likely match is analysed, not the whole document.
    """
    pattern = _candidates(terms)
    if pattern is not None:
        fragmenter = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        tried = 0
        for page in pages:
            if not page:
                continue
            for match in pattern.finditer(page):
                tried += 1
                start, end = max(0, match.start() - 150), match.start() + 250
                words = page[start:end].split()
                # Drop the words the window cut in two.
                window = " ".join(words[1 if start else 0:-1 if end < len(page) else None])
                found = highlight(window, terms, ANALYZER, fragmenter, MarkFormatter(), top=1)
                if found:
                    return found
                if tried >= attempts:
                    return opening(pages)
    return opening(pages)
