"""The forms councils publish: restriction notices, motions to exclude the public, recited law, other regimes.

Every text here is written for these tests; each case says what the Proper Officer would expect of it.
"""

import pytest

from classifiers import classify_pages

NOTICE_FORMS = {
    # id: (text, exempt_paragraphs, needs_review)
    "anticipated reasons, paragraph(s) with no space": (
        "Committee papers\nAnticipated reasons for restriction\nSale of the former bus depot\n"
        "By virtue of paragraph(s)3 of Part 1 of Schedule 12Aof the Local Government Act 1972.\n"
        "Explanation of Reasons\nReason restricted justification\nBids from named companies are discussed.\n",
        [3], False),
    "reasons restricted, two paragraphs and the justification": (
        "Reasons restricted\nBy virtue of paragraph(s) 1, 2 of Part 1 of Schedule 12A of the Local Government Act 1972.\n"
        "Explanation of Reasons\n- By Virtue of Paragraph 1\nInformation relating to any individual\n"
        "The public interest in maintaining the exemption outweighs the public interest in disclosure.\n",
        [1, 2], False),
    "document is restricted front sheet, range of paragraphs": (
        "Document is Restricted\nThis paper is exempt by virtue of paragraphs 1 to 3 of Part 1 of Schedule 12A.\n"
        "Housing Panel - hardship cases\n",
        [1, 2, 3], False),
    "public interest checklist naming the category": (
        "PUBLIC INTEREST TEST - CHECKLIST\nSchedule 12A Local Government Act 1972\nName of report: Depot lease\n"
        "Committee: Estates Sub-Committee\nCategory of exemption applied: 3, information about business affairs\n"
        "Will disclosure help the public to understand decisions? No\n",
        [3], False),
    "checklist with the category left empty": (
        "PUBLIC INTEREST TEST - CHECKLIST\nName of report: Market hall lease\nCategory of exemption applied:\n"
        "Will disclosure help the public to understand decisions?\n",
        [], True),
    "bare not for publication notice": (
        "Meetings\nCalendar\nAnticipated reasons for restriction\nNOT FOR PUBLICATION\nReason restricted justification\n",
        [], True),
    "welsh notice in welsh with part 4 paragraphs": (
        "Rhesymau wedi'u cyfyngu\nYn rhinwedd paragraff(au) 14, 16 o Ran 4 o Atodlen 12A o Ddeddf Llywodraeth Leol 1972.\n"
        "Esboniad o resymau\n",
        [3, 5], False),
    "welsh council, part 4 in english": (
        "Reasons restricted\nBy virtue of paragraph(s) 13 of Part 4 of Schedule 12A of the Local Government Act 1972.\n"
        "Cyngor Sir - County Council of Wales\n",
        [2], False),
    "old numbering on a paper dated before 2006": (
        "Reasons Restricted\nPersonnel Sub-Committee, Tuesday 9 March 2004\n"
        "By virtue of paragraph(s) 9 of Part 1 of Schedule 12A of the Local Government Act 1972.\n",
        [3], False),
    "acts of the 1980s cited on a modern notice do not date it": (
        "Reasons restricted\nBy virtue of paragraph(s) 3 of Part 1 of Schedule 12A of the Local Government Act 1972.\n"
        "Information is not exempt if it must be registered under the Companies Act 1985 or the Charities Act 1993.\n",
        [3], False),
    "standards paragraph 7A has no england equivalent": (
        "Reasons restricted\nBy virtue of paragraph(s) 7A of Part 1 of Schedule 12A of the Local Government Act 1972.\n"
        "Standards Committee hearing panel\n",
        [], True),
    "scottish schedule 7A": (
        "Reasons restricted\nBy virtue of paragraph(s) 6, 9 of Part I of Schedule 7A of the Local Government (Scotland) Act 1973.\n",
        [], True),
    "a number that fits Wales and the old Part I alike goes to review": (
        "Reasons restricted\nBy virtue of paragraph 14 of Schedule 12A.\nDepot disposal\n",
        [3, 7], True),
}


@pytest.mark.parametrize("text, paragraphs, review", NOTICE_FORMS.values(), ids=NOTICE_FORMS.keys())
def test_a_restriction_notice_restricts_its_own_page(text, paragraphs, review):
    result = classify_pages([text])
    assert list(result.exempt_paragraphs) == paragraphs
    assert result.needs_review is review
    assert result.exempt_paragraphs or result.needs_review  # never public


