"""Writing the demo council: YAML files and byte-reproducible PDFs (fpdf2, core fonts)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import yaml

from .text import wrap_page

FIXED_DATE = datetime(2026, 11, 23, 9, 0, 0, tzinfo=timezone.utc)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def write_yaml(path: Path, data) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        yaml.dump(data, fh, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)


def write_pdf(path: Path, pages: list[str], title: str = "") -> None:
    """One PDF page per page of text; the font shrinks so that a page never spills over."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_auto_page_break(False)
    pdf.set_margins(12, 12, 12)
    for page in pages or [""]:
        pdf.add_page()
        lines = wrap_page(page, 100)
        height = min(4.8, 270.0 / max(1, len(lines)))
        pdf.set_font("Helvetica", size=min(9.5, height * 2.1))
        for line in lines:
            pdf.cell(0, height, line.encode("latin-1", "replace").decode("latin-1"), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
