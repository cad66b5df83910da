"""Build an invented council: groups, members, committees, portfolios, matters, officers.

Everything is drawn from ``banks.py`` with one ``random.Random``; the same seed and sizes give the
same council. ``Council`` keeps the structure the document templates need (who leads which group,
who chairs what, meeting calendars, the people who write reports) and ``to_dict()`` gives the
council file of spec/CONTRACT.md.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import banks

AS_AT = date(2026, 11, 23)          # the demo documents are written as at Monday 23 November 2026
HORIZON = date(2027, 3, 12)         # meetings are scheduled up to here
PASSWORD = "demo-pass-1"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


@dataclass
class Person:
    first: str
    last: str
    title: str = ""            # job title (staff) or Mr/Ms (residents)
    email: str = ""
    phone: str = ""

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Member:
    id: str
    first: str
    last: str
    group: str | None
    ward: str = ""
    committees: list = field(default_factory=list)        # [(committee id, role)]
    portfolio_holder: list = field(default_factory=list)
    opposition_spokesperson: list = field(default_factory=list)
    interests: list = field(default_factory=list)         # [(kind, matter id, description)]
    post: str = ""                                        # "Leader of the Council", "Group Whip", ...

    @property
    def name(self) -> str:
        return f"Cllr {self.first} {self.last}"

    @property
    def plain(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def email(self) -> str:
        return f"cllr.{slug(self.first)}.{slug(self.last)}@example.org".replace("-", "")


@dataclass
class Group:
    id: str
    name: str
    aliases: list
    short: str                 # "the Conservatives", "Labour"
    abbr: str                  # what the group calls itself in a hurry: "Con", "LD", "TIG"
    members: list = field(default_factory=list)   # Member objects
    leader: Member | None = None
    deputy: Member | None = None
    whip: Member | None = None


@dataclass
class Committee:
    id: str
    name: str
    kind: str
    members: list = field(default_factory=list)   # [(Member, role)]
    work_programme: list = field(default_factory=list)
    dates: list = field(default_factory=list)     # meeting dates, ascending
    past: list = field(default_factory=list)
    future: list = field(default_factory=list)

    def with_role(self, role):
        return [m for m, r in self.members if r == role]

    @property
    def chair(self):
        c = self.with_role("chair")
        return c[0] if c else None


@dataclass
class Matter:
    id: str
    title: str
    keywords: list
    type: str
    service: str
    portfolio: str | None
    params: dict = field(default_factory=dict)

    @property
    def kw(self) -> str:
        """The keyword templates use to name the matter in text (always one of ``keywords``)."""
        return self.keywords[0]


PORTFOLIO_BANK = {
    "finance": "Finance and Resources",
    "housing": "Housing and Communities",
    "environment": "Environment and Climate Change",
    "regeneration": "Regeneration and Economic Growth",
    "leisure": "Leisure, Culture and Wellbeing",
    "corporate": "Corporate Services and Digital",
    "safety": "Community Safety and Regulatory Services",
}

# Committee id, name, kind, weekday (0 = Monday), interval in weeks, size as a share of members,
# minimum and maximum size.
COMMITTEE_BANK = [
    ("council", "Council", "council", 2, 8, 1.0, 1, 100000),
    ("cabinet", "Cabinet", "executive", 0, 4, 0, 1, 10),
    ("osc", "Overview and Scrutiny Committee", "scrutiny", 1, 6, 0.3, 1, 13),
    ("planning", "Planning Committee", "regulatory", 2, 3, 0.35, 1, 15),
    ("licensing", "Licensing Committee", "regulatory", 1, 6, 0.3, 1, 15),
    ("standards", "Standards Committee", "standards", 3, 12, 0.2, 1, 7),
    ("appointments", "Appointments and Employment Committee", "other", 3, 8, 0.2, 1, 7),
    ("audit", "Audit and Governance Committee", "other", 3, 10, 0.2, 1, 9),
]


class NameFactory:
    """Unique people: nobody in one council shares a full name with anybody else."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[tuple[str, str]] = set()

    def __call__(self, rng: random.Random | None = None) -> tuple[str, str]:
        rng = rng or self.rng
        for _ in range(50):
            pair = (rng.choice(banks.FIRST_NAMES), rng.choice(banks.SURNAMES))
            if pair not in self.used:
                self.used.add(pair)
                return pair
        # A very large council: add a middle initial.
        while True:
            first = f"{rng.choice(banks.FIRST_NAMES)} {rng.choice('ABCDEFGHJKLMNPRSTW')}."
            pair = (first, rng.choice(banks.SURNAMES))
            if pair not in self.used:
                self.used.add(pair)
                return pair


