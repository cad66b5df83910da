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
