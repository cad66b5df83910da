"""Content-addressed file storage under the data directory: a file's name is its SHA-256."""

import hashlib
import os
import tempfile
from pathlib import Path


class BlobStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        """Stores `data` once (atomically: a crash leaves no partial blob) and returns its hash."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                os.replace(tmp, target)
            except BaseException:   # a full disk, say: leave nothing half-written behind
                os.unlink(tmp)
                raise
        return digest

    def get(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()
