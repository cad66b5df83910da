"""`gateway ingest`: stores, extracts, classifies and records each file; bad files are reported, not fatal."""

import json

import pytest
import yaml
from click.testing import CliRunner
from fpdf import FPDF
from sqlalchemy import select

from gateway.cli import main
from gateway.config import Settings
from gateway.domain.documents import document_labels
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
    (docs / "exempt.pdf").unlink()
    _pdf(docs / "exempt.pdf", [EXEMPT_TEXT, "An appendix of the tender prices."])
    third = _ingest(docs)
    assert third["ingested"] == 1 and third["held"] == []  # not public: no published report is amended
    with gw.sessions() as session:
        versions = session.query(DocumentVersion).filter_by(document_id="doc-exempt").count()
        assert versions == 2
        assert len(session.get(Document, "doc-exempt").current_version.pages) == 2


def test_each_version_of_a_batch_has_its_own_record_in_the_order_stored(folder):
    docs, gw = folder
    _ingest(docs)   # one store batch: the records are appended together, in its transaction
    records = gw.audit.records(event="document_ingested")
    with gw.sessions() as session:
        current = {doc.id: doc.current_version_id for doc in session.scalars(select(Document))}
    assert [r["document"] for r in records] == ["doc-public", "doc-exempt", "doc-broken", "doc-notes"]
    assert {r["document"]: r["detail"]["version"] for r in records} == current
    assert [r["seq"] - records[0]["seq"] for r in records] == [0, 1, 2, 3]
    assert gw.audit.verify().ok


def test_stored_ids_are_found_a_chunk_at_a_time(folder, monkeypatch):
    import gateway.domain.ingest as ingest

    docs, gw = folder
    _ingest(docs)
    monkeypatch.setattr(ingest, "_IDS_PER_QUERY", 2)
    asked = ["doc-new-1", "doc-public", "doc-new-2", "doc-notes", "doc-exempt"]
    with gw.sessions() as session:
        assert ingest._stored_ids(session, asked) == {"doc-public", "doc-notes", "doc-exempt"}


def test_a_published_report_is_not_silently_amended(folder):
    docs, gw = folder
    _ingest(docs)
    (docs / "notes.txt").write_text("Notes, revised.")
    held = _ingest(docs)
    assert held["ingested"] == 0 and [h["id"] for h in held["held"]] == ["doc-notes"]
    assert "notes.txt changed after doc-notes was published: give a new `amendment_note`" in held["held"][0]["reason"]
    text = CliRunner().invoke(main, ["ingest", str(docs)]).output
    assert "held: doc-notes: notes.txt changed after doc-notes was published" in text and "1 held" in text
    with gw.sessions() as session:
        assert session.get(Document, "doc-notes").current_version.pages[0] == "Notes of the pool working party."

    listing = _listing(docs)
    listing["documents"][3]["amendment_note"] = "Corrected the date of the next meeting"
    write_yaml(docs / "documents.yaml", listing)
    amended = _ingest(docs)
    assert amended["ingested"] == 1 and amended["held"] == []
    with gw.sessions() as session:
        current = session.get(Document, "doc-notes").current_version
        assert current.pages == ["Notes, revised."] and current.note == "Corrected the date of the next meeting"
    record = gw.audit.records(event="document_ingested", document="doc-notes")[-1]
    assert record["detail"]["amendment_note"] == "Corrected the date of the next meeting"
    assert record["detail"]["previous_sha256"] != record["detail"]["sha256"]

    # The same note does not cover a further change: each amendment says what it is.
    (docs / "notes.txt").write_text("Notes, revised again.")
    assert [h["id"] for h in _ingest(docs)["held"]] == ["doc-notes"]
    listing["documents"][3]["amendment_note"] = " "
    write_yaml(docs / "documents.yaml", listing)
    blank = _ingest(docs)
    assert any("documents[3] (doc-notes): field 'amendment_note': say in 1 to 2,000 characters" in f["reason"]
               for f in blank["failed"])


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


