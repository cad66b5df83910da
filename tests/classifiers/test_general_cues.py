"""General cues for people named without a title, employees, crime, complainants and whip notes.

Invented short texts; each case lists what must hold. Public counter-examples sit beside
the exempt ones: a name with a role or address in a public paper must not by itself make
the paper exempt, and a group named in passing is no group's internal paper.
"""

import pytest

from classifiers import GroupName, classify_pages
from classifiers.cues import named_people
from classifiers.text import Document

GROUPS = (
    GroupName("grp-con", ("Conservative Group", "Conservatives")),
    GroupName("grp-lab", ("Labour Group", "Labour councillors")),
    GroupName("grp-grn", ("Green Group", "Greens")),
)

REPORT_HEAD = "Report to:\nCabinet\nReport of:\nHead of Service\n1. Purpose\n"

# name: (text, paragraphs that must be present, flags that must be present, must it be non-public?)
EXEMPT = {
    "resident_named_at_home_with_arrears": (
        REPORT_HEAD + "1.1 Pat Quigley of 7 Mill Brow, Eastford EF4 2QP has rent arrears of £2,140 after a claim for "
        "housing benefit was delayed.\n",
        {1}, {"third_party_personal_data"}, True),
    "address_with_postcode_and_health": (
        REPORT_HEAD + "1.1 Robin Achebe, 12 Tollgate, Eastford EF1 9ZZ, has been in hospital and the debt remains.\n",
        {1}, {"third_party_personal_data"}, True),
    "constituent_enquiry_email": (
        "From: Cllr Ann Dee <ann.dee@eastford.gov.uk>\nTo: Housing Team <housing@eastford.gov.uk>\n"
        "Subject: enquiry\nMy constituent, Lou Barnes of 3 Weir Side, asks about the repairs. Lou Barnes is disabled "
        "and cannot use the stairs.\n",
        set(), {"third_party_personal_data"}, True),
    "employee_grievance_by_job_title": (
        REPORT_HEAD + "1.1 Sam Okafor, Parks Ranger (grade 4), lodged a grievance about a period of sickness absence. "
        "The employee has appealed.\n",
        {1}, {"employee_matter"}, True),
    "employee_suspended_police_informed": (
        REPORT_HEAD + "1.1 Cash was missing from machines emptied by Kit Marsh, Market Supervisor. The employee has been "
        "suspended on full pay. The police have been informed and may bring charges of theft.\n",
        {1, 7}, {"employee_matter"}, True),
    "benefit_fraud_interview_under_caution": (
        REPORT_HEAD + "1.1 Jo Pell of 4 Fern Rise made a claim for council tax support. Jo Pell was interviewed under "
        "caution and denied the offence. The information was given by a neighbour, Ali Kerr, who will be a witness.\n",
        {1, 2, 7}, {"third_party_personal_data"}, True),
    "licence_holder_and_complaining_passenger": (
        REPORT_HEAD + "1.1 Dev Shah has held a hackney carriage licence since 2019. A passenger, Mo Reilly of 2 Kiln Lane, "
        "complained that the driver refused to use the meter.\n",
        {1, 2}, {"third_party_personal_data"}, True),
    "identity_of_reporting_neighbour": (
        REPORT_HEAD + "1.1 The breach was reported by a neighbour, Fran Idle, who has asked that their identity be kept "
        "confidential.\n",
        {2}, {"third_party_personal_data"}, True),
    "complaint_about_you_from_a_resident": (
        "MEMORANDUM\nTo: Cllr Bea North\nFrom: Monitoring Officer\nSubject: complaint\nI have received a complaint about "
        "you from Nia Vale of 9 Orchard Way. The complainant alleges that you were rude.\n",
        {1, 2}, {"third_party_personal_data", "monitoring_officer_correspondence"}, True),
}

PUBLIC = {
    "public_minutes_naming_councillors": (
        "MINUTES of the meeting of the Cabinet held on 3 March 2027\nPresent: Cllr Ann Dee (Chair), Cllr Tom Hale\n"
        "44. HOUSING STRATEGY\nCouncillor Tom Hale introduced the report. Cllr Ann Dee thanked officers. RESOLVED: that "
        "the strategy be approved.\n"),
    "public_licensing_policy_mentioning_complaints": (
        "Report to:\nLicensing Committee\nSubject:\nHackney carriage and private hire licensing policy\n1. Purpose\n"
        "1.1 The policy explains how the Council deals with complaints from passengers about licensed drivers and how a "
        "licence holder may appeal. Complaints are investigated by the licensing team.\n"),
    "political_balance_report_naming_all_groups": (
        "Report to:\nCouncil\nSubject:\nPolitical balance and allocation of seats\n1. Purpose\n"
        "1.1 The Conservative Group has 20 seats, the Labour Group 14 and the Green Group 5. The Labour Group will take "
        "four seats on the Planning Committee and the Greens one.\n"),
    "public_report_naming_its_author": (
        REPORT_HEAD + "1.1 The sickness absence rate across the Council fell to 8.1 days per employee.\n"
        "Contact officer: Lee Brand, Policy Officer, 01632 960100.\n"),
    "grievance_procedure_policy": (
        "Report to:\nEmployment Committee\nSubject:\nGrievance procedure\n1. Purpose\n1.1 The revised procedure sets out "
        "how employees raise a grievance and how an appeal is heard. Employees may be accompanied by a trade union "
        "representative.\n"),
}

