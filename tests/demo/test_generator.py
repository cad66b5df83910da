"""The demo council generator: deterministic, self-consistent, truly labelled."""

import json
import time

import pytest
import yaml
from pypdf import PdfReader

from gateway.demo import DEMO_PASSWORD, DemoCouncil, generate_council, write_demo_council
from gateway.domain.council_file import parse_council

FLAGS = {"monitoring_officer_correspondence", "employee_matter", "third_party_personal_data", "contract_terms"}


@pytest.fixture(scope="module")
def demo() -> DemoCouncil:
    return generate_council(members=24, documents=200, seed=7)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    made = write_demo_council(out, members=12, documents=40, seed=5, pdf_share=0.6)
    return out, made


def text(doc) -> str:
    return "\n".join(doc.pages)


def test_same_seed_same_council_and_documents(demo):
    again = generate_council(members=24, documents=200, seed=7)
    assert again == demo
    assert generate_council(members=24, documents=200, seed=8).council != demo.council


def test_metadata_and_labels_do_not_depend_on_text(demo):
    bare = generate_council(members=24, documents=200, seed=7, with_documents_text=False)
    assert [(d.id, d.file, d.title, d.meta, d.labels) for d in bare.documents] == \
           [(d.id, d.file, d.title, d.meta, d.labels) for d in demo.documents]
    assert all(d.pages == [] for d in bare.documents)


def test_references_resolve_and_ids_are_unique(demo):
    c = demo.council
    assert c["council"]["numbering"] == "england" and c["council"]["withholdable_paragraphs"] == [1, 2, 3, 4, 5, 7]
    ids = {k: [x["id"] for x in c[k]] for k in ("groups", "committees", "portfolios", "matters", "members", "officers")}
    for k, v in ids.items():
        assert len(v) == len(set(v)), k
    assert 3 <= len(ids["groups"]) <= 4
    assert set(c["council"]["administration"]) <= set(ids["groups"])
    assert {x["kind"] for x in c["committees"]} >= {"council", "executive", "scrutiny", "regulatory", "standards", "other"}
    for com in c["committees"]:
        assert set(com.get("work_programme", [])) <= set(ids["matters"])
    for m in c["members"]:
        assert m["group"] is None or m["group"] in ids["groups"]
        assert m["password"] == DEMO_PASSWORD
        assert {x["committee"] for x in m["committees"]} <= set(ids["committees"])
        assert {x["role"] for x in m["committees"]} <= {"member", "chair", "vice_chair", "substitute"}
        assert set(m["portfolio_holder"]) | set(m["opposition_spokesperson"]) <= set(ids["portfolios"])
        assert {x["matter"] for x in m["interests"]} <= set(ids["matters"])
    assert any(m["group"] is None for m in c["members"])
    assert {i["kind"] for m in c["members"] for i in m["interests"]} == {"pecuniary", "professional", "other"}
    officers = {o["id"]: o for o in c["officers"]}
    assert officers["off-mo"]["roles"] == ["proper_officer"] and officers["off-mo"]["service"] == "legal"
    assert officers["off-it"]["roles"] == ["admin"] and officers["off-it"]["service"] == "it"
    assert officers["off-audit"]["roles"] == ["auditor"] and officers["off-audit"]["service"] == "audit"
    assert {o["service"] for o in c["officers"] if o["roles"] == ["officer"]} >= {"property", "planning", "housing", "environment"}
    docs = demo.documents
    assert len({d.id for d in docs}) == len(docs) == 200
    assert len({d.file for d in docs}) == 200
    for d in docs:
        m = d.meta
        assert m.get("committee") is None or m["committee"] in ids["committees"]
        assert m.get("portfolio") is None or m["portfolio"] in ids["portfolios"]
        assert set(m.get("matters", [])) <= set(ids["matters"])
        for k in ("casework_of", "not_for_publication_to"):
            assert m.get(k) is None or m[k] in ids["members"]
        assert m["status"] in {"published", "embargoed", "draft"}


def test_matters_named_in_text(demo):
    keywords = {m["id"]: [k.lower() for k in m["keywords"]] for m in demo.council["matters"]}
    for d in demo.documents:
        body = text(d).lower()
        for mid in d.meta.get("matters", []):
            assert any(k in body for k in keywords[mid]), (d.id, d.kind, mid)


