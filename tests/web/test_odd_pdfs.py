"""Hostile or broken PDFs a member is granted: every inline view carries the member's marking where it can
be seen, or says plainly why none can be made; a very long PDF is refused before any page is marked.

Each file is stored as ingest would have stored it (with what extraction said of it), as a Cabinet paper
under paragraph 1, which Ann (she chairs Cabinet) is granted and must see marked.
"""

import hashlib
import io
from datetime import datetime

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject

from gateway.domain.generation import bump
from gateway.domain.models import Document, DocumentVersion
from gateway.services import marking
from tests.api.conftest import bearer
from tests.web.conftest import MEETING, make_pdf

NOTICE = "Provided to Cllr Ann Able on "


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Tenancy arrears", ["Named tenants."]))))
    writer.encrypt(user_password=user_password, owner_password="the owner's", algorithm="AES-128")
    return _written(writer)


def broken_xref() -> bytes:
    data = make_pdf("Land valuation", ["The valuer's figures for Mill Lane."])
    return data[:data.rfind(b"startxref")] + b"startxref\n999999\n%%EOF\n"


def cropped() -> bytes:
    """A page whose crop box leaves out the top of its media box, where a mark is usually put."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Staffing", ["Named posts at risk."]))))
    writer.pages[0].cropbox = RectangleObject([40, 60, 560, 600])
    return _written(writer)


def blank_pages(count: int) -> bytes:
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(595, 842)
    return _written(writer)


NO_PAGES_TREE = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# id -> (file, what extraction said: status, reason, pages read)
ODD = {
    "odd-locked": (encrypted("only-the-author"), "needs_review", "encrypted", []),
    "odd-open-lock": (encrypted(""), "ok", None, ["Named tenants."]),
    "odd-no-pages": (NO_PAGES_TREE, "needs_review", "malformed: no pages", []),
    "odd-xref": (broken_xref(), "ok", None, ["The valuer's figures for Mill Lane."]),
    "odd-empty": (b"", "needs_review", "empty", []),
    "odd-cropped": (cropped(), "ok", None, ["Named posts at risk."]),
    "odd-huge": (blank_pages(10_000), "needs_review", "too large: more than 500 pages", [""] * 500),
    "odd-long": (blank_pages(marking.MAX_PAGES + 1), "ok", None, [""] * (marking.MAX_PAGES + 1)),
}


@pytest.fixture
def odd(gw):
    with gw.sessions() as session, session.begin():
        for ident, (data, status, reason, pages) in ODD.items():
            digest = gw.blobs.put(data)
            assert digest == hashlib.sha256(data).hexdigest()
            version = DocumentVersion(document_id=ident, sha256=digest, media_type="application/pdf", size=len(data),
                                      pages=pages, extraction_status=status, extraction_reason=reason,
                                      ingested_at=datetime(2026, 11, 1))
            session.add(version)
            session.flush()
            # Declared in full, needs_review false: documents.yaml cannot lift ingest's "too large".
            session.add(Document(id=ident, title=f"Report {ident}", file=f"{ident}.pdf", committee_id="cabinet",
                                 meeting_date=MEETING, meeting_session="private", service="property",
                                 status="published", declared={"exempt_paragraphs": [1], "party_group": None,
                                                               "flags": [], "needs_review": False},
                                 classified={}, current_version_id=version.id, updated_at=datetime(2026, 11, 1)))
        bump(session)
    return ODD


def marks_in_view(data: bytes) -> list[bool]:
    """For each page: does the notice's text start inside the part of the page a viewer shows?"""
    shown = []
    for page in PdfReader(io.BytesIO(data)).pages:
        box, found = page.cropbox, []

        def visit(text, cm, tm, *_font, box=box, found=found):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if NOTICE.strip() in text:
                found.append(float(box.left) <= x <= float(box.right) and float(box.bottom) <= y <= float(box.top))

        page.extract_text(visitor_text=visit)
        shown.append(any(found))
    return shown


def assert_marked(response):
    assert response.status_code == 200
    if response.mimetype == "application/pdf":
        assert all(marks_in_view(response.get_data()))
    else:
        assert response.mimetype == "text/plain" and response.get_data(as_text=True).startswith(NOTICE)


@pytest.mark.parametrize("ident", ["odd-locked", "odd-open-lock", "odd-no-pages", "odd-xref", "odd-empty",
                                   "odd-cropped"])
def test_every_inline_view_of_an_odd_pdf_carries_the_members_marking(odd, ann, ident):
    inline = ann.get(f"/documents/{ident}/content")
    assert "inline" in inline.headers["Content-Disposition"]
    assert_marked(inline)
    assert_marked(ann.post(f"/documents/{ident}/download", data={"purpose": "Cabinet papers",
                                                                 "capacity": "councillor"}))
    page = ann.get(f"/documents/{ident}").get_data(as_text=True)
    text_read = ODD[ident][3]
    assert (NOTICE in page) == bool(text_read)   # the page shows the text read, marked; else only the frame


def test_the_mark_is_placed_where_a_cropped_page_is_shown(odd, ann):
    data = ann.get("/documents/odd-cropped/content").get_data()
    assert PdfReader(io.BytesIO(data)).pages[0].cropbox == RectangleObject([40, 60, 560, 600])
    assert marks_in_view(data) == [True]


@pytest.mark.parametrize("ident", ["odd-huge", "odd-long"])
def test_a_very_long_pdf_is_refused_plainly_before_any_page_is_marked(odd, ann, app, ident, monkeypatch):
    def stamps(*_args):
        raise AssertionError("a page was marked")

    monkeypatch.setattr(marking, "_overlay", stamps)
    inline = ann.get(f"/documents/{ident}/content")
    assert inline.status_code == 409
    assert "too long to mark" in inline.get_data(as_text=True) and "Proper Officer" in inline.get_data(as_text=True)
    copy = ann.post(f"/documents/{ident}/download", data={"purpose": "Cabinet papers", "capacity": "councillor"})
    assert copy.status_code == 409
    api = app.test_client()
    answer = api.get(f"/api/v1/documents/{ident}/content", headers=bearer(api, "cllr-ann"))
    assert answer.status_code == 409 and "too long to mark" in answer.get_json()["error"]["message"]


def test_the_page_of_a_pdf_ingest_found_too_large_offers_no_frame_or_copy_it_cannot_make(odd, ann):
    page = ann.get("/documents/odd-huge").get_data(as_text=True)
    assert "too long to mark" in page
    assert "<iframe" not in page and 'id="download"' not in page
    assert "<iframe" in ann.get("/documents/odd-cropped").get_data(as_text=True)
