"""An ingest killed half-way, and a disk that fills while blobs or the index are written: no stored document is
ever without its audit record, the next run completes the index, and the previous state keeps serving."""

import contextlib
import errno
import os
import random
import signal
import subprocess
import sys
import time

import pytest
import yaml
from sqlalchemy import func, select
from whoosh.filedb.filestore import FileStorage

from gateway.config import Settings
from gateway.domain.models import Document
from gateway.runtime import Gateway
from index.search import ids_by_docnum
from index.store import IndexFolder
from tests.concurrency.apps import ROOT, cli, gateway_env
from tests.factories import council_data, write_yaml

DOCUMENTS = 120


def _folder(path, count: int, word: str = "library", note: str | None = None):
    """`count` plain-text council papers, declared public, with documents.yaml listing them; `note`: the
    amendment note a changed published paper needs to be stored (003:6.2)."""
    path.mkdir(exist_ok=True)
    entries = []
    for n in range(count):
        (path / f"paper-{n:03}.txt").write_text(f"Report {n} on the {word} opening hours.\fAppendix {n}.")
        entries.append({"id": f"doc-{n:03}", "file": f"paper-{n:03}.txt", "title": f"Paper {n} on the {word}",
                        "committee": "cabinet", "meeting": {"date": "2026-10-01", "session": "public"},
                        "exempt_paragraphs": [], "party_group": None, "flags": [],
                        **({"amendment_note": note} if note else {})})
    write_yaml(path / "documents.yaml", {"documents": entries})
    return path


@pytest.fixture
def setup(tmp_path, database_url):
    env = gateway_env(tmp_path / "data", database_url)
    loaded = cli(env, "load-council", str(write_yaml(tmp_path / "council.yaml", council_data())))
    assert loaded.returncode == 0, loaded.stderr
    gw = Gateway(Settings(data_dir=tmp_path / "data", database_url=database_url, audit_key=env["GATEWAY_AUDIT_KEY"]))
    yield gw, env
    gw.engine.dispose()


def _stored(gw) -> int:
    with gw.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(Document))


def _indexed(gw) -> set:
    _name, ix = IndexFolder(gw.settings.index_dir).open_current()
    with ix.searcher() as searcher:
        return {ident for ident in ids_by_docnum(searcher) if ident}


def _versions_without_record(gw) -> list:
    """Stored documents whose current version has no `document_ingested` record."""
    recorded = {(r["document"], r["detail"]["version"]) for r in gw.audit.records(event="document_ingested")}
    with gw.sessions() as session:
        current = session.execute(select(Document.id, Document.current_version_id)).all()
    return [ident for ident, version in current if (ident, version) not in recorded]


def test_an_ingest_killed_half_way_is_completed_by_the_next_run(setup, tmp_path):
    gw, env = setup
    folder = _folder(tmp_path / "papers", DOCUMENTS)
    kill_after = random.randint(5, DOCUMENTS // 2)
    run = subprocess.Popen([sys.executable, "-m", "gateway", "ingest", str(folder), "--json"], env=env, cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while _stored(gw) < kill_after and run.poll() is None:
            time.sleep(0.005)
        assert run.poll() is None, "the ingest finished before it could be killed"
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)   # its extraction workers too, if any are left
    stored = _stored(gw)
    assert kill_after <= stored < DOCUMENTS, f"killed after {kill_after}"
    assert _versions_without_record(gw) == [], f"killed after {kill_after}"

    again = cli(env, "ingest", str(folder), "--json")
    assert again.returncode == 0, again.stderr
    assert _stored(gw) == DOCUMENTS
    assert _versions_without_record(gw) == []
    assert _indexed(gw) == {f"doc-{n:03}" for n in range(DOCUMENTS)}, f"killed after {kill_after}"
    verified = cli(env, "audit", "verify")
    assert verified.returncode == 0, verified.stdout


def _full_disk_after(monkeypatch, target, method: str, calls: int):
    """`target.method` fails with ENOSPC from its `calls`+1-th call on."""
    real = getattr(target, method)
    made = {"calls": 0}

    def failing(*args, **kwargs):
        made["calls"] += 1
        if made["calls"] > calls:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*args, **kwargs)

    monkeypatch.setattr(target, method, failing)


