"""A pool of long-lived, resource-limited PDF workers, and turning their answers into Extractions.

Starting Python and importing pdfminer for every file cost about three quarters of extraction CPU,
so a worker (``worker.py``) reads up to FILES_PER_WORKER files. A hostile PDF still affects only its
own result: each file has its own CPU, memory and wall-clock bounds, and a worker that breaks one,
crashes, answers nonsense or runs out of memory is killed or retired at once and never reused.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import BinaryIO

from .limits import OCR_NOTE, Extraction, Limits
from .worker import EXIT_NOMEM

WORKER_SCRIPT = Path(__file__).resolve().with_name("worker.py")
# A worker's start (Python, pdfminer, the classifiers' patterns) costs about 0.2 CPU-s, as much as a small
# PDF; its resident memory stays flat (36 MiB) over 500 demo files, and any limit it breaks retires it anyway.
FILES_PER_WORKER = 500
OCR_MIN_CONFIDENCE = 70   # tesseract's mean word confidence (0-100) below which a person should check the text

# Seconds added to wall_seconds for the worker's own SIGALRM backstop: it only
# matters if the parent died and so cannot kill the worker itself.
_ALARM_MARGIN = 5


@functools.lru_cache(maxsize=1)
def _worker_paths() -> str:
    """The sys.path entries pdfminer and the classifiers were found on, for a child started with -I."""
    found = []
    for package in ("pdfminer", "classifiers"):
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.submodule_search_locations:
            found.append(str(Path(list(spec.submodule_search_locations)[0]).parent))
    return os.pathsep.join(dict.fromkeys(found))


def ocr_tools() -> tuple[str, str] | None:
    """(tesseract, pdftoppm) when both are installed (`make ocr`); without them scans go to review."""
    tesseract, pdftoppm = shutil.which("tesseract"), shutil.which("pdftoppm")
    return (tesseract, pdftoppm) if tesseract and pdftoppm else None


def _child_env() -> dict[str, str]:
    # Do not hand the gateway's secrets (database URL, keys) to a process that
    # parses hostile input.
    return {"PATH": os.environ.get("PATH", os.defpath), "LC_ALL": "C.UTF-8"}


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


class _Worker:
    """One worker process and the socket the files go through."""

    def __init__(self, limits: Limits, tools: tuple[str, str] | None, classify: bool):
        self.channel, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        args = [sys.executable, "-I",  # no PYTHON* variables, user site or current directory on sys.path
                str(WORKER_SCRIPT), str(limits.max_pages), str(limits.cpu_seconds), str(limits.memory_bytes),
                str(int(limits.wall_seconds) + _ALARM_MARGIN), str(FILES_PER_WORKER), str(int(classify)),
                _worker_paths(), *(tools or ())]
        try:
            self.proc = subprocess.Popen(
                args, stdin=theirs, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True,
                env=_child_env(), cwd="/",
                start_new_session=True,  # its own process group (OCR children too); a Ctrl-C is not its
            )
        finally:
            theirs.close()
        self.files = 0
        self.broken = False

    def brief(self, context: bytes) -> None:
        """Sends what its classifiers look for (empty: read only); the socket buffers it until the worker asks."""
        try:
            self.channel.sendall(struct.pack(">I", len(context)) + context)
        except OSError:
            self.kill()
            raise

    @property
    def usable(self) -> bool:
        return not self.broken and self.files < FILES_PER_WORKER

    def read(self, fp: BinaryIO, limits: Limits, started: float, pool: WorkerPool) -> Extraction:
        """Sends the open PDF and waits for its result; a worker that misbehaved is left unusable."""
        self.files += 1
        try:
            socket.send_fds(self.channel, [b"F"], [fp.fileno()])
            payload = self._answer(started + limits.wall_seconds)
        except TimeoutError:
            self.kill()
            return Extraction.review(f"timeout: took longer than {limits.wall_seconds:g} s")
        except (OSError, EOFError):   # the worker died: say how
            self.kill()
            return _exit_status(self.proc.returncode, limits, pool.cancelled)
        try:
            result = json.loads(payload.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            self.kill()
            return Extraction.review("unreadable: PDF extractor returned a garbled result")
        if not isinstance(result, dict) or (result.get("error") or {}).get("kind") == "nomem":
            self.broken = True   # after a MemoryError the worker's heap is not to be trusted
        return _interpret(result, limits)

    def classify(self, pages, limits: Limits, started: float) -> dict | None:
        """The worker's classification of a text file's pages; None (the parent classifies) if it has none."""
        self.files += 1
        message = json.dumps(list(pages), ensure_ascii=False).encode("utf-8")
        try:
            self.channel.sendall(b"C" + struct.pack(">I", len(message)) + message)
            result = json.loads(self._answer(started + limits.wall_seconds).decode("utf-8"))
        except (TimeoutError, OSError, EOFError, UnicodeDecodeError, ValueError):
            self.kill()
            return None
        return result.get("classified") if isinstance(result, dict) else None

    def _answer(self, deadline: float) -> bytes:
        (size,) = struct.unpack(">I", self._receive(4, deadline))
        return self._receive(size, deadline)

    def _receive(self, size: int, deadline: float) -> bytes:
        chunks, left = [], size
        while left:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            self.channel.settimeout(remaining)
            chunk = self.channel.recv(min(left, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def kill(self) -> None:
        """Ends the worker and anything it started (its process group); keeps its exit status."""
        self.broken = True
        if self.proc.returncode is None:   # not yet reaped, so its process group is still its own
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
        self.proc.wait()
        self.channel.close()

    def retire(self) -> None:
        """Lets an idle worker finish: it exits when its socket closes."""
        self.channel.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()


class WorkerPool:
    """Up to `size` workers, started when first needed (or all at once by `start`), reused, and replaced when
    spent or broken. `brief` tells them what to classify for before they are given files."""

    def __init__(self, limits: Limits, size: int):
        self.limits = limits
        self.size = size
        self.context: bytes | None = None   # JSON of what the workers' classifiers look for; empty: they only read
        self.tools = ocr_tools()
        self.cancelled = False
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()

    def run_pdf(self, fp: BinaryIO) -> Extraction:
        """Extract text from the open PDF ``fp`` (a regular file). Never raises for problems with the file."""
        started = time.monotonic()   # a worker started for this file counts its start-up, as Limits says
        try:
            worker = self._take()
        except OSError as exc:
            return Extraction.review(f"unreadable: could not start the PDF extractor ({exc.strerror})")
        if worker is None:
            return Extraction.review("unreadable: extraction cancelled")
        try:
            return worker.read(fp, self.limits, started, self)
        finally:
            self._give_back(worker)

    def classify(self, pages) -> dict | None:
        """A worker's classification of pages read here (a text file), so classifying runs on every core;
        None when the workers only read, or the worker failed (the caller then classifies)."""
        if not self.context:
            return None
        started = time.monotonic()
        try:
            worker = self._take()
        except OSError:
            return None
        if worker is None:
            return None
        try:
            return worker.classify(pages, self.limits, started)
        finally:
            self._give_back(worker)

    def start(self, classify: bool) -> WorkerPool:
        """Starts every worker now, so Python and pdfminer (and, if they will `classify`, the classifiers) load
        while the caller gets its files ready."""
        with self._lock:
            while len(self._idle) < self.size:
                self._idle.append(_Worker(self.limits, self.tools, classify))
        return self

    def brief(self, context: bytes) -> None:
        """Tells the workers, started or to come, what to classify for (once); a started one that cannot take
        it (it died waiting) is dropped, and another is started when needed."""
        with self._lock:
            if self.context is not None:
                raise RuntimeError("the workers were already briefed")
            self.context = context
            for worker in list(self._idle):
                try:
                    worker.brief(context)
                except OSError:
                    self._idle.remove(worker)

    def _take(self) -> _Worker | None:
        with self._lock:
            if self.context is None:
                raise RuntimeError("the workers must be briefed before they are given files")
            if self.cancelled:
                return None
            if self._idle:
                worker = self._idle.pop()
            else:
                worker = _Worker(self.limits, self.tools, bool(self.context))
                worker.brief(self.context)
            self._busy.add(worker)
            return worker

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            self._busy.discard(worker)
            keep = worker.usable and not self.cancelled
            if keep:
                self._idle.append(worker)
        if not keep:
            worker.kill() if worker.broken or self.cancelled else worker.retire()

    def cancel(self) -> None:
        """Kills every worker, busy or idle; files still running come back as cancelled."""
        with self._lock:
            self.cancelled = True
            workers = list(self._busy) + self._idle
            self._idle = []
        for worker in workers:
            worker.kill()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.retire()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind, exc, trace) -> None:
        """Lets the idle workers go (also those never given a file); kills every one if the block failed."""
        if exc is not None:
            self.cancel()
        self.close()


def _exit_status(rc: int | None, limits: Limits, cancelled: bool) -> Extraction:
    if cancelled and rc == -signal.SIGKILL:
        return Extraction.review("unreadable: extraction cancelled")
    if rc == -signal.SIGXCPU:
        return Extraction.review(f"timeout: used more than {limits.cpu_seconds} s of CPU")
    if rc == -signal.SIGALRM:
        return Extraction.review(f"timeout: took longer than {limits.wall_seconds:g} s")
    if rc == EXIT_NOMEM:
        return _out_of_memory(limits)
    if rc is not None and rc < 0:
        return Extraction.review(f"unreadable: PDF extractor crashed ({_signal_name(-rc)})")
    return Extraction.review(f"unreadable: PDF extractor failed (exit status {rc})")


def _out_of_memory(limits: Limits) -> Extraction:
    mib = limits.memory_bytes / (1024 * 1024)
    return Extraction.review(f"too large: ran out of memory (limit {mib:g} MiB)")


def _interpret(result: dict, limits: Limits) -> Extraction:
    try:
        pages = tuple(str(p) for p in result["pages"])
        more_pages = bool(result["more_pages"])
        error = result["error"]
        ocr = result.get("ocr") or {}
        ocr_pages = [int(n) for n in ocr.get("pages") or []]
        confidence = ocr.get("confidence")
    except (KeyError, TypeError, ValueError, AttributeError):
        return Extraction.review("unreadable: PDF extractor returned a garbled result")

    if error:
        kind = error.get("kind")
        detail = str(error.get("detail", ""))[:100]
        if kind == "encrypted":
            return Extraction.review(f"encrypted: needs a password or uses unsupported encryption ({detail})")
        if kind == "nomem":
            return _out_of_memory(limits)
        if kind == "unavailable":
            return Extraction.review(f"unreadable: PDF extractor unavailable ({detail})")
        # Pages read before the failure are kept for the reviewer.
        return Extraction.review(f"malformed: {detail}", pages)

    if not pages:
        return Extraction.review("malformed: no pages found")
    if more_pages:
        return Extraction.review(f"too large: more than {limits.max_pages} pages", pages)
    if not any(page.strip() for page in pages):
        return Extraction.review("no text layer: no page has extractable text (scanned images?)", pages)
    classified = result.get("classified")
    if not ocr_pages:
        return Extraction.success(pages, classified=classified)
    shown = f"{confidence:.0f}%" if isinstance(confidence, (int, float)) else "unknown"
    note = f"page{'s' if len(ocr_pages) > 1 else ''} {', '.join(map(str, ocr_pages))} read by OCR (confidence {shown})"
    if not isinstance(confidence, (int, float)) or confidence < OCR_MIN_CONFIDENCE:
        return Extraction.review(f"ocr low confidence: {note}, below {OCR_MIN_CONFIDENCE}%", pages)
    return Extraction.success(pages, note=f"{OCR_NOTE} {note}", classified=classified)
