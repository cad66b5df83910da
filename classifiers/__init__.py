"""Classifiers: pure functions from extracted page texts to labels with evidence.

    classify_pages(pages, groups) -> Classification   # Schedule 12A paragraphs, party group, flags
    infer_matters(pages, matters) -> tuple[str, ...]  # matter ids whose keywords appear
    unreadable(reason) -> Classification              # for a file whose extraction failed

No database, web framework, file or network access here; every check names itself in
the `check` field of its evidence.
"""

from .matters import infer_matters
from .model import (
    CONTRACT_TERMS,
    EMPLOYEE_MATTER,
    MONITORING_OFFICER_CORRESPONDENCE,
    THIRD_PARTY_PERSONAL_DATA,
    Classification,
    Evidence,
    GroupName,
    MatterKeywords,
)

CLASSIFIER_VERSION = "2026.12.2"


__all__ = [
    "CLASSIFIER_VERSION",
    "CONTRACT_TERMS",
    "EMPLOYEE_MATTER",
    "MONITORING_OFFICER_CORRESPONDENCE",
    "THIRD_PARTY_PERSONAL_DATA",
    "Classification",
    "Evidence",
    "GroupName",
    "MatterKeywords",
    "classify_pages",
    "infer_matters",
    "unreadable",
]


def __getattr__(name: str):
    # classify_pages and unreadable bring in every pattern (about 0.1 CPU-s to compile): a process that only
    # reads labels, or leaves the classifying to its extraction workers (`gateway ingest`), starts without them.
    if name in ("classify_pages", "unreadable"):
        from . import classify

        return getattr(classify, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
