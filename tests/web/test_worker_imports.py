"""A web worker's memory (issue 13): a started app holds no module that only other work needs."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Reading council and decisions files (PyYAML), migrating (Alembic), marking PDFs, and the SQL dialect of a
# database the worker does not use: each is imported where it is needed, or never.
NOT_IN_A_WORKER = ("yaml", "alembic", "fpdf", "pypdf", "sqlalchemy.dialects.postgresql")
STARTS = f"""
import sys
from pathlib import Path
from gateway import create_app
from gateway.config import Settings
create_app({{"GATEWAY_SETTINGS": Settings(data_dir=Path(sys.argv[1]))}})
print(sorted({{m for m in sys.modules for name in {NOT_IN_A_WORKER!r} if m == name or m.startswith(name + ".")}}))
"""


def test_a_started_worker_has_not_imported_what_only_other_work_needs(tmp_path):
    def start() -> str:
        done = subprocess.run([sys.executable, "-c", STARTS, str(tmp_path / "data")], capture_output=True, text=True,
                              timeout=120, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    start()   # the first start creates and migrates the database
    assert start() == "[]"
