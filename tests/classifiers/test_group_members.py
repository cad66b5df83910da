"""Party-group papers found by who writes to whom; published writing about a group stays public."""

from classifiers import GroupName, classify_pages

GROUPS = (
    GroupName("grp-ind", ("Harbour Independents", "OF"),
              ("Cllr Rhona Blake", "Cllr Ivor Penhale", "Cllr Gwen Tregear-Smith", "rhona.blake@harbour.example")),
    GroupName("grp-lab", ("Labour Group",), ("Cllr Sam Oduya", "Cllr Petra Lowe", "Cllr Dev Nair")),
)


def test_an_email_between_members_of_one_group_is_that_groups_paper():
    result = classify_pages([
        "From: Rhona Blake <rhona.blake@harbour.example>\n"
        "To: cllr.ivor.penhale@harbour.example; cllr.gwen.tregearsmith@harbour.example\n"
        "Subject: Re: budget amendment\nHappy with the wording. See you on Tuesday.\n"
        "-----Original message-----\nFrom: Cllr Sam Oduya <sam.oduya@harbour.example>\nTo: all councillors\n"], GROUPS)
    assert result.party_group == "grp-ind"
    assert not result.needs_review
    assert any(item.check == "group_members_email" for item in result.evidence)


def test_an_email_copied_to_another_groups_member_is_not():
    result = classify_pages([
        "From: Cllr Rhona Blake <rhona.blake@harbour.example>\nTo: Cllr Ivor Penhale; Cllr Petra Lowe\n"
        "Subject: ward surgery rota\nCould we swap the March slot?\n"], GROUPS)
    assert result.party_group is None


def test_notes_of_a_meeting_only_one_groups_members_attended():
    result = classify_pages([
        "Notes of meeting, 3 March 2027, committee room 2\n"
        "Present: Cllr S Oduya, Councillor Petra Lowe, Cllr Dev Nair\n"
        "1. Council on 10 March: agreed at group to oppose the parking charges; the whip is on.\n"], GROUPS)
    assert result.party_group == "grp-lab"


def test_a_committee_attended_by_one_group_is_not_a_group_meeting():
    result = classify_pages([
        "Cabinet minutes, 3 March 2027\nPresent: Cllr S Oduya, Councillor Petra Lowe, Cllr Dev Nair\n"
        "1. The Cabinet approved the parking strategy.\n"], GROUPS)
    assert result.party_group is None and not result.needs_review


def test_a_letter_to_colleagues_is_the_signatorys_group():
    result = classify_pages([
        "Dear colleagues,\nCouncil meets on Thursday. We agreed at group to vote against the Labour Group's motion.\n"
        "Please keep this letter to yourselves.\nWith thanks,\nCllr Rhona Blake\nGroup Leader\n"], GROUPS)
    assert result.party_group == "grp-ind"


def test_an_alias_matches_only_in_its_own_case():
    result = classify_pages([
        "Notes of group meeting\nMinutes of the group meeting held in the members' room\n"
        "Present: Cllrs A, B and C. The whip is on for item 4: we vote for the recommendations.\n"], GROUPS)
    assert result.party_group != "grp-ind"  # "of" and "Notes of" are not the alias "OF"


def test_a_press_release_quoting_a_group_is_public():
    result = classify_pages([
        "Labour Group condemns cuts\nFor immediate release\nLabour Group leader Sam Oduya said: \"Our group "
        "meeting last night agreed our amendment. We will vote against the budget.\"\nNotes to editors: ...\n"], GROUPS)
    assert result.party_group is None and not result.needs_review


def test_a_blog_post_about_a_group_meeting_is_public():
    result = classify_pages([
        "Thursday, March 4, 2027\nLabour Group Meeting\nOur regular Labour Group meeting was held tonight. "
        "Group meetings are private and their decisions bind members.\nNo comments:\n"], GROUPS)
    assert result.party_group is None and not result.needs_review


def test_group_standing_orders_are_internal():
    result = classify_pages([
        "Harbour Independents\nStanding Orders of the Harbour Independents Group\n"
        "1. Name of Group\n1.1 The name of the Group shall be the Harbour Independents.\n"
        "2. The Group Leader shall be elected at the annual meeting.\n"], GROUPS)
    assert result.party_group == "grp-ind"


def test_notes_of_a_pre_council_meeting_only_one_group_attended_are_that_groups():
    result = classify_pages([
        "Notes: pre-Council meeting, 3 March 2027\nPresent: Cllr Rhona Blake, Councillor Ivor Penhale,\n"
        "Cllr Gwen Tregear-Smith\n1. Council, 9 March\nIt was agreed to support the budget. Rhona will send round the whip.\n"],
        GROUPS)
    assert result.party_group == "grp-ind"
    assert not result.needs_review
