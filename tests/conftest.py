import os
import tempfile
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

import gateway.passwords
from gateway.access import PolicyEnforcer
from gateway.config import Settings
from gateway.runtime import Gateway
from tests import postgres
from tests.factories import MODEL, POLICY

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    """Argon2's cheapest profile keeps tests fast; production uses the library's default."""
    monkeypatch.setattr(gateway.passwords, "_hasher", PasswordHasher.from_parameters(CHEAPEST))


@pytest.fixture(scope="session")
def enforcer():
    return PolicyEnforcer(MODEL, POLICY.read_text())


@pytest.fixture(scope="session")
def postgres_cluster():
    """This worker's PostgreSQL server; skipped where it cannot be had, but never silently under CI."""
    try:
        cluster = postgres.Cluster().start()
    except postgres.Unavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests, but PostgreSQL could not be started: {exc}",
                        pytrace=False)
        pytest.skip(f"PostgreSQL unavailable: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def postgres_template(postgres_cluster):
    """A database migrated once by `Gateway.init`; each test copies it instead of migrating again."""
    name = postgres_cluster.create_database()
    with tempfile.TemporaryDirectory() as data_dir:
        gw = Gateway(Settings(data_dir=Path(data_dir), database_url=postgres_cluster.url(name)))
        gw.init()
        gw.engine.dispose()  # PostgreSQL copies a template only while nobody is connected to it
    return name


def _new_database(request, tmp_path, migrated: bool) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'gateway.db'}"
    cluster = request.getfixturevalue("postgres_cluster")
    template = request.getfixturevalue("postgres_template") if migrated else None
    name = cluster.create_database(template=template)
    request.addfinalizer(lambda: cluster.drop_database(name))
    return cluster.url(name)


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    """A new database, once on SQLite and once on PostgreSQL: suites that take it run on both.

    SQLite starts empty; PostgreSQL starts as a copy of the migrated template (init then has nothing to do).
    """
    return _new_database(request, tmp_path, migrated=True)


@pytest.fixture(params=BACKENDS)
def empty_database_url(request, tmp_path):
    """An empty database on each backend, for tests of the migrations themselves."""
    return _new_database(request, tmp_path, migrated=False)
