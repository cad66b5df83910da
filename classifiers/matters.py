"""Which of the council's matters a document relates to, from the matters' keywords."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .model import MatterKeywords
from .text import normalise


@lru_cache(maxsize=64)
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern | None:
    words = sorted({" ".join(word.split()) for word in keywords if word and word.strip()}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in word.split(" ")) for word in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I)


def infer_matters(pages: Sequence[str], matters: Sequence[MatterKeywords]) -> tuple[str, ...]:
    """Ids of the matters whose keywords appear (case-insensitive, whole words), in the order given."""
    text = "\n".join(normalise(page or "") for page in pages)
    found = []
    for matter in matters:
        pattern = _keyword_pattern(tuple(matter.keywords))
        if pattern is not None and pattern.search(text) and matter.id not in found:
            found.append(matter.id)
    return tuple(found)
