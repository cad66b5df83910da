"""Document kinds for the demo council, each with its true classification.

``Generator.plan(i)`` draws everything that decides a document's metadata and labels from the
council's ``random.Random`` (so metadata and labels do not depend on whether text is wanted) and
hands back a ``body`` function; the body draws only from a per-document ``Random`` and is called
only when text is wanted. Neutral appendix pages are shared between documents on one matter.

Labels follow the examples' rules: paragraphs in England numbering; ``third_party_personal_data``
only for members of the public; ``employee_matter`` for a particular employee; a public document
that mentions a group or Schedule 12A in passing stays public. The forms real councils publish
(restricted.py), public papers that only mention exemption (mentions.py) and party-group papers
(group_papers.py) are mixed into ``Generator``.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from . import banks
from . import text as T
from .council import AS_AT, Council, Matter
from .group_papers import GroupPapers
from .mentions import MentionForms
from .restricted import RestrictedForms
from .text import cap
from .wording import HouseStyle, say

SAFE = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "•": "-", "…": "..."})


def safe(s: str) -> str:
    """Latin-1 punctuation only (the PDFs use core fonts); the en dash is the only other character used."""
    return s.replace("–", "-")


TPD, EMP, MO, CT = "third_party_personal_data", "employee_matter", "monitoring_officer_correspondence", "contract_terms"

# Who writes about a matter, and where it goes.
AUTHOR = {"leisure": "leisure", "waste": "environment", "regeneration": "regeneration", "allocations": "housing",
          "pay": "hr", "taxi": "licensing", "ctax": "revenues", "parking": "environment",
          "homelessness": "housing_options", "safety": "community_safety", "supplier": "procurement",
          "disposal": "property", "planning_app": "planning_officer", "enforcement": "enforcement",
          "grant": "economic", "article4": "planning"}
HOME_COMMITTEE = {"planning_app": "planning", "enforcement": "planning", "taxi": "licensing", "pay": "appointments"}
# The paragraph an agenda or forward plan gives a private item on a matter of this type.
TYPE_PARA = {"disposal": [3], "supplier": [3], "waste": [3], "leisure": [3], "grant": [3], "enforcement": [6],
             "pay": [4], "taxi": [1, 2], "regeneration": [3, 5], "ctax": [1, 7], "planning_app": [5],
             "allocations": [1], "homelessness": [1], "parking": [3], "safety": [7], "article4": [6]}
COMMITTEE_TYPES = {
    "cabinet": ["leisure", "waste", "regeneration", "allocations", "parking", "homelessness", "supplier",
                "disposal", "grant", "article4", "ctax"],
    "council": ["ctax", "pay", "regeneration", "allocations", "parking"],
    "planning": ["planning_app", "enforcement", "article4"],
    "licensing": ["taxi"],
    "appointments": ["pay"],
    "audit": ["supplier", "ctax", "safety"],
    "standards": [],
}
PUBLIC_BODY = {
    "leisure": "The management contract for {kw} with {company} ends in 2028. Visits have recovered to {n}% of pre-pandemic levels and the energy costs of the pool remain the largest single pressure.",
    "waste": "The {kw} contract with {company} delivers weekly food waste and fortnightly residual and recycling collections; missed collections averaged {n} a week last quarter.",
    "regeneration": "The {kw} programme covers {square} and the {centre}. The delivery strategy allows for land assembly by agreement and, only as a last resort, compulsory purchase.",
    "allocations": "The {kw} sets out who can join the housing register and how homes are let through {scheme}. There are currently {n}0 households on the register.",
    "pay": "The Council must publish a pay policy statement each year. The pay and grading structure was last reviewed in 2019, and the recognised trade unions are UNISON and GMB.",
    "taxi": "The Council licenses {n}0 hackney carriage and private hire drivers. The draft policy sets out the standards for drivers, vehicles and operators.",
    "ctax": "The council tax support scheme for working-age residents is reviewed each year. Around {n}00 households currently receive support.",
    "parking": "Car parking charges were last changed in 2024. Occupancy of the {car_park} has averaged {n}% on weekdays; income from pay and display has not yet returned to earlier levels.",
    "homelessness": "Demand for temporary accommodation has risen sharply. {hostel} provides {n} units and the homelessness strategy aims to reduce the use of bed and breakfast accommodation.",
    "safety": "The community safety partnership brings together the Council, {police} and partners. The public space CCTV system has {n} cameras, several of which need replacing.",
    "supplier": "The {phrase} with {company} expires next year. This report seeks approval for the procurement route and the evaluation criteria for a new contract.",
    "disposal": "The {what} at {street} has been vacant for {n} months and is surplus to the Council's operational needs. Disposal on the open market is recommended.",
    "planning_app": "Application {ref} by {developer} seeks full planning permission for {homes} homes at {site}, {street}. {n} letters of representation were received; the main issues are highways, drainage and design.",
    "enforcement": "Officers have investigated reports of unauthorised development at {farm}, {lane}, including the siting of containers and the formation of hardstanding.",
    "grant": "{company} has applied for a business growth grant to expand its premises, creating {n} jobs. The application has been assessed against the scheme criteria.",
    "article4": "Householder alterations in the {area} have eroded its character. An Article 4 direction would bring replacement windows and doors under planning control.",
}


def _mem_names(ms, limit=14):
    names = [m.name for m in ms[:limit]]
    if len(ms) > limit:
        names.append(f"and {len(ms) - limit} other members")
    return ", ".join(names)


class Generator(RestrictedForms, MentionForms, GroupPapers):
    def __init__(self, council: Council, seed: int, with_text: bool = True):
        self.c = council
        self.rng = council.rng
        self.seed = seed
        self.style = HouseStyle(seed)
        self.with_text = with_text
        self.counts: dict[str, int] = {}
        self.appx: dict = {}
        self.block: list[str] = []
        self.cm = council.committee_by_id
        self.used_names = council.names.used
        ints = {}
        for m in council.members:
            for kind, mid, desc in m.interests:
                ints.setdefault(mid, []).append((m, kind, desc))
        self.interested = ints

    # ------------------------------------------------------------------ helpers
    def count(self, key: str) -> int:
        n = self.counts.get(key, 0)
        self.counts[key] = n + 1
        return n

    def person(self, r: random.Random):
        while True:
            pair = (r.choice(banks.FIRST_NAMES), r.choice(banks.SURNAMES))
            if pair not in self.used_names:
                return f"{pair[0]} {pair[1]}"

    def address(self, r):
        return f"{r.randint(1, 140)} {r.choice(banks.HOME_STREETS)}, {self.c.town} {self.c.postcode(r)}"

    def mobile(self, r):
        return f"07700 900{r.randint(0, 999):03d}"

    def meeting(self, cid: str, when: str = "any") -> date:
        c = self.cm[cid]
        pool = c.past if when == "past" else c.future if when == "future" else c.dates
        return self.rng.choice(pool)

    def matter(self, *types) -> Matter:
        ms = self.c.matters_of(*types) or self.c.matters
        return self.rng.choice(ms)

    def staff(self, key):
        return self.c.staff[key]

    def officer_for(self, m: Matter):
        """The officer who writes about a matter."""
        return self.staff(AUTHOR[m.type])

    def author_for(self, t: dict):
        """The author of a Part 2 topic's report: legal reports are the Monitoring Officer's, audit ones the fraud team's."""
        if t["service"] in ("legal", "audit"):
            return self.staff("mo" if t["service"] == "legal" else "fraud")
        return self.staff(AUTHOR.get(t["m"].type, "mo"))

    def item_paras(self, m: Matter) -> list[int]:
        """The paragraphs an agenda or notice gives a private item on this matter."""
        return TYPE_PARA.get(m.type, [3])

    def shared(self, m: Matter, letter: str, k: int) -> str:
        key = (m.id, letter, k)
        page = self.appx.get(key)
        if page is None:
            heading, kind = T.APPENDIX_KINDS[k]
            page = T.appendix_page(random.Random(f"{self.seed}|{m.id}|{letter}|{k}"), letter, heading, kind,
                                   m.title, self.c.name).translate(SAFE)
            self.appx[key] = page
        return page

    def appendices(self, r, m: Matter | None, n: int) -> list[str]:
        if not m or n <= 0:
            return []
        ks = r.sample(range(len(T.APPENDIX_KINDS)), n)
        return [self.shared(m, "ABCDEF"[j], k) for j, k in enumerate(ks)]

    def para(self, r, n=3) -> str:
        return " ".join(r.sample(T.FILLER, n))

    def public_body(self, m: Matter, r) -> str:
        return PUBLIC_BODY[m.type].format(kw=m.kw, n=r.randint(12, 95), town=self.c.town, police=self.c.police,
                                          **m.params)

    def report(self, r, *, title, committee, when, author, m=None, statement=(), purpose, details, recs,
               body_pages=1, n_appx=1, extra_top=()) -> list[str]:
        """A committee report: a unique body of ``body_pages`` pages, then shared appendix pages."""
        c = self.c
        pb = T.PageBuilder(r)
        pb.add(c.name)
        if committee is not None:
            pb.add(f"{committee.name} – {T.d_long(when)}" if when else committee.name)
        pb.add(*statement)
        pb.add(*extra_top)
        pb.add(f"Report title: {title}", f"Report of: {author.title}")
        if m is not None and m.portfolio:
            holder = c.holder.get(m.portfolio)
            pb.add(f"Portfolio: {c.portfolios[m.portfolio]}" + (f" ({holder.name})" if holder else ""))
        pb.add(f"Key decision: {r.choice(['Yes', 'No'])}", "1. Purpose of the report", purpose,
               "2. Recommendations", *recs, "3. Background and details", *details)
        sections = ["4. Options considered", "5. Financial implications", "6. Legal implications",
                    "7. Risk management", "8. Equality and climate implications"]
        for s in sections[: r.randint(2, 5)]:
            pb.add(s, self.para(r, r.randint(2, 3)))
        while len(pb.pages) < body_pages - 1 or pb.words < 180:
            pb.add(self.para(r, 3))
        pb.add(f"Contact officer: {author.name}, {author.title}. Telephone {author.phone}; email {author.email}.",
               "Background papers: none.")
        pages = [safe(p) for p in pb.done()]
        return pages + self.appendices(r, m, n_appx)

    def note(self, r, lines, lo=150, hi=320) -> list[str]:
        pb = T.PageBuilder(r, lo=lo, hi=hi)
        pb.add(*lines)
        return [safe(p) for p in pb.done()]

    # ------------------------------------------------------------------ planning
    def plan(self, i: int):
        """The i-th document: (kind, title, meta, (paragraphs, group, flags[, needs review]), statement kind, body)."""
        if not self.block:
            # Of every 40 papers about half are public, a fifth of those only mentioning exemption.
            block = (["public"] * 10 + ["mention"] * 8 + ["group_public"] * 2 + ["exempt"] * 4 + ["restricted"] * 7
                     + ["group"] * 2 + ["group_internal"] * 2 + ["mo"] * 2 + ["casework", "special", "special"])
            self.rng.shuffle(block)
            self.block = block
        kind = self.block.pop()
        if kind in ("mention", "group_public", "restricted", "group_internal"):
            return getattr(self, kind)(self.count(kind))
        if kind == "public":
            n = self.count("public")
            fn = [self.agenda, self.pub_report, self.minutes, self.pub_report, self.forward_plan,
                  self.decision_notice, self.pub_report, self.agenda, self.minutes, self.balance][n % 10]
            return fn()
        if kind == "exempt":
            return self.exempt(self.count("exempt"))
        if kind == "group":
            return self.group_doc(self.count("group"))
        if kind == "mo":
            return self.mo_doc(self.count("mo"))
        if kind == "casework":
            return self.casework(self.count("casework"))
        n = self.count("special")
        return [self.nfp_to, self.embargoed, self.draft, self.private_not_held][n % 4]()

    def meta(self, service=None, committee=None, when=None, session=None, m: list | None = None,
             portfolio=None, status="published", **extra) -> dict:
        out = {}
        if service:
            out["service"] = service
        if committee:
            out["committee"] = committee
        if when:
            out["meeting"] = {"date": when.isoformat(), "session": session or "public"}
        if portfolio is None and m and len(m) == 1:
            portfolio = next((x.portfolio for x in m if x.portfolio), None)
        if portfolio:
            out["portfolio"] = portfolio
        if m:
            ids = []
            for x in m:
                if x.id not in ids:
                    ids.append(x.id)
            out["matters"] = ids
        out["status"] = status
        # review_on is read by the rules branch's loader; older loaders ignore it.
        for k in ("publish_on", "admin_only", "not_for_publication_to", "casework_of", "review_on"):
            if extra.get(k):
                v = extra[k]
                out[k] = v.isoformat() if isinstance(v, date) else v
        return out

    # ------------------------------------------------------------------ public documents
    def items_for(self, cid: str, k: int) -> list[Matter]:
        types = COMMITTEE_TYPES.get(cid)
        if cid == "osc":
            pool = [self.c.matter_by_id[x] for x in self.cm["osc"].work_programme]
        elif types is None:        # area committees
            pool = self.c.matters_of("safety", "parking", "homelessness")
        else:
            pool = self.c.matters_of(*types)
        if not pool:
            return []
        return self.rng.sample(pool, min(k, len(pool)))

    def agenda(self):
        rng = self.rng
        cid = rng.choice([c.id for c in self.c.committees if c.id != "standards"])
        com = self.cm[cid]
        when = self.meeting(cid)
        items = self.items_for(cid, rng.randint(3, 5))
        n_priv = min(len(items) - 1, rng.randint(1, 2)) if len(items) > 1 else 0
        public, private = items[: len(items) - n_priv], items[len(items) - n_priv:]
        dem = self.staff("dem")
        title = f"{com.name} agenda, {T.d_med(when)}"

        def body(r):
            lines = [self.c.name, f"{com.name}", f"Notice of meeting: {T.d_long(when)} at {r.choice(['6.00pm', '6.30pm', '7.00pm', '10.00am'])}, {r.choice(['Council Chamber', 'Committee Room 1', 'Committee Room 2'])}, {self.c.offices}",
                     f"Membership: {_mem_names([m for m, role in com.members if role != 'substitute'], 16)}",
                     f"Enquiries: {dem.name}, {dem.title}, {dem.phone}, {dem.email}",
                     "AGENDA", "1. Apologies for absence", "2. Declarations of interest",
                     "Members are reminded to declare any disclosable pecuniary or other registrable interest in any item.",
                     "3. Minutes of the previous meeting", "4. Public questions and petitions"]
            n = 5
            for m in public:
                lines += [f"{n}. {m.title}", f"To consider the report of the {self.staff(AUTHOR[m.type]).title} concerning {m.kw}. {self.para(r, 1)}"]
                n += 1
            if private:
                lines += ["Exclusion of the press and public",
                          f"To consider passing the following resolution: That under section 100A(4) of the Local Government Act 1972 the press and public be excluded from the meeting for the following item(s) of business on the grounds that they involve the likely disclosure of exempt information as defined in the paragraph(s) of Part 1 of Schedule 12A to the Act shown against each item.",
                          "PART 2 – ITEMS NOT FOR PUBLICATION"]
                for m in private:
                    lines += [f"{n}. {m.title} ({T.paras_phrase(TYPE_PARA[m.type])})",
                              f"Report of the {self.staff(AUTHOR[m.type]).title} concerning {m.kw}."]
                    n += 1
            lines += [f"Published by Democratic Services on {T.d_med(when - timedelta(days=7))}.",
                      "Members of the public may attend the public part of this meeting. The meeting may be filmed or recorded."]
            return self.note(r, lines, 260, 420)

        return ("agenda", title, self.meta("democratic", cid, when, "public", items), ([], None, []), None, body)

    def minutes(self):
        rng = self.rng
        cid = rng.choice(["council", "cabinet", "osc", "planning", "licensing"])
        com = self.cm[cid]
        when = self.meeting(cid, "past")
        items = self.items_for(cid, rng.randint(2, 4))
        groups = self.c.opposition or self.c.groups
        mover_group = rng.choice(groups)
        mover = mover_group.leader
        seconder = mover_group.deputy
        private = items[-1] if len(items) > 1 and rng.random() < 0.5 else None
        declared = [(mem, kind, m) for m in items for (mem, kind, _d) in self.interested.get(m.id, [])][:2]
        title = f"Minutes of the {com.name}, {T.d_med(when)}"

        def body(r):
            present = [m for m, role in com.members if role != "substitute"]
            chair = com.chair
            lines = [self.c.name, f"Minutes of the meeting of the {com.name} held on {T.d_long(when)}",
                     f"Present: {chair.name if chair else ''} (Chair); {_mem_names([m for m in present if m is not chair], 18)}",
                     f"Officers: {self.staff('chief_exec').title}, {self.staff('mo').title}, {self.staff('dem').title}",
                     "1. Apologies for absence", f"Apologies were received from {r.choice(self.c.members).name}.",
                     "2. Declarations of interest"]
            if declared:
                for mem, kind, m in declared:
                    lines.append(f"{mem.name} declared a {kind} interest in the item concerning {m.kw} and took no part in the discussion or vote on it.")
            else:
                lines.append("There were no declarations of interest.")
            n = 3
            for j, m in enumerate(items):
                if m is private:
                    continue
                lines += [f"{n}. {m.title}", f"The {self.staff(AUTHOR[m.type]).title} presented the report concerning {m.kw}. {self.para(r, 2)}"]
                if j == 0:
                    fv, ag = r.randint(8, 20), r.randint(10, 25)
                    lines.append(f"{mover.name}, Leader of the {mover_group.name}, moved and {seconder.name} seconded an amendment that the decision be deferred for a further report on costs and on the options for consultation. On being put to the vote the amendment was {'CARRIED' if fv > ag else 'LOST'} ({fv} for, {ag} against).")
                lines.append(f"RESOLVED – That the recommendations in the report be approved{r.choice(['.', ', subject to the amendment agreed above.', ' and that progress be reported in six months.'])}")
                n += 1
            if private:
                lines += [f"{n}. Exclusion of the press and public",
                          f"RESOLVED – That under section 100A(4) of the Local Government Act 1972 the press and public be excluded from the meeting for the following item on the grounds that it involved the likely disclosure of exempt information as defined in {T.paras_phrase(TYPE_PARA[private.type])} of Part 1 of Schedule 12A to the Act.",
                          f"{n + 1}. {private.title}", f"The Committee considered the exempt report concerning {private.kw}. RESOLVED – That the recommendations in the exempt report be approved."]
            lines.append(f"The meeting closed at {r.choice(['7.42pm', '8.15pm', '9.05pm', '12.20pm'])}.")
            return self.note(r, lines, 280, 430)

        return ("minutes", title, self.meta("democratic", cid, when, "public", items), ([], None, []), None, body)

    def pub_report(self, status="published", extra=None, prefix="", cid=None, when=None):
        rng = self.rng
        m = self.matter(*list(PUBLIC_BODY))
        cid = cid or HOME_COMMITTEE.get(m.type) or ("osc" if m.id in self.cm["osc"].work_programme and rng.random() < 0.4 else
                                                    rng.choice(["cabinet", "cabinet", "council"]))
        when = when or self.meeting(cid, "future" if status != "published" else "any")
        exempt_appx = rng.random() < 0.35 and status == "published"
        author = self.staff(AUTHOR[m.type])
        title = prefix + rng.choice([m.title, f"{m.title}: update", f"{m.title}: proposals for consultation", f"Review of the {m.kw}" if m.kw[0].islower() else m.title])
        n_body, n_appx = rng.choice([(1, 1), (1, 2), (2, 1), (2, 2), (2, 3), (1, 3)])
        extra = extra or {}

        def body(r):
            top = []
            if status == "embargoed":
                top = [f"EMBARGOED: not for publication before {T.d_long(extra['publish_on'])}. Press enquiries to the communications team."]
            elif status == "draft":
                top = ["DRAFT v0.3 – for internal review by the management team. Figures subject to change."]
            details = [self.public_body(m, r), self.para(r, 3), self.para(r, 2)]
            if exempt_appx:
                p = TYPE_PARA.get(m.type, [3])
                details.append(f"Appendix {'ABCD'[n_appx]} contains exempt information under {T.paras_phrase(p)} of Part 1 of Schedule 12A to the Local Government Act 1972 and is circulated separately to members only. This report itself is public.")
            return self.report(r, title=title, committee=self.cm[cid], when=when, author=author, m=m,
                               extra_top=top, purpose=f"To update members on the {m.kw} and to seek approval for the next steps.",
                               details=details, recs=[f"(a) That the proposals for the {m.kw} set out in section 3 be approved.",
                                                      "(b) That authority be delegated to the relevant Director, in consultation with the Portfolio Holder, to make minor changes."],
                               body_pages=n_body, n_appx=n_appx)

        return ("public_report", title, self.meta(m.service, cid, when, "public", [m], status=status, **extra),
                ([], None, []), None, body)

    def forward_plan(self):
        rng = self.rng
        when = self.meeting("cabinet", "any")
        items = self.items_for("cabinet", rng.randint(4, 7))
        private = set(x.id for x in rng.sample(items, min(len(items), rng.randint(1, 3))))
        title = f"Forward Plan of key decisions, {T.MONTHS[when.month - 1]} {when.year}"

        def body(r):
            lines = [self.c.name, title,
                     f"Published {T.d_med(when - timedelta(days=28))} under the Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012.",
                     "Where an item is marked private, this is notice under regulation 5 of the intention to consider it in private because it is likely to involve the disclosure of exempt information under the paragraph of Schedule 12A to the Local Government Act 1972 shown. Representations about an item being considered in private may be made to Democratic Services.",
                     "Decision | Decision maker | Date | Open or private | Lead officer"]
            for m in items:
                d = when + timedelta(days=7 * r.randint(0, 10))
                op = f"Private – {T.paras_phrase(TYPE_PARA[m.type])}" if m.id in private else "Open"
                lines.append(f"{m.title} (concerning {m.kw}) | Cabinet | {T.d_med(d)} | {op} | {self.staff(AUTHOR[m.type]).title}")
            lines.append(self.para(r, 2))
            return self.note(r, lines, 250, 420)

        return ("forward_plan", title, self.meta("democratic", "cabinet", None, None, items), ([], None, []), None, body)

    def decision_notice(self):
        m = self.matter("disposal", "supplier", "grant", "regeneration", "leisure", "waste")
        when = self.meeting("cabinet", "past")
        p = TYPE_PARA[m.type]
        title = f"Record of executive decision: {m.title}"

        def body(r):
            lines = [self.c.name, "RECORD OF EXECUTIVE DECISION", f"Decision taken by: Cabinet, {T.d_long(when)}",
                     f"Subject: {m.title}",
                     f"This item was considered in the private part of the meeting because the report contained exempt information under {T.paras_phrase(p)} of Part 1 of Schedule 12A to the Local Government Act 1972. The decision itself is published here.",
                     f"Decision: That the recommendations concerning {m.kw} be approved, and that authority be delegated to the {self.staff(AUTHOR[m.type]).title} to complete the necessary agreements.",
                     f"Reasons: {self.para(r, 2)}", f"Alternative options considered and rejected: {self.para(r, 1)}",
                     "Conflicts of interest declared: none. Dispensations granted: none.",
                     f"Call-in: this decision may be implemented after {T.d_med(when + timedelta(days=8))} unless called in by the Overview and Scrutiny Committee.",
                     f"Proper Officer: {self.staff('dem').name}, {self.staff('dem').title}"]
            return self.note(r, lines, 250, 400)

        return ("decision_notice", title, self.meta("democratic", "cabinet", when, "public", [m]), ([], None, []), None, body)

    def balance(self):
        when = self.meeting("council")
        title = "Review of political balance and allocation of seats on committees"

        def body(r):
            c = self.c
            total = len(c.members)
            lines = [c.name, f"Council – {T.d_long(when)}", f"Report title: {title}", f"Report of: {c.staff['dem'].title}",
                     "1. Purpose", "The Council must review the allocation of seats on committees to political groups under sections 15 to 17 of the Local Government and Housing Act 1989 and the 1990 Regulations.",
                     "2. The political groups", f"The Council has {total} members. Notices of the following political groups have been given to the Proper Officer:"]
            for g in c.groups:
                lines.append(f"- {g.name}: {len(g.members)} members (leader {g.leader.name})")
            lines.append(f"- Members not in a political group: {len(c.ungrouped)}")
            lines.append(f"The administration is formed by the {T.and_list(g.name for g in c.administration)}.")
            lines += ["3. Allocation of seats", "Committee | Seats | " + " | ".join(g.abbr for g in c.groups)]
            for com in c.committees[2:8]:
                seats = len([1 for _m, role in com.members if role != "substitute"])
                lines.append(f"{com.name} | {seats} | " + " | ".join(str(round(seats * len(g.members) / total)) for g in c.groups))
            lines += ["4. Recommendation", "That the allocation of seats set out in section 3 be approved and that the group leaders notify Democratic Services of their nominations.",
                      self.para(r, 2)]
            return self.note(r, lines, 250, 420)

        return ("balance_report", title, self.meta("democratic", "council", when, "public"), ([], None, []), None, body)

    # ------------------------------------------------------------------ exempt Part 2 reports
    TOPICS = ["tenant", "grievance", "taxi", "tender", "disposal", "grant", "hardship", "paybargain", "counsel",
              "enforcement", "fraud_ctax", "fraud_staff"]
    OLD = {"tender": [9], "disposal": [9], "counsel": [12], "grievance": [1], "fraud_staff": [1, 14]}
    SIGNALS = ["explicit", "content", "explicit", "old", "content", "explicit", "content"]

    def topic(self, name: str, variant: int):
        """Plan a Part 2 topic: dict with title, service, committee, matter, paras, flags, why, details(r), recs."""
        rng = self.rng
        if name == "tenant":
            m = self.matter("homelessness")
            amount = rng.randint(900, 6400)

            def details(r, who):
                return [f"{who} of {self.address(r)} was placed in temporary accommodation at {m.params['hostel']} in {r.choice(T.MONTHS)} {AS_AT.year - 1} and left in {r.choice(T.MONTHS)} {AS_AT.year}. Rent and service charge arrears of {T.money(amount)} remain outstanding.",
                        f"{who.split()[0]} {who.split()[-1]} has told officers that working hours were cut, that there has been a period of serious illness in the family and that a claim for Universal Credit was delayed. Bank statements and a letter from the household's GP have been seen.",
                        f"Recovery through the courts is unlikely to succeed and would cost more than the sum recovered. It is proposed to write off {T.money(amount - amount // 4)} and to agree repayments of {T.money(r.choice([5, 8, 10]))} a week on the balance."]
            return dict(title=f"Temporary accommodation arrears: proposed write-off", service="housing", committee="cabinet",
                        m=m, paras=[1], flags=[TPD], why="the report contains personal and financial information about a named former tenant",
                        details=details, person=True,
                        recs=["That the write-off and repayment arrangement set out in section 3 be approved."])
        if name == "grievance":
            m = self.matter("pay")
            job, grade = rng.choice(banks.JOB_TITLES)

            def details(r, who):
                return [f"{who}, {job} ({grade}), lodged a formal grievance on {T.d_med(AS_AT - timedelta(days=r.randint(40, 200)))} about the outcome of the job evaluation of the post under the pay and grading review, and about the way a manager handled a period of sickness absence.",
                        f"A stage 2 panel heard the grievance. The panel found that the job evaluation was carried out correctly but that the return-to-work meetings were not recorded properly. The employee has since had {r.randint(8, 40)} days of absence and has been referred to occupational health.",
                        "The employee has appealed. The Committee is asked to hear the appeal; the employee may be accompanied by a trade union representative."]
            return dict(title=f"Grievance appeal: {job}", service="hr", committee="appointments", m=m, paras=[1], flags=[EMP],
                        why="the report concerns the employment and health of a particular employee", details=details,
                        person=True, recs=["That the Committee determines the appeal in the light of the panel's findings."])
        if name == "taxi":
            m = self.matter("taxi")

            def details(r, who):
                complainant = self.person(r)
                return [f"{who} has held a private hire driver's licence (badge PH/{r.randint(1000, 9999)}) since {r.randint(2012, 2022)}. The licence is due for renewal and officers refer it to the Committee because of a complaint and two previous warnings.",
                        f"On {T.d_med(AS_AT - timedelta(days=r.randint(20, 120)))} a passenger, {complainant} of {self.address(r)}, complained that the driver was abusive, refused to use the meter and left them at the roadside late at night. {complainant.split()[0]} {complainant.split()[-1]} has provided a written statement and is willing to attend.",
                        f"The driver disputes the account. The Committee must decide whether the driver remains a fit and proper person to hold a hackney carriage or private hire licence."]
            return dict(title="Review of a private hire driver's licence", service="licensing", committee="licensing", m=m,
                        paras=[1, 2], flags=[TPD], why="the report identifies a licence holder and the passenger who complained",
                        details=details, person=True, recs=["That the Committee determines whether the licence should be suspended, revoked or renewed with a warning."])
        if name in ("tender", "disposal"):
            if name == "tender":
                m = self.matter("supplier", "waste", "leisure")
                bids = sorted(rng.sample(range(2_400_000, 9_800_000, 10_000), 3))
                co = m.params["company"]
                phrase = m.params.get("phrase", m.kw)

                def details(r, who):
                    rivals = [f"Bidder {x}" for x in "BC"]
                    return [f"Three compliant tenders were received for the {phrase}. Tender prices over the initial seven-year term: {co} {T.money(bids[0])}; {rivals[0]} {T.money(bids[1])}; {rivals[1]} {T.money(bids[2])}.",
                            f"{co} scored highest on quality and price. Negotiations on indexation and on the risk of rising fuel and wage costs are continuing; the Council's opening position is indexation capped at 3% a year and the most it should agree to pay is {T.money(bids[0] + 180_000)}.",
                            "If these figures became known before the contract is signed, the Council's negotiating position would be weakened and the bidders could adjust their prices."]
                title = f"Award of the {phrase}"
                svc = m.service
            else:
                m = self.matter("disposal")
                offer = rng.randrange(240_000, 1_900_000, 5_000)

                def details(r, who):
                    valuer = f"{r.choice(banks.SURNAMES)} & {r.choice(banks.SURNAMES)} LLP"
                    return [f"Following marketing, the best offer for the {m.params['what']} at {m.params['street']} is {T.money(offer)} from {m.params['developer']}, subject to planning permission. {valuer} value the site at {T.money(offer - r.randrange(10_000, 60_000, 5_000))}.",
                            f"The heads of terms under negotiation include an overage of 50% of any uplift for ten years, a non-refundable deposit of {T.money(offer // 10)} and completion within six months. The lowest price officers recommend accepting is {T.money(offer - 25_000)}.",
                            "Disclosure of the terms while negotiations continue would prejudice the Council's ability to obtain the best consideration reasonably obtainable under section 123 of the Local Government Act 1972."]
                title = f"Disposal of the {m.params['what']} at {m.params['street']}: terms"
                svc = "property"
            return dict(title=title, service=svc, committee="cabinet", m=m, paras=[3], flags=[CT],
                        why="the report sets out prices and terms still under negotiation", details=details, person=False,
                        recs=["That the Cabinet approves the terms set out in section 3 and delegates completion to the Director, in consultation with the Portfolio Holder."])
        if name == "hardship":
            m = self.matter("ctax")

            def details(r, who):
                owed = r.randrange(2_000, 12_000, 10)
                return [f"{who}, a sole trader at {self.address(r)}, has applied for hardship relief on business rates of {T.money(owed)} and for help under the {m.kw}.",
                        f"The application includes personal bank statements, a letter from a consultant about a long illness and two years' accounts showing a loss of {T.money(r.randrange(5_000, 30_000, 100))}. {who.split()[0]} {who.split()[-1]} has no other income.",
                        f"Officers recommend relief of {r.choice([40, 50, 75])}% for the current year, reviewed after six months."]
            return dict(title="Hardship relief application", service=m.service, committee="cabinet", m=m, paras=[1, 2, 3],
                        flags=[TPD], why="the report contains the personal and financial circumstances of a named ratepayer",
                        details=details, person=True, recs=["That hardship relief be granted as set out in section 3."])
        if name == "grant":
            m = self.matter("grant")
            co = m.params["company"]

            def details(r, who):
                return [f"{co}'s latest accounts show turnover of {T.money(r.randrange(1_200_000, 9_000_000, 10_000))} and a loss of {T.money(r.randrange(40_000, 300_000, 1_000))} after restructuring. The company's bank has agreed an overdraft facility of {T.money(r.randrange(100_000, 500_000, 10_000))} conditional on the grant.",
                        f"The management accounts for the first half of the year show a return to profit. The company proposes to create {r.randint(8, 40)} jobs and to safeguard {r.randint(20, 90)} more.",
                        "Officers recommend a grant of up to 30% of eligible costs, paid in arrears against evidence of spend, with clawback if the jobs are not created within three years."]
            return dict(title=f"Business growth grant: {co}", service="economic-development", committee="cabinet", m=m,
                        paras=[3], flags=[], why="the report contains the financial affairs of a particular company",
                        details=details, person=False, recs=["That a grant be offered on the terms set out in section 3."])
        if name == "paybargain":
            m = self.matter("pay")

            def details(r, who):
                return [f"Formal negotiations with UNISON and GMB on the pay and grading proposals began in {r.choice(T.MONTHS)}. The trade union side has rejected the first offer and has indicated that it may ballot members on industrial action.",
                        f"The proposed revised offer would cost {T.money(r.randrange(300_000, 900_000, 10_000))} a year, with pay protection for three years for staff whose grade falls. The Council's fall-back position is set out in Appendix B.",
                        "Members are asked to agree the mandate for the next round of negotiations."]
            return dict(title="Pay and grading review: negotiating mandate", service="hr", committee="appointments", m=m,
                        paras=[4], flags=[], why="the report concerns negotiations with the trade unions on a labour relations matter",
                        details=details, person=False, recs=["That the negotiating mandate in section 3 be agreed."])
        if name == "counsel":
            m = self.matter("regeneration", "planning_app")
            chambers = rng.choice(banks.CHAMBERS).format(rng.choice(banks.SURNAMES))

            def details(r, who):
                subject = ("the proposed compulsory purchase order for the " + m.kw) if m.type == "regeneration" else f"the appeal against refusal of planning permission at {m.kw}"
                return [f"The Council instructed counsel at {chambers} to advise on {subject}. Counsel's opinion was received on {T.d_med(AS_AT - timedelta(days=r.randint(10, 90)))}.",
                        f"Counsel advises that the prospects of success are reasonable but not strong, putting them at about {r.choice([55, 60, 65])}%, and identifies weaknesses in the evidence on viability and on the consultation. The likely cost of an inquiry is {T.money(r.randrange(80_000, 250_000, 5_000))}, with a risk of an award of costs.",
                        "The advice is subject to legal professional privilege. Members should not disclose it."]
            return dict(title=f"Legal advice: {m.title}", service="legal", committee="planning" if m.type == "planning_app" else "cabinet",
                        m=m, paras=[5], flags=[], why="the report contains legal advice that is subject to legal professional privilege",
                        details=details, person=False, recs=["That the Committee notes counsel's advice and agrees the approach in section 3."])
        if name == "enforcement":
            m = self.matter("enforcement")
            complainant = variant % 2 == 1

            def details(r, who):
                out = [f"Officers propose to serve an enforcement notice under section 172 of the Town and Country Planning Act 1990 in respect of {m.params['farm']}, {m.params['lane']}, requiring removal of the containers and hardstanding within three months, and a stop notice under section 183.",
                       "The owner has not yet been told that the Council intends to take this action. Advance notice could lead to further works being carried out before the notices take effect."]
                if complainant:
                    n = self.person(r)
                    out.append(f"The breach was reported by a neighbour, {n} of {m.params['lane']}, who has asked that their identity be kept confidential because of concerns about reprisals.")
                return out
            return dict(title=f"Proposed enforcement action: {m.params['farm']}", service="planning", committee="planning", m=m,
                        paras=[2, 6] if complainant else [6], flags=[TPD] if complainant else [],
                        why="the report reveals that the Council proposes to serve a notice", details=details, person=False,
                        recs=["That the Head of Planning be authorised to serve the notices described in section 3."])
        if name == "fraud_ctax":
            m = self.matter("ctax")
            witness = variant % 2 == 0

            def details(r, who):
                out = [f"The Corporate Fraud Investigator has investigated a claim for council tax support by {who} of {self.address(r)}. The claim was made as a single person, but the evidence shows that a partner with earnings of about {T.money(r.randrange(18_000, 40_000, 500))} a year has lived at the address since {AS_AT.year - 2}.",
                       f"The overpayment is {T.money(r.randrange(1_500, 9_000, 10))}. {who.split()[0]} {who.split()[-1]} was interviewed under caution under the Police and Criminal Evidence Act 1984 and denied the offence. The file has been reviewed for prosecution."]
                if witness:
                    out.append(f"The information was first given by a neighbour, {self.person(r)} of {self.address(r)}, who has agreed to give a witness statement.")
                return out
            return dict(title="Council tax support fraud investigation: proposed prosecution", service="audit", committee="audit",
                        m=m, paras=[1, 2, 7] if witness else [1, 7], flags=[TPD],
                        why="the report concerns the investigation and prosecution of a named suspect", details=details, person=True,
                        recs=["That the Committee notes the proposed prosecution and the action to recover the overpayment."])
        # fraud_staff
        m = self.matter("parking")
        job = "Car Park Attendant"

        def details(r, who):
            return [f"An audit of pay and display income found shortfalls of {T.money(r.randrange(2_000, 14_000, 10))} from machines emptied by {who}, {job}. The employee has been suspended on full pay while the investigation takes place.",
                    f"{self.c.police} have been informed and are considering whether to bring charges of theft. A disciplinary investigation will follow the criminal process.",
                    "Controls on cash collection have been tightened and the machines are being replaced by cashless payment."]
        return dict(title="Investigation into losses of car park income", service="audit", committee="audit", m=m, paras=[1, 7],
                    flags=[EMP], why="the report concerns a criminal investigation into a named employee", details=details,
                    person=True, recs=["That the Committee notes the action taken."])

    def exempt(self, j: int):
        rng = self.rng
        name = self.TOPICS[j % len(self.TOPICS)]
        sig = self.SIGNALS[(j // len(self.TOPICS) + j) % len(self.SIGNALS)]
        if sig == "old" and name not in self.OLD:
            sig = "explicit"
        t = self.topic(name, j // len(self.TOPICS))
        com = self.cm[t["committee"]]
        archive = sig == "old" and rng.random() < 0.3
        when = date(2005, rng.randint(1, 12), rng.randint(1, 28)) if archive else self.meeting(t["committee"])
        style = rng.choice(T.EXPLICIT_STYLES if sig == "explicit" else T.OLD_STYLES)
        pi = rng.random() < 0.5
        n_body, n_appx = rng.choice([(1, 1), (2, 0), (2, 1), (1, 2), (2, 2), (3, 1)])
        m = t["m"]
        author = self.author_for(t)

        def body(r):
            who = self.person(r) if t["person"] else ""
            if sig == "explicit":
                st = T.explicit_statement(style, t["paras"], r, f"The {com.name}")
                if pi:
                    st = st + T.public_interest(r, t["why"])
            elif sig == "old":
                st = T.old_statement(style, self.OLD[name], r)
            else:
                st = []
            return self.report(r, title=t["title"], committee=com, when=when, author=author, m=m, statement=st,
                               purpose=f"To seek a decision about {m.kw}." if m.type != "pay" else "To seek a decision on a matter arising from the pay and grading review.",
                               details=t["details"](r, who), recs=t["recs"], body_pages=n_body, n_appx=n_appx)

        kind = {"explicit": "exempt_explicit", "old": "exempt_old_numbering", "content": "exempt_content_only"}[sig]
        return (f"{kind}:{name}", t["title"], self.meta(t["service"], t["committee"], when, "private", [m]),
                (t["paras"], None, t["flags"]), sig, body)

    # ------------------------------------------------------------------ party groups
    def group_doc(self, j: int):
        rng, c = self.rng, self.c
        g = c.groups[j % len(c.groups)]
        variant = ["group_minutes", "whip_note", "group_briefing"][(j // len(c.groups)) % 3]
        others = [x for x in c.groups if x is not g]
        other = rng.choice(others)
        m = self.matter("leisure", "waste", "regeneration", "parking", "allocations", "ctax", "homelessness")
        when = self.meeting("council", "any")
        title = {"group_minutes": f"{g.name}: minutes of group meeting, {T.d_med(when - timedelta(days=6))}",
                 "whip_note": f"Whipping arrangements for Council, {T.d_med(when)}",
                 "group_briefing": f"Group briefing: {m.title}"}[variant]

        def body(r):
            mems = g.members
            if variant == "group_minutes":
                lines = [f"{g.name}", f"Minutes of the group meeting held on {T.d_long(when - timedelta(days=6))}, Group Room, {c.offices.split(',')[0]}",
                         f"Present: {_mem_names(mems, 16)}", f"In the chair: {g.leader.name} (Group Leader)",
                         f"1. Council on {T.d_med(when)}: {m.title}",
                         f"The group discussed the report concerning {m.kw}. {r.choice(['Several members were unhappy with the costs', 'Members from the rural wards were worried about the effect on their residents', 'The group agreed the principle but not the timetable'])}. It was agreed that the group would {r.choice(['support the recommendations', 'move an amendment asking for a further report', 'oppose the recommendations', 'abstain unless the costs are clarified'])} and that {g.leader.name} would speak first.",
                         f"2. Relations with the {other.name}",
                         f"{g.deputy.name} reported on informal talks with {other.short} about committee places and a joint motion. Members agreed to keep the talks confidential until the group had agreed a position.",
                         "3. Any other business",
                         f"Candidate selection for the by-election in {r.choice(c.wards)} ward will be on {T.d_med(when + timedelta(days=14))}. {g.whip.name} reminded members to attend all meetings of the group."]
                return self.note(r, lines, 220, 380)
            if variant == "whip_note":
                rec = [x.email for x in mems[:12]]
                lines = [f"From: {g.whip.name} <{g.whip.email}>", f"To: {'; '.join(rec)}" + (f" and {len(mems) - 12} others" if len(mems) > 12 else ""),
                         f"Date: {T.d_email(when - timedelta(days=r.randint(2, 6)), r)}", f"Subject: Whip for Council, {T.d_med(when)}",
                         "Colleagues,",
                         f"Full Council meets on {T.d_long(when)}. The whip is on for the item concerning {m.kw}: we vote for the recommendations as they stand.",
                         f"I understand that the {other.name} will move an amendment to defer the decision. We vote against it. " + (f"{cap(r.choice([x for x in others if x is not other]).short)} are likely to abstain." if len(others) > 1 else ""),
                         "If you cannot attend, tell me by Friday so that I can try to arrange a pair. Please do not discuss our voting intentions with anyone outside the group before the meeting.",
                         f"Thanks, {g.whip.first}"]
                return self.note(r, lines, 150, 300)
            alias = r.choice(g.aliases)
            lines = [f"{alias} – briefing for group members only", f"Subject: {m.title}", f"Prepared by {g.deputy.name} for the group meeting before Council on {T.d_med(when)}",
                     "Key messages",
                     f"- The {m.kw} matters to residents in every ward. {r.choice(['We want value for money and no surprises on cost.', 'We back the principle but want a proper consultation.', 'We should be seen to be leading on this, not following.'])}",
                     f"- Expect the {other.name} to attack the timetable. Our response: the delay happened on their watch.",
                     "Lines to take with the press",
                     "- Refer enquiries to the group leader. Do not comment on negotiations or on individual officers.",
                     f"- {self.para(r, 1)}"]
            return self.note(r, lines, 180, 340)

        return (variant, title, self.meta(None, None, None, None, [m], portfolio=False), ([], g.id, []), None, body)

    # ------------------------------------------------------------------ monitoring officer
    def mo_doc(self, j: int):
        rng, c = self.rng, self.c
        mo = self.staff("mo")
        variant = ["mo_complaint", "mo_predetermination", "mo_interest_advice", "mo_employee", "mo_dispensation",
                   "mo_assessment"][j % 6]
        if variant == "mo_complaint":
            subject = rng.choice(c.members)
            ref = f"SC/{AS_AT.year % 100}/{rng.randint(1, 40):02d}"
            title = f"Code of conduct complaint {ref}"

            def body(r):
                comp = self.person(r)
                lines = [f"MEMORANDUM from the Monitoring Officer", f"To: {subject.name}", f"From: {mo.name}, {mo.title}",
                         f"Date: {T.d_med(AS_AT - timedelta(days=r.randint(3, 60)))}", f"Subject: Code of conduct complaint {ref}",
                         f"I write to let you know that I have received a complaint about you from {comp} of {self.address(r)}. The complainant alleges that at a ward surgery you were discourteous and that you disclosed details of their housing situation to a neighbour.",
                         "I have consulted the Independent Person. My initial view is that the complaint should be referred for investigation. You may comment on the complaint within ten working days.",
                         "This memorandum is confidential. Please do not contact the complainant about the complaint.", f"{mo.name}"]
                return self.note(r, lines)
            return (variant, title, self.meta("legal", "standards"), ([1, 2], None, [MO, TPD]), None, body)
        if variant == "mo_predetermination":
            m = self.matter("planning_app")
            when = self.meeting("planning", "any")
            title = f"Predetermination and the {m.kw} application"

            def body(r):
                leaders = [g.leader for g in c.groups]
                lines = [f"From: {mo.name} <{mo.email}>", f"To: {'; '.join(x.email for x in leaders)}",
                         f"Date: {T.d_email(when - timedelta(days=r.randint(5, 20)), r)}", f"Subject: {m.kw} – predetermination",
                         f"Dear group leaders,",
                         f"Application {m.params['ref']} for {m.params['site']} is likely to come to the Planning Committee on {T.d_med(when)}. I have seen social media posts in which members appear to have made up their minds on the application.",
                         "Members of the Planning Committee may express a view but must keep an open mind and must weigh all the evidence at the meeting. A member who has predetermined the application should not take part in the decision. Please remind your members of this.",
                         f"Regards, {mo.name}, Monitoring Officer"]
                return self.note(r, lines)
            return (variant, title, self.meta("legal", None, None, None, [m], portfolio=False), ([], None, [MO]), None, body)
        if variant == "mo_interest_advice":
            pairs = [(mem, mid, kind, d) for mid, lst in self.interested.items() for mem, kind, d in lst]
            mem, mid, kind, desc = rng.choice(pairs) if pairs else (rng.choice(c.members), c.matters[0].id, "other", "a registered interest")
            m = c.matter_by_id[mid]
            title = f"Advice on your interest: {m.title}"

            def body(r):
                lines = [f"From: {mo.name} <{mo.email}>", f"To: {mem.email}", f"Date: {T.d_email(AS_AT - timedelta(days=r.randint(1, 90)), r)}",
                         f"Subject: Your interest in the item concerning {m.kw}",
                         f"Dear {mem.name},", f"You asked whether your registered interest ({desc[0].lower() + desc[1:]}) affects your participation in the item concerning {m.kw}.",
                         ("As this is a disclosable pecuniary interest you must not participate in the discussion or vote and must leave the room, unless you hold a dispensation." if kind == "pecuniary" else
                          "In my view this is an other registrable interest. You should declare it, and you may speak as a member of the public would but should not vote if the matter directly affects the body concerned."),
                         "I am happy to discuss this before the meeting.", f"{mo.name}, Monitoring Officer"]
                return self.note(r, lines)
            return (variant, title, self.meta("legal", None, None, None, [m], portfolio=False), ([], None, [MO]), None, body)
        if variant == "mo_dispensation":
            pairs = [(mem, mid) for mid, lst in self.interested.items() for mem, kind, _d in lst if kind == "pecuniary"]
            mem, mid = rng.choice(pairs) if pairs else (rng.choice(c.members), c.matters[0].id)
            m = c.matter_by_id[mid]
            title = f"Request for a dispensation: {m.title}"

            def body(r):
                lines = [self.c.name, self.c.offices, say(r, "[Our ref|Ref]: MO/DISP/{n}", n=r.randint(10, 99)),
                         say(r, "[Please ask for|Contact]: {mo}", mo=mo.name), T.d_med(AS_AT - timedelta(days=r.randint(5, 40))),
                         say(r, "[Dear Councillor {last}|Dear {name}]", last=mem.last, name=mem.name),
                         say(r, "[Thank you for your request|I refer to your written request] for a dispensation to take part in the item concerning {kw}, in which you have a disclosable pecuniary interest.", kw=m.kw),
                         say(r, "[Under section 33 of the Localism Act 2011 and the authority delegated to me, I have decided to|Having consulted the Independent Person, I have decided to] [grant a dispensation allowing you to speak but not to vote|refuse the request]. [It lasts until the end of the municipal year.|It applies to that meeting only.]"),
                         say(r, "[Yours sincerely|Yours faithfully]"), mo.name, "Monitoring Officer"]
                return self.note(r, lines)
            return (variant, title, self.meta("legal", None, None, None, [m], portfolio=False), ([], None, [MO]), None, body)
        if variant == "mo_assessment":
            subject = rng.choice(c.members)
            title = f"Assessment of a complaint about {subject.name}"

            def body(r):
                comp = self.person(r)
                lines = [say(r, "[PRIVATE AND CONFIDENTIAL|Strictly confidential – addressee only]"), f"{subject.name}", self.address(r),
                         say(r, "[Our ref|Ref]: COM/{y}/{n}", y=AS_AT.year % 100, n=r.randint(1, 60)), f"Dear {subject.name},",
                         f"Complaint from {comp}",
                         say(r, "I have now assessed the complaint [made by|received from] {comp} that you [posted comments about them on social media|raised their family's circumstances at a public meeting]. [After consulting the Independent Person I have decided that no further action is needed.|I have decided to seek informal resolution, and I would like you to offer an apology.]", comp=comp),
                         "Please treat this letter and the complainant's details as confidential.",
                         say(r, "[Yours sincerely|Regards]"), f"{mo.name}, Monitoring Officer"]
                return self.note(r, lines)
            return (variant, title, self.meta("legal", "standards"), ([1, 2], None, [MO, TPD]), None, body)
        job, grade = rng.choice(banks.JOB_TITLES)
        title = "Whistleblowing allegation: advice"

        def body(r):
            who = self.person(r)
            lines = ["CONFIDENTIAL MEMORANDUM", f"To: {self.staff('chief_exec').name}, Chief Executive", f"From: {mo.name}, Monitoring Officer",
                     f"Date: {T.d_med(AS_AT - timedelta(days=r.randint(1, 60)))}", "Subject: Whistleblowing allegation",
                     f"I have received a disclosure under the Council's whistleblowing policy concerning {who}, {job} ({grade}). It is alleged that the employee has been working for a private company during hours of sickness absence.",
                     "In my view the allegation should be investigated under the disciplinary procedure by a manager from another service. The employee's line manager should not be told who made the disclosure.",
                     "I will report the outcome to the Audit and Governance Committee in summary form only.", f"{mo.name}"]
            return self.note(r, lines)
        return (variant, title, self.meta("legal"), ([1], None, [EMP, MO]), None, body)

    # ------------------------------------------------------------------ casework
    def casework(self, j: int):
        rng, c = self.rng, self.c
        mem = rng.choice(c.members)
        topic = ["housing", "waste", "planning"][j % 3]
        m = self.matter({"housing": "allocations", "waste": "waste", "planning": "planning_app"}[topic])
        officer = self.staff({"housing": "housing", "waste": "environment", "planning": "planning_officer"}[topic])
        service = {"housing": "housing", "waste": "environment", "planning": "planning"}[topic]
        title = f"Casework enquiry ({topic}) from {mem.name}"

        def body(r):
            res = self.person(r)
            addr = self.address(r)
            ask = {"housing": f"{res} has been on the housing register for {r.randint(2, 6)} years in band C. The family of five live in a two-bedroom flat and one child has asthma. Could you check whether the banding is right under the allocations policy?",
                   "waste": f"{res} tells me the recycling collection has been missed {r.randint(3, 7)} times since the summer. {res.split()[0]} {res.split()[-1]} is disabled and needs an assisted collection. Can the waste collection crew be reminded?",
                   "planning": f"{res} lives next to {m.kw} and is worried about overlooking from the new homes. {res.split()[0]} {res.split()[-1]} works nights and asks about construction hours. Can you tell me what conditions are proposed?"}[topic]
            lines = [f"From: {mem.name} <{mem.email}>", f"To: {officer.name} <{officer.email}>",
                     f"Date: {T.d_email(AS_AT - timedelta(days=r.randint(1, 300)), r)}", f"Subject: Constituent enquiry – {res}, {addr}",
                     f"Dear {officer.first},", f"I have been contacted by my constituent, {res} of {addr} (telephone {self.mobile(r)}), who has given consent for me to raise this with you.",
                     ask, "I would be grateful for a reply within ten working days.", f"{mem.name}, {mem.ward} ward",
                     f"Reply from {officer.name}: thank you; I have logged this as enquiry {r.randint(10000, 99999)} and will reply to you directly."]
            return self.note(r, lines)

        return ("casework", title, self.meta(service, None, None, None, [m], portfolio=False, casework_of=mem.id),
                ([], None, [TPD]), None, body)

    # ------------------------------------------------------------------ special handling
    def nfp_to(self):
        rng, c = self.rng, self.c
        name = rng.choice(["disposal", "grant"])
        t = self.topic(name, 0)
        m = t["m"]
        inter = [x for x in self.interested.get(m.id, []) if x[0].id]
        if inter:
            mem, kind, _d = rng.choice(inter)
        else:
            mem, kind = rng.choice([x for x in c.members if x not in c.cabinet_members] or c.members), "other"
        when = self.meeting("cabinet")
        com = self.cm["cabinet"]

        def body(r):
            top = [f"NOT FOR PUBLICATION TO {mem.name.upper()}, who has declared a {kind} interest in this item. All other members may see this report."]
            return self.report(r, title=t["title"], committee=com, when=when, author=self.staff(AUTHOR[m.type]), m=m,
                               extra_top=top, purpose=f"To seek a decision about {m.kw}.", details=t["details"](r, ""),
                               recs=t["recs"], body_pages=1, n_appx=1)

        return ("not_for_publication_to", t["title"],
                self.meta(t["service"], "cabinet", when, "private", [m], not_for_publication_to=mem.id),
                (t["paras"], None, t["flags"]), "content", body)

    def embargoed(self):
        when = self.meeting("council", "future")
        publish = max(AS_AT + timedelta(days=1), when - timedelta(days=7))
        kind, title, meta, labels, sig, body = self.pub_report("embargoed", {"publish_on": publish}, "", "council", when)
        return ("embargoed", title, meta, labels, sig, body)

    def draft(self):
        kind, title, meta, labels, sig, body = self.pub_report("draft", {"admin_only": True}, "DRAFT: ")
        return ("draft_admin_only", title, meta, labels, sig, body)

    def private_not_held(self):
        rng = self.rng
        cid = rng.choice(["cabinet", "audit", "osc"])
        when = self.meeting(cid, "future")
        m = self.matter(*COMMITTEE_TYPES.get(cid, ["leisure"])) if cid != "osc" else self.c.matter_by_id[rng.choice(self.cm["osc"].work_programme)]
        title = f"Private briefing session: {m.title} programme and timetable"

        def body(r):
            return self.report(r, title=title, committee=self.cm[cid], when=when, author=self.staff(AUTHOR[m.type]), m=m,
                               extra_top=["Informal private briefing for members. No decisions will be taken."],
                               purpose=f"To brief members on the programme and timetable for the {m.kw} before the formal report.",
                               details=[self.public_body(m, r), self.para(r, 3)],
                               recs=["That members note the timetable and identify any questions for the formal report."],
                               body_pages=1, n_appx=1)

        return ("private_meeting_not_yet_held", title, self.meta(m.service, cid, when, "private", [m]), ([], None, []), None, body)
