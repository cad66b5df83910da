"""A file's labels: those the worker that read it gave, when they check out; else classified here.

Classifying in the workers keeps every core busy during ingest while this process stores and
indexes. A worker's answer is only data: labels that do not parse, or name a group or matter
the council does not have, are thrown away and the pages are classified again here.
"""

import json
from dataclasses import asdict, dataclass

import classifiers

from .limits import Extraction


@dataclass(frozen=True)
class ClassifierContext:
    """What the classifiers look for in a council's documents."""

    groups: tuple[classifiers.GroupName, ...] = ()
    matters: tuple[classifiers.MatterKeywords, ...] = ()

    def to_bytes(self) -> bytes:
        """For the workers (see worker.py's protocol)."""
        return json.dumps({"groups": [asdict(g) for g in self.groups],
                           "matters": [asdict(m) for m in self.matters]}).encode("utf-8")


def labels_of(extraction: Extraction, context: ClassifierContext) -> tuple[classifiers.Classification, list[str]]:
    """(the classification, the ids of the matters whose keywords appear) of an extracted file."""
    if not extraction.ok:
        return (classifiers.unreadable(extraction.reason or "unreadable"),
                list(classifiers.infer_matters(extraction.pages, context.matters)))
    given = _from_worker(extraction.classified, context)
    if given is not None:
        return given
    return (classifiers.classify_pages(extraction.pages, context.groups),
            list(classifiers.infer_matters(extraction.pages, context.matters)))


def _from_worker(classified, context: ClassifierContext):
    if not isinstance(classified, dict):
        return None
    try:
        labels = classifiers.Classification.from_json(classified["labels"])
        matters = classified["matters"]
    except (KeyError, TypeError, ValueError):
        return None
    known_groups = {g.id for g in context.groups}
    known_matters = {m.id for m in context.matters}
    if not isinstance(matters, list) or not all(isinstance(m, str) and m in known_matters for m in matters):
        return None
    if labels.party_group is not None and known_groups and labels.party_group not in known_groups:
        return None
    return labels, matters
