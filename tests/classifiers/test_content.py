"""Where nothing is declared, the content decides; what looks exempt goes to review with its paragraphs."""

import pytest

from classifiers import classify_pages

HEAD = "Report to:\nCabinet\nDate of meeting:\n7 April 2027\nReport of:\nHead of Assets\n"

CASES = {
    # id: (pages, exempt_paragraphs, flags, needs_review)
    "tender evaluation with named bidders' prices": ([
        "Appendix C\nHighways Maintenance Contract: tender evaluation\n1. Tenders received\n"
        "Tenderer Annual price Score\nRoadline Surfacing Ltd £1,204,000 84.5\nKestrel Civils Ltd £1,262,500 80.1\n"
        "Mercer and Daughters LLP £1,310,000 77.9\n2. Clarifications\nRoadline's price was tested as abnormally low.\n"
    ], [3], {"contract_terms"}, True),
    "a company's accounts provided in confidence": ([
        "Briefing note for the Chair of Scrutiny\nLeisure operator: financial position\n"
        "The operator's management accounts, provided in confidence, show an operating loss of £410,000 and its\n"
        "auditors have raised a material uncertainty about going concern.\n"
    ], [3], set(), True),
    "negotiating position for a lease": ([
        HEAD + "Subject:\nCanal Basin units: lease renewal\n1. Purpose\n"
        "1.1 Officers propose heads of terms for a new 15-year lease with a rent-free period of six months.\n"
        "1.2 The negotiating position is a rent of £48,000 a year, with authority up to £42,000 if needed.\n"
    ], [3], {"contract_terms"}, True),
    "note of a meeting with a landowner on price": ([
        "Note of meeting with Harcourt Estates Ltd, 9 February 2027\nAttendees: Head of Assets, two directors of Harcourt\n"
        "Harcourt said it would accept £1.8m for the freehold if the council takes a leaseback of the shop units.\n"
        "Officers will ask Cabinet for authority to negotiate up to £2m.\n"
    ], [3], {"contract_terms"}, True),
    "an unnamed licence applicant's caution and conviction": ([
        "Licensing Sub-Committee, 4 April 2027\nApplication for a private hire driver's licence: reference LIC/27/118\n"
        "The applicant, aged 34, disclosed a caution for common assault in 2022 and a conviction for careless driving in 2024.\n"
        "He says the assault arose from a family dispute.\n"
    ], [1], {"third_party_personal_data"}, True),
    "coins a car park machine will accept": ([
        HEAD + "Subject:\nCar park charges\n1.1 The machines will accept £1 and £2 coins and cards. The price of a day ticket "
        "rises to £6.\n"
    ], [], set(), False),
    "notes of a meeting with the trade unions": ([
        "NOTES OF MEETING: MANAGEMENT SIDE AND TRADE UNION SIDE\nSubject: weekend working allowance\n"
        "1. The management side set out its proposal to end the weekend enhancement from April.\n"
        "2. The trade union side said the change needed agreement, not consultation. UNISON said it could not\n"
        "rule out an indicative ballot.\n3. Management indicated, without commitment, that protection could be extended.\n"
    ], [4], set(), True),
    "counsel's opinion without a statement": ([
        HEAD + "Subject:\nThreatened judicial review: Northfield depot\n1. Purpose\n"
        "1.1 The Council instructed Mr Adam Reeve KC to advise on the pre-action protocol letter.\n"
        "1.2 Summary of counsel's opinion: the prospects of the claim succeeding are low, below 25%, and the\n"
        "Council's costs exposure is capped at £35,000.\n"
    ], [5], set(), True),
    "compulsory purchase before the owners are told": ([
        HEAD + "Subject:\nTown centre: land assembly\n1. Purpose\n"
        "1.1 To seek a resolution in principle to make a compulsory purchase order for the land shown on the plan.\n"
        "1.2 The owners and occupiers have not yet been told that their interests may be included in the order.\n"
    ], [6], set(), True),
    "a decision to prosecute a named person": ([
        "Officer decision record ODR/27/014\nDecision to prosecute Mr Dean Carver for fly-tipping at Mill Pond Lane.\n"
        "Name: Dean Carver\nDate of birth: 4 June 1988\nAddress: 14 Sorrel Close, Westfield\n"
        "Mr Carver was interviewed under caution on 2 February 2027 and made no comment.\n"
    ], [1, 7], {"third_party_personal_data"}, True),
    "an employee's grievance": ([
        "From: HR Casework <hr@wexcombe.gov.uk>\nTo: Dev Mistry <dev.mistry@wexcombe.gov.uk>\n"
        "Subject: grievance outcome (Leah Stone)\nComplainant: Leah Stone, Customer Adviser (grade 3)\n"
        "The grievance about comments on her disability is upheld. She has been signed off with stress.\n"
    ], [1], {"employee_matter"}, True),
    "register of objectors with addresses": ([
        "Register of representations - full export (internal use)\n"
        "R001 | Mrs Ellen Rigby | 4 Canal Street, Westfield | Object\nR002 | Mr Ravi Shah | 9 Canal Street, Westfield | Object\n"
        "R003 | Ms Dora Lake | 2 Lock Cottages, Westfield | Support\nR004 | Anonymous (name withheld at request) | Object\n"
    ], [1, 2], {"third_party_personal_data"}, True),
    "bidders' table without company suffixes": ([
        "Appendix 2\nTender evaluation - grounds maintenance\nBidder | Price | Quality | Total\n"
        "GreenScape | £412,000 | 38 | 91\nParkway Services | £438,500 | 36 | 86\nEvergreen Contractors | £451,200 | 35 | 83\n"
        "The panel's moderated scores are shown above.\n"
    ], [3], {"contract_terms"}, True),
    "informal consultative committee minutes": ([
        "MINUTES OF THE JOINT CONSULTATIVE COMMITTEE (INFORMAL)\nHeld on 3 March 2028\n"
        "Present: Management side - Director of Resources, HR Lead. Trade union side - UNISON, Unite.\n"
        "1. Management side tabled a revised offer on car allowances. The trade union side rejected the offer.\n"
        "2. Management indicated, without commitment, that the lump sum could be protected for a further year.\n"
    ], [4], set(), True),
    "a housing appeal about a named applicant": ([
        "Housing Review Panel\nAppeal by Ms Shona Reid against her banding\n"
        "1. Ms Reid lives at 14 Alder Court with her three children. Her GP has written in support of her appeal.\n"
        "2. Ms Reid has rent arrears of £900 with her private landlord.\n"
    ], [1], {"third_party_personal_data"}, True),
    "a former employee arrested": ([
        "Report to:\nAudit Committee\nSubject:\nInvestigation update\n1. Purpose\n"
        "1.1 Mr Lee Shaw, a former employee, was arrested in December on suspicion of fraud.\n"
    ], [1, 7], {"employee_matter"}, True),
    "solicitors' advice on a claim": ([
        HEAD + "Subject:\nClaim by a former contractor\n1. Purpose\n"
        "1.1 The Council's solicitors advise that the claim has a 40% chance of success and that the Council's\n"
        "adverse costs exposure could reach £90,000.\n"
    ], [5], set(), True),
    # Public papers: no paragraphs, no review.
    "budget report": ([
        HEAD + "Subject:\nBudget 2027/28\n1. Purpose\n1.1 To propose a council tax rise of 2.99%.\n"
        "1.2 The budget gap is £1.4 million, closed by savings of £0.9 million and reserves of £0.5 million.\n"
    ], [], set(), False),
    "licensing policy on convictions": ([
        "Report to:\nLicensing Committee\nSubject:\nSuitability policy\n1. Purpose\n"
        "1.1 The policy explains how the Council treats convictions, cautions, arrests and police information.\n"
        "1.2 Applicants with a conviction for violence will not normally be licensed for ten years.\n"
    ], [], set(), False),
    "public planning report that mentions privileged advice": ([
        "Report to:\nPlanning Committee\nSubject:\nApplication 27/0104/FUL, Station Yard\n1. Proposal\n"
        "1.1 Solicitors for a residents' group say the sequential test was not applied. The Council has taken\n"
        "legal advice, which is privileged and has been provided to Members separately.\n"
        "1.2 Section 106 heads of terms: 30% affordable housing and £120,000 towards school places.\n"
    ], [], set(), False),
    "public procurement report naming the winner": ([
        HEAD + "Subject:\nWaste contract award\nExempt information: None in this report.\n1. Purpose\n"
        "1.1 Four tenders were received. Prices are commercially sensitive and are set out in the exempt appendix.\n"
        "1.2 The contract is recommended for award to Roadline Surfacing Ltd, within the budget of £3.9 million.\n"
    ], [], set(), False),
    "public minutes with a named questioner": ([
        "Minutes of the meeting of the Council held on 3 March 2027\n12. PUBLIC QUESTIONS\n"
        "Mrs Joan Pell, a resident of Northfield, asked about potholes on Station Road. The Portfolio Holder\n"
        "replied that repairs were planned for April.\n"
    ], [], set(), False),
    "disciplinary policy for all staff": ([
        "Report to:\nStaffing Committee\nSubject:\nRevised Disciplinary Policy\n1. Purpose\n"
        "1.1 The policy sets out how managers handle allegations of misconduct, suspension and disciplinary hearings.\n"
        "1.2 An employee may be accompanied by a trade union representative. UNISON supports the revised policy.\n"
    ], [], set(), False),
    "procurement strategy before any bids": ([
        HEAD + "Subject:\nLeisure contract: procurement strategy\n1. Purpose\n"
        "1.1 Bids will be evaluated 60% on price and 40% on quality. The estimated value is £1.2 million a year.\n"
    ], [], set(), False),
    "licensing minutes naming the police and the licence holder": ([
        "Record of the meeting of the Licensing Committee held on 5 April 2028\n14 REVIEW OF PREMISES LICENCE\n"
        "Sergeant Paul Hewitt said there had been six assaults outside the premises since January. Mr Gareth Price,\n"
        "the licence holder, said he had employed extra door staff. It was resolved that the licence be suspended.\n"
    ], [], set(), False),
    "enforcement notice already served": ([
        "Report to:\nPlanning Committee\nSubject:\nEnforcement update\n1. Purpose\n"
        "1.1 An enforcement notice was served on 4 March 2028 requiring the removal of the containers at Kiln Farm.\n"
        "1.2 Three complaints about unauthorised signs have been received this quarter.\n"
    ], [], set(), False),
    "draft policy for the administration": ([
        "DRAFT v0.2 - emerging policy for discussion with the Portfolio Holder\nHousing Allocations Policy\n"
        "1. Applicants with an urgent medical need or fleeing domestic abuse are placed in Band A.\n"
        "2. Legal advice will be sought on the equality implications before consultation.\n"
    ], [], set(), False),
}


@pytest.mark.parametrize("pages, paragraphs, flags, review", CASES.values(), ids=CASES.keys())
def test_content(pages, paragraphs, flags, review):
    result = classify_pages(pages)
    assert list(result.exempt_paragraphs) == paragraphs
    assert set(result.flags) == flags
    assert result.needs_review == review
    for number in paragraphs:
        assert any(item.label == f"paragraph:{number}" and item.check.startswith("content:") for item in result.evidence)
