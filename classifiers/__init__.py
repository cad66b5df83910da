"""Classifiers: pure functions from extracted page texts to labels with evidence.

    classify_pages(pages, groups) -> Classification   # Schedule 12A paragraphs, party group, flags
    infer_matters(pages, matters) -> tuple[str, ...]  # matter ids whose keywords appear
    unreadable(reason) -> Classification              # for a file whose extraction failed

No database, web framework, file or network access here; every check names itself in
the `check` field of its evidence.
"""

from .classify import classify_pages, unreadable
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
