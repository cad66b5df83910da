"""Signed checkpoints of the audit log's head, appended to a file outside the database.

A checkpoint says "at this time the log had `seq` records and the last one's MAC was `hash`". It is what shows
a cut tail whose head was moved to match, or a wiped log: neither leaves a trace inside the database itself.
"""

import json
import os
from dataclasses import dataclass
from pathlib import Path

from gateway.domain.audit_key import mac


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str

    def signature(self, key: bytes) -> str:
        return mac(key, f"checkpoint|{self.seq}|{self.hash}|{self.at}".encode("utf-8"))


class CheckpointError(ValueError):
    """A checkpoint file that cannot be trusted: a line unreadable or not signed with the audit key."""


class CheckpointFile:
    def __init__(self, path: Path, key: bytes):
        self.path = path
        self.key = key

    def write(self, checkpoint: Checkpoint) -> None:
        line = json.dumps({"seq": checkpoint.seq, "hash": checkpoint.hash, "at": checkpoint.at,
                           "mac": checkpoint.signature(self.key)}, sort_keys=True) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One write with O_APPEND: lines from several workers never interleave.
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(descriptor, line.encode("utf-8"))
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

    def read(self, path: Path | None = None) -> list[Checkpoint]:
        """Every checkpoint in `path` (this file by default); raises CheckpointError naming the first bad line."""
        path = path or self.path
        if not path.exists():
            return []
        checkpoints = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                checkpoint = Checkpoint(int(data["seq"]), str(data["hash"]), str(data["at"]))
                signed = data["mac"] == checkpoint.signature(self.key)
            except (ValueError, KeyError, TypeError):
                raise CheckpointError(f"line {number} of {path} is not a checkpoint") from None
            if not signed:
                raise CheckpointError(f"line {number} of {path} is not signed with the audit key")
            checkpoints.append(checkpoint)
        return checkpoints
