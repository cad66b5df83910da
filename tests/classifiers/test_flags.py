"""The four flags: Monitoring Officer correspondence, employee matters, third-party personal data, contract terms."""

import pytest

from classifiers import classify_pages

MO_MEMO = (
    "Wexcombe Borough Council\nMonitoring Officer \u00b7 Complaint SC/2027/02\nPRIVATE AND CONFIDENTIAL\n"
    "Memorandum\nTo:\nFrom:\nDate:\nSubject:\nCllr Ann Hale\nJane Fielding, Monitoring Officer\n4 March 2027\n"
    "Complaint about your social media post\n1. A complaint has been made about a post on your Facebook page.\n"
    "2. I have decided that no investigation is needed.\nJane Fielding\nMonitoring Officer\n"
)
MO_EMAIL = (
    "From: Jane Fielding <jane.fielding@wexcombe.gov.uk>\nTo: Cllr Amy Porter; Cllr Sam Reid\nDate: 2 March 2027\n"
    "Subject: Interests at Thursday's Planning Committee\nDear Councillors,\n"
    "Please remember to declare any interest in the Higher Barn application before the item.\n"
    "Best wishes\nJane\nJane Fielding\nHead of Legal Services and Monitoring Officer\n"
)
MO_ANNUAL_REPORT = (
    "Report to:\nStandards Committee\nReport of:\nMonitoring Officer\nSubject:\nAnnual report 2026/27\n1. Purpose\n"
    "1.1 To report on complaints received.\nContact officer\nJane Fielding, Monitoring Officer\n"
)
EMAIL_TO_MO = (
    "From: Cllr Sam Reid <cllr.sam.reid@wexcombe.gov.uk>\nTo: Monitoring Officer\nSubject: dispensation request\n"
    "Dear Monitoring Officer,\nI would like a dispensation to speak on the market item.\nSam Reid\n"
)
DISCIPLINARY = (
    "Report to:\nAppointments Committee\nSubject:\nDisciplinary matter\n1. Purpose\n"
    "1.1 Mr Owen Pratt, Senior Technician (grade 7, 12 years' service), was suspended on full pay on 3 January\n"
    "2027 pending a disciplinary hearing about the misuse of a fuel card.\n"
)
PAY_POLICY = (
    "Report to:\nCouncil\nSubject:\nPay Policy Statement 2027/28\n1. Purpose\n"
    "1.1 The Council must publish a pay policy statement each year. Pay awards are negotiated nationally\n"
    "with the trade unions. Redundancy payments are calculated using the statutory table. The Council\n"
    "recognises UNISON and GMB for collective bargaining.\n"
)
GRIEVANCE = (
    "From: HR Casework <hr@wexcombe.gov.uk>\nTo: Dev Mistry <dev.mistry@wexcombe.gov.uk>\n"
    "Subject: grievance GR/27/03 - outcome\nComplainant: Leah Stone, Customer Adviser (grade 3)\n"
    "Respondent: her team leader\nThe grievance about the allocation of overtime is partly upheld. She has been\n"
    "signed off with stress and an occupational health referral has been made.\n"
)
CASEWORK = (
    "From: Cllr Bob Keats <cllr.bob.keats@wexcombe.gov.uk>\nTo: Housing Team <housing@wexcombe.gov.uk>\n"
    "Subject: Mrs Irene Walsh, 27 Brindley Road - disrepair\nI visited my constituent Mrs Irene Walsh at 27 Brindley Road\n"
    "today (mobile 07700 900123). Her daughter has asthma and the damp is getting worse. She is in rent arrears\n"
    "and does not want her landlord to know that she has complained.\n"
)
COUNCILLORS_IN_ROLE = (
    "Report to:\nCouncil\nSubject:\nAppointments to outside bodies\n1. Purpose\n"
    "1.1 Cllr Amy Porter and Cllr Sam Reid are nominated to the Fire Authority. Mr Peter Lamb is reappointed\n"
    "as Independent Person.\n"
)
OLD_NUMBERING_TERMS = (
    "CABINET - 9 JUNE 2003\nNOT FOR PUBLICATION\nExempt information as defined in paragraph 9 of Part I of\n"
    "Schedule 12A to the Local Government Act 1972.\nSUBJECT: TERMS FOR NEGOTIATION - GRANGE PARK CAFE LEASE\n"
)
EXPLICIT_3_WITH_NEGOTIATION = (
    "NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A.\n"
    "Report to:\nCabinet\nSubject:\nDisposal of the Old Library\n1. Purpose\n"
    "1.1 Three bids were received. Officers seek authority to agree a sale at not less than £640,000.\n"
)
EXPLICIT_3_COMPANY_ACCOUNTS = (
    "NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A.\n"
    "Report to:\nScrutiny Committee\nSubject:\nLeisure operator: financial position\n1. Purpose\n"
    "1.1 The operator's management accounts show an operating loss of £220,000 for the half year.\n"
)
RESTRICTED_TEAM_RESTRUCTURE = (
    "NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A.\n"
    "Report to:\nEmployment Committee\nSubject:\nRestructure of the Parks and Open Spaces\nOperations Team\n"
    "1. Purpose\n1.1 To agree a new structure for the service and the costs of the change set out in Appendix A.\n"
)
PUBLIC_TEAM_RESTRUCTURE = RESTRICTED_TEAM_RESTRUCTURE.split("\n", 1)[1]
RESTRICTED_COMPANY_RESTRUCTURE = (
    "NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A.\n"
    "Report to:\nCabinet\nSubject:\nRestructuring of the leisure operator's loan facility\n1. Purpose\n"
    "1.1 The operator has asked the Council to extend the term of its loan by three years.\n"
)

