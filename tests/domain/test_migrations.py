"""The schema upgrades in place: a database made by an earlier revision keeps its rows."""

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect, text

from gateway.runtime import MIGRATIONS


def _upgrade(engine, revision):
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def test_documents_gain_the_new_columns_and_keep_their_rows(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    _upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO documents (id, title, file, inferred_matters, status, admin_only, declared, classified, "
            "updated_at) VALUES ('doc-1', 'Old report', 'old.pdf', '[]', 'published', 0, '{}', '{}', "
            "'2026-01-01 00:00:00')"))
    _upgrade(engine, "head")
    columns = {c["name"] for c in inspect(engine).get_columns("documents")}
    assert {"executive_decision", "review_on", "release_on", "reclassification"} <= columns
    with engine.connect() as connection:
        row = connection.execute(text(
            "SELECT title, executive_decision, release_on, reclassification FROM documents")).one()
    assert tuple(row) == ("Old report", 0, None, None)
