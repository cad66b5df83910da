"""Content cues for Schedule 12A paragraphs when a document states nothing about itself.

Each paragraph has weighted cues for what the information is, not for the topic: a
tender report is not exempt because it mentions tenders, but a table of named bidders'
prices is. Paragraphs 1 and 2 come from the people in the document (people.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .cues import NAMED_PERSON, PARTICULAR_PERSON, Score, compile_cue, named_people, score_cues
from .model import CONTRACT_TERMS, Evidence
from .people import IDENTITY_PROTECTED, People
from .text import Document

PARAGRAPH_THRESHOLD = 3  # this much points to the paragraph
WEAK_THRESHOLD = 2  # this much, short of the threshold, is worth a look

_COMPANY = re.compile(r"(?-i:\b[A-Z][\w&'-]*(?:\s+(?:\(?[A-Z][\w&'()-]*|&|and|of)){0,6}\s+(?:Ltd|Limited|LLP|plc|PLC|LLC|Inc)\b)")
_BIDDING = re.compile(r"\b(?:bid\w*|tender\w*|offer(?:s|or|ors)?)\b", re.I)
_BIDDERS_TABLE = re.compile(r"^(?:bidder|tenderer|offeror|applicant|company|organisation)s?\b.{0,40}\b(?:price|bid|offer|sum)", re.I | re.M)
_MONEY = re.compile(r"£\s?\d[\d,.]*(?:\s?(?:m|million|bn|k)\b)?")
_CONTRACT_WORDS = re.compile(
    r"\b(?:contract|purchase|sale|dispos\w+|acqui\w+|lease|leaseback|freehold|leasehold|bid\w*|tender\w*|settle\w*|claim|price"
    r"|consideration|offer|terms)\b", re.I
)
_LABOUR_WORDS = re.compile(r"\b(?:unions?|UNISON|GMB|Unite|staff\s+side|pay\s+protection|grading)\b", re.I)

_PARAGRAPH_3 = (
    compile_cue("negotiating_position", 3,
                r"\bnegotiating\s+(?:position|limits?|mandate|authority|strategy|buffer|parameters)|\bopening\s+(?:position|offer|bid)"
                r"|\b(?:minimum|maximum)\s+(?:acceptable\s+)?(?:price|sum|figure|consideration|offer)|\bwalk[- ]away\s+(?:price|position)"
                r"|\breserve\s+(?:price|bidder)|\bauthority\s+up\s+to\s+£|\b(?:not|no)\s+less\s+than\s+£|\bnot\s+exceeding\s+£"
                r"|\bup\s+to\s+a\s+maximum\s+of\s+£|\b(?:bids?|offer)\s+up\s+to\s+£|\bheads\s+of\s+terms\s+agreed\s+at"
                r"|\bterms\s+(?:for|of)\s+negotiation|\bnegotiate\s+to\s+acquire|\bopen\s+at\s+£|\bnegotiate\s+up\s+to\s+£"
                r"|\b(?:would|will|is\s+prepared\s+to|are\s+prepared\s+to)\s+accept\s+£[\d,.]+\s?(?:m|million|k)?\s+for\b",
                near=_CONTRACT_WORDS, reach=250),
    compile_cue("settlement", 3,
                r"\bsettle\w*\s+(?:the\s+claim\s+)?(?:for|at)\s+(?:a\s+sum\s+)?(?:not\s+exceeding\s+|up\s+to\s+|of\s+)?£"
                r"|\bfull\s+and\s+final\s+settlement|\bsettlement\s+(?:offer|sum|figure)"),
    compile_cue("tender_evaluation", 2,
                r"\btender\s+evaluation|\babnormally\s+low|\bevaluation\s+(?:panel|scores?)|\bmoderated\s+(?:consensus\s+)?scores?"
                r"|\bquality\s+scores?|\bprice\s+and\s+quality\s+scores"),
    compile_cue("company_accounts", 2,
                r"\bmanagement\s+accounts|\bfiled\s+accounts|\boperating\s+(?:loss|profit)|\bgroup\s+loss|\bloss-making|\bnet\s+liabilities"
                r"|\bbalance\s+sheet|\bcurrent\s+assets\s+to\s+current\s+liabilities|\bprofit\s+margin"),
    compile_cue("insolvency_risk", 2,
                r"\bgoing\s+concern|\bin\s+administration\b|\badministrators\b|\breceivership|\bliquidat\w+|\bsecured\s+debt"
                r"|\bcash[- ]flow\s+(?:reasons|difficulties|problems|pressures)"),
    compile_cue("commercial_confidence", 2,
                r"\bprovided\s+(?:\w+\s+){0,3}(?:in\s+(?:commercial\s+)?confidence|on\s+a\s+(?:commercial|confidential)\s+basis)"
                r"|\bcommercial(?:ly)?\s+(?:in\s+)?confiden(?:ce|tial)|\bcommercially\s+sensitive"),
    compile_cue("lease_terms", 2,
                r"(?<!106\s)\bheads\s+of\s+terms\b|\brent[- ]free\s+period|\bbreak\s+clause|\bpremium\s+of\s+£|\bproposed\s+(?:lease\s+)?terms\b"
                r"|\bterms\s+(?:agreed|offered|proposed)\s+(?:with|by|to)\b|\brent\s+of\s+£[\d,]+\s+(?:a|per)\s+(?:year|annum)"),
    compile_cue("provisional_price", 2,
                r"£[\d,.]+(?:\s?m(?:illion)?)?[^.]{0,80}\bsubject\s+to\s+contract|\bsubject\s+to\s+contract[^.]{0,80}£[\d,.]+",
                requires=("subject to contract",)),
    compile_cue("bidders", 1, r"\bpreferred\s+bidder\b|\bbest\s+and\s+final\s+offers?\b|\bBAFO\b|\bsecond[- ]placed\s+bid"),
    compile_cue("valuation", 2, r"\b(?:independent|red\s+book|market|council)\s+valuation\b|\bvalued\s+at\s+£"),
    compile_cue("financial_standing", 1,
                r"\bfinancial\s+standing|\bcredit\s+rating|\bparent\s+company\s+guarantee|\bperformance\s+bond|\bturnover\s+of\s+£"),
)
# Paragraph 3 information that is terms proposed in negotiations for a contract (`contract_terms`).
_CONTRACT_TERMS_CUES = frozenset({
    "content:negotiating_position", "content:settlement", "content:competing_bids", "content:tender_evaluation",
    "content:lease_terms", "content:bidders", "content:provisional_price",
})

_PARAGRAPH_4 = (
    compile_cue("management_and_union_sides", 3,
                r"\bmanagement\s+side\b[\s\S]{0,400}?\b(?:trade\s+)?unions?\s+side\b|\b(?:trade\s+)?unions?\s+side\b[\s\S]{0,400}?\bmanagement\s+side\b",
                requires=("side",)),
    compile_cue("negotiating_mandate", 3,
                r"\bnegotiating\s+(?:mandate|position|limits)|\bcollective\s+agreement\s+(?:on|with)|\bnegotiate\s+a\s+collective\s+agreement",
                near=_LABOUR_WORDS, reach=400),
    compile_cue("failure_to_agree", 3, r"\bfailure\s+to\s+agree\b|\bformal\s+dispute\b|\bdismissal\s+and\s+re-?engagement|\bfire\s+and\s+rehire"),
    compile_cue("industrial_action", 2, r"\bindustrial\s+action\b|\b(?:indicative|strike|formal)\s+ballot\b|\bballot\s+(?:for|on)\b"),
    compile_cue("union_positions", 2,
                r"\b(?:trade\s+unions?|unions?)\s+(?:have\s+|has\s+)?(?:asked|opposed|proposed|said|want|sought|claim|rejected|registered|"
                r"would\s+want)\b|\b(?:UNISON|GMB|Unite)\s+(?:has\s+|have\s+)?(?:said|asked|opposed|would|want|will\s+support|proposed)\b"),
    compile_cue("management_offer", 2,
                r"\bmanagement\s+(?:side\s+)?(?:has\s+)?(?:offered|indicated|proposes?|proposal)\b|\bwithout\s+commitment\b"
                r"|\boffer\s+to\s+the\s+(?:trade\s+)?unions"),
    compile_cue("collective_consultation", 1, r"\bcollective\s+consultation|\bjoint\s+consultative\s+committee|\bJCC\b|\bstaff\s+side\b"),
)

_PARAGRAPH_5 = (
    compile_cue("counsel_opinion", 2,
                r"\bcounsel's\s+(?:opinion|advice)|\bopinion\s+of\s+counsel|\badvice\s+of\s+counsel|\bcounsel\s+(?:advises|advised|considers|puts|"
                r"estimates|is\s+of\s+the\s+view)|\binstructions\s+to\s+counsel|\binstructed\s+[^.]{0,60}?\b(?:KC|QC)\b"),
    compile_cue("advice_substance", 3,
                r"\b(?:prospects?|chances?|likelihood)\s+of\s+(?:success|succeeding|winning|recovering"
                r"|(?:this|the|that|a|its)\s+(?:ground|claim|appeal|challenge|defence))"
                r"|\b(?:their|the|our|counsel's|this)\s+advice,?\s+(?:summarised\s+here|in\s+summary|is\s+that)"
                r"|\bsummary\s+of\s+(?:counsel's|the\s+legal|legal)\s+(?:opinion|advice)"),
    compile_cue("litigation_risk", 2,
                r"\brisk\s+of\s+(?:a\s+)?successful\s+(?:challenge|claim|appeal)|\badverse\s+costs\s+exposure|\bcosts\s+exposure|\blitigation\s+risk"
                r"|\bexposure\s+to\s+(?:costs|damages)|\bstrength\s+of\s+(?:the|our|its)\s+(?:case|position)"),
    compile_cue("legal_assessment", 2,
                r"\b(?:the\s+council(?:'s)?|our|its)\s+(?:defence|case|position)\s+is\s+(?:strong|weak|good|arguable|finely\s+balanced)"
                r"|\blikely\s+to\s+(?:succeed|fail)\s+(?:at|in|on|before)\b|\bpotential\s+liability\s+(?:of|is|would)\b"),
    compile_cue("solicitors_advise", 2,
                r"\b(?:solicitors?|counsel|legal\s+advisers?|external\s+lawyers)\s+(?:\w+\s+){0,4}?advis(?:e|es|ed)\s+that\b"),
    compile_cue("privilege", 1, r"\blegal(?:ly)?\s+(?:professional\s+)?privilege[d]?\b|\bprivileged\b|\bwithout\s+prejudice\b"),
    compile_cue("claim_threatened", 1, r"\bletter\s+of\s+claim|\bpre-action\s+protocol|\bthreatened\s+(?:judicial\s+review|claim|proceedings)"),
)

_PARAGRAPH_6 = (
    compile_cue("order_in_principle", 3,
                r"\bresol(?:ve|ves|ved|ution)\s+in\s+principle\s+to\s+make\b|\bin\s+principle\s+to\s+make\s+(?:a|an|the)\b[^.]{0,40}\border\b"),
    compile_cue("not_yet_notified", 3,
                r"\b(?:have|has)\s+not\s+(?:yet\s+)?been\s+(?:told|informed|notified|advised)\b"
                r"|\bbefore\s+(?:the\s+)?(?:notices?|orders?)\s+(?:is\s+|are\s+|has\s+|have\s+)?(?:been\s+)?(?:served|made|issued)"
                r"|\bfrustrate\b|\bforewarn\w*|\btip(?:ping)?\s+off"),
    compile_cue("authority_to_serve", 2,
                r"\b(?:authori[sz]ed?|authority|approval|delegated)\s+to\s+(?:issue|serve|make|give)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,4}"
                r"(?:notice|order|direction)s?\b"),
    compile_cue("notice_to_be_served", 2,
                r"\b(?:stop|enforcement|breach\s+of\s+condition|abatement|prohibition|closure|improvement|demolition|completion"
                r"|community\s+protection|section\s+\d+\w*)\s+notices?\s+(?:be|is\s+to\s+be|will\s+be)\s+(?:served|issued)"),
    compile_cue("proposed_order", 2,
                r"\bpropos(?:es|ed|ing)\s+to\s+(?:make|serve|issue|give)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,4}(?:notice|order|direction)\b"
                r"|\bproposed\s+to\s+be\s+included\s+in\s+the\s+order"),
)
# A proposed notice or order is exempt while it is still a surprise to the person it binds.
_PARAGRAPH_6_REQUIRED = ("order_in_principle", "not_yet_notified")

_PARAGRAPH_7 = (
    compile_cue("arrest", 3, r"\barrested\b|\bon\s+suspicion\s+of\b|\breleased\s+under\s+investigation\b", near=PARTICULAR_PERSON),
    compile_cue("interview_under_caution", 3, r"\binterview(?:ed)?\s+under\s+caution\b", near=PARTICULAR_PERSON),
    compile_cue("crime_reference", 3, r"\bcrime\s+(?:reference|ref\.?|number)\b"),
    compile_cue("decision_to_prosecute", 3,
                r"\b(?:decision|decided|resolved|recommended)\s+to\s+prosecute\b|\binstitute\s+(?:criminal\s+)?proceedings\s+against\b"
                r"|\bprosecution\s+of\s+(?:Mr|Mrs|Ms|Miss|Dr)\b"),
    compile_cue("police_involvement", 2,
                r"\b(?:reported|referred|notified)\s+(?:the\s+matter\s+)?to\s+(?:the\s+)?(?:[A-Z][a-z]+\s+)*Police\b"
                r"|\bpolice\s+(?:notified|disclosed|have\s+asked|(?:are|were)\s+investigating)\b|\b(?:police|criminal)\s+investigation\b"
                r"|\bpolice\s+(?:have|has|had|were|was)\s+(?:been\s+)?(?:informed|notified|contacted|told|called)\b"
                r"|\b(?:informed|notified|contacted|told|called)\s+the\s+police\b",
                near=PARTICULAR_PERSON, reach=300),
    compile_cue("fraud_investigation", 2,
                r"\b(?:fraud|theft|criminal)\s+(?:investigation|allegations?|offences?)\b|\bunder\s+investigation\s+for\b"
                r"|\bcharged\s+with\b|\bcharges?\s+of\s+(?:theft|fraud|assault|burglary|criminal\s+damage|false\s+accounting|dishonesty)\b"
                r"|\bbring\s+(?:criminal\s+)?charges\b",
                near=PARTICULAR_PERSON, reach=300),
    compile_cue("caution_record", 2, r"\b(?:received|accepted|given)\s+a\s+(?:simple\s+|conditional\s+)?caution\b|\bcaution\s+for\s+[a-z]+"),
    compile_cue("prosecution_tests", 1, r"\bCode\s+for\s+Crown\s+Prosecutors|\brealistic\s+prospect\s+of\s+conviction"),
)

_COUNCILLOR_COMPLAINT = compile_cue(
    "councillor_complaint", 3,
    r"\bcomplaint\s+(?:[\w/]+\s+){0,2}(?:against|about)\s+(?:Cllr|Councillor)\s+[A-Z]"
    r"|\b(?:Cllr|Councillor)\s+[A-Z]\w+(?:\s+[A-Z]\w+)?\s+(?:breached|has\s+breached|failed\s+to\s+(?:treat|comply|declare|register))"
    r"|\b(?:[Cc]omplaint|[Aa]llegations?)\s+(?:[\w/]+\s+){0,2}(?:about|against)\s+you\b[^.]{0,80}\b(?:from|by|made)\b",
    flags=0,
)
_IDENTITY_PROTECTED = compile_cue("identity_protected", 3, IDENTITY_PROTECTED)
_NAMED_COMPLAINANT = compile_cue(
    "named_complainant", 3,
    r"\b(?:complained|complains|objects|objected|gave\s+evidence|witness(?:es)?|victim)\b",
    near=NAMED_PERSON,
)


@dataclass(frozen=True)
class ContentFindings:
    scores: dict[int, Score]
    contract_terms: Evidence | None

    def paragraphs(self, threshold: int = PARAGRAPH_THRESHOLD) -> dict[int, Score]:
        return {number: score for number, score in self.scores.items() if score.total >= threshold}


def find_content(doc: Document, people: People) -> ContentFindings:
    scores = {
        3: score_cues(doc, _PARAGRAPH_3, "paragraph:3"),
        4: score_cues(doc, _PARAGRAPH_4, "paragraph:4"),
        5: score_cues(doc, _PARAGRAPH_5, "paragraph:5"),
        6: score_cues(doc, _PARAGRAPH_6, "paragraph:6"),
        7: score_cues(doc, _PARAGRAPH_7, "paragraph:7"),
    }
    _add_competing_bids(doc, scores[3])
    if scores[4].total >= PARAGRAPH_THRESHOLD:
        # A negotiating position with the unions is paragraph 4, not a contract's terms.
        scores[3] = scores[3].without(lambda item: item.check == "content:negotiating_position" and bool(_LABOUR_WORDS.search(item.text)))
    if not scores[6].fired(*_PARAGRAPH_6_REQUIRED):
        scores[6].cap = WEAK_THRESHOLD
    scores[1] = _individuals(doc, people, scores[7])
    scores[2] = _identities(doc, people)
    contract_terms = next(
        (replace(item, label=f"flag:{CONTRACT_TERMS}") for item in scores[3].evidence if item.check in _CONTRACT_TERMS_CUES),
        None,
    )
    return ContentFindings(scores, contract_terms)


def _add_competing_bids(doc: Document, score: Score) -> None:
    """Bidders with their prices: three sums on a page, with two named companies or a bidders' table heading."""
    for page in doc.pages:
        if len(_MONEY.findall(page.text)) < 3 or not _BIDDING.search(page.text):
            continue
        companies = list(_COMPANY.finditer(page.text))
        anchor = _BIDDERS_TABLE.search(page.text) or (companies[0] if len({m.group() for m in companies}) >= 2 else None)
        if anchor:
            score.add(Evidence("paragraph:3", page.excerpt(*anchor.span()), page.number, "content:competing_bids"), PARAGRAPH_THRESHOLD)
            return


