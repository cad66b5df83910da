"""What a member reads in the browser carries their marking wherever it is not public, as API content does."""

from io import BytesIO

from pypdf import PdfReader


def test_the_document_page_and_its_inline_pdf_carry_the_members_marking(ann, gw):
    page = ann.get("/documents/doc-exempt").get_data(as_text=True)
    assert "Provided to Cllr Ann Able on " in page and "not for onward disclosure" in page
    inline = ann.get("/documents/doc-exempt/content")
    assert inline.status_code == 200 and inline.mimetype == "application/pdf"
    assert "inline" in inline.headers["Content-Disposition"]
    assert "Provided to Cllr Ann Able" in PdfReader(BytesIO(inline.get_data())).pages[0].extract_text()
    record = gw.audit.records(event="marked_copy", actor="cllr-ann")[-1]
    assert record["document"] == "doc-exempt" and record["detail"]["action"] == "read"


def test_public_content_carries_no_marking(bob):
    page = bob.get("/documents/doc-public").get_data(as_text=True)
    assert "Provided to" not in page
    inline = bob.get("/documents/doc-public/content")
    assert "Provided to" not in PdfReader(BytesIO(inline.get_data())).pages[0].extract_text()
