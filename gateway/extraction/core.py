"""extract() and extract_many(): the public entry points."""

from __future__ import annotations

import collections
import dataclasses
import os
import stat
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .labels import ClassifierContext
from .limits import Extraction, Limits
from .pdf import WorkerPool

PDF_SUFFIXES = frozenset({".pdf"})
TEXT_SUFFIXES = frozenset({".txt"})
SUPPORTED_SUFFIXES = PDF_SUFFIXES | TEXT_SUFFIXES

_HEADER_WINDOW = 1024


def extract(path: Path, limits: Limits = Limits()) -> Extraction:
    """Extract the text of ``path`` page by page.  Never raises for a bad file."""
    ((_, result),) = extract_many([path], limits, workers=1)
    return result


def extract_many(
    paths: Iterable[Path],
    limits: Limits = Limits(),
    workers: int | None = None,
    classify_for: ClassifierContext | None = None,
) -> Iterator[tuple[Path, Extraction]]:
    """Yields results in input order; runs up to `workers` (default: os.cpu_count()) worker processes.

    With `classify_for`, the workers also classify each file they read, and the pages of each text file
    read here (``Extraction.classified``,
    to be read with ``labels.labels_of``), so classifying runs on every core too.

    Workers are long-lived (see ``pdf.WorkerPool``); one that crashes, runs out
    of memory or times out affects only its own file's result and is replaced.
    ``paths`` is consumed lazily (at most ``32 * workers`` files are queued ahead
    of the one being yielded).  Closing the iterator early (``break``,
    ``.close()``) kills the workers still running.
    """
    return extract_with(worker_pool(limits, workers), paths, classify_for)


def worker_pool(limits: Limits = Limits(), workers: int | None = None) -> WorkerPool:
    """Up to `workers` (default: os.cpu_count()) worker processes for `extract_with`, started when first needed,
    or at once by the pool's ``start()`` (as a context manager it lets them go if they are never used)."""
    if workers is None:
        workers = os.cpu_count() or 1
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive int, got {workers!r}")
    return WorkerPool(limits, workers)


def extract_with(
    pool: WorkerPool, paths: Iterable[Path], classify_for: ClassifierContext | None = None
) -> Iterator[tuple[Path, Extraction]]:
    """`extract_many` on the workers of `pool` (from `worker_pool`, perhaps started earlier), with its limits;
    the pool is closed when the iteration ends."""
    pool.brief(classify_for.to_bytes() if classify_for else b"")
    return _extract_many(paths, pool)


def _extract_many(paths: Iterable[Path], pool: WorkerPool) -> Iterator[tuple[Path, Extraction]]:
    limits, workers = pool.limits, pool.size
    pending: collections.deque = collections.deque()
    source = iter(paths)
    executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="extract")
    try:
        exhausted = False
        while True:
            # Deep enough that files finished early (text files, small PDFs) never leave a worker idle, nor does
            # a caller busy for a while between results (an index commit of a hundred documents: ~0.3 s).
            while not exhausted and len(pending) < 32 * workers:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                path = item if isinstance(item, Path) else Path(item)
                pending.append((path, executor.submit(_extract, path, limits, pool)))
            if not pending:
                return
            path, future = pending.popleft()
            yield path, future.result()
    except BaseException:
        pool.cancel()
        raise
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        pool.close()


def _extract(path: Path, limits: Limits, pool: WorkerPool) -> Extraction:
    try:
        return _extract_unchecked(path, limits, pool)
    except Exception as exc:  # a bug here must not take down a batch
        return Extraction.review(f"unreadable: internal error ({type(exc).__name__})")


def _extract_unchecked(path: Path, limits: Limits, pool: WorkerPool) -> Extraction:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return Extraction.review(f"unsupported type: {suffix or 'no suffix'}"[:60])

    try:
        # O_NONBLOCK: opening a FIFO must not hang; it is refused just below.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return Extraction.review(f"unreadable: {exc.strerror or type(exc).__name__}")
    with open(fd, "rb") as fp:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return Extraction.review("unreadable: not a regular file")
            size = info.st_size
            if size == 0:
                return Extraction.review("empty: file has no content")
            if size > limits.max_bytes:
                return Extraction.review(
                    f"too large: {size} bytes is over the {limits.max_bytes}-byte limit"
                )
            if suffix in TEXT_SUFFIXES:
                extraction = _text_file(fp, limits)
                if not extraction.ok:
                    return extraction
                return dataclasses.replace(extraction, classified=pool.classify(extraction.pages))
            if b"%PDF-" not in fp.read(_HEADER_WINDOW):
                return Extraction.review("not a PDF: no %PDF- header in the first 1024 bytes")
        except OSError as exc:
            return Extraction.review(f"unreadable: {exc.strerror or type(exc).__name__}")
        return pool.run_pdf(fp)


def _text_file(fp, limits: Limits) -> Extraction:
    data = fp.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:  # grew since fstat
        return Extraction.review(f"too large: over the {limits.max_bytes}-byte limit")
    text = decode_text(data)
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # a form feed ends each page (pdftotext style), not starts an empty one
    if not any(page.strip() for page in pages):
        return Extraction.review("empty: no text in file", pages)
    return Extraction.success(pages)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, else Latin-1 (never fails)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("latin-1")
    return text.replace("\x00", "")  # NUL cannot be stored in PostgreSQL text