# Who someone is, or how to reach them, without anything about them.
_IDENTITY_ONLY = frozenset({"content:identity_protected", "content:member_of_public", "content:personal_email", "content:personal_phone"})


def _individuals(doc: Document, people: People, crime: Score) -> Score:
    """Paragraph 1: a member of the public's personal data, an employee's case, a councillor under complaint, a suspect."""
    score = Score()
    # Who someone is (their identity protected, their role) is paragraph 2; paragraph 1 needs information about them.
    about_them = people.third_party.without(lambda item: item.check in _IDENTITY_ONLY)
    for found, evidence in ((about_them.total >= PARAGRAPH_THRESHOLD, about_them.evidence),
                            (people.employee_matter, people.employee.evidence)):
        if found:
            score.add(replace(evidence[0], label="paragraph:1"), PARAGRAPH_THRESHOLD)
    score.hits.extend(score_cues(doc, (_COUNCILLOR_COMPLAINT,), "paragraph:1").hits)
    if crime.total >= PARAGRAPH_THRESHOLD and crime.fired("arrest", "interview_under_caution"):
        score.add(replace(crime.evidence[0], label="paragraph:1"), PARAGRAPH_THRESHOLD)
    return score


# A member of the public named as one of these is identified as a source of information (paragraph 2).
_COMPLAINANT_ROLES = frozenset({"complainant", "witness", "objector", "victim", "whistleblower"})


def _identities(doc: Document, people: People) -> Score:
    """Paragraph 2: who complained, objected, gave evidence or was a victim, among members of the public."""
    if not people.third_party_personal_data:
        return Score()
    score = score_cues(doc, (_IDENTITY_PROTECTED, _NAMED_COMPLAINANT), "paragraph:2")
    complainants = named_people(doc).of_kind("complainant") + [
        person for person in named_people(doc).of_kind("role") if person.role in _COMPLAINANT_ROLES]
    if complainants:
        found = complainants[0]
        score.add(Evidence("paragraph:2", found.excerpt, found.page, "content:named_complainant"), PARAGRAPH_THRESHOLD)
    for item in people.third_party.evidence:
        if item.check in ("content:complaint_by_person", "content:register"):
            score.add(replace(item, label="paragraph:2"), PARAGRAPH_THRESHOLD)
            break
    return score


