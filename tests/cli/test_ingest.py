"""`gateway ingest`: stores, extracts, classifies and records each file; bad files are reported, not fatal."""

import json

import pytest
from click.testing import CliRunner
from fpdf import FPDF

from gateway.cli import main
from gateway.config import Settings
from gateway.domain.models import Document, DocumentVersion
from gateway.runtime import Gateway
from tests.factories import council_data, write_yaml

EXEMPT_TEXT = ("NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government "
               "Act 1972. The tender prices submitted by the bidders for the swimming pool contract are set out.")


def _pdf(path, pages):
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    pdf.output(str(path))


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("GATEWAY_DATA_DIR", str(tmp_path / "data"))
    assert CliRunner().invoke(main, ["load-council", str(write_yaml(tmp_path / "c.yaml", council_data()))]).exit_code == 0
    docs = tmp_path / "docs"
    docs.mkdir()
    _pdf(docs / "public.pdf", ["Cabinet report on the library opening hours.", "Second page: recommendations."])
    _pdf(docs / "exempt.pdf", [EXEMPT_TEXT])
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<\n garbage")
    (docs / "notes.txt").write_text("Notes of the pool working party.\fSecond page of notes.")
    write_yaml(docs / "documents.yaml", {"documents": [
        {"id": "doc-public", "file": "public.pdf", "title": "Library hours", "committee": "cabinet",
         "meeting": {"date": "2026-10-01", "session": "public"}, "exempt_paragraphs": [], "party_group": None,
         "flags": []},
        {"id": "doc-exempt", "file": "exempt.pdf", "title": "Pool tenders", "committee": "cabinet",
         "meeting": {"date": "2026-10-01", "session": "private"}},
        {"id": "doc-broken", "file": "broken.pdf", "title": "Broken"},
        {"id": "doc-notes", "file": "notes.txt", "title": "Notes", "exempt_paragraphs": [], "party_group": None,
         "flags": []},
        {"id": "doc-bad-ref", "file": "notes.txt", "committee": "nowhere"},
        {"id": "doc-missing", "file": "missing.pdf"},
    ]})
    return docs, Gateway(Settings(data_dir=tmp_path / "data"))


def _ingest(docs):
    result = CliRunner().invoke(main, ["ingest", str(docs), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_ingest_reports_each_file_and_goes_on(folder):
    docs, gw = folder
    summary = _ingest(docs)
    assert summary["ingested"] == 4
    assert [f["file"] for f in summary["failed"]] == ["notes.txt", "missing.pdf"]
    assert "field 'committee': unknown committee 'nowhere'" in summary["failed"][0]["reason"]
    assert summary["needs_review"][0]["id"] == "doc-broken"
    assert summary["needs_review"][0]["reason"].startswith("malformed")
    with gw.sessions() as session:
        public = session.get(Document, "doc-public")
        assert public.current_version.pages[1].strip().startswith("Second page")
        assert gw.blobs.get(public.current_version.sha256)[:5] == b"%PDF-"
        assert session.get(Document, "doc-notes").current_version.pages == [
            "Notes of the pool working party.", "Second page of notes."]


def test_undeclared_exempt_document_is_classified_and_referred(folder):
    docs, _ = folder
    _ingest(docs)
    result = CliRunner().invoke(main, ["decide", "--member", "cllr-bob", "--document", "doc-exempt", "--json",
                                       "--reason", "I am preparing the scrutiny review of the pool", "--dry-run"])
    decision = json.loads(result.output)
    assert decision["outcome"] != "grant"
    broken = CliRunner().invoke(main, ["decide", "--member", "cllr-ann", "--document", "doc-broken", "--json",
                                       "--reason", "I chair the cabinet that will take this", "--dry-run"])
    assert json.loads(broken.output)["rule"] == "R-REVIEW"


def test_reingesting_is_idempotent_and_a_changed_file_is_a_new_version(folder):
    docs, gw = folder
    _ingest(docs)
    again = _ingest(docs)
    assert (again["ingested"], again["unchanged"]) == (0, 4)
    (docs / "notes.txt").write_text("Notes, revised.")
    third = _ingest(docs)
    assert third["ingested"] == 1
    with gw.sessions() as session:
        versions = session.query(DocumentVersion).filter_by(document_id="doc-notes").count()
        assert versions == 2
        assert session.get(Document, "doc-notes").current_version.pages == ["Notes, revised."]


def test_a_folder_without_a_listing_is_ingested_file_by_file(folder, tmp_path):
    docs, gw = folder
    (docs / "documents.yaml").unlink()
    (docs / "broken.pdf").unlink()
    summary = _ingest(docs)
    assert summary["ingested"] == 3 and summary["failed"] == []
    with gw.sessions() as session:
        assert session.get(Document, "exempt") is not None


def test_a_listing_with_a_syntax_error_stops_with_its_name(folder):
    docs, _ = folder
    (docs / "documents.yaml").write_text("documents: [\n")
    result = CliRunner().invoke(main, ["ingest", str(docs)])
    assert result.exit_code == 1 and "documents.yaml: syntax error" in result.output
