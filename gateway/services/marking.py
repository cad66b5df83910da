"""Marked copies: the notice a released document carries on every page (003:5.12, purpose of release).

Pure functions, no Flask: `notice()` words the mark, `mark_text()` and `mark_pdf()` apply it.
"""

import io
import unicodedata
from datetime import date

FONT_SIZE = 8          # points; shrunk to MIN_FONT_SIZE to keep a notice on one line where it can
MIN_FONT_SIZE = 6
MARGIN = 18            # points from the page edge
ENCODING = "windows-1252"  # the PDF core fonts' WinAnsiEncoding: has the em dash and curly quotes
# Marking takes about 1 ms a page (10,000 pages: 6-19 s of a web worker), so a copy is made only of
# documents up to this long: the extraction limit, which ingest already flags as "too large".
MAX_PAGES = 500


class MarkingError(ValueError):
    """The PDF cannot be read or written, so no marked copy can be made from it."""


class TooManyPages(MarkingError):
    """The PDF has more pages than a marked copy is made of while the member waits."""

    def __init__(self, pages: int):
        super().__init__(f"the PDF has {pages} pages, more than {MAX_PAGES}")


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def notice(member_name: str, day: date, purpose: str) -> str:
    """'Provided to <member> on <date> for <purpose> — not for onward disclosure'."""
    purpose = " ".join((purpose or "").split()).rstrip(".")
    return f"Provided to {member_name} on {long_date(day)} for {purpose} — not for onward disclosure"


def mark_text(text: str, notice_line: str) -> str:
    """The notice as the first line, then a blank line, then the text unchanged."""
    return f"{notice_line}\n\n{text}"


def _encodable(text: str) -> str:
    """Text the core fonts can show: other characters lose their accents, or become '?'."""
    out = []
    for char in " ".join(text.split()):
        try:
            char.encode(ENCODING)
            out.append(char)
        except UnicodeEncodeError:
            plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
            out.append(plain or "?")
    return "".join(out)


def _overlay(width: float, height: float, notice_line: str):
    """A one-page PDF (a pypdf PdfReader) of the given size with the notice in a white band at the top."""
    from fpdf import FPDF   # imported here: a web worker that never marks a PDF does not carry fpdf2 or pypdf
    from pypdf import PdfReader

    pdf = FPDF(unit="pt", format=(width, height))
    pdf.core_fonts_encoding = ENCODING
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.add_page()
    text = _encodable(notice_line)
    band_width = max(width - 2 * MARGIN, 72)
    size = FONT_SIZE
    pdf.set_font("helvetica", style="B", size=size)
    while size > MIN_FONT_SIZE and pdf.get_string_width(text) > band_width - 2:
        size -= 0.5
        pdf.set_font_size(size)
    line_height = size * 1.25
    lines = pdf.multi_cell(band_width, line_height, text, dry_run=True, output="LINES")
    band_height = len(lines) * line_height + 6
    top = min(MARGIN / 2, max(height - band_height, 0))
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(212, 53, 28)
    pdf.rect(MARGIN - 3, top, band_width + 6, band_height, style="DF")
    pdf.set_text_color(11, 12, 12)
    pdf.set_xy(MARGIN, top + 3)
    pdf.multi_cell(band_width, line_height, text, align="L")
    return PdfReader(io.BytesIO(bytes(pdf.output())))


def _seal(writer, page) -> None:
    """Draws the page's own content as a form XObject, whose graphics state a viewer restores after it, so
    nothing the content leaves behind (an unmatched Q, a clip, a white fill) reaches the notice drawn next;
    and drops the annotations other than plain links, which viewers draw over everything, notice included."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, RectangleObject

    contents = page.get_contents()
    form = DecodedStreamObject()
    form.set_data(contents.get_data() if contents is not None else b"")
    form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                 NameObject("/BBox"): RectangleObject(page.mediabox),
                 NameObject("/Resources"): page.get("/Resources", DictionaryObject())})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject(
        {NameObject("/GatewayPage"): writer._add_object(form)})})   # pypdf's way to add an indirect object
    drawn = DecodedStreamObject()
    drawn.set_data(b"q /GatewayPage Do Q")
    page.replace_contents(drawn)
    if "/Annots" in page:
        page[NameObject("/Annots")] = ArrayObject(a for a in page["/Annots"] if _plain_link(a.get_object()))


def _plain_link(annotation) -> bool:
    return annotation.get("/Subtype") == "/Link" and "/AP" not in annotation


def mark_pdf(pdf_bytes: bytes, notice_line: str) -> bytes:
    """The PDF with the notice stamped over the top of every page as it is shown; MarkingError if it cannot
    be read or has no pages, TooManyPages above MAX_PAGES (counted before any page is marked)."""
    from pypdf import PdfReader, PdfWriter, Transformation

    try:
        reader = PdfReader(io.BytesIO(pdf_bytes))
        if reader.is_encrypted and not reader.decrypt(""):
            raise MarkingError("the PDF is encrypted")
        declared = reader.trailer["/Root"]["/Pages"].get("/Count", 0)   # cheap; a lie is caught just below
        if isinstance(declared, int) and declared > MAX_PAGES:
            raise TooManyPages(declared)
        pages = len(reader.pages)
        if pages > MAX_PAGES:
            raise TooManyPages(pages)
        if not pages:
            raise MarkingError("the PDF has no pages")
        writer = PdfWriter(clone_from=reader)
        overlays: dict[tuple[float, float], object] = {}
        for page in writer.pages:
            if page.get("/Rotate", 0) % 360:
                page.transfer_rotation_to_content()  # so the notice reads upright, as the page is shown
            _seal(writer, page)
            box = page.cropbox   # the part a viewer shows (the media box unless the file crops it)
            size = (round(float(box.width), 2), round(float(box.height), 2))
            if size not in overlays:
                overlays[size] = _overlay(*size, notice_line).pages[0]
            page.merge_transformed_page(overlays[size], Transformation().translate(float(box.left),
                                                                                    float(box.bottom)))
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except MarkingError:
        raise
    except Exception as exc:  # pypdf raises many kinds for damaged files
        raise MarkingError(f"the PDF could not be marked ({type(exc).__name__})") from exc
