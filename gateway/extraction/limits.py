"""Result and limit types for text extraction (no heavy imports here)."""

from __future__ import annotations

from dataclasses import dataclass, field

OK = "ok"
NEEDS_REVIEW = "needs_review"
OCR_NOTE = "ocr:"   # an ok result may say which pages were read by OCR; nothing else goes with ok

# Every non-None Extraction.reason starts with exactly one of these.
REASON_PREFIXES: tuple[str, ...] = (
    "encrypted",
    "malformed",
    "timeout",
    "too large",
    "no text layer",
    "ocr low confidence",
    OCR_NOTE,
    "empty",
    "not a PDF",
    "unsupported type",
    "unreadable",
)


@dataclass(frozen=True)
class Limits:
    """Resource bounds for one extraction.

    Per file. ``wall_seconds`` is measured by the parent and includes a worker's
    start-up when one is started for the file (about 0.1-0.2 s to start Python
    and import pdfminer), and OCR of the pages without a text layer.
    """

    max_bytes: int = 50 * 1024 * 1024  # file size cap
    max_pages: int = 500  # pages read; more than this -> needs_review
    cpu_seconds: int = 30  # RLIMIT_CPU in the child
    wall_seconds: float = 60.0  # parent kills the child after this
    memory_bytes: int = 1024 * 1024 * 1024  # RLIMIT_AS in the child

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_pages", "cpu_seconds", "memory_bytes"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"Limits.{name} must be a positive int, got {value!r}")
        if not isinstance(self.wall_seconds, (int, float)) or not self.wall_seconds > 0:
            raise ValueError(
                f"Limits.wall_seconds must be a positive number, got {self.wall_seconds!r}"
            )


@dataclass(frozen=True)
class Extraction:
    """Text of a document, or why it needs a human to look at it.

    ``pages[n - 1]`` is the text of 1-based page ``n``.  When ``status`` is
    ``"needs_review"`` ``pages`` may still hold what could be read (for example
    the first ``max_pages`` pages, or the pages before a malformed one); never
    treat such a partial result as the whole document.
    """

    pages: tuple[str, ...]
    status: str  # "ok" | "needs_review"
    reason: str | None = None  # starts with one of REASON_PREFIXES; when ok, None or the OCR note
    # The labels the worker that read the file gave it, as it sent them (unchecked: see labels.py).
    classified: dict | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.status not in (OK, NEEDS_REVIEW):
            raise ValueError(f"bad status {self.status!r}")
        if (self.status == OK) != (self.reason is None or self.reason.startswith(OCR_NOTE)):
            raise ValueError("reason must be None (or the OCR note) exactly when status is 'ok'")
        if self.reason is not None and not self.reason.startswith(REASON_PREFIXES):
            raise ValueError(f"reason must start with one of {REASON_PREFIXES}")
        if not isinstance(self.pages, tuple):
            object.__setattr__(self, "pages", tuple(self.pages))

    @property
    def ok(self) -> bool:
        return self.status == OK

    @classmethod
    def success(cls, pages, note: str | None = None, classified: dict | None = None) -> Extraction:
        return cls(tuple(pages), OK, note, classified)

    @classmethod
    def review(cls, reason: str, pages=()) -> Extraction:
        return cls(tuple(pages), NEEDS_REVIEW, reason)