class _FillingDisk:
    """A file on a disk with `room` bytes left (shared by every file made meanwhile)."""

    def __init__(self, file, room: list):
        self.file, self.room = file, room

    def write(self, data):
        if len(data) > self.room[0]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room[0] -= len(data)
        return self.file.write(data)

    def __getattr__(self, name):
        return getattr(self.file, name)


def _index_disk_fills(monkeypatch, room: int) -> None:
    """Files whoosh creates from now on share `room` bytes, then each write fails with ENOSPC."""
    real, left = FileStorage.create_file, [room]

    def create_file(self, name, *args, **kwargs):
        made = real(self, name, *args, **kwargs)
        made.file = _FillingDisk(made.file, left)
        return made

    monkeypatch.setattr(FileStorage, "create_file", create_file)


def _search_ids(gw, query: str) -> list:
    from index import DocumentIndex

    return sorted(r["id"] for r in DocumentIndex(gw.settings.index_dir).search(gw, "cllr-ann", query)["results"])


def test_a_full_disk_while_storing_blobs_leaves_the_previous_version_serving(setup, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from gateway.cli import main

    gw, env = setup
    for key in ("GATEWAY_DATA_DIR", "GATEWAY_DATABASE_URL", "GATEWAY_AUDIT_KEY"):
        monkeypatch.setenv(key, env[key])
    folder = _folder(tmp_path / "papers", 3)
    assert cli(env, "ingest", str(folder)).returncode == 0
    with gw.sessions() as session:
        before = {d.id: (d.current_version_id, gw.blobs.get(d.current_version.sha256)) for d in
                  session.scalars(select(Document))}

    _folder(folder, 3, word="swimming pool", note="The opening hours are now the pool's")  # every file changes
    _full_disk_after(monkeypatch, os, "fdopen", 0)    # the blob store's writes fail
    result = CliRunner().invoke(main, ["ingest", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    summary = yaml.safe_load(result.output)
    assert summary["ingested"] == 0 and len(summary["failed"]) == 3
    assert "cannot store (No space left on device)" in summary["failed"][0]["reason"]
    with gw.sessions() as session:
        after = {d.id: (d.current_version_id, gw.blobs.get(d.current_version.sha256)) for d in
                 session.scalars(select(Document))}
    assert after == before
    assert not list(gw.settings.blob_dir.rglob(".tmp-*"))   # nothing half-written left behind
    assert _search_ids(gw, "library") == ["doc-000", "doc-001", "doc-002"]


def test_a_full_disk_while_writing_the_index_leaves_the_previous_index_serving(setup, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from gateway.cli import main

    gw, env = setup
    for key in ("GATEWAY_DATA_DIR", "GATEWAY_DATABASE_URL", "GATEWAY_AUDIT_KEY"):
        monkeypatch.setenv(key, env[key])
    folder = _folder(tmp_path / "papers", 3)
    assert cli(env, "ingest", str(folder)).returncode == 0
    pointer = (gw.settings.index_dir / "CURRENT").read_text()

    _index_disk_fills(monkeypatch, 2000)
    rebuilt = CliRunner().invoke(main, ["reindex"])
    assert rebuilt.exit_code == 1
    assert "the previous index still serves" in rebuilt.output and "Traceback" not in rebuilt.output
    assert (gw.settings.index_dir / "CURRENT").read_text() == pointer
    assert _search_ids(gw, "library") == ["doc-000", "doc-001", "doc-002"]

    # An ingest whose index commit fails: stored and audited, the old index serving, the next run indexes it.
    _folder(folder, 4, word="swimming pool", note="The opening hours are now the pool's")
    ingested = CliRunner().invoke(main, ["ingest", str(folder)])
    assert ingested.exit_code == 1 and "the next `gateway ingest` or `gateway reindex` indexes them" in ingested.output
    assert _stored(gw) == 4 and _versions_without_record(gw) == []
    assert _search_ids(gw, "library") == ["doc-000", "doc-001", "doc-002"]
    monkeypatch.undo()
    for key in ("GATEWAY_DATA_DIR", "GATEWAY_DATABASE_URL", "GATEWAY_AUDIT_KEY"):
        monkeypatch.setenv(key, env[key])
    final = CliRunner().invoke(main, ["ingest", str(folder)])
    assert final.exit_code == 0, final.output
    assert _search_ids(gw, "library") == []
    assert _search_ids(gw, '"swimming pool"') == ["doc-000", "doc-001", "doc-002", "doc-003"]
