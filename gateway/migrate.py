"""Bringing the database to the newest migration, importing Alembic only when there is something to run.

Every web worker starts by asking whether the database is behind (issue 13). Alembic answers by
importing itself, every SQL dialect it knows and each migration script: about 11 MB a worker keeps
for nothing when, as almost always, the database is already at the newest revision. So the question
is first asked cheaply: the newest revision is read from the scripts' `revision`/`down_revision`
lines (parsed, not run) and compared with the alembic_version row. Only when they differ, or the
scripts are not one simple chain, is Alembic imported, and then it decides and migrates as before.
"""

import ast
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, inspect, text

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@cache
def newest_revision() -> str | None:
    """The one revision no script names as its down_revision; None when there is not exactly one."""
    revisions, parents = set(), set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        found = _declared(script)
        if "revision" not in found:
            return None   # a script this reading does not understand: let Alembic decide
        revisions.add(found["revision"])
        down = found.get("down_revision")
        parents.update(down if isinstance(down, tuple) else () if down is None else (down,))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _declared(script: Path) -> dict:
    """The script's top-level `revision` and `down_revision` assignments, as literal values."""
    found = {}
    for node in ast.parse(script.read_text(encoding="utf-8")).body:
        target = node.target if isinstance(node, ast.AnnAssign) else \
            node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None
        if isinstance(target, ast.Name) and target.id in ("revision", "down_revision") and node.value is not None:
            try:
                found[target.id] = ast.literal_eval(node.value)
            except ValueError:
                pass   # not a literal: left out, so newest_revision leaves the question to Alembic
    return found


def database_revisions(connection: Connection) -> set:
    """The revisions the database's alembic_version table records (none for a new database)."""
    if not inspect(connection).has_table("alembic_version"):
        return set()
    return set(connection.scalars(text("SELECT version_num FROM alembic_version")))


def upgrade(connection: Connection) -> None:
    """Migrates the database to the newest revision in the caller's transaction, if it is behind."""
    newest = newest_revision()
    if newest is not None and database_revisions(connection) == {newest}:
        return
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if set(MigrationContext.configure(connection).get_current_heads()) != set(
            ScriptDirectory.from_config(cfg).get_heads()):
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
