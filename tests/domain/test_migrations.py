"""Upgrading a database with data in it, on SQLite and PostgreSQL: from revision 0001 to head, rows kept."""

import subprocess
import sys
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text

from gateway.config import Settings
from gateway.domain.audit import GENESIS, record_hash
from gateway.migrate import MIGRATIONS, newest_revision
from gateway.runtime import Gateway

PREVIOUS = "0001"
ROOT = Path(__file__).resolve().parents[2]


def migrations() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(engine, revision: str) -> None:
    cfg = migrations()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def fill_previous_schema(engine) -> None:
    """Rows as a gateway at revision 0001 wrote them, audit records with unkeyed hashes included."""
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO committees (id, name, kind, work_programme) VALUES "
                          "('cabinet', 'Cabinet', 'executive', '[]')"))
        conn.execute(text(
            "INSERT INTO documents (id, title, file, inferred_matters, status, admin_only, declared, classified, "
            "updated_at) VALUES ('doc-1', 'Old report', 'old.pdf', '[]', 'published', false, '{}', '{}', "
            "'2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO policy_versions (text, note, author, created_at, active) VALUES "
                          "(:text, 'Edited by IT', 'off-it', :at, :active)"),
                     {"text": "p, rule-as-edited\n", "at": datetime(2026, 11, 1), "active": True})
        prev = GENESIS
        for seq in (1, 2):
            fields = {"seq": seq, "at": f"2026-11-0{seq}T09:00:00.000000+00:00", "event": "signin",
                      "actor": "cllr-ann", "document": None, "outcome": None, "rule": None, "detail": {},
                      "prev_hash": prev}
            prev = record_hash(fields)
            conn.execute(text("INSERT INTO audit_log (seq, at, event, actor, detail, prev_hash, hash) "
                              "VALUES (:seq, :at, :event, :actor, '{}', :prev_hash, :hash)"), {**fields, "hash": prev})
        conn.execute(text("INSERT INTO audit_head (id, seq, hash) VALUES (1, 2, :hash)"), {"hash": prev})


def test_upgrading_from_the_previous_schema_keeps_every_row(tmp_path, empty_database_url):
    gw = Gateway(Settings(data_dir=tmp_path / "data", database_url=empty_database_url))
    upgrade(gw.engine, PREVIOUS)
    fill_previous_schema(gw.engine)

    gw.init()  # what `gateway init` does on the new release: upgrade to head, seal the unkeyed log

    head = ScriptDirectory.from_config(migrations()).get_current_head()
    with gw.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head
        assert conn.execute(text("SELECT name FROM committees")).scalars().all() == ["Cabinet"]
        assert conn.execute(text("SELECT text FROM policy_versions")).scalars().all() == ["p, rule-as-edited\n"]
        document = conn.execute(text(
            "SELECT title, executive_decision, review_on, release_on, reclassification FROM documents")).one()
    assert tuple(document) == ("Old report", False, None, None, None)
    result = gw.audit.verify()
    assert result.ok and result.count == 3 and result.unkeyed == 2



def test_an_active_policy_granting_group_papers_under_review_is_replaced(tmp_path, empty_database_url):
    gw = Gateway(Settings(data_dir=tmp_path / "data", database_url=empty_database_url))
    upgrade(gw.engine, "0003")
    old_policy = gw.default_policy_text().replace("own_group & !needs_review", "own_group")
    with gw.engine.begin() as conn:
        conn.execute(text("INSERT INTO policy_versions (text, note, created_at, active) VALUES (:text, 'default', :at, :on)"),
                     {"text": old_policy, "at": datetime(2026, 11, 1), "on": True})

    upgrade(gw.engine, "head")

    with gw.engine.connect() as conn:
        rows = conn.execute(text("SELECT text, active FROM policy_versions ORDER BY id")).all()
    assert [active for _, active in rows] == [False, True]  # the old version kept, the new one active
    assert rows[0].text == old_policy
    assert rows[1].text == gw.default_policy_text()


def test_the_newest_revision_read_from_the_scripts_is_alembics_head():
    assert newest_revision() == ScriptDirectory.from_config(migrations()).get_current_head()


STARTS = """
import sys
from pathlib import Path
from gateway.config import Settings
from gateway.runtime import Gateway
Gateway(Settings(data_dir=Path(sys.argv[1]), database_url=sys.argv[2])).init()
print("alembic imported" if "alembic" in sys.modules else "alembic not imported")
"""


def test_a_worker_imports_alembic_only_when_the_database_is_behind(tmp_path, empty_database_url):
    def start() -> str:
        done = subprocess.run([sys.executable, "-c", STARTS, str(tmp_path / "data"), empty_database_url],
                              capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert start() == "alembic imported"       # a new database is migrated
    assert start() == "alembic not imported"   # the next worker finds it at the newest revision
    with Gateway(Settings(data_dir=tmp_path / "data", database_url=empty_database_url)).engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == newest_revision()
