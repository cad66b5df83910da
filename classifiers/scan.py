"""Cheap checks that rule a pattern out before the regex engine scans a text for it.

Python's regex engine skips quickly to a possible match only when a pattern starts with plain
literals; re.I and a leading \\b or lookbehind defeat that, so such a pattern is tried at every
character. Every match of most patterns starts with one of a few literal texts (`literal_prefixes`):
where none of them stands in the text there is no match, and none starts before the first of them.
Substring search finds them far faster than the regex engine, with exactly the same answer.
"""

from __future__ import annotations

import re
import re._constants as _regex_op
import re._parser as _regex_parser

# A-Z lowered, and the four other letters that re.I matches to an ASCII letter (every one of them,
# checked over all of Unicode in tests/classifiers/test_scan.py): one character each, so offsets stay.
# lower() alone leaves ı and ſ as they are.
_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ\u0130\u0131\u017f\u212a", "abcdefghijklmnopqrstuvwxyziisk")

_MIN_TRIGGER = 3
_ZERO_WIDTH = (_regex_op.AT, _regex_op.ASSERT, _regex_op.ASSERT_NOT)


def fold(text: str) -> str:
    """`text` as an ASCII-lower-case literal of a pattern must stand in it wherever the pattern
    (with or without re.I) matches; same length and offsets as `text`."""
    folded = text.lower()   # C speed; it lowers other letters too, which no ASCII literal can be
    if len(folded) == len(text) and "\u0131" not in folded and "\u017f" not in folded:
        return folded
    return text.translate(_FOLD)   # a dotted capital I (which lower() makes two characters), ı or ſ


def literal_prefixes(pattern: re.Pattern) -> frozenset[str] | None:
    """The texts (lower case ASCII) one of which starts every match of `pattern`; None when some alternative
    has none, or one too short or not ASCII to be worth or safe to look for in folded text.

    Read from the standard library's own parse of the pattern (re._parser), so it follows
    the pattern as it changes.
    """
    try:
        prefixes = _prefixes(list(_regex_parser.parse(pattern.pattern, pattern.flags)))
    except Exception:  # a private module: if it ever changes shape, scan every page instead
        return None
    if not prefixes or min(map(len, prefixes)) < _MIN_TRIGGER or not all(map(str.isascii, prefixes)):
        return None
    return frozenset(prefix.lower() for prefix in prefixes)


def may_match(triggers: frozenset[str] | None, folded: str) -> bool:
    """False only when the folded text holds none of a pattern's `literal_prefixes`, so it cannot match."""
    return triggers is None or any(trigger in folded for trigger in triggers)


def first_start(triggers: frozenset[str] | None, folded: str) -> int | None:
    """Where a pattern's first match can start in the folded text: where the first of its `literal_prefixes`
    stands (0 without any); None when none stands. A search begun there finds what one begun at 0 would,
    since a lookbehind, \\b or ^ still sees the text before its start position."""
    if triggers is None:
        return 0
    return min((start for start in map(folded.find, triggers) if start >= 0), default=None)


def search(pattern: re.Pattern, triggers: frozenset[str] | None, text: str, folded: str) -> re.Match | None:
    """`pattern.search(text)`, begun where the first of its `triggers` stands in `folded` (`fold(text)`)."""
    start = first_start(triggers, folded)
    return None if start is None else pattern.search(text, start)


def _prefixes(items: list) -> set[str] | None:
    index = 0
    while index < len(items) and items[index][0] in _ZERO_WIDTH:
        index += 1
    if index == len(items):
        return None
    op, argument = items[index]
    if op == _regex_op.LITERAL:
        chars = []
        while index < len(items) and items[index][0] == _regex_op.LITERAL:
            chars.append(chr(items[index][1]))
            index += 1
        return {"".join(chars)}
    if op == _regex_op.BRANCH:
        found: set[str] = set()
        for branch in argument[1]:
            prefixes = _prefixes(list(branch))
            if prefixes is None:
                return None
            found |= prefixes
        return found
    if op == _regex_op.SUBPATTERN:
        return _prefixes(list(argument[-1]))
    return None
