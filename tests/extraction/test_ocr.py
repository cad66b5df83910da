"""Scanned pages (no text layer) are read by OCR, and the result says which pages were."""

from __future__ import annotations

import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from gateway.extraction import Limits, extract
from gateway.extraction import pdf as pdf_runner

needs_ocr = pytest.mark.skipif(pdf_runner.ocr_tools() is None,
                               reason="tesseract-ocr and poppler-utils are not installed (run `make ocr` as root)")

LINES = ["Planning Committee report", "The aardvark depot budget", "was approved by members"]


def scanned_page(pdf: FPDF, lines: list[str]) -> None:
    """A page that is only a picture of text, as a scanner makes it."""
    image = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=64)
    for n, line in enumerate(lines):
        draw.text((150, 200 + 120 * n), line, fill=0, font=font)
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=pdf.w, h=pdf.h)


def text_page(pdf: FPDF, words: str) -> None:
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 6, words)


@needs_ocr
def test_a_scanned_page_is_read_by_ocr_and_said_so(tmp_path):
    pdf = FPDF()
    text_page(pdf, "Agenda item one: the minutes of the last meeting.")
    scanned_page(pdf, LINES)
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    result = extract(path)
    assert result.ok, result.reason
    assert result.reason.startswith("ocr: page 2 read by OCR")
    assert "aardvark" in result.pages[1].lower() and "planning" in result.pages[1].lower()
    assert "minutes" in result.pages[0]


@needs_ocr
def test_ocr_is_bounded_by_the_file_limits(tmp_path):
    pdf = FPDF()
    for _ in range(3):
        scanned_page(pdf, LINES)
    path = tmp_path / "scans.pdf"
    path.write_bytes(bytes(pdf.output()))
    result = extract(path, Limits(wall_seconds=1))
    assert result.status == "needs_review" and result.reason.startswith("timeout")


def test_low_ocr_confidence_keeps_needs_review():
    limits = Limits()
    answer = {"pages": ["typed text", "sc4nned t3xt"], "more_pages": False, "error": None,
              "ocr": {"pages": [2], "confidence": 41.5}}
    result = pdf_runner._interpret(answer, limits)
    assert result.status == "needs_review"
    assert result.reason.startswith("ocr low confidence: page 2 read by OCR (confidence 42%)")
    assert result.pages[1] == "sc4nned t3xt"   # kept for the reviewer and for search
    confident = pdf_runner._interpret({**answer, "ocr": {"pages": [2], "confidence": 93.0}}, limits)
    assert confident.ok and confident.reason == "ocr: page 2 read by OCR (confidence 93%)"
