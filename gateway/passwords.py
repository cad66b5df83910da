"""Password hashing with Argon2 (argon2-cffi), and telling an unchanged password without Argon2 work.

A council file gives every account's password each time it is loaded. Checking one against its
stored Argon2 hash costs as much as hashing it anew (about 0.2 CPU-s), so that would save nothing.
Instead a stored hash may carry, after MARK, an HMAC-SHA256 of the account id and password keyed
with a secret kept outside the database (`password_key`: a 0600 file in the data directory): a
password whose HMAC is the same is unchanged, and its hash is kept. The HMAC gives someone holding
only the database nothing to test guesses against (without the key it is a random-looking tag);
the Argon2 hash beside it stays the only thing to attack offline. The key file and the database
must not be taken together: keep the data directory's permissions tight, or the database elsewhere.
"""

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
MARK = "#hmac-sha256="
KEY_FILE = "password_key"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    if not stored_hash:
        return False
    try:
        return _hasher.verify(stored_hash.split(MARK, 1)[0], password)
    except (VerificationError, InvalidHashError):
        return False


def password_key(data_dir: Path) -> bytes:
    """The HMAC key in `data_dir`, made (readable by the owner only) on first use."""
    path = Path(data_dir) / KEY_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text(encoding="ascii").strip())


def _tag(key: bytes, account_id: str, password: str) -> str:
    message = account_id.encode("utf-8") + b"\0" + password.encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def stored_password(account_id: str, password: str, key: bytes | None, previous: str | None = None) -> str:
    """What to store for this password: `previous` when it is the same password, else a new hash.

    Without a key every password is hashed anew, and nothing is kept beside the hash.
    """
    if key is None:
        return hash_password(password)
    if password_unchanged(account_id, password, key, previous):
        return previous
    return hash_password(password) + MARK + _tag(key, account_id, password)


def password_unchanged(account_id: str, password: str, key: bytes | None, previous: str | None) -> bool:
    """Whether `previous` is known (by its HMAC, without Argon2 work) to be the hash of this same password."""
    if key is None or not previous or MARK not in previous:
        return False
    return hmac.compare_digest(previous.split(MARK, 1)[1], _tag(key, account_id, password))
