"""Schedule 12A paragraph numberings and what the Proper Officer may withhold (s100F)."""

NUMBERINGS = ("england", "wales", "pre-2006")

# RULES.md "Other numberings": each paragraph of another numbering -> England paragraphs.
# Old 1-6 are individuals' information: 1, and 2 where identity shows; both, to fail closed.
TO_ENGLAND = {
    "england": {n: {n} for n in range(1, 8)},
    "wales": {12: {1}, 13: {2}, 14: {3}, 15: {4}, 16: {5}, 17: {6}, 18: {7}},
    "pre-2006": {
        **{n: {1, 2} for n in range(1, 7)},
        7: {3}, 8: {3}, 9: {3}, 10: {3}, 11: {4}, 12: {5}, 13: {6}, 14: {7}, 15: {2},
    },
}

CONTRACT_TERMS = "contract_terms"


def to_england(numbering: str, paragraph: int) -> set[int]:
    """England paragraphs for `paragraph` in `numbering`; KeyError when it has no such paragraph."""
    return TO_ENGLAND[numbering][paragraph]


def withholdable_in_england(numbering: str, listed, flags) -> frozenset:
    """The England paragraphs the council may withhold for a document carrying `flags`.

    s100F(2A): paragraph 3 is withholdable only where it is terms proposed in contract negotiations.
    """
    england = set()
    for paragraph in listed:
        england |= TO_ENGLAND[numbering].get(paragraph, set())
    if CONTRACT_TERMS not in flags:
        england.discard(3)
    return frozenset(england)
