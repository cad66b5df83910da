"""Fail closed: no text, unreadable files, unexplained markings, contradictions and half-identified groups go to review."""

import pytest

from classifiers import classify_pages, unreadable

CASES = {
    # id: (pages, exempt_paragraphs, check that names the reason)
    "no pages": ([], [], "no_text"),
    "empty pages": (["", "  \n \f ", "\n"], [], "no_text"),
    "a scan without a text layer: page numbers only": (["Page 1 of 3", "Page 2 of 3", "- 3 -"], [], "no_text"),
    "marked confidential, nothing else to go on": ([
        "CONFIDENTIAL\nNote of meeting, 3 March 2027\nAttendees: Head of Assets, Finance Manager\n1. Update on the project plan.\n"
    ], [], "restricted_without_paragraph"),
    "Document is Restricted placeholder": (["Document is Restricted"], [], "restricted_without_paragraph"),
    "Document is exempt placeholder, with a heading": ([
        "Agenda Item 12\nDocument is exempt\nThis page is intentionally blank for the public version."
    ], [], "restricted_without_paragraph"),
    "a paragraph no numbering has": ([
        "NOT FOR PUBLICATION by virtue of paragraph 19 of Schedule 12A\nReport to:\nCabinet\n1. Purpose\n"
    ], [], "unmapped_paragraph"),
    "declared open while the content looks exempt": ([
        "Report to:\nCabinet\nExempt information: None\nSubject:\nSale of the Old Library\n1. Purpose\n"
        "1.1 Bids received: Kestrel Estates Ltd £1,250,000; Marlow Property LLP £1,100,000; Birch Homes Ltd £990,000.\n"
        "1.2 Officers seek authority to accept a price not less than £1,200,000.\n"
    ], [3], "conflict"),
    "content looks exempt, nothing declared": ([
        "Report to:\nCabinet\nSubject:\nSale of the Old Library\n1. Purpose\n"
        "1.1 Bids received: Kestrel Estates Ltd £1,250,000; Marlow Property LLP £1,100,000; Birch Homes Ltd £990,000.\n"
    ], [3], "content_only"),
}


@pytest.mark.parametrize("pages, paragraphs, check", CASES.values(), ids=CASES.keys())
def test_fails_closed(pages, paragraphs, check):
    result = classify_pages(pages)
    assert result.needs_review
    assert list(result.exempt_paragraphs) == paragraphs
    assert any(item.label == "needs_review" and item.check == check for item in result.evidence)
    assert result.confidence <= 0.5


def test_unreadable_file_is_reviewed_with_its_reason():
    result = unreadable("encrypted: the PDF needs a password")
    assert result.needs_review
    assert result.exempt_paragraphs == () and result.flags == () and result.party_group is None
    assert result.confidence == 0.0
    assert [(item.label, item.text) for item in result.evidence] == [("needs_review", "encrypted: the PDF needs a password")]