def _decide(member, document, at="2026-11-23"):
    result = CliRunner().invoke(main, ["decide", "--member", member, "--document", document, "--json", "--at", at,
                                       "--reason", "I need it for the committee's review of this item", "--dry-run"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _reclassify(gw, document, **labels):
    from gateway.domain.reclassification import reclassify

    args = dict(exempt_paragraphs=[], party_group=None, flags=[], needs_review=False,
                reasons="Checked by the Proper Officer", by="off-mo")
    with gw.sessions() as session, session.begin():
        reclassify(session, document, **{**args, **labels})


def _listing(docs):
    return yaml.safe_load((docs / "documents.yaml").read_text())


def test_a_reclassification_survives_reingesting_the_same_file(folder):
    docs, gw = folder
    _ingest(docs)
    assert _decide("cllr-bob", "doc-exempt")["outcome"] != "grant"
    _reclassify(gw, "doc-exempt", reasons="The tender figures were published by the bidders themselves")
    listing = _listing(docs)
    listing["documents"][1]["title"] = "Pool tenders (renamed)"   # a metadata change rewrites the row
    write_yaml(docs / "documents.yaml", listing)
    summary = _ingest(docs)
    assert summary["updated"] == 1 and "doc-exempt" not in [n["id"] for n in summary["needs_review"]]
    assert _decide("cllr-bob", "doc-exempt")["outcome"] == "grant"   # public now


def test_a_changed_file_after_a_reclassification_keeps_it_and_needs_review(folder):
    docs, gw = folder
    _ingest(docs)
    _reclassify(gw, "doc-notes", exempt_paragraphs=[1], reasons="Names a resident")
    (docs / "notes.txt").write_text("Notes of the pool working party, revised.")
    summary = _ingest(docs)
    assert {"id": "doc-notes", "reason": "the file changed after the Proper Officer's reclassification"} in (
        summary["needs_review"])
    with gw.sessions() as session:
        labels = document_labels(session.get(Document, "doc-notes"))
    assert labels["exempt_paragraphs"] == [1] and labels["needs_review"]
    assert _decide("cllr-ann", "doc-notes")["rule"] == "R-REVIEW"
    changed = gw.audit.records(event="labels_changed", document="doc-notes")
    assert [(r["detail"]["old"]["needs_review"], r["detail"]["new"]["needs_review"]) for r in changed] == [(False, True)]
    assert gw.audit.verify().ok


def test_a_changed_declaration_is_audited_as_a_change_of_labels(folder):
    docs, gw = folder
    _ingest(docs)
    listing = _listing(docs)
    listing["documents"][0]["exempt_paragraphs"] = [5]
    write_yaml(docs / "documents.yaml", listing)
    _ingest(docs)
    [record] = gw.audit.records(event="labels_changed")
    assert record["document"] == "doc-public"
    assert (record["detail"]["old"]["exempt_paragraphs"], record["detail"]["new"]["exempt_paragraphs"]) == ([], [5])


def test_entries_sharing_one_file_are_all_stored(folder):
    docs, gw = folder
    listing = _listing(docs)
    listing["documents"].append({"id": "doc-public-copy", "file": "public.pdf", "title": "Library hours (annex)",
                                 "exempt_paragraphs": [1], "party_group": None, "flags": []})
    write_yaml(docs / "documents.yaml", listing)
    summary = _ingest(docs)
    assert summary["ingested"] == 5
    with gw.sessions() as session:
        one, other = session.get(Document, "doc-public"), session.get(Document, "doc-public-copy")
        assert one.current_version.sha256 == other.current_version.sha256
        assert (one.title, other.title) == ("Library hours", "Library hours (annex)")
        assert other.current_version.pages == one.current_version.pages
        assert document_labels(other)["exempt_paragraphs"] == [1]


def test_the_summary_counts_every_document_that_needs_review(folder):
    docs, gw = folder
    listing = _listing(docs)
    listing["documents"][3]["needs_review"] = True   # doc-notes: declared for review, and readable
    write_yaml(docs / "documents.yaml", listing)
    for _ in range(2):   # the first run and an unchanged re-run agree with what is stored
        summary = _ingest(docs)
        with gw.sessions() as session:
            stored = sorted(d.id for d in session.scalars(select(Document)) if document_labels(d)["needs_review"])
        assert sorted(n["id"] for n in summary["needs_review"]) == stored
        assert {"doc-broken", "doc-notes"} <= set(stored)


def test_a_reingest_does_not_undo_the_proper_officers_review(folder):
    from datetime import date

    from gateway.services.reviews import review

    docs, gw = folder
    listing = yaml.safe_load((docs / "documents.yaml").read_text())
    listing["documents"][1]["review_on"] = "2027-10-01"
    write_yaml(docs / "documents.yaml", listing)
    _ingest(docs)
    with gw.sessions() as session:
        assert session.get(Document, "doc-exempt").review_on == date(2027, 10, 1)
        review(gw, session, "off-mo", "doc-exempt", "release", date(2099, 1, 1), "The tenders are long settled.")
    _ingest(docs)
    with gw.sessions() as session:
        row = session.get(Document, "doc-exempt")
        assert (row.release_on, row.review_on) == (date(2099, 1, 1), None)


def test_an_upgraded_classifier_reads_again_what_an_older_one_labelled(folder):
    docs, gw = folder
    _ingest(docs)
    with gw.sessions() as session, session.begin():   # as an older classifier that missed the restriction left it
        doc = session.get(Document, "doc-exempt")
        doc.classified = {**doc.classified, "exempt_paragraphs": [], "evidence": [], "needs_review": False}
        doc.classifier_version = "2020.1.1"
    summary = _ingest(docs)
    assert (summary["ingested"], summary["updated"]) == (0, 1)
    with gw.sessions() as session:
        doc = session.get(Document, "doc-exempt")
        assert doc.classified["exempt_paragraphs"] == [3] and doc.classifier_version != "2020.1.1"
    [record] = gw.audit.records(event="labels_changed", document="doc-exempt")
    assert (record["detail"]["old"]["exempt_paragraphs"], record["detail"]["new"]["exempt_paragraphs"]) == ([], [3])
    assert _decide("cllr-bob", "doc-exempt")["outcome"] != "grant"
    assert _ingest(docs)["updated"] == 0   # read once per upgrade
