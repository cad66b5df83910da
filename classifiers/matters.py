"""Which of the council's matters a document relates to, from the matters' keywords."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .model import MatterKeywords
from .scan import fold, literal_prefixes, search
from .text import normalise


@lru_cache(maxsize=64)
def _keyword_pattern(keywords: tuple[str, ...]) -> tuple[re.Pattern, frozenset[str] | None] | None:
    """The pattern of any of the keywords, and the texts one of which starts every match (scan.py)."""
    words = sorted({" ".join(word.split()) for word in keywords if word and word.strip()}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in word.split(" ")) for word in words)
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I)
    return pattern, literal_prefixes(pattern)


def infer_matters(pages: Sequence[str], matters: Sequence[MatterKeywords]) -> tuple[str, ...]:
    """Ids of the matters whose keywords appear (case-insensitive, whole words), in the order given."""
    text = "\n".join(normalise(page or "") for page in pages)
    folded = fold(text)
    found = []
    for matter in matters:
        keywords = _keyword_pattern(tuple(matter.keywords))
        if keywords is not None and search(*keywords, text, folded) and matter.id not in found:
            found.append(matter.id)
    return tuple(found)
