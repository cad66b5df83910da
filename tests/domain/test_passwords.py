"""Reloading a council file hashes again only the passwords that changed, and keeps the key off the database."""

import stat

import pytest

from gateway.config import Settings
from gateway.domain.council_file import load_council
from gateway.domain.models import Member, Officer
from gateway.passwords import KEY_FILE, verify_password
from gateway.runtime import Gateway
from tests.factories import council_data, write_yaml


@pytest.fixture
def gw(tmp_path):
    gateway = Gateway(Settings(data_dir=tmp_path / "data"))
    gateway.init()
    return gateway


def _load(gw, data, path, key):
    with gw.sessions() as session:
        load_council(session, write_yaml(path, data), key)
    with gw.sessions() as session:
        return {row.id: row.password_hash for model in (Member, Officer) for row in session.query(model)}


def test_only_changed_passwords_are_hashed_again(gw, tmp_path):
    data = council_data()
    first = _load(gw, data, tmp_path / "council.yaml", gw.password_key)
    again = _load(gw, data, tmp_path / "council.yaml", gw.password_key)
    assert again == first   # same salt, same hash: nothing was hashed again

    member = data["members"][0]
    member["password"] = "a-new-password-9"
    changed = _load(gw, data, tmp_path / "council.yaml", gw.password_key)
    assert changed[member["id"]] != first[member["id"]]
    assert verify_password(changed[member["id"]], "a-new-password-9")
    assert not verify_password(changed[member["id"]], "pw-ann-123")
    assert {k: v for k, v in changed.items() if k != member["id"]} == {
        k: v for k, v in first.items() if k != member["id"]}


def test_another_key_or_none_hashes_every_password_again(gw, tmp_path):
    data = council_data()
    first = _load(gw, data, tmp_path / "council.yaml", gw.password_key)
    other = _load(gw, data, tmp_path / "council.yaml", b"\x01" * 32)
    assert all(other[k] != first[k] for k in first if first[k])
    unkeyed = _load(gw, data, tmp_path / "council.yaml", None)
    assert all(unkeyed[k] != other[k] for k in other if other[k])
    assert all(verify_password(unkeyed[m["id"]], m["password"]) for m in data["members"] if m.get("password"))


def test_the_key_is_a_private_file_not_in_the_database(gw, tmp_path):
    key = gw.password_key
    path = gw.settings.data_dir / KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert Gateway(Settings(data_dir=tmp_path / "data")).password_key == key
    stored = _load(gw, council_data(), tmp_path / "council.yaml", key)
    assert all(key.hex() not in (h or "") for h in stored.values())