WHIP_NOTE = (
    "From: Cllr Zoe Hart <cllr.zoe.hart@eastford.gov.uk>\nTo: cllr.a@eastford.gov.uk; cllr.b@eastford.gov.uk\n"
    "Subject: Whip for Council, 4 May\nColleagues,\nThe whip is on for the budget item: we vote for the recommendations. "
    "I understand the Conservative Group will move an amendment. We vote against it. Labour are likely to abstain.\n"
    "Please tell me if you cannot attend so that I can arrange a pair. Do not discuss our voting intentions with anyone "
    "outside the group.\n"
)


@pytest.mark.parametrize("name", sorted(EXEMPT))
def test_exempt_content(name):
    text, paragraphs, flags, non_public = EXEMPT[name]
    result = classify_pages([text])
    assert paragraphs <= set(result.exempt_paragraphs), result.to_json()
    assert flags <= set(result.flags), result.to_json()
    public = not result.exempt_paragraphs and not result.party_group and not result.needs_review and not (
        set(result.flags) - {"contract_terms"})
    assert public is not non_public


def test_identity_alone_is_paragraph_2_not_1():
    result = classify_pages([EXEMPT["identity_of_reporting_neighbour"][0]])
    assert 1 not in result.exempt_paragraphs


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_counter_examples(name):
    result = classify_pages([PUBLIC[name]], GROUPS)
    assert result.exempt_paragraphs == () and result.party_group is None, result.to_json()
    assert not {"employee_matter", "third_party_personal_data"} & set(result.flags), result.to_json()
    assert not result.needs_review, result.to_json()


def test_whip_note_identified_by_elimination_and_reviewed():
    result = classify_pages([WHIP_NOTE], GROUPS)
    assert result.party_group == "grp-grn"  # the other two are spoken of as others
    assert result.needs_review


def test_whip_note_whose_group_cannot_be_told_is_never_public():
    groups = (*GROUPS, GroupName("grp-ld", ("Liberal Democrat Group",)))
    result = classify_pages([WHIP_NOTE], groups)
    assert result.party_group is None and result.needs_review


@pytest.mark.parametrize("text, kind, name", [
    ("Pat Quigley of 7 Mill Brow was placed in temporary accommodation.", "address", "Pat Quigley"),
    ("Sam Okafor, Parks Ranger (grade 4), lodged a grievance.", "job", "Sam Okafor"),
    ("My constituent, Lou Barnes, asks about the repairs.", "role", "Lou Barnes"),
    ("Dev Shah has held a private hire licence since 2019.", "licence", "Dev Shah"),
    ("I have received a complaint from Nia Vale about the noise.", "complainant", "Nia Vale"),
])
def test_named_people_contexts(text, kind, name):
    found = named_people(Document.from_pages([text])).of_kind(kind)
    assert [person.name for person in found] == [name]


@pytest.mark.parametrize("text", [
    "The Town Hall, 1 Market Street, Eastford EF1 1AA is open daily.",
    "Eastford Borough Council, Planning Officer, will reply.",
    "Cllr Ann Dee of 3 Weir Side Road chaired the meeting.",
])
def test_places_and_councillors_are_not_named_people(text):
    assert named_people(Document.from_pages([text])).found == ()


SAFETY_NET = {
    # name: (text, needs_review)
    "note_naming_a_resident_at_home": (
        "Briefing note\nSubject: parking\nThe scheme was raised by Ola Brent of 5 Cedar Grove at the ward walkabout.\n", True),
    "minutes_naming_a_public_speaker": (
        "MINUTES of the Planning Committee held on 3 March 2027\n12. PUBLIC SPEAKING\nOla Brent, a local resident, spoke "
        "against the application.\n", False),
}


@pytest.mark.parametrize("name", sorted(SAFETY_NET))
def test_safety_net_reviews_personal_signals_outside_public_kinds(name):
    text, needs_review = SAFETY_NET[name]
    result = classify_pages([text])
    assert result.needs_review is needs_review, result.to_json()
