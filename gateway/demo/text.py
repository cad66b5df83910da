"""Text helpers for the demo documents: dates, Schedule 12A statements, neutral filler,
shared appendix pages and pagination.

Pages are held one paragraph per line (``\n`` between blocks); the writer wraps them for the files.
Nothing in the neutral filler may name a matter keyword, a party group, an exemption or a person:
those come only from the document templates, so that labels and matters stay true.
"""

from __future__ import annotations

import random
from datetime import date

from .numberings import OLD_DESC

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def d_long(d: date) -> str:
    return f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}"


def d_med(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def d_short(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"


def d_email(d: date, r: random.Random) -> str:
    return f"{WEEKDAYS[d.weekday()][:3]}, {d.day} {MONTHS[d.month - 1][:3]} {d.year} {r.randint(7, 22):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d} +0000"


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def money(n: int) -> str:
    return f"£{n:,}"


def and_list(items) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def paras_phrase(paras) -> str:
    paras = list(paras)
    return ("paragraph " if len(paras) == 1 else "paragraphs ") + and_list(paras)


# Schedule 12A, Part 1 (England, as amended by SI 2006/88): the descriptions are the statute's.
PARA_DESC = {
    1: "information relating to any individual",
    2: "information which is likely to reveal the identity of an individual",
    3: "information relating to the financial or business affairs of any particular person (including the authority holding that information)",
    4: "information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter arising between the authority and employees of the authority",
    5: "information in respect of which a claim to legal professional privilege could be maintained in legal proceedings",
    6: "information which reveals that the authority proposes to give under any enactment a notice by virtue of which requirements are imposed on a person, or to make an order or direction under any enactment",
    7: "information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime",
}
PARA_SHORT = {
    1: "information about an individual",
    2: "identity of an individual",
    3: "financial or business affairs",
    4: "labour relations",
    5: "legal professional privilege",
    6: "proposed notice, order or direction",
    7: "prevention or investigation of crime",
}


def explicit_statement(style: str, paras, r: random.Random, committee: str = "the Committee") -> list[str]:
    """An exemption statement in one of several house styles (England numbering)."""
    ps = paras_phrase(paras)
    descs = "; ".join(PARA_DESC[p] for p in paras)
    if style == "banner":
        return [f"NOT FOR PUBLICATION by virtue of {ps} of Part 1 of Schedule 12A to the Local Government Act 1972 ({descs})."]
    if style == "cover_field":
        if len(paras) == 1:
            return [f"Exempt information – para. {paras[0]} ({PARA_SHORT[paras[0]]})"]
        return [f"Exempt information – paras. {and_list(paras)}"]
    if style == "part2":
        return [f"Part 2 (exempt) item – {ps}",
                r.choice(["This report is restricted to members of the Committee and relevant officers. Please do not copy or forward it.",
                          "Circulated to members of the Committee only. Please return your copy at the end of the meeting."])]
    if style == "abbrev":
        return [f"Exempt: Sch. 12A, {'para' if len(paras) == 1 else 'paras'} {and_list(paras)}. Not for publication."]
    if style == "exclusion":
        return ["Exclusion of the press and public",
                f"{committee} is recommended to resolve that, under section 100A(4) of the Local Government Act 1972, the press and public be excluded from the meeting during consideration of this item because it is likely to involve the disclosure of exempt information as defined in {ps} of Part 1 of Schedule 12A to the Act, and that in all the circumstances the public interest in maintaining the exemption outweighs the public interest in disclosing the information."]
    if style == "appendix":
        return [f"CONFIDENTIAL APPENDIX – exempt information under {ps} of Schedule 12A to the Local Government Act 1972. Not for publication."]
    raise ValueError(style)


EXPLICIT_STYLES = ["banner", "cover_field", "part2", "abbrev", "exclusion", "appendix"]

def old_statement(style: str, old_paras, r: random.Random) -> list[str]:
    ps = paras_phrase(old_paras)
    if style == "old_banner":
        return ["NOT FOR PUBLICATION",
                f"This report contains exempt information as defined in {ps} of Part I of Schedule 12A to the Local Government Act 1972."]
    if style == "old_desc":
        return [f"EXEMPT INFORMATION: Local Government Act 1972, Schedule 12A, Part I, {ps} – " + "; ".join(OLD_DESC[p] for p in old_paras) + "."]
    return [f"Not for publication: Sch 12A Pt I {'para' if len(old_paras) == 1 else 'paras'} {and_list(old_paras)} (LGA 1972)."]


OLD_STYLES = ["old_banner", "old_desc", "old_abbrev"]


def public_interest(r: random.Random, why: str) -> list[str]:
    return ["Public interest test",
            r.choice([
                f"In the opinion of the Proper Officer the public interest in maintaining the exemption outweighs the public interest in disclosing the information, because {why}.",
                f"The report author has considered the public interest test. Disclosure at this stage would not be in the public interest because {why}; the public interest in maintaining the exemption therefore outweighs the public interest in disclosure.",
                f"Although there is a public interest in openness about the use of public money, {why}. On balance the public interest in maintaining the exemption outweighs the public interest in disclosure.",
            ])]


# ---------------------------------------------------------------------------- neutral filler
FILLER = [
    "The Corporate Plan commits the Council to good value for money and to listening to residents before significant decisions are taken.",
    "Officers will keep the arrangements under review and report any significant change to the relevant Portfolio Holder.",
    "The proposals have been developed with colleagues in finance, legal and democratic services, and their comments are reflected in this report.",
    "The Council's Medium Term Financial Strategy assumes that costs in this area will rise broadly in line with inflation over the period.",
    "The approach set out here is consistent with the Council's Procurement Strategy and with its Contract Procedure Rules.",
    "Progress will be reported through the quarterly performance report, which is published with the Cabinet agenda.",
    "There are no direct implications for the Council's carbon reduction targets beyond those described elsewhere in this report.",
    "The Council has a duty under section 149 of the Equality Act 2010 to have due regard to the need to eliminate discrimination and to advance equality of opportunity.",
    "A full equality impact assessment will be carried out if the proposals are taken forward to implementation.",
    "Ward members were briefed on the background at the start of the process and have been kept informed of progress.",
    "The timetable allows for the statutory notice periods and for the Council's normal governance arrangements.",
    "The risks identified are recorded on the service risk register and are reviewed each quarter by the management team.",
    "The work will be met from existing budgets and does not require a supplementary estimate.",
    "Officers have reviewed the approach taken by neighbouring authorities and by councils of a similar size elsewhere in England.",
    "The recommendations support the Council's priorities for a thriving local economy, safe and healthy communities and a greener district.",
    "The Council's external auditors have been made aware of the proposals and have not raised any concerns.",
    "No data protection impact assessment is required because no new processing of personal data is proposed.",
    "The proposals are not expected to have any significant effect on the Council's staffing establishment.",
    "Members may wish to note that the figures are estimates and will be refined as the work progresses.",
    "Communications with residents will be coordinated by the Council's communications team, using the website, social media and the residents' magazine.",
    "The relevant officers will attend the meeting to answer any questions that members may have.",
    "The Council will continue to work with partners, including the county council, the health service and the voluntary sector.",
    "Benchmarking information from the Chartered Institute of Public Finance and Accountancy suggests that costs here are close to the median for district councils.",
    "The service has maintained performance against its key indicators in each quarter of the current year.",
    "A decision is required now so that the necessary arrangements can be in place before the start of the next financial year.",
    "Officers considered doing nothing, but this would leave the Council exposed to rising costs and would not meet the objectives set by members.",
    "Any future changes to the scheme will be subject to consultation in the usual way.",
    "The Council's Constitution allows the decision to be taken by the body named in the recommendations.",
    "The figures in this report are based on the position at the end of the second quarter and exclude any one-off costs.",
    "It is expected that a further report will be brought forward once the outcome of the next stage is known.",
    # Ordinary words that are also group aliases in capitals ("ONE", "OUR", "FIRST", "TEAM"): case tells them apart.
    "The project team will report back within one month of the first milestone.",
    "Residents told us that our website should make it easier to find this information.",
]

APPENDIX_KINDS = [
    ("Equality impact assessment: initial screening", "eia"),
    ("Summary of consultation responses", "consultation"),
    ("Risk register extract", "risk"),
    ("Policy context", "policy"),
    ("Climate and environmental impact assessment", "climate"),
    ("Implementation timetable", "timetable"),
]
CHARACTERISTICS = ["Age", "Disability", "Gender reassignment", "Marriage and civil partnership",
                   "Pregnancy and maternity", "Race", "Religion or belief", "Sex", "Sexual orientation",
                   "Socio-economic disadvantage"]


def appendix_page(r: random.Random, letter: str, heading: str, kind: str, subject: str, council: str) -> str:
    """A neutral appendix page of about 280-420 words; shared between documents on one subject."""
    out = [f"{council}", f"Appendix {letter}: {heading}", f"Subject: {subject}"]
    target = r.randint(280, 420)
    if kind == "eia":
        out.append("Protected characteristic | Likely impact | Evidence and mitigation")
        for c in CHARACTERISTICS:
            out.append(f"{c} | {r.choice(['Neutral', 'Neutral', 'Positive', 'Low negative'])} | " + r.choice([
                "No differential impact identified from the service data held.",
                "Take-up will be monitored and reported to the Portfolio Holder.",
                "Information will be available in accessible formats on request.",
                "Consultation responses did not identify any particular effect on this group.",
                "Mitigation: assisted access arrangements will continue.",
            ]))
        out.append("Conclusion of screening: a full assessment is not required at this stage; the screening will be revisited before implementation.")
    elif kind == "consultation":
        n = r.randint(60, 900)
        out.append(f"The consultation ran for {r.choice(['six', 'eight', 'ten', 'twelve'])} weeks and received {n} responses: {r.randint(40, 80)}% online, the rest by email and on paper.")
        for theme in r.sample(["cost and value for money", "accessibility", "impact on town centre businesses",
                               "the environment", "communication and engagement", "the timetable",
                               "parking and transport", "effects on older residents"], 4):
            out.append(f"Theme: {theme}. {r.randint(8, 45)}% of respondents commented on {theme}. " + r.choice(FILLER))
        out.append("Officer response: the main themes have been taken into account in the recommendations; individual responses are summarised without names.")
    elif kind == "risk":
        out.append("Ref | Risk | Likelihood | Impact | Controls")
        for i in range(1, r.randint(6, 9)):
            out.append(f"R{i} | " + r.choice([
                "Costs exceed the approved budget", "Delay to the programme", "Insufficient staff capacity",
                "Legal challenge to the decision", "Adverse publicity", "Supplier failure",
                "Change in government policy", "Loss of partner funding", "Data or systems failure",
            ]) + f" | {r.randint(1, 4)} | {r.randint(2, 5)} | " + r.choice([
                "Monthly monitoring by the project board", "Contingency held within the budget",
                "External advice obtained", "Regular reporting to the Portfolio Holder",
                "Business continuity plan in place",
            ]))
        out.append("Scores: likelihood and impact are each scored from 1 (low) to 5 (high). Risks scoring 12 or more are escalated to the corporate risk register.")
    elif kind == "policy":
        out.append("National policy and legislation")
        out.append(r.choice(FILLER))
        out.append("Local policy")
        out.append(f"The Corporate Plan, the Medium Term Financial Strategy and the Local Plan each bear on the {subject.lower()}.")
    elif kind == "climate":
        out.append("Area | Assessment")
        for a in ["Energy use", "Transport", "Waste", "Biodiversity", "Adaptation to climate change"]:
            out.append(f"{a} | {r.choice(['No significant effect', 'Minor positive effect', 'To be assessed at the next stage', 'Neutral'])}")
    else:
        out.append("Milestone | Target date")
        year = r.choice([2026, 2027])
        for i, step in enumerate(["Decision", "Call-in period ends", "Detailed design", "Procurement or consultation",
                                  "Implementation begins", "Review of first six months"]):
            out.append(f"{step} | {MONTHS[(r.randint(0, 2) + 2 * i) % 12]} {year + (i // 4)}")
    words = sum(x.count(" ") + 1 for x in out)
    while words < target:
        s = r.choice(FILLER)
        out.append(s)
        words += s.count(" ") + 1
    return "\n".join(out)


class PageBuilder:
    """Packs blocks (paragraphs, lines) into pages of about 250-450 words."""

    def __init__(self, r: random.Random, header: str | None = None, lo: int = 250, hi: int = 440):
        self.r = r
        self.header = header
        self.lo, self.hi = lo, hi
        self.pages: list[str] = []
        self.cur: list[str] = [header] if header else []
        self.words = 0
        self.budget = r.randint(lo, hi)

    def add(self, *blocks: str):
        for b in blocks:
            w = b.count(" ") + 1
            if self.words and self.words + w > self.budget:
                self.break_page()
            self.cur.append(b)
            self.words += w
        return self

    def extend(self, blocks):
        return self.add(*blocks)

    def break_page(self):
        if self.words:
            self.pages.append("\n".join(self.cur))
        self.cur = [self.header] if self.header else []
        self.words = 0
        self.budget = self.r.randint(self.lo, self.hi)

    def filler(self, n: int):
        for _ in range(n):
            self.add(self.r.choice(FILLER))
        return self

    def done(self) -> list[str]:
        if self.words:
            self.pages.append("\n".join(self.cur))
        self.cur, self.words = [], 0
        return self.pages


def wrap_page(text: str, width: int = 96) -> list[str]:
    """Wrap a page held one paragraph per line into lines of at most ``width`` characters."""
    out: list[str] = []
    for para in text.split("\n"):
        if len(para) <= width:
            out.append(para)
            continue
        indent = ""
        if para[:2] in ("- ", "• "):
            indent = "  "
        words = para.split(" ")
        line = words[0]
        for w in words[1:]:
            if len(line) + 1 + len(w) > width:
                out.append(line)
                line = indent + w
            else:
                line += " " + w
        out.append(line)
    return out