PUBLIC_FORMS = {
    "minutes resolving to exclude the public for another item": (
        "Agenda item\nExclusion of the Press and Public\nRESOLVED - That under section 100A(4) of the Local Government "
        "Act 1972 the press and public be excluded from the meeting for item 12 on the grounds that it involves the "
        "likely disclosure of exempt information as defined in paragraph 3 of Part 1 of Schedule 12A.\n"),
    "decision record of an exclusion": (
        "Decision details\nDecision Maker: Cabinet\nDecision: That the public be excluded for the following items, "
        "which involve exempt information as defined in paragraphs 1 and 3 of Schedule 12A.\n"
        "Item 9 Disposal of land  Paragraph 3\n"),
    "agenda with a draft motion": (
        "Agenda item\nExempt information S100(A) Local Government Act 1972\n"
        "The Committee is asked whether the public should be excluded during agenda item 14.\n"
        "Draft motion: that the public be excluded to avoid the disclosure of exempt information under paragraph 4.\n"),
    "chair to move the exclusion": (
        "Planning Committee agenda\nItem 15 To consider the exclusion of the press and public\n"
        "The Chair to move that the press and public be excluded during item 16 (paragraph 5).\n"),
    "guidance setting out the seven categories": (
        "Guidance for councillors: confidential and exempt information\n"
        "Schedule 12A lists the categories of exempt information:\n"
        "1. Information relating to any individual.\n2. Information likely to reveal the identity of an individual.\n"
        "3. Information relating to the financial or business affairs of any particular person.\n"
        "4. Labour relations consultations or negotiations.\n5. Legal professional privilege.\n"
        "6. A notice, order or direction under an enactment.\n7. The prevention, investigation or prosecution of crime.\n"),
    "the welsh public interest clause recited": (
        "Access to information procedure rules\nInformation which falls within any of paragraphs 12 to 15, 17 and 18 "
        "above is exempt only while the public interest in maintaining the exemption outweighs the public interest "
        "in disclosing it.\n"),
    "a forward plan row saying an item will be private": (
        "FORWARD PLAN OF KEY DECISIONS\n1 June 2027 to 30 September 2027\n"
        "Pier kiosk lease | Cabinet | July 2027 | Private: Yes - paragraph 3 of Schedule 12A\n"),
    "a press release about a confidential appendix": (
        "Press release\nNew leisure operator chosen\nThe Cabinet chose the operator on Monday. The prices are set out "
        "in a confidential appendix which is exempt under paragraph 3.\n"),
    "a news summary quoting the notice on an appeal": (
        "Weekly council roundup\nThe appeals panel met on Tuesday. The press and public were expected to be excluded.\n"
        "Each appeal paper carried the statement:\n"
        "By virtue of paragraph(s) 1, 3 of Part 1 of Schedule 12A of the Local Government Act 1972.\n"),
}


@pytest.mark.parametrize("text", PUBLIC_FORMS.values(), ids=PUBLIC_FORMS.keys())
def test_a_text_about_other_items_or_the_law_is_public(text):
    result = classify_pages([text])
    assert result.exempt_paragraphs == ()
    assert result.needs_review is False, [item.text for item in result.evidence]


def test_an_exempt_report_moving_its_own_exclusion_stays_exempt():
    result = classify_pages([
        "Harbour District Council\nReport to: Cabinet\nDate of meeting: 4 May 2027\nReport of: Head of Property\n"
        "It is recommended that the press and public be excluded during consideration of this report because it "
        "contains exempt information under paragraph 3 of Part 1 of Schedule 12A.\n1. Purpose\n"])
    assert result.exempt_paragraphs == (3,)


def test_review_reasons_are_in_plain_words():
    result = classify_pages(["Reasons restricted\nBy virtue of paragraph(s) 18B of Part 4 of Schedule 12A.\n"])
    assert result.needs_review
    reason = next(item.text for item in result.evidence if item.label == "needs_review")
    assert reason.startswith("a standards-committee paragraph")


def test_a_notice_giving_the_description_without_the_number():
    result = classify_pages(["Reasons for restriction\nPier kiosk lease\nInformation relating to the financial or "
                             "business affairs of any particular person (including the authority).\n"])
    assert result.exempt_paragraphs == (3,) and not result.needs_review


NOTICE_FLAGS = {
    "terms under negotiation": ("Reasons restricted\nBy virtue of paragraph(s) 3 of Part 1 of Schedule 12A.\n"
                                "Justification\nThe report sets out the terms still under negotiation for the lease.\n",
                                "contract_terms"),
    "a grievance about one employee": ("Reasons restricted\nBy virtue of paragraph(s) 1 of Part 1 of Schedule 12A.\n"
                                       "Justification\nThe appeal concerns a grievance raised by a particular employee.\n",
                                       "employee_matter"),
    "a named tenant's circumstances": ("Reasons restricted\nBy virtue of paragraph(s) 1 of Part 1 of Schedule 12A.\n"
                                       "Justification\nThe report holds personal and financial information about a named "
                                       "tenant.\n", "third_party_personal_data"),
}


@pytest.mark.parametrize("text, flag", NOTICE_FLAGS.values(), ids=NOTICE_FLAGS.keys())
def test_a_notice_justification_states_its_flags(text, flag):
    assert flag in classify_pages([text]).flags


def test_a_generic_labour_relations_description_is_no_employee_matter():
    result = classify_pages(["Reasons restricted\nBy virtue of paragraph(s) 4 of Part 1 of Schedule 12A.\n"
                             "Information relating to any consultations or negotiations in connection with any labour "
                             "relations matter arising between the authority and its employees.\n"])
    assert result.exempt_paragraphs == (4,) and "employee_matter" not in result.flags
