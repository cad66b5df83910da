"""A document's own exemption statement, in the many ways councils write it, against references to other items."""

import pytest

from classifiers import classify_pages

REPORT_HEAD = """Harrowfield District Council
Cabinet \u00b7 3 March 2027 \u00b7 Item 9
HARROWFIELD DISTRICT COUNCIL
Report to:
Cabinet
Date of meeting:
Wednesday 3 March 2027
Report of:
Head of Assets
"""

CASES = {
    # id: (pages, exempt_paragraphs, contract_terms expected, needs_review)
    "banner, England numbering": ([
        "Harrowfield District Council\nCabinet \u00b7 3 March 2027 \u00b7 Item 9\n"
        "NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local\n"
        "Government Act 1972 (information relating to the financial or business affairs of any\n"
        "particular person, including the authority holding that information).\n"
        + REPORT_HEAD + "Subject:\nLand at Quarry Road: offers received\n1. Purpose\n"
        "1.1 To report the offers received for the former nursery at Quarry Road.\n"
    ], [3], False, False),
    "abbreviated banner, Exempt - para 5": ([
        "EXEMPT - PARA 5\nPlanning Committee, 12 May 2027\nAppeal by Brackley Homes: costs\n1. Summary\n"
        "The appeal hearing is listed for June.\n"
    ], [5], False, False),
    "cover-sheet field, no Schedule 12A named": ([
        REPORT_HEAD + "Subject:\nDriver licence review\nExempt information:\nYes - paragraphs 1 and 2\n"
        "1. Purpose\n1.1 To decide whether the licence holder remains fit and proper.\n"
    ], [1, 2], False, False),
    "exclusion resolution heading the report, this item": ([
        REPORT_HEAD + "Subject:\nHackney carriage driver: review\n"
        "The Sub-Committee is asked to resolve that the press and public be excluded during this item\n"
        "because it is likely to involve the disclosure of exempt information as described in\n"
        "paragraphs 1 and 7 of Part 1 of Schedule 12A to the Local Government Act 1972.\n1. Purpose\n"
    ], [1, 7], False, False),
    "exclusion resolution heading the report, following item": ([
        REPORT_HEAD + "RECOMMENDATION\nThat under section 100A(4) of the Local Government Act 1972 the press and public be\n"
        "excluded from the meeting for the following item of business on the grounds that it involves\n"
        "the likely disclosure of exempt information as defined in paragraphs 1 and 2 of Part 1 of\n"
        "Schedule 12A to the Act.\n1. Introduction\n1.1 A complaint was received about a parish councillor.\n"
    ], [1, 2], False, False),
    "Part II banner with Sch. 12A abbreviation": ([
        "Wexcombe Borough Council\nCONFIDENTIAL - PART II\nReason: LGA 1972, Sch. 12A, paras 1 and 6.\n"
        "Report to:\nPlanning Committee\n1. Purpose\n1.1 To authorise an enforcement notice at Higher Barn.\n"
    ], [1, 6], False, False),
    "category wording": ([
        REPORT_HEAD + "Exempt information category: 3\n1. Purpose\n1.1 To agree the disposal of the depot.\n"
    ], [3], False, False),
    "Part 2 qualification is not a category": ([
        "NOT FOR PUBLICATION\nExempt under paragraph 3 of Part 1 of Schedule 12A and, under paragraph 10 of Part 2\n"
        "of that Schedule, the public interest in maintaining the exemption outweighs disclosure.\n"
        + REPORT_HEAD + "1. Purpose\n"
    ], [3], False, False),
    "old numbering, paragraph 9 of Part I": ([
        "HARROWFIELD DISTRICT COUNCIL\nCABINET - 14 APRIL 2004\nNOT FOR PUBLICATION\n"
        "This report contains exempt information as defined in paragraph 9 of Part I of\n"
        "Schedule 12A to the Local Government Act 1972.\nSUBJECT: REFUSE COLLECTION CONTRACT\n"
        "1.0 PURPOSE OF REPORT\n1.1 To agree the terms on which officers will negotiate.\n"
    ], [3], True, False),
    "old numbering, paragraphs 1 and 14": ([
        "NOT FOR PUBLICATION\nExempt information under Local Government Act 1972, Schedule 12A, Part I,\n"
        "paragraphs 1 and 14.\n" + REPORT_HEAD + "1. Purpose\n"
    ], [1, 7], False, False),
    "old numbering, paragraph 12 described as counsel's opinion": ([
        "EXEMPT ITEM\nParagraph 12, Part I, Schedule 12A, Local Government Act 1972: instructions to counsel\n"
        "and the opinion of counsel.\n" + REPORT_HEAD + "1. Purpose\n"
    ], [5], False, False),
    "old numbering, protected informant": ([
        "NOT FOR PUBLICATION - paragraph 15 of Part I of Schedule 12A\n" + REPORT_HEAD + "1. Purpose\n"
    ], [2], False, False),
    "Welsh numbering, paragraph 14 of Part 4": ([
        "Cyngor Bwrdeistref Sirol / County Borough Council\nNOT FOR PUBLICATION\n"
        "Exempt by virtue of paragraph 14 of Part 4 of Schedule 12A to the Local Government Act 1972.\n"
        "Report to:\nCabinet\n1. Purpose\n"
    ], [3], False, False),
    "Welsh numbering, paragraphs 12 and 13": ([
        "CONFIDENTIAL\nParagraphs 12 and 13, Part 4, Schedule 12A (Wales).\nReport to:\nLicensing Committee\n1. Purpose\n"
    ], [1, 2], False, False),
    "two statements, both counted": ([
        "PRIVATE AND CONFIDENTIAL\nExempt from publication under paragraph 3 of Part 1 of Schedule 12A.\n"
        + REPORT_HEAD + "1. Purpose\n",
        "Running footer\nAppendix material\nPage 2 of 3",
        "The legal advice in section 5 is also exempt under paragraph 5 of Part 1 of Schedule 12A.\n"
        "Cabinet, 3 March 2027 - Item 9 - Exempt\nPage 3 of 3",
    ], [3, 5], False, False),
    "a paragraph no numbering has": ([
        "NOT FOR PUBLICATION by virtue of paragraph 21 of Schedule 12A\n" + REPORT_HEAD + "1. Purpose\n"
    ], [], False, True),
    "Welsh council heading, paragraph without a Part": ([
        "Cyngor Sir Example / Example County Council\nCabinet - 5 June 2028\nEXEMPT - NOT FOR PUBLICATION\n"
        "Paragraphs 14 and 16, Schedule 12A, Local Government Act 1972.\nSubject:\nHarbour lease dispute\n"
    ], [3, 5], False, False),
    "paragraph cited in the body of a paper marked exempt": ([
        REPORT_HEAD + "Exempt information: Yes\n1. Purpose\n1.1 To report on the harbour lease.\n"
        "6. Reason for exemption\n6.1 The report contains legal advice (paragraph 5 of Schedule 12A).\n"
    ], [5], False, False),
    "statutory description decides between numberings": ([
        "Thornbury Borough Council\nNOT FOR PUBLICATION\nExempt under paragraph 3 of Part 1 of Schedule 12A (information\n"
        "relating to any terms proposed in the course of negotiations for a contract).\n" + REPORT_HEAD + "1. Purpose\n"
    ], [3], True, False),
    # The same words citing other items: never the document's own status.
    "agenda listing a Part 2 item": ([
        "WEXCOMBE BOROUGH COUNCIL\nNOTICE OF MEETING AND AGENDA\nCabinet\nTuesday 6 April 2027 at 6.30pm\n"
        "1. Apologies for absence\n2. Declarations of interest\n3. Minutes of the last meeting\n"
        "10. Exclusion of the Press and Public\nTo resolve that under Section 100A(4) of the Local Government\n"
        "Act 1972, the public be excluded from the meeting for the following items of business on the\n"
        "grounds that they involve the likely disclosure of exempt information as defined in Paragraphs\n"
        "3 and 5 of Part 1 of Schedule 12A of the Act.\nPART B - ITEMS CONSIDERED IN PRIVATE\n"
        "11. Lease of units at Canal Basin (Paragraph 3). The report is not for publication.\n"
    ], [], False, False),
    "minutes citing the exclusion": ([
        "Minutes of the meeting of the Planning Committee held on 3 March 2027\nPresent: Cllrs Dale and Hussain\n"
        "57. EXCLUSION OF THE PUBLIC\nRESOLVED - That the public be excluded from the meeting during consideration of\n"
        "the following item, as it involved the likely disclosure of exempt information under\n"
        "paragraph 6 of Part 1 of Schedule 12A.\n58. ENFORCEMENT: LAND AT HIGHER BARN\n"
        "The Committee considered the exempt report of the Enforcement Manager.\n"
    ], [], False, False),
    "decision record citing paragraphs": ([
        "Wexcombe Borough Council\nRECORD OF DECISIONS\nCabinet - 6 April 2027\n"
        "Decision 4: Lease of units at Canal Basin\nThe Cabinet considered this item in private, having resolved that the\n"
        "report contained exempt information under paragraph 3 of Part 1 of Schedule 12A.\n"
    ], [], False, False),
    "forward plan listing private items": ([
        "NOTICE OF KEY DECISIONS AND OF INTENTION TO HOLD MEETINGS IN PRIVATE\nPublished: 1 March 2027\n"
        "A meeting is held in private only where the information is exempt under Part 1 of Schedule 12A\n"
        "and the public interest in maintaining the exemption outweighs the public interest in disclosure.\n"
        "KD/2027/011 Canal Basin lease Cabinet 6 April 2027 Part private Para 3\n"
    ], [], False, False),
    "public report naming its exempt appendix": ([
        REPORT_HEAD + "Subject:\nHighways maintenance contract: award\n"
        "Exempt information: None in this report. Appendix C (tender scores) is exempt under paragraph 3\n"
        "of Part 1 of Schedule 12A and is at item 14 of this agenda.\n1. Purpose\n"
        "1.1 To award the contract. Tender prices are commercially sensitive and are set out in Appendix C.\n"
    ], [], False, False),
    "public report, open cover field, appendix after a comma": ([
        REPORT_HEAD + "Exempt information: No, but Appendix 2 is exempt under paragraph 3 of Schedule 12A\n"
        "1. Purpose\n1.1 To note progress.\n"
    ], [], False, False),
    "cover field naming only an exempt appendix": ([
        REPORT_HEAD + "Exempt information: Appendix 2 only (paragraph 3)\n1. Purpose\n1.1 To agree the lease renewal.\n"
    ], [], False, False),
    "a 'strictly private and confidential' banner without a paragraph": ([
        "STRICTLY PRIVATE AND CONFIDENTIAL\nNote of a meeting with the museum trustees, 9 February 2027\n"
        "The trustees described the condition of the building.\n"
    ], [], False, True),
    "an appendix stating its own exemption": ([
        "Cabinet - 6 April 2027\nItem 11: Sale of the former depot, Canal Street\nAppendix 1 - Offers received\n"
        "CONFIDENTIAL: Appendix 1 is exempt under paragraph 3 of Part 1 of Schedule 12A\n"
        "Bidder | Offer | Conditions\nHarlow Homes | 1,420,000 | subject to planning\n"
    ], [3], False, False),
    "an appendix naming another appendix as exempt": ([
        "Cabinet - 6 April 2027\nItem 11: Sale of the former depot, Canal Street\nAppendix 1 - Site plan\n"
        "Appendix 2 is exempt under paragraph 3 of Part 1 of Schedule 12A\nThe plan shows the depot's boundary.\n"
    ], [], False, False),
    "a 'for publication' field answered no": ([
        REPORT_HEAD + "For publication: No\n1. Purpose\n1.1 To agree the lease renewal.\n"
    ], [], False, True),
    "a 'for publication' field answered yes": ([
        REPORT_HEAD + "For publication: Yes\n1. Purpose\n1.1 To agree the lease renewal.\n"
    ], [], False, False),
    "an exemption field naming only an appendix, in the header": ([
        "Report to: Cabinet\nKey decision: No\nExempt: Part exempt - Appendix B (paragraph 3)\n"
        "1. Purpose\n1.1 To agree the lease renewal; the rent offered is in Appendix B.\n"
    ], [], False, False),
    "a 'public or private' field citing the paragraph": ([
        REPORT_HEAD + "Wards affected: Riverside\nPublic or private: Private - paragraph 3\n1. Purpose\n"
        "1.1 To agree the lease renewal.\n"
    ], [3], False, False),
    "annual report discussing paragraphs in general": ([
        REPORT_HEAD + "1. Purpose\n1.1 To report on standards work.\n"
        "3.2 The Committee may consider an investigation report in private where it contains information\n"
        "about individuals (paragraphs 1 and 2 of Schedule 12A to the Local Government Act 1972).\n"
    ], [], False, False),
    "protocol discussing Schedule 12A in general": ([
        "Protocol on Member/Officer Relations\n1. Introduction\n1.1 This protocol guides members and officers.\n"
        "8. Access to information\n8.1 The Proper Officer may decline to allow inspection of any document which discloses\n"
        "exempt information of a description falling within paragraphs 1 to 6, 9, 11, 12 and 14 of Part I of\n"
        "Schedule 12A. Confidential information provided to a member should not be disclosed. Such\n"
        "information includes advice from counsel, tenders and the investigation of crime.\n"
    ], [], False, False),
    "minutes resolving to exclude the public for the next item": ([
        "Thornbury Borough Council\nRecord of the meeting of the Licensing Committee held on 5 April 2028\n"
        "14 Review of premises licence: The Anchor, Quay Street\nThe licence holder said he had employed extra door staff.\n"
        "15 Exclusion of the press and public\nIt was resolved that the press and public be excluded for the next item\n"
        "under paragraph 7 of Part 1 of Schedule 12A.\n"
    ], [], False, False),
    "summons without the word agenda": ([
        "Town Hall, Market Street, Thornbury\nTo: Members of the Executive\nYou are hereby summoned to attend a meeting\n"
        "of the Executive on 18 January 2028.\n1. Apologies\n2. Minutes\n9. Exclusion of the public: to resolve that the public be\n"
        "excluded for the following item on the grounds that it involves exempt information as defined in paragraph 3.\n"
        "10. Sale of land at Fen Road (not for publication)\n"
    ], [], False, False),
    "a title that starts with a marking word": ([
        "Report to:\nAudit Committee\nConfidential Reporting (Whistleblowing) Policy: annual review\n"
        "1. Purpose\n1.1 Four concerns were raised confidentially in 2027/28.\n"
    ], [], False, False),
    "embargo is not an exemption": ([
        "EMBARGOED: not to be published before 00:01 on 2 March 2027\n" + REPORT_HEAD
        + "Subject:\nBudget 2027/28\n1. Purpose\n1.1 To set out the draft budget.\n"
    ], [], False, False),
}


@pytest.mark.parametrize("pages, paragraphs, contract_terms, review", CASES.values(), ids=CASES.keys())
def test_statements(pages, paragraphs, contract_terms, review):
    result = classify_pages(pages)
    assert list(result.exempt_paragraphs) == paragraphs
    assert ("contract_terms" in result.flags) == contract_terms
    assert result.needs_review == review
    for number in paragraphs:
        assert any(item.label == f"paragraph:{number}" for item in result.evidence)
