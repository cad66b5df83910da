"""Party-group internal workings, matched to the council's groups; public papers that merely name a group."""

import pytest

from classifiers import GroupName, classify_pages

GROUPS = (
    GroupName("grp-con", ("Conservative Group", "Conservatives", "Wexcombe Conservatives")),
    GroupName("grp-lab", ("Labour Group", "Labour councillors")),
    GroupName("grp-grn", ("Green Group", "Greens", "Green councillors")),
)

CASES = {
    # id: (pages, groups, party_group, needs_review)
    "group minutes with a confidential marking": ([
        "CONSERVATIVE GROUP\nGroup meeting \u00b7 8 February 2027\n"
        "CONFIDENTIAL to members of the Conservative Group. Not to be shared with officers or the press.\n"
        "Minutes of the Group meeting held on Monday 8 February 2027\nPresent: Cllrs Dale, Pryce and Ashby\n"
        "1. Budget: the group agreed to support the council tax rise. Leaflets to go out in March.\n"
    ], GROUPS, "grp-con", False),
    "strategy paper not for circulation": ([
        "WEXCOMBE LABOUR GROUP\nBudget strategy 2027/28 - not for circulation outside the Labour Group\n"
        "1. Our priorities for the budget debate are libraries and bus passes.\n"
        "2. Lines to take: the administration has cut front-line services.\n"
    ], GROUPS, "grp-lab", False),
    "whip note naming its group in the pre-meet line": ([
        "From: Cllr Nina Ashby <cllr.nina.ashby@wexcombe.gov.uk>\nTo: Cllr Tom Dale; Cllr Joe Pryce\n"
        "Subject: Thursday - how we're voting\n"
        "Green Group pre-meet at 5.30 in Room 4. Two-line whip on the budget.\n"
        "Item 6 (Conservative motion on parking): vote AGAINST.\nItem 7 (Labour amendment): abstain on the amendment.\n"
    ], GROUPS, "grp-grn", False),
    "whip email naming only the other groups": ([
        "From: Cllr Sam Reid <cllr.sam.reid@wexcombe.gov.uk>\nTo: Cllr Ann Hale; Cllr Bob Keats\n"
        "Subject: Weds - our line\nGroup meet at Ann's office at 6.\n"
        "Item 5: the Green motion on cycle lanes - we SUPPORT the original motion.\n"
        "Item 8: the Labour amendment is a delaying tactic - vote AGAINST their amendment.\n"
    ], GROUPS, "grp-con", True),
    "notes of a group meeting by email": ([
        "From: Cllr Ann Hale <cllr.ann.hale@wexcombe.gov.uk>\nTo: Cllr Sam Reid; Cllr Bob Keats\n"
        "Subject: notes from last night\nNotes from our group meeting last night.\n"
        "1. Budget - the Green Group alternative budget: hold parking charges, fund it from reserves.\n"
        "2. Elections - still looking for a paper candidate in Northfield. Leaflets in January.\n"
        "3. Conservatives expected to move an amendment on the market.\n"
    ], GROUPS, "grp-grn", False),
    "circulation to group members only": ([
        "Wexcombe Conservatives - Council Group\nStrategy note: the town centre plan\n"
        "Circulation: Group members only. Please do not forward.\nOur approach should be to support regeneration.\n"
    ], GROUPS, "grp-con", False),
    "no groups given: the name found": ([
        "GREEN GROUP BRIEFING - private to members of the group\nTransport policy: our position\n"
        "We should oppose the bus lane cuts and push for a scrutiny review.\n"
    ], (), "Green Group", False),
    "no groups given and no name: review": ([
        "From: Cllr Sam Reid\nTo: Cllr Ann Hale; Cllr Bob Keats\nSubject: our line on Thursday\n"
        "Three-line whip on items 5 and 8. Vote AGAINST their amendment on item 8.\n"
    ], (), None, True),
    # Public papers that name groups.
    "minutes recording a group leader's amendment": ([
        "Minutes of the meeting of the Council held on 24 February 2027\n"
        "45. BUDGET 2027/28\nCllr Amy Porter, Leader of the Conservative Group, moved an amendment on behalf of\n"
        "the Conservative Group to restore the library budget. The amendment was carried. Cllr Reid\n"
        "(Labour Group) spoke against.\n"
    ], GROUPS, None, False),
    "political balance report": ([
        "Report to:\nCouncil\nSubject:\nPolitical balance and allocation of committee seats\n1. Purpose\n"
        "1.1 The Conservative Group has 22 seats, the Labour Group 14 and the Green Group 4.\n"
        "1.2 Group Leaders have been consulted on nominations to committees.\n"
    ], GROUPS, None, False),
    "press release quoting a group leader": ([
        "PRESS RELEASE\nFor immediate release: 2 March 2027\nLabour Group welcomes pothole funding\n"
        "Cllr Sam Reid, Leader of the Labour Group, said: 'This is good news for residents.'\n"
    ], GROUPS, None, False),
    "Labour Group is not labour relations": ([
        "Report to:\nEmployment Committee\nSubject:\nLabour relations: facility time 2026/27\n1. Purpose\n"
        "1.1 Good labour relations depend on a constructive relationship with the recognised unions.\n"
        "1.2 Labour relations matters are reported to the Joint Consultative Committee.\n"
    ], GROUPS, None, False),
    "protocol describing party group meetings": ([
        "Protocol on Member/Officer Relations\n1. Introduction\n1.1 Officers serve the Council as a whole.\n"
        "6.3 Officers may attend a party group meeting to give information. Officers must respect the\n"
        "confidentiality of any party group discussions at which they are present and must not relay them\n"
        "to another political group.\n"
    ], GROUPS, None, False),
    "a whip sheet listing items and votes": ([
        "Green Group Whip - Full Council, 9 March 2027\nItem 5 Budget 2027/28: vote FOR\n"
        "Item 6 Council tax resolution: vote FOR\nItem 8 Conservative motion on car parks: vote AGAINST\n"
        "Please do not circulate outside the Group.\n"
    ], GROUPS, "grp-grn", False),
    "group meeting notes headed with the group's name": ([
        "Labour Group - Group Meeting\nMonday 8 March 2027, Room 3\nPresent: Cllrs Reid, Okafor, Bright\n"
        "1. Budget amendment\nThe Group agreed to table an amendment moving funds from the parking reserve to youth work.\n"
    ], GROUPS, "grp-lab", False),
    "the group's own rules": ([
        "Standing Orders\nAdopted at the annual meeting, May 2026\n1. The group shall be known as the Wexcombe Conservatives.\n"
        "2. Members vote as the Group decides; a breach may lead to suspension of the whip.\n"
        "3. Group meetings are confidential to members.\n"
    ], GROUPS, "grp-con", False),
    "Monitoring Officer writing to the group leaders": ([
        "From: Jane Fielding <jane.fielding@wexcombe.gov.uk>\nTo: Cllr Amy Porter; Cllr Sam Reid; Cllr Ann Hale\n"
        "Subject: predetermination reminders\nDear Group Leaders,\nPlease share these reminders with the members of your groups.\n"
        "I am happy to attend any group meeting.\nJane Fielding\nMonitoring Officer\n"
    ], GROUPS, None, False),
}


@pytest.mark.parametrize("pages, groups, party_group, review", CASES.values(), ids=CASES.keys())
def test_party_groups(pages, groups, party_group, review):
    result = classify_pages(pages, groups)
    assert result.party_group == party_group
    assert result.needs_review == review
    assert result.exempt_paragraphs == ()
    if party_group:
        assert any(item.label == f"party_group:{party_group}" for item in result.evidence)