MO_LETTER = (
    "Legal and Democratic Services\nDear Councillor Moss,\nComplaint reference 2028/02\n"
    "I write as Monitoring Officer to let you know that a complaint has been made about you. I have decided to take\n"
    "no further action.\nYours sincerely\nHelen Marsh\n"
)
OFFICER_EMAIL_NAMING_MO = (
    "From: Democratic Services <democracy@wexcombe.gov.uk>\nTo: All Councillors\nSubject: Code of Conduct training\n"
    "Dear Councillors,\nThe Monitoring Officer will deliver Code of Conduct training on 4 March. Please book a place.\n"
    "Democratic Services\n"
)

CASES = {
    # id: (pages, flags)
    "memo from the Monitoring Officer": ([MO_MEMO], {"monitoring_officer_correspondence"}),
    "email signed by the Monitoring Officer": ([MO_EMAIL], {"monitoring_officer_correspondence"}),
    "letter written as Monitoring Officer": ([MO_LETTER], {"monitoring_officer_correspondence"}),
    "the Monitoring Officer's public report": ([MO_ANNUAL_REPORT], set()),
    "an officer's email naming the Monitoring Officer": ([OFFICER_EMAIL_NAMING_MO], set()),
    "an email to the Monitoring Officer": ([EMAIL_TO_MO], set()),
    "an employee's discipline": ([DISCIPLINARY], {"employee_matter"}),
    "the statutory pay policy": ([PAY_POLICY], set()),
    "an employee's grievance": ([GRIEVANCE], {"employee_matter"}),
    "a constituent's casework": ([CASEWORK], {"third_party_personal_data"}),
    "councillors and an independent person in their roles": ([COUNCILLORS_IN_ROLE], set()),
    "old paragraph 9: contract terms": ([OLD_NUMBERING_TERMS], {"contract_terms"}),
    "paragraph 3 with a negotiating limit": ([EXPLICIT_3_WITH_NEGOTIATION], {"contract_terms"}),
    "paragraph 3 without negotiation": ([EXPLICIT_3_COMPANY_ACCOUNTS], set()),
    "a restricted report reorganising a team": ([RESTRICTED_TEAM_RESTRUCTURE], {"employee_matter"}),
    "the same reorganisation reported in public": ([PUBLIC_TEAM_RESTRUCTURE], set()),
    "a restricted report restructuring a company's loan": ([RESTRICTED_COMPANY_RESTRUCTURE], set()),
}


@pytest.mark.parametrize("pages, flags", CASES.values(), ids=CASES.keys())
def test_flags(pages, flags):
    result = classify_pages(pages)
    assert set(result.flags) == flags
    for flag in flags:
        assert any(item.label == f"flag:{flag}" and item.text for item in result.evidence)