def test_labels_cover_paragraphs_flags_groups_and_signals(demo):
    labels = [d.labels for d in demo.documents]
    assert {p for lab in labels for p in lab["exempt_paragraphs"]} == set(range(1, 8))
    assert {f for lab in labels for f in lab["flags"]} == FLAGS
    assert {lab["party_group"] for lab in labels} - {None} == {g["id"] for g in demo.council["groups"]}
    assert {lab["signal"] for lab in labels} == {"explicit", "old-numbering", "welsh", "standards", "content-only", "none"}
    assert {lab["declared"] for lab in labels} == {True, False}
    for d in demo.documents:
        lab = d.labels
        assert lab["exempt_paragraphs"] == sorted(lab["exempt_paragraphs"]) and lab["flags"] == sorted(lab["flags"])
        # Only a restriction that no England paragraph fits needs review, and it then has no paragraph.
        assert lab["needs_review"] is d.kind.startswith("restricted:unmapped")
        assert not (lab["needs_review"] and lab["exempt_paragraphs"])
        declared = {k: d.meta[k] for k in ("exempt_paragraphs", "party_group", "flags", "needs_review") if k in d.meta}
        if lab["declared"]:
            truth = {k: lab[k] for k in ("exempt_paragraphs", "party_group", "flags")}
            assert declared == (truth | {"needs_review": True} if lab["needs_review"] else truth)
        else:
            assert declared == {}
    public = [d for d in demo.documents if not d.labels["exempt_paragraphs"] and not d.labels["party_group"] and not d.labels["flags"]]
    group_names = [g["name"] for g in demo.council["groups"]]
    assert any("Schedule 12A" in text(d) for d in public)
    assert any(any(n in text(d) for n in group_names) for d in public)


def test_document_kinds_say_what_they_are(demo):
    groups = {g["id"]: g for g in demo.council["groups"]}
    kinds = {d.kind.split(":")[0] for d in demo.documents}
    assert {"agenda", "minutes", "public_report", "forward_plan", "decision_notice", "balance_report",
            "exempt_explicit", "exempt_content_only", "exempt_old_numbering", "group_minutes", "whip_note",
            "group_briefing", "casework", "not_for_publication_to", "embargoed", "draft_admin_only",
            "private_meeting_not_yet_held"} <= kinds
    for d in demo.documents:
        body = text(d)
        if d.kind.startswith("exempt_content_only"):
            assert "12A" not in body
        if d.kind == "whip_note":
            g = groups[d.labels["party_group"]]
            assert not any(n in body for n in [g["name"], *g["aliases"]])
        if d.meta["status"] == "embargoed":
            assert d.meta["publish_on"] > "2026-11-23"
        if d.meta["status"] == "draft":
            assert d.meta["admin_only"] is True
        if d.kind == "casework":
            assert d.meta["casework_of"] and d.labels["flags"] == ["third_party_personal_data"]
        if d.kind.startswith("exempt") or d.kind == "not_for_publication_to":
            assert d.labels["exempt_paragraphs"] and d.meta["meeting"]["session"] == "private"
        if d.kind == "private_meeting_not_yet_held":
            assert d.meta["meeting"]["date"] > "2026-11-23" and not d.labels["exempt_paragraphs"]
    assert {d.meta["meeting"]["date"] > "2026-11-23" for d in demo.documents if "meeting" in d.meta} == {True, False}


def test_large_council_without_text_is_fast():
    t = time.perf_counter()
    big = generate_council(members=60, documents=2000, seed=1, with_documents_text=False)
    assert time.perf_counter() - t < 3
    assert len(big.documents) == 2000 and all(d.pages == [] for d in big.documents)
    assert len(big.council["members"]) == 60
    tiny = generate_council(members=3, documents=1, seed=2)
    assert len(tiny.documents) == 1 and tiny.documents[0].pages


def test_written_folder(written, tmp_path):
    out, made = written
    parse_council(out / "council.yaml")
    listed = yaml.safe_load((out / "documents" / "documents.yaml").read_text())["documents"]
    assert [e["id"] for e in listed] == [d.id for d in made.documents]
    labels = [json.loads(line) for line in (out / "labels.jsonl").read_text().splitlines()]
    assert [lab["file"] for lab in labels] == [d.file for d in made.documents]
    assert set(labels[0]) == {"file", "id", "exempt_paragraphs", "party_group", "flags", "needs_review", "signal", "declared"}
    pdfs = 0
    for d, entry in zip(made.documents, listed):
        assert entry == {"id": d.id, "file": d.file, "title": d.title, **d.meta}
        path = out / "documents" / d.file
        assert path.stat().st_size > 0
        if d.file.endswith(".pdf"):
            pdfs += 1
            assert len(PdfReader(path).pages) == len(d.pages)
        else:
            assert path.read_text(encoding="utf-8").rstrip("\n").split("\f") == d.pages
    assert 0 < pdfs < len(made.documents)
    again = tmp_path / "again"
    write_demo_council(again, members=12, documents=40, seed=5, pdf_share=0.6)
    for d in made.documents:
        assert (again / "documents" / d.file).read_bytes() == (out / "documents" / d.file).read_bytes(), d.file
    assert (again / "council.yaml").read_bytes() == (out / "council.yaml").read_bytes()
    assert (again / "documents" / "documents.yaml").read_bytes() == (out / "documents" / "documents.yaml").read_bytes()
