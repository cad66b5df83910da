"""Marked copies: the notice's wording, text marking, and a stamp on every PDF page."""

import io
from datetime import date

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from gateway.services.marking import MarkingError, mark_pdf, mark_text, notice

NOTICE = notice("Cllr Siân O’Brien", date(2026, 11, 23), "the Cabinet meeting on 1 December.")


def words(page) -> str:
    return " ".join(page.extract_text().split())


def pdf(pages=3, landscape_last=False) -> bytes:
    doc = FPDF()
    doc.set_font("helvetica", size=12)
    for n in range(1, pages + 1):
        doc.add_page(orientation="L" if landscape_last and n == pages else "P")
        doc.cell(0, 10, f"Body of page {n}")
    return bytes(doc.output())


def test_notice_wording():
    assert NOTICE == ("Provided to Cllr Siân O’Brien on 23 November 2026 for the Cabinet meeting on 1 December "
                      "— not for onward disclosure")


def test_mark_text_puts_the_notice_first():
    assert mark_text("Report text.", NOTICE) == f"{NOTICE}\n\nReport text."


def test_every_pdf_page_carries_the_notice_and_keeps_its_text():
    marked = PdfReader(io.BytesIO(mark_pdf(pdf(3, landscape_last=True), NOTICE)))
    assert len(marked.pages) == 3
    for n, page in enumerate(marked.pages, start=1):
        assert NOTICE in words(page)
        assert f"Body of page {n}" in words(page)


def test_rotated_pages_are_stamped_upright():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf(1))))
    writer.pages[0].rotate(90)
    out = io.BytesIO()
    writer.write(out)
    marked = PdfReader(io.BytesIO(mark_pdf(out.getvalue(), NOTICE)))
    assert NOTICE in words(marked.pages[0])
    assert marked.pages[0].get("/Rotate", 0) == 0


def test_characters_the_core_fonts_lack_lose_accents_rather_than_fail():
    marked = PdfReader(io.BytesIO(mark_pdf(pdf(1), notice("Cllr Łucja Nowak-Dvořák", date(2026, 1, 2), "review"))))
    assert "Provided to Cllr ?ucja Nowak-Dvorák on 2 January 2026" in words(marked.pages[0])


@pytest.mark.parametrize("data", [b"not a pdf at all", b"%PDF-1.4\n%%EOF\n"])
def test_unreadable_pdfs_raise_marking_error(data):
    with pytest.raises(MarkingError):
        mark_pdf(data, NOTICE)


def _page_drawing(content: bytes, annotations=()) -> bytes:
    """A one-page PDF whose page draws `content` and carries `annotations` (dicts)."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    stream = DecodedStreamObject()
    stream.set_data(content)
    page.replace_contents(stream)
    if annotations:
        page[NameObject("/Annots")] = ArrayObject(
            writer._add_object(DictionaryObject({NameObject(k): v for k, v in a.items()})) for a in annotations)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _dark_pixels_in_top_band(pdf_bytes: bytes) -> int:
    """Renders page 1 (poppler's pdftoppm, grey, 30 dpi) and counts dark pixels in its top twentieth."""
    import subprocess

    pgm = subprocess.run(["pdftoppm", "-r", "30", "-f", "1", "-l", "1", "-gray", "-"], input=pdf_bytes,
                         capture_output=True, check=True).stdout
    _magic, size, _depth, pixels = pgm.split(b"\n", 3)
    width, height = map(int, size.split())
    return sum(1 for value in pixels[:width * (height // 20)] if value < 200)


@pytest.mark.parametrize("content", [
    b"Q Q Q 0 0 1 1 re W n",           # unmatched Q pops the stamp's saved state, then clips everything away
    b"Q Q 1 g 1 G 3 Tr",               # ... or leaves white paint and invisible text behind
], ids=["clip", "white"])
def test_what_a_page_leaves_behind_does_not_hide_the_notice(content):
    import shutil

    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler's pdftoppm renders the page; install poppler-utils")
    marked = mark_pdf(_page_drawing(content), NOTICE)
    assert _dark_pixels_in_top_band(marked) >= _dark_pixels_in_top_band(mark_pdf(_page_drawing(b""), NOTICE)) > 0


def test_annotations_that_would_cover_the_notice_are_dropped_links_kept():
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject

    everywhere = ArrayObject(FloatObject(v) for v in (0, 0, 595, 842))
    stamp = {"/Type": NameObject("/Annot"), "/Subtype": NameObject("/Stamp"), "/Rect": everywhere,
             "/AP": DictionaryObject()}
    link = {"/Type": NameObject("/Annot"), "/Subtype": NameObject("/Link"), "/Rect": everywhere}
    page = PdfReader(io.BytesIO(mark_pdf(_page_drawing(b"", [stamp, link]), NOTICE))).pages[0]
    assert [a.get_object()["/Subtype"] for a in page["/Annots"]] == ["/Link"]
