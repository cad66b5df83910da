"""The audit log's MAC key, kept outside the database: whoever can write the database cannot re-seal records."""

import hashlib
import hmac
import os
import secrets
from pathlib import Path


def load_key(configured: str | None, key_file: Path) -> bytes:
    """GATEWAY_AUDIT_KEY when set, else the key file (made owner-only on first use)."""
    if configured:
        return configured.encode("utf-8")
    if not key_file.exists():
        _create_key_file(key_file)
    key = key_file.read_text(encoding="utf-8").strip()
    if not key:
        raise RuntimeError(f"the audit key file {key_file} is empty")
    return key.encode("utf-8")


def _create_key_file(path: Path) -> None:
    # Written aside and linked into place, so workers starting together agree on one key, never a half-written one.
    spare = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(spare, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(secrets.token_hex(32) + "\n")
        out.flush()
        os.fsync(out.fileno())
    try:
        os.link(spare, path)
    except FileExistsError:
        pass
    finally:
        spare.unlink()


def mac(key: bytes, payload: bytes) -> str:
    return hmac.new(key, payload, hashlib.sha256).hexdigest()
