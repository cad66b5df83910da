"""Demo council generator: an invented council file, council documents and their true labels.

``generate_council`` builds everything in memory; ``write_demo_council`` writes ``council.yaml``,
``documents/documents.yaml`` with the files it lists (PDF and text), and ``labels.jsonl``.
Everything is drawn from ``random.Random(seed)``: the same arguments give the same bytes.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .council import PASSWORD, Council, slug
from .documents import SAFE, Generator

DEMO_PASSWORD = PASSWORD
__all__ = ["DEMO_PASSWORD", "DemoDocument", "DemoCouncil", "generate_council", "write_demo_council"]


@dataclass
class DemoDocument:
    id: str
    file: str
    title: str
    meta: dict
    pages: list[str]
    labels: dict
    kind: str = field(default="", repr=False)     # which template made it (for reports and tests)


@dataclass
class DemoCouncil:
    council: dict
    documents: list[DemoDocument]


SIGNALS = {"explicit": "explicit", "old": "old-numbering", "welsh": "welsh", "standards": "standards"}


class Truth(NamedTuple):
    """A plan's true classification; ``review`` marks a restriction that no England paragraph fits."""
    paras: list
    group: str | None
    flags: list
    review: bool = False


def _exts(seed: int, n: int, pdf_share: float) -> list[str]:
    r = random.Random(seed * 7919 + 104_729)
    return ["pdf" if r.random() < pdf_share else "txt" for _ in range(n)]


def generate_council(members: int = 24, documents: int = 60, seed: int = 0,
                     with_documents_text: bool = True, pdf_share: float = 0.6) -> DemoCouncil:
    if documents < 1:
        raise ValueError("documents must be at least 1")
    rng = random.Random(seed)
    council = Council(rng, members, documents, seed)
    gen = Generator(council, seed, with_documents_text)
    width = max(5, len(str(documents)))
    exts = _exts(seed, documents, pdf_share)
    docs: list[DemoDocument] = []
    for i in range(documents):
        kind, title, meta, truth, sig, body = gen.plan(i)
        paras, group, flags, review = Truth(*truth)
        paras, flags = sorted(paras), sorted(flags)
        declared = rng.random() < 0.5
        if declared:
            meta["exempt_paragraphs"] = list(paras)
            meta["party_group"] = group
            meta["flags"] = list(flags)
            if review:
                meta["needs_review"] = True
        signal = SIGNALS.get(sig) or ("content-only" if paras or group or flags else "none")
        labels = {"exempt_paragraphs": paras, "party_group": group, "flags": flags, "needs_review": review,
                  "signal": signal, "declared": declared}
        title = title.translate(SAFE)
        pages = body(random.Random(seed * 1_000_003 + i)) if with_documents_text else []
        doc_id = f"doc-{i + 1:0{width}d}"
        stem = slug(title)[:48].rstrip("-")
        docs.append(DemoDocument(doc_id, f"{doc_id}-{stem}.{exts[i]}", title, meta, pages, labels, kind))
    return DemoCouncil(council.to_dict(), docs)


def write_demo_council(out_dir: Path, members: int = 24, documents: int = 60, seed: int = 0,
                       pdf_share: float = 0.6, progress=None) -> DemoCouncil:
    """Write out_dir/council.yaml, out_dir/documents/ (documents.yaml and files), out_dir/labels.jsonl.

    ``progress``, when given, is called as ``progress(done, total)`` after each document file.
    """
    from .output import write_pdf, write_yaml

    out_dir = Path(out_dir)
    made = generate_council(members, documents, seed, True, pdf_share)
    docs_dir = out_dir / "documents"
    docs_dir.mkdir(parents=True, exist_ok=True)
    write_yaml(out_dir / "council.yaml", made.council)
    total = len(made.documents)
    for n, d in enumerate(made.documents, 1):
        path = docs_dir / d.file
        if d.file.endswith(".pdf"):
            write_pdf(path, d.pages, d.title)
        else:
            path.write_text("\f".join(d.pages) + "\n", encoding="utf-8")
        if progress:
            progress(n, total)
    entries = [{"id": d.id, "file": d.file, "title": d.title, **d.meta} for d in made.documents]
    write_yaml(docs_dir / "documents.yaml", {"documents": entries})
    with open(out_dir / "labels.jsonl", "w", encoding="utf-8") as fh:
        for d in made.documents:
            fh.write(json.dumps({"file": d.file, "id": d.id, **d.labels}) + "\n")
    return made
