import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

import gateway.passwords
from gateway.access import PolicyEnforcer
from tests.factories import MODEL, POLICY


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    """Argon2's cheapest profile keeps tests fast; production uses the library's default."""
    monkeypatch.setattr(gateway.passwords, "_hasher", PasswordHasher.from_parameters(CHEAPEST))


@pytest.fixture(scope="session")
def enforcer():
    return PolicyEnforcer(MODEL, POLICY.read_text())
