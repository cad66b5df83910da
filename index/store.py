"""Where the index lives on disk: versioned folders, a pointer to the one in use, and the writer lock.

Layout of the index directory:
    CURRENT            the name of the version folder readers use (replaced atomically)
    v<time>-<random>/  a complete Whoosh index; `rebuild` writes a new one, then repoints CURRENT
    .writer.lock       held (flock) by the one process writing; Whoosh keeps its own lock inside
    pending-ids        ids waiting to be indexed, appended by `update` when another writer is busy

Readers never see a half-built index: a rebuild is only pointed to once it has committed, and
Whoosh's own commits are atomic (a killed writer leaves the index readable at its last commit).
"""

import contextlib
import fcntl
import os
import secrets
import shutil
import threading
import time
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import EmptyIndexError, Index

from index.schema import make_schema

POINTER = "CURRENT"
WRITER_LOCK = ".writer.lock"
JOURNAL = "pending-ids"
JOURNAL_LOCK = ".pending.lock"
VERSION_PREFIX = "v"
# Old version folders are kept this long after they stop being current, for readers still on them.
GRACE_SECONDS = 600

_guard = threading.Lock()
_thread_locks: dict[str, threading.Lock] = {}


class IndexUnavailable(RuntimeError):
    """The index cannot be opened or written; `gateway reindex` rebuilds it from the store."""


def _thread_lock(path: Path) -> threading.Lock:
    with _guard:
        return _thread_locks.setdefault(str(path), threading.Lock())


def storage(folder: Path) -> FileStorage:
    # Without mmap a process holding the index open uses ~30 MB instead of ~600 MB, at the same speed.
    return FileStorage(str(folder), supports_mmap=False)


class IndexFolder:
    """One index directory: its current version, its writer lock and its journal of pending ids."""

    def __init__(self, path: Path):
        self.path = Path(path)

    # -- reading -------------------------------------------------------------------------------

    def current_name(self) -> str | None:
        try:
            name = (self.path / POINTER).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        if not name or "/" in name or "\\" in name or name.startswith("."):
            raise IndexUnavailable(f"{self.path / POINTER} is damaged: run `gateway reindex`")
        return name

    def open_current(self) -> tuple[str, Index]:
        """The version in use and its opened index; creates an empty index if there is none."""
        name = self.current_name()
        if name is None or not (self.path / name).is_dir():
            self.ensure()
            name = self.current_name()
        try:
            return name, storage(self.path / name).open_index(schema=None)
        except (EmptyIndexError, OSError, ValueError, EOFError) as exc:
            raise IndexUnavailable(f"the search index at {self.path / name} cannot be opened ({exc}): "
                                   "run `gateway reindex`") from None

    # -- versions ------------------------------------------------------------------------------

    def ensure(self) -> None:
        """Creates an empty index and points to it, unless a usable one is already current."""
        self.path.mkdir(parents=True, exist_ok=True)
        with self.writer_lock(blocking=True):
            name = self.current_name()
            if name is not None and (self.path / name).is_dir() and storage(self.path / name).index_exists():
                return
            folder = self.new_version()
            storage(folder).create_index(make_schema())
            self.point_to(folder.name)

    def new_version(self) -> Path:
        name = f"{VERSION_PREFIX}{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(4)}"
        folder = self.path / name
        folder.mkdir(parents=True)
        return folder

    def point_to(self, name: str) -> None:
        """Makes `name` the version readers use, atomically and durably."""
        tmp = self.path / f".{POINTER}.{secrets.token_hex(4)}"
        with open(tmp, "w", encoding="utf-8") as out:
            out.write(name + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, self.path / POINTER)
        _fsync_dir(self.path)

    def discard(self, folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)

    def clean_old_versions(self, keep: set[str]) -> None:
        """Removes version folders no longer current, once no reader can reasonably still be on them."""
        now = time.time()
        for child in self.path.iterdir():
            if not child.is_dir() or not child.name.startswith(VERSION_PREFIX) or child.name in keep:
                continue
            try:
                if now - child.stat().st_mtime > GRACE_SECONDS:
                    shutil.rmtree(child, ignore_errors=True)
            except FileNotFoundError:
                pass

    # -- the writer lock -----------------------------------------------------------------------

    @contextlib.contextmanager
    def writer_lock(self, blocking: bool):
        """Holds the one-writer lock (threads of this process, then other processes); yields whether it is held."""
        self.path.mkdir(parents=True, exist_ok=True)
        local = _thread_lock(self.path)
        if not local.acquire(blocking=blocking):
            yield False
            return
        try:
            with open(self.path / WRITER_LOCK, "a+") as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
                except BlockingIOError:
                    yield False
                    return
                try:
                    yield True
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)
        finally:
            local.release()

    # -- the journal of pending ids ------------------------------------------------------------

    @contextlib.contextmanager
    def _journal_lock(self):
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / JOURNAL_LOCK, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def add_pending(self, ids) -> None:
        lines = "".join(f"{i}\n" for i in ids if i and "\n" not in i)
        if not lines:
            return
        with self._journal_lock(), open(self.path / JOURNAL, "a", encoding="utf-8") as out:
            out.write(lines)
            out.flush()
            os.fsync(out.fileno())

    def has_pending(self) -> bool:
        try:
            return (self.path / JOURNAL).stat().st_size > 0
        except FileNotFoundError:
            return False

    def peek_pending(self) -> tuple[list[str], int]:
        """The pending ids (in order, without repeats) and how many bytes of the journal they took."""
        with self._journal_lock():
            try:
                data = (self.path / JOURNAL).read_bytes()
            except FileNotFoundError:
                return [], 0
        text = data.decode("utf-8", errors="replace")
        return list(dict.fromkeys(line for line in text.splitlines() if line)), len(data)

    def drop_pending(self, size: int) -> None:
        """Forgets the first `size` bytes of the journal, once the ids they named are committed."""
        if size <= 0:
            return
        with self._journal_lock():
            journal = self.path / JOURNAL
            try:
                rest = journal.read_bytes()[size:]
            except FileNotFoundError:
                return
            tmp = self.path / f".{JOURNAL}.{secrets.token_hex(4)}"
            tmp.write_bytes(rest)
            os.replace(tmp, journal)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