class Council:
    """The invented council and everything the document templates need to know about it."""

    def __init__(self, rng: random.Random, members: int, documents: int, seed: int):
        if members < 3:
            raise ValueError("a demo council needs at least 3 members")
        self.rng = rng
        self.seed = seed
        self.as_at = AS_AT
        self.names = NameFactory(rng)
        self.town = rng.choice(banks.TOWNS)
        self.name = f"{self.town} {rng.choice(banks.COUNCIL_KINDS)}"
        self.county = rng.choice(banks.COUNTIES)
        self.police = f"{self.county} Police"
        self.postcode_area = rng.choice(banks.POSTCODE_AREAS)
        self.offices = f"Civic Centre, {rng.choice(['Bridge Street', 'High Street', 'Market Place', 'Guild Street'])}, {self.town} {self.postcode(rng, district=1)}"
        self._phones = iter(rng.sample(range(100, 1000), 900))
        self.switchboard = "01632 960000"
        self._build_staff()
        self._build_wards(members)
        self._build_groups(members)
        self._build_portfolios()
        self._build_matters(documents)
        self._build_committees(members, documents)
        self._build_roles()
        self._build_interests()

    # ----------------------------------------------------------------- helpers
    def postcode(self, rng, district=None):
        d = district if district is not None else rng.randint(1, 9)
        return f"{self.postcode_area}{d} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"

    def phone(self) -> str:
        return f"01632 960{next(self._phones):03d}"

    def staff_person(self, title: str) -> Person:
        first, last = self.names()
        email = f"{slug(first)}.{slug(last)}@example.org".replace("-", "")
        return Person(first, last, title, email, self.phone())

    # ----------------------------------------------------------------- staff
    STAFF_TITLES = {
        "chief_exec": "Chief Executive",
        "mo": "Head of Legal and Democratic Services and Monitoring Officer",
        "deputy_mo": "Principal Solicitor and Deputy Monitoring Officer",
        "s151": "Director of Finance and Section 151 Officer",
        "dem": "Democratic Services Manager",
        "property": "Head of Property and Estates",
        "planning": "Head of Planning and Building Control",
        "planning_officer": "Principal Planning Officer",
        "enforcement": "Planning Enforcement Team Leader",
        "housing": "Head of Housing Services",
        "tenancy": "Tenancy Services Manager",
        "environment": "Head of Environment and Neighbourhoods",
        "env_officer": "Environmental Crime Officer",
        "hr": "HR and Organisational Development Manager",
        "hr_partner": "HR Business Partner",
        "licensing": "Licensing Manager",
        "leisure": "Leisure and Culture Manager",
        "regeneration": "Regeneration Programme Manager",
        "procurement": "Procurement Manager",
        "ict": "ICT Service Manager",
        "audit": "Audit and Assurance Manager",
        "fraud": "Corporate Fraud Investigator",
        "revenues": "Revenues and Benefits Manager",
        "economic": "Economic Development Manager",
        "community_safety": "Community Safety Manager",
        "housing_options": "Housing Options Team Leader",
    }

    def _build_staff(self):
        self.staff = {key: self.staff_person(title) for key, title in self.STAFF_TITLES.items()}
        self.officer_accounts = [
            ("off-mo", "mo", ["proper_officer"], "legal"),
            ("off-it", "ict", ["admin"], "it"),
            ("off-audit", "audit", ["auditor"], "audit"),
            ("off-property", "property", ["officer"], "property"),
            ("off-planning", "planning", ["officer"], "planning"),
            ("off-housing", "housing", ["officer"], "housing"),
            ("off-environment", "environment", ["officer"], "environment"),
            ("off-hr", "hr", ["officer"], "hr"),
        ]

    # ----------------------------------------------------------------- wards
    def _build_wards(self, members):
        rng = self.rng
        n = max(1, round(members / 2.4))
        names = []
        stems = list(banks.WARD_STEMS)
        rng.shuffle(stems)
        for suffix in banks.WARD_SUFFIXES:
            names.extend(s + suffix for s in stems)
            if len(names) >= n:
                break
        if len(names) < n:
            pairs = [f"{a} and {b}" for a in stems for b in stems if a < b]
            rng.shuffle(pairs)
            names.extend(pairs)
        k = 2
        while len(names) < n:
            names.extend(f"{s} {k}" for s in stems)
            k += 1
        self.wards = names[:n]

    # ----------------------------------------------------------------- groups and members
    def _build_groups(self, members):
        rng = self.rng
        ungrouped = 1 + members // 150
        grouped = members - ungrouped
        n_groups = 2 if grouped <= 2 else 3 if grouped <= 5 else rng.choice([3, 4, 4])
        local = rng.choice(banks.LOCAL_GROUP_CANDIDATES)
        parties = rng.sample(banks.GROUP_CANDIDATES, n_groups - 1)
        cands = [local] + parties
        rng.shuffle(cands)
        coalition = rng.random() < 0.35
        weights = ([0.38, 0.17, 0.3, 0.15] if coalition else [0.56, 0.24, 0.13, 0.07])[:n_groups]
        sizes = [1] * n_groups
        rest = grouped - n_groups
        total_w = sum(weights)
        shares = [rest * w / total_w for w in weights]
        floors = [int(s) for s in shares]
        sizes = [a + b for a, b in zip(sizes, floors)]
        for i in sorted(range(n_groups), key=lambda i: floors[i] - shares[i])[: rest - sum(floors)]:
            sizes[i] += 1
        self.groups: list[Group] = []
        initials = "".join(w[0] for w in self.town.split())
        for (gid, name, aliases, short), size in zip(cands, sizes):
            name = name.format(town=self.town)
            abbr = {"grp-ind": f"{initials}IG", "grp-ra": "RA", "grp-con": "Con", "grp-lab": "Lab",
                    "grp-ld": "LD", "grp-grn": "Green", "grp-one": "ONE", "grp-our": "OUR", "grp-first": "FIRST",
                    "grp-team": "TEAM"}[gid]
            aliases = [a.format(town=self.town, abbr=abbr) for a in aliases]
            short = short.format(town=self.town)
            self.groups.append(Group(gid, name, aliases, short, abbr))
        self.group_by_id = {g.id: g for g in self.groups}
        # members
        self.members: list[Member] = []
        ids: dict[str, int] = {}
        plan = []
        for g, size in zip(self.groups, sizes):
            plan.extend([g.id] * size)
        plan.extend([None] * ungrouped)
        for gid in plan:
            first, last = self.names()
            base = f"cllr-{slug(last)}"
            ids[base] = ids.get(base, 0) + 1
            mid = base if ids[base] == 1 else f"{base}-{ids[base]}"
            m = Member(mid, first, last, gid)
            self.members.append(m)
            if gid:
                self.group_by_id[gid].members.append(m)
        self.member_by_id = {m.id: m for m in self.members}
        for g in self.groups:
            g.leader = g.members[0]
            g.deputy = g.members[1] if len(g.members) > 1 else g.members[0]
            g.whip = g.members[2] if len(g.members) > 2 else g.members[-1]
        seats = {g.id: len(g.members) for g in self.groups}
        ordered = sorted(self.groups, key=lambda g: -seats[g.id])
        if seats[ordered[0].id] * 2 > members:
            self.administration = [ordered[0]]
        else:
            self.administration = ordered[:2]
        self.opposition = [g for g in self.groups if g not in self.administration]
        self.ungrouped = [m for m in self.members if m.group is None]
        # wards: shuffle members over wards
        order = list(self.members)
        rng.shuffle(order)
        for i, m in enumerate(order):
            m.ward = self.wards[i % len(self.wards)]
        self.leader = self.administration[0].leader
        self.leader.post = "Leader of the Council"

    def group_of(self, m: Member) -> Group | None:
        return self.group_by_id.get(m.group) if m.group else None

    def admin_members(self):
        return [m for g in self.administration for m in g.members]

    # ----------------------------------------------------------------- portfolios
    def _build_portfolios(self):
        rng = self.rng
        ids = ["finance", "housing", "environment", "regeneration"]
        extra = rng.sample(["leisure", "corporate", "safety"], rng.randint(0, 3))
        ids += extra
        self.portfolios = {pid: PORTFOLIO_BANK[pid] for pid in ids}

    def portfolio_for(self, *prefs):
        for p in prefs:
            if p in self.portfolios:
                return p
        return "finance"

    # ----------------------------------------------------------------- matters
    def _new_company(self, forms, used):
        rng = self.rng
        for _ in range(200):
            stem = rng.choice(banks.COMPANY_STEMS)
            if stem not in used:
                used.add(stem)
                return rng.choice(forms).format(stem), stem
        stem = f"{rng.choice(banks.COMPANY_STEMS)} {rng.choice(['Northern', 'Midland', 'Regional', 'County'])}"
        used.add(stem)
        return rng.choice(forms).format(stem), stem

    def _new_street(self, used):
        rng = self.rng
        for _ in range(500):
            s = f"{rng.choice(banks.STREET_STEMS)} {rng.choice(banks.STREET_TYPES)}"
            stem = s.rsplit(" ", 1)[0]
            if stem not in used:
                used.add(stem)
                return s
        n = len(used)
        s = f"{rng.choice(banks.STREET_STEMS)} {rng.choice(banks.STREET_TYPES)} ({n})"
        used.add(s)
        return s

    def _new_from(self, bank, used, fmt="{}"):
        rng = self.rng
        free = [b for b in bank if b not in used]
        if free:
            s = rng.choice(free)
            used.add(s)
            return fmt.format(s)
        k = 2
        while True:
            s = f"{rng.choice(bank)} {['Upper', 'Lower', 'Great', 'Little', 'New', 'Old'][k % 6]}"
            if s not in used:
                used.add(s)
                return fmt.format(s)
            k += 1

    def _build_matters(self, documents):
        rng = self.rng
        t = self.town
        used_co: set[str] = set()
        used_streets: set[str] = set()
        used_areas: set[str] = set()
        used_farms: set[str] = set()
        self.matters: list[Matter] = []
        ids: set[str] = set()

        def add(mid, title, keywords, mtype, service, portfolio, **params):
            base, k = mid, 2
            while mid in ids:
                mid = f"{base}-{k}"
                k += 1
            ids.add(mid)
            m = Matter(mid, title, keywords, mtype, service, portfolio, params)
            self.matters.append(m)
            return m

        leisure_co, leisure_stem = self._new_company(banks.LEISURE_FORMS, used_co)
        add("m-leisure", f"{t} Leisure Centre management contract",
            [f"{t} Leisure Centre", "leisure centre", leisure_co], "leisure", "leisure",
            self.portfolio_for("leisure", "housing"), company=leisure_co, stem=leisure_stem)
        waste_co, waste_stem = self._new_company(banks.WASTE_FORMS, used_co)
        add("m-waste", "Waste and recycling collection contract",
            ["waste collection", "recycling collection", waste_co, "refuse contract"], "waste",
            "environment", "environment", company=waste_co, stem=waste_stem)
        area = self._new_from(banks.AREA_STEMS, used_areas)
        square = self._new_from(banks.AREA_STEMS, used_areas, "{} Square")
        add("m-regeneration", f"{area} Quarter town centre regeneration",
            [f"{area} Quarter", square, "town centre regeneration", "compulsory purchase"],
            "regeneration", "property", "regeneration", area=f"{area} Quarter", square=square,
            centre=f"{area} Shopping Centre")
        add("m-allocations", "Housing allocations policy review",
            ["allocations policy", "housing register", "choice-based lettings", f"{t} Homeseeker"],
            "allocations", "housing", "housing", scheme=f"{t} Homeseeker")
        add("m-pay", "Pay and grading review",
            ["pay and grading", "job evaluation", "pay policy statement", "UNISON"], "pay", "hr",
            self.portfolio_for("corporate", "finance"))
        add("m-taxi", "Hackney carriage and private hire licensing",
            ["hackney carriage", "private hire", "taxi licensing"], "taxi", "licensing",
            self.portfolio_for("safety", "environment"))
        add("m-ctax-support", "Council tax support scheme",
            ["council tax support", "council tax reduction scheme"], "ctax", "finance", "finance")
        park = self._new_from(banks.AREA_STEMS, used_areas, "{} car park")
        add("m-parking", "Car parking charges and strategy",
            ["car parking charges", "pay and display", park], "parking", "environment",
            self.portfolio_for("environment"), car_park=park)
        hostel = self._new_from(banks.AREA_STEMS, used_areas, "{} House")
        add("m-homelessness", "Temporary accommodation and homelessness strategy",
            ["temporary accommodation", "homelessness strategy", hostel], "homelessness", "housing",
            "housing", hostel=hostel)
        add("m-community-safety", "Community safety partnership and CCTV",
            ["community safety partnership", "CCTV"], "safety", "environment",
            self.portfolio_for("safety", "environment"))
        for key in rng.sample(sorted(banks.SUPPLIER_FORMS), 2):
            phrase, form, service, port = banks.SUPPLIER_FORMS[key]
            co, stem = self._new_company([form], used_co)
            add(f"m-{key}-contract", phrase[0].upper() + phrase[1:], [phrase, co], "supplier", service,
                self.portfolio_for(port, "finance"), company=co, stem=stem, phrase=phrase)

        def dup(kind):
            if kind == "disposal":
                street = self._new_street(used_streets)
                what = rng.choice(["former depot", "former garage site", "former offices", "surplus land"])
                dev, _ = self._new_company(banks.DEVELOPER_FORMS, used_co)
                add(f"m-{slug(street)}", f"Disposal of the {what} at {street}", [street, dev],
                    "disposal", "property", "finance", street=street, what=what, developer=dev)
            elif kind == "planning_app":
                street = self._new_street(used_streets)
                site = self._new_from(banks.AREA_STEMS, used_areas, "{} Park")
                yy = rng.choice([25, 26, 26])
                ref = f"{yy}/{rng.randint(100, 1499):04d}/FUL"
                dev, _ = self._new_company(banks.DEVELOPER_FORMS, used_co)
                homes = rng.choice([24, 36, 48, 64, 85, 120, 150, 210])
                add(f"m-{slug(site)}", f"{site}, {street}: application {ref}", [site, ref, dev],
                    "planning_app", "planning", None, site=site, street=street, ref=ref,
                    developer=dev, homes=homes)
            elif kind == "enforcement":
                farm = self._new_from(banks.FARM_STEMS, used_farms, "{} Farm")
                lane = self._new_street(used_streets)
                add(f"m-{slug(farm)}", f"Unauthorised development at {farm}, {lane}", [farm, lane],
                    "enforcement", "planning", None, farm=farm, lane=lane)
            elif kind == "grant":
                co, stem = self._new_company(banks.BUSINESS_FORMS, used_co)
                add(f"m-grant-{slug(stem)}", f"Business growth grant: {co}", [co], "grant",
                    "economic-development", "regeneration", company=co, stem=stem)
            elif kind == "article4":
                area = self._new_from(banks.AREA_STEMS, used_areas, "{} Conservation Area")
                add(f"m-{slug(area)}", f"{area}: Article 4 direction", [area], "article4",
                    "planning", self.portfolio_for("regeneration"), area=area)

        dup_kinds = ["disposal", "planning_app", "enforcement", "grant", "article4"]
        for k in dup_kinds:
            dup(k)
        extra = max(0, documents // 600)
        for i in range(extra):
            dup(dup_kinds[i % len(dup_kinds)])
        self.matter_by_id = {m.id: m for m in self.matters}
        self.matters_by_type: dict[str, list[Matter]] = {}
        for m in self.matters:
            self.matters_by_type.setdefault(m.type, []).append(m)

    def matters_of(self, *types) -> list[Matter]:
        out = []
        for t in types:
            out.extend(self.matters_by_type.get(t, ()))
        return out

    # ----------------------------------------------------------------- committees
    def _build_committees(self, members, documents):
        rng = self.rng
        n = len(self.members)
        admin = self.admin_members()
        # Cabinet: the administration's leaders first, then others from the administration.
        cab_size = min(len(admin), max(len(self.portfolios), 1), 10)
        lead = [g.leader for g in self.administration]
        rest_admin = [m for m in admin if m not in lead]
        rng.shuffle(rest_admin)
        cabinet = (lead + rest_admin)[:cab_size]
        self.cabinet_members = cabinet
        non_exec = [m for m in self.members if m not in cabinet] or list(self.members)
        self.committees: list[Committee] = []
        span_years = min(20, 1 + documents // 1500)
        start = date(AS_AT.year - span_years, AS_AT.month, 1)
        for cid, name, kind, weekday, weeks, share, lo, hi in COMMITTEE_BANK:
            c = Committee(cid, name, kind)
            if cid == "council":
                c.members = [(m, "member") for m in self.members]
            elif cid == "cabinet":
                c.members = [(m, "chair" if i == 0 else "vice_chair" if i == 1 else "member")
                             for i, m in enumerate(cabinet)]
            else:
                size = max(lo, min(hi, round(n * share), len(non_exec)))
                pool = list(non_exec)
                rng.shuffle(pool)
                chosen = pool[:size]
                # chair: scrutiny from the opposition where possible, others from the administration
                want_admin = cid != "osc"
                chairs = [m for m in chosen if (m.group in {g.id for g in self.administration}) == want_admin]
                chair = chairs[0] if chairs else chosen[0]
                chosen.remove(chair)
                roles = [(chair, "chair")]
                if chosen:
                    roles.append((chosen.pop(0), "vice_chair"))
                roles += [(m, "member") for m in chosen]
                subs = [m for m in pool[size:]][: (2 if n > 12 else 1)]
                roles += [(m, "substitute") for m in subs]
                c.members = roles
            self.committees.append(c)
            self._calendar(c, weekday, weeks, start)
        # Council chairman and vice-chairman: from the administration, outside the cabinet.
        council = self.committees[0]
        cands = [m for m in admin if m not in cabinet] or [m for m in self.members if m not in cabinet] or list(self.members)
        chairman = cands[0]
        vice = (cands[1:] or [m for m in self.members if m is not chairman] or [chairman])[0]
        council.members = [(m, "chair" if m is chairman else "vice_chair" if m is vice else "member")
                           for m in self.members]
        self.chairman = chairman
        # Area committees for large councils.
        if n >= 60:
            n_area = n // 40
            by_ward: dict[str, list[Member]] = {}
            for m in self.members:
                by_ward.setdefault(m.ward, []).append(m)
            wards = list(self.wards)
            chunk = math.ceil(len(wards) / n_area)
            for i in range(n_area):
                ws = wards[i * chunk:(i + 1) * chunk]
                if not ws:
                    break
                ms = [m for w in ws for m in by_ward.get(w, [])]
                if not ms:
                    continue
                label = ws[0].split(" and ")[0]
                cid = f"area-{slug(label)}"
                if any(c.id == cid for c in self.committees):
                    cid = f"{cid}-{i + 1}"
                c = Committee(cid, f"{label} Area Committee", "other")
                c.members = [(m, "chair" if j == 0 else "vice_chair" if j == 1 else "member")
                             for j, m in enumerate(ms)]
                self.committees.append(c)
                self._calendar(c, 0, 10, start)
        self.committee_by_id = {c.id: c for c in self.committees}
        for c in self.committees:
            for m, role in c.members:
                m.committees.append((c.id, role))
        # The scrutiny work programme: executive matters under review.
        execs = self.matters_of("leisure", "waste", "allocations", "regeneration", "homelessness",
                                "parking", "supplier")
        self.committee_by_id["osc"].work_programme = [m.id for m in rng.sample(execs, min(len(execs), rng.randint(2, 4)))]

    def _calendar(self, c: Committee, weekday: int, weeks: int, start: date):
        rng = self.rng
        d = HORIZON - timedelta(days=rng.randint(0, 6 * weeks))
        while d.weekday() != weekday:
            d -= timedelta(days=1)
        dates = []
        while d >= start:
            if d != AS_AT and not (d.month == 8 and c.kind in ("council", "executive") and d.day < 20):
                dates.append(d)
            d -= timedelta(weeks=weeks)
        dates.reverse()
        c.dates = dates
        c.past = [x for x in dates if x < AS_AT]
        c.future = [x for x in dates if x > AS_AT]
        if not c.future:
            f = AS_AT + timedelta(days=10)
            while f.weekday() != weekday:
                f += timedelta(days=1)
            c.future = [f]
            c.dates.append(f)
        if not c.past:
            p = AS_AT - timedelta(days=20)
            while p.weekday() != weekday:
                p -= timedelta(days=1)
            c.past = [p]
            c.dates.insert(0, p)

    # ----------------------------------------------------------------- roles
    def _build_roles(self):
        ports = list(self.portfolios)
        cab = self.cabinet_members
        for i, pid in enumerate(ports):
            cab[i % len(cab)].portfolio_holder.append(pid)
        self.holder = {pid: cab[i % len(cab)] for i, pid in enumerate(ports)}
        if len(cab) > 1:
            cab[1].post = "Deputy Leader of the Council"
        for g in self.groups:
            if not g.leader.post:
                g.leader.post = f"Leader of the {g.name}"
            if g.whip is not g.leader and not g.whip.post:
                g.whip.post = "Group Whip"
        for g in self.opposition:
            for m, pid in zip(g.members, ports):
                m.opposition_spokesperson.append(pid)

    # ----------------------------------------------------------------- interests
    INTEREST_TEXT = {
        "leisure": {
            "pecuniary": "Spouse employed by {company} as a duty manager",
            "professional": "Solicitor; her firm has acted for {company} on employment matters",
            "other": "Trustee of {town} Swimming Club, which hires pool time at {kw}",
        },
        "waste": {
            "pecuniary": "Shareholding above the registrable threshold in the parent company of {company}",
            "professional": "Accountant; his practice audits a subcontractor of {company}",
            "other": "Son works as a loader for {company}",
        },
        "regeneration": {
            "pecuniary": "Owns (with her family) the freehold of a shop in {square}",
            "professional": "Chartered surveyor; his employer advises traders in {area}",
            "other": "Committee member of the {area} Traders' Association",
        },
        "disposal": {
            "pecuniary": "Owns a house adjoining the site at {street}",
            "professional": "Architect; her practice has designed schemes for {developer}",
            "other": "Member of the {street} Allotment Society, which uses part of the site",
        },
        "planning_app": {
            "pecuniary": "Lives within 200 metres of {site}",
            "professional": "Chartered town planner; his employer has advised {developer} on other sites",
            "other": "Chair of a residents' group that has commented on the {site} proposals",
        },
        "taxi": {
            "pecuniary": "Part-owner of a vehicle licensed as a hackney carriage",
            "professional": "Driving instructor who trains private hire drivers",
            "other": "Brother holds a private hire driver's licence issued by the Council",
        },
        "pay": {
            "pecuniary": "Partner employed by the Council in a post within the pay and grading review",
            "professional": "Employment lawyer who advises other councils on job evaluation",
            "other": "Member of UNISON",
        },
        "grant": {
            "pecuniary": "Director of a supplier to {company}",
            "professional": "Business adviser who has previously advised {company}",
            "other": "Friend of a director of {company}",
        },
    }

    def _build_interests(self):
        rng = self.rng
        members = list(self.members)
        rng.shuffle(members)
        n = max(3, len(members) // 4)
        types = [t for t in self.INTEREST_TEXT if t in self.matters_by_type]
        kinds = ["pecuniary", "professional", "other"]
        for i in range(n):
            m = members[i % len(members)]
            mt = rng.choice(self.matters_by_type[rng.choice(types)])
            kind = kinds[i % 3]
            if any(x[1] == mt.id for x in m.interests):
                continue
            desc = self.INTEREST_TEXT[mt.type][kind].format(town=self.town, kw=mt.kw, **mt.params)
            m.interests.append((kind, mt.id, desc))

    # ----------------------------------------------------------------- output
    def to_dict(self) -> dict:
        out = {
            "council": {
                "name": self.name,
                "numbering": "england",
                "withholdable_paragraphs": [1, 2, 3, 4, 5, 7],
                "administration": [g.id for g in self.administration],
                "protocol_url": f"https://www.{slug(self.town)}.example.org/constitution/member-officer-protocol"
                                "#para-{paragraph}",
                "it_contact": f"the IT service desk on 01632 960000 or it@{slug(self.town)}.example.org",
            },
            "groups": [{"id": g.id, "name": g.name, "aliases": list(g.aliases)} for g in self.groups],
            "committees": [],
            "portfolios": [{"id": pid, "name": name} for pid, name in self.portfolios.items()],
            "matters": [{"id": m.id, "title": m.title, "keywords": list(m.keywords)} for m in self.matters],
            "members": [],
            "officers": [],
        }
        for c in self.committees:
            entry = {"id": c.id, "name": c.name, "kind": c.kind}
            if c.kind == "scrutiny":
                entry["work_programme"] = list(c.work_programme)
            out["committees"].append(entry)
        for m in self.members:
            out["members"].append({
                "id": m.id,
                "name": m.name,
                "group": m.group,
                "ward": m.ward,
                "committees": [{"committee": cid, "role": role} for cid, role in m.committees],
                "portfolio_holder": list(m.portfolio_holder),
                "opposition_spokesperson": list(m.opposition_spokesperson),
                "interests": [{"kind": k, "matter": mid, "description": d} for k, mid, d in m.interests],
                "password": PASSWORD,
            })
        for oid, key, roles, service in self.officer_accounts:
            p = self.staff[key]
            out["officers"].append({"id": oid, "name": p.name, "roles": list(roles), "service": service,
                                    "password": PASSWORD})
        return out
