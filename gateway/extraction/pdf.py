"""Run the PDF worker in a bounded child process and turn its outcome into an Extraction."""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import BinaryIO

from .limits import Extraction, Limits
from .worker import EXIT_NOMEM

WORKER_SCRIPT = Path(__file__).resolve().with_name("worker.py")

# Seconds added to wall_seconds for the child's own SIGALRM backstop: it only
# matters if the parent died and so cannot kill the child itself.
_ALARM_MARGIN = 5


class ProcessTracker:
    """Live worker processes of one extract_many() run, so it can kill them all."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._procs: set[subprocess.Popen] = set()
        self.cancelled = False

    def add(self, proc: subprocess.Popen) -> bool:
        with self._lock:
            if self.cancelled:
                return False
            self._procs.add(proc)
            return True

    def discard(self, proc: subprocess.Popen) -> None:
        with self._lock:
            self._procs.discard(proc)

    def cancel(self) -> None:
        with self._lock:
            self.cancelled = True
            procs = list(self._procs)
        for proc in procs:
            _kill(proc)


def _kill(proc: subprocess.Popen) -> None:
    try:
        proc.kill()
    except OSError:
        pass


@functools.lru_cache(maxsize=1)
def _pdfminer_path() -> str:
    """The sys.path entry pdfminer was found on, for a child started with -I."""
    spec = importlib.util.find_spec("pdfminer")
    if spec is None or not spec.submodule_search_locations:
        return ""
    return str(Path(list(spec.submodule_search_locations)[0]).parent)


def _child_env() -> dict[str, str]:
    # Do not hand the gateway's secrets (database URL, keys) to a process that
    # parses hostile input.
    return {"PATH": os.environ.get("PATH", os.defpath), "LC_ALL": "C.UTF-8"}


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def run_pdf(fp: BinaryIO, limits: Limits, tracker: ProcessTracker | None = None) -> Extraction:
    """Extract text from the open PDF ``fp`` (a regular file) in a child process.

    The child gets ``fp`` as its stdin, so it reads exactly the file whose size and
    header the caller checked.  Never raises for problems with the file.
    """
    args = [
        sys.executable,
        "-I",  # no PYTHON* variables, user site or current directory on sys.path
        str(WORKER_SCRIPT),
        str(limits.max_pages),
        str(limits.cpu_seconds),
        str(limits.memory_bytes),
        str(int(limits.wall_seconds) + _ALARM_MARGIN),
        _pdfminer_path(),
    ]
    fp.seek(0)
    started = time.monotonic()
    try:
        proc = subprocess.Popen(
            args,
            stdin=fp,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,  # read only to spot MemoryError; never logged
            close_fds=True,
            env=_child_env(),
            cwd="/",
            start_new_session=True,  # a Ctrl-C meant for the gateway is not the child's
        )
    except OSError as exc:
        return Extraction.review(f"unreadable: could not start the PDF extractor ({exc.strerror})")

    if tracker is not None and not tracker.add(proc):
        _kill(proc)
    timed_out = False
    try:
        remaining = max(0.0, limits.wall_seconds - (time.monotonic() - started))
        try:
            out, err = proc.communicate(timeout=remaining)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill(proc)
            out, err = proc.communicate()
    finally:
        if proc.returncode is None:  # interrupted (e.g. KeyboardInterrupt): leave no orphan
            _kill(proc)
            proc.wait()
        if tracker is not None:
            tracker.discard(proc)

    rc = proc.returncode
    if timed_out:
        return Extraction.review(f"timeout: took longer than {limits.wall_seconds:g} s")
    if tracker is not None and tracker.cancelled and rc == -signal.SIGKILL:
        return Extraction.review("unreadable: extraction cancelled")
    if rc == 0:
        try:
            result = json.loads(out.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return Extraction.review("unreadable: PDF extractor returned a garbled result")
        return _interpret(result, limits)
    if rc == -signal.SIGXCPU:
        return Extraction.review(f"timeout: used more than {limits.cpu_seconds} s of CPU")
    if rc == -signal.SIGALRM:
        return Extraction.review(f"timeout: took longer than {limits.wall_seconds:g} s")
    if rc == EXIT_NOMEM or (rc == 1 and b"MemoryError" in err[-500:]):
        return _out_of_memory(limits)
    if rc < 0:
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
    except (KeyError, TypeError):
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
    return Extraction.success(pages)
