"""Bounded text extraction from council documents (PDF and plain text).

PDFs are parsed by pdfminer.six in a separate, resource-limited child process
(``worker.py``), so a hostile or broken file can at worst produce an
``Extraction`` with ``status == "needs_review"`` and a reason; it cannot hang or
exhaust the gateway.  Nothing in this package logs or prints document text.

    from gateway.extraction import extract, extract_many, Limits

    result = extract(Path("report.pdf"))
    if result.ok:
        page_one = result.pages[0]
    else:
        print(result.reason)   # e.g. "encrypted: ...", "timeout: ..."
"""

from .core import SUPPORTED_SUFFIXES, decode_text, extract, extract_many, extract_with, worker_pool
from .labels import ClassifierContext, labels_of
from .limits import NEEDS_REVIEW, OK, REASON_PREFIXES, Extraction, Limits

__all__ = [
    "ClassifierContext",
    "Extraction",
    "Limits",
    "extract",
    "extract_many",
    "extract_with",
    "worker_pool",
    "labels_of",
    "decode_text",
    "OK",
    "NEEDS_REVIEW",
    "REASON_PREFIXES",
    "SUPPORTED_SUFFIXES",
]
