"""The numberings of exempt information that council papers cite, and how each maps to England's.

England's Part 1 (since 2006) is ``text.PARA_DESC``. Wales numbers the same seven categories 12-18
in Part 4; the pre-2006 Part I had fifteen paragraphs (RULES.md gives the mapping). Standards
paragraphs (England 7A-7C of 2008-2012, Wales 18A-18C), Scotland's Schedule 7A and the Public
Bodies (Admission to Meetings) Act 1960 have no England equivalent: a paper restricted under them
is truly restricted but unmapped, so its true label is ``needs_review`` with no paragraph.
The descriptions are summaries in the project's words, close to the statute where it matters.
"""

from __future__ import annotations

WALES_OFFSET = 11          # Wales paragraph 12 is England's 1, ..., 18 is England's 7


def wales(paras) -> list[int]:
    return [p + WALES_OFFSET for p in paras]


# Part 4 of Schedule 12A in Welsh (the statements of Welsh-language pages).
WALES_CY = {
    12: "Gwybodaeth yn ymwneud ag unrhyw unigolyn.",
    13: "Gwybodaeth sy'n debygol o ddatgelu pwy yw unigolyn.",
    14: "Gwybodaeth yn ymwneud â materion ariannol neu fusnes unrhyw berson penodol (gan gynnwys yr awdurdod sy'n dal y wybodaeth honno).",
    15: "Gwybodaeth yn ymwneud ag unrhyw ymgynghori neu drafodaethau, neu ymgynghori neu drafodaethau a ystyrir, mewn cysylltiad ag unrhyw fater cysylltiadau llafur rhwng yr awdurdod a'i gyflogeion.",
    16: "Gwybodaeth y gellid cynnal hawliad i fraint broffesiynol gyfreithiol mewn cysylltiad â hi mewn achos cyfreithiol.",
    17: "Gwybodaeth sy'n datgelu bod yr awdurdod yn bwriadu rhoi hysbysiad o dan unrhyw ddeddfiad, neu wneud gorchymyn neu gyfarwyddyd o dan unrhyw ddeddfiad.",
    18: "Gwybodaeth yn ymwneud ag unrhyw gamau a gymerwyd neu sydd i'w cymryd mewn cysylltiad ag atal trosedd, ymchwilio iddi neu erlyn.",
}

# Pre-2006 Part I: fifteen paragraphs.
OLD_DESC = {
    1: "information relating to a particular employee, former employee or applicant to become an employee of, or a particular office-holder under, the authority",
    2: "information relating to a particular employee or officer of a magistrates' court committee or probation committee",
    3: "information relating to any particular occupier or former occupier of, or applicant for, accommodation provided by or at the expense of the authority",
    4: "information relating to a particular applicant for, or recipient or former recipient of, any service provided by the authority",
    5: "information relating to a particular applicant for, or recipient or former recipient of, any financial assistance provided by the authority",
    6: "information relating to the adoption, care, fostering or education of any particular child",
    7: "information relating to the financial or business affairs of any particular person (other than the authority)",
    8: "the amount of any expenditure proposed to be incurred by the authority under any particular contract for the acquisition of property or the supply of goods or services",
    9: "any terms proposed or to be proposed by or to the authority in the course of negotiations for a contract for the acquisition or disposal of property or the supply of goods or services",
    10: "the identity of the authority as the person offering any particular tender for a contract for the supply of goods or services",
    11: "information relating to any consultations or negotiations in connection with any labour relations matter arising between the authority and its employees",
    12: "any instructions to counsel and any opinion of counsel, and any advice received, information obtained or action to be taken in connection with any legal proceedings",
    13: "information which, if disclosed, would reveal that the authority proposes to give a notice imposing requirements on a person, or to make an order or direction",
    14: "information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime",
    15: "the identity of a protected informant",
}
OLD_TO_ENGLAND = {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 3, 8: 3, 9: 3, 10: 3, 11: 4, 12: 5, 13: 6, 14: 7, 15: 2}
OLD_CONTRACT_TERMS = 9     # old paragraph 9 is terms proposed in negotiations: contract_terms

# Who a topic's paragraph 1 person is under the old scheme (employee 1, occupier 3, service user 4).
OLD_PERSON = {"tenant": 3, "grievance": 1, "taxi": 4, "fraud_ctax": 4, "fraud_staff": 1, "hardship": 5}


def old_paragraphs(topic: str, paras, contract_terms: bool) -> list[int]:
    """The pre-2006 paragraphs a clerk of the time would have cited for a topic's England paragraphs."""
    out = []
    for p in paras:
        if p == 1:
            out.append(OLD_PERSON.get(topic, 4))
        elif p == 3:
            out.append(OLD_CONTRACT_TERMS if contract_terms else 7)
        else:
            out.append({2: 15, 4: 11, 5: 12, 6: 13, 7: 14}[p])
    return sorted(set(out))


# Numberings with no England equivalent.
STANDARDS_ENGLAND = {
    "7A": "Information which is subject to any obligations of confidentiality.",
    "7B": "Information which relates in any way to matters concerning national security.",
    "7C": "The deliberations of a standards committee, or of one of its sub-committees, in reaching a finding on a matter referred to it.",
}
STANDARDS_WALES = {
    "18A": "Information which is subject to any obligations of confidentiality.",
    "18B": "Information which relates in any way to matters concerning national security.",
    "18C": "The deliberations of a standards committee, or of one of its sub-committees, in reaching a finding on a matter referred to it.",
}
# Schedule 7A to the Local Government (Scotland) Act 1973 (a selection).
SCOTLAND_7A = {
    1: "Information relating to a particular employee, former employee or applicant to become an employee of the authority.",
    6: "Information relating to the financial or business affairs of any particular person, other than the authority.",
    8: "The amount of any expenditure proposed to be incurred by the authority under a particular contract for the acquisition of property or the supply of goods or services.",
    9: "Any terms proposed or to be proposed by or to the authority in the course of negotiations for a contract.",
    11: "Information relating to consultations or negotiations in connection with a labour relations matter, where disclosure would prejudice the authority.",
    12: "Instructions to counsel, opinions of counsel and advice received in connection with legal proceedings.",
    14: "Information relating to action taken or to be taken in connection with the prevention, investigation or prosecution of crime.",
}
ACT_1960 = "the Public Bodies (Admission to Meetings) Act 1960"

# The seven categories in the words a constitution or guidance note uses when it recites them.
PLAIN = {
    1: "information about a particular person",
    2: "information that would identify a particular person",
    3: "information about the financial or business affairs of any particular person, including the Council",
    4: "information about consultations or negotiations with employees or their trade unions on labour relations matters",
    5: "information covered by legal professional privilege",
    6: "information showing that the Council intends to serve a notice or make an order or direction",
    7: "information about the prevention, investigation or prosecution of crime",
}
