"""A generated council for the index tests: every kind of member and document the rules tell apart.

Documents go straight into the database (Document + DocumentVersion rows with a declared
classification), which is much faster than ingesting files and exercises the same facts.
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import yaml
from sqlalchemy import insert

from gateway.domain.council_file import load_council
from gateway.domain.generation import bump
from gateway.domain.models import Document, DocumentVersion, ProperOfficerDecision

AT = date(2026, 6, 15)   # the date every test searches and decides at
BODY_WORD = "zebrafinch"  # in the body of every document, never in a title
TITLE_WORD = "quarterly"  # in some titles

WORDS = [
    "budget", "report", "housing", "planning", "application", "leisure", "centre", "contract",
    "procurement", "tender", "highways", "parking", "scheme", "consultation", "policy", "review",
    "strategy", "appraisal", "audit", "risk", "licensing", "premises", "waste", "recycling",
    "depot", "library", "museum", "grant", "funding", "allotments", "regeneration", "market",
    "town", "square", "harbour", "flood", "defence", "drainage", "school", "transport", "annual",
    "accounts", "pension", "fund", "treasury", "investment", "asset", "disposal", "land", "lease",
]
SURNAMES = [
    "Ahmed", "Bell", "Carter", "Dixon", "Evans", "Foster", "Green", "Hughes", "Iqbal", "Jones",
    "Khan", "Lewis", "Morgan", "Nash", "Owen", "Patel", "Quinn", "Reid", "Shaw", "Taylor", "Usher",
    "Vance", "Walsh", "Young",
]

GROUPS = [("grp-red", "Red Group"), ("grp-blue", "Blue Group"), ("grp-green", "Green Group"),
          ("grp-ind", "Independent Group")]
ADMINISTRATION = ["grp-red", "grp-ind"]
COMMITTEES = [
    ("full-council", "Full Council", "council", []),
    ("cabinet", "Cabinet", "executive", []),
    ("osc", "Overview and Scrutiny Committee", "scrutiny", ["m-leisure", "m-depot", "m-harbour"]),
    ("hsc", "Housing Scrutiny Panel", "scrutiny", ["m-housing", "m-estates"]),
    ("planning", "Planning Committee", "regulatory", []),
    ("licensing", "Licensing Committee", "regulatory", []),
    ("standards", "Standards Committee", "standards", []),
    ("audit", "Audit and Governance Committee", "other", []),
]
PORTFOLIOS = ["housing", "finance", "environment", "leisure", "regeneration"]
MATTERS = ["m-leisure", "m-depot", "m-harbour", "m-housing", "m-estates", "m-market", "m-library",
           "m-flood", "m-parking", "m-pension"]
SERVICES = ["legal", "housing", "planning", "finance", "environment"]


@dataclass
class GeneratedCouncil:
    council: dict
    documents: list[dict] = field(default_factory=list)
    decisions: list[dict] = field(default_factory=list)
    at: date = AT   # the date its searches and decisions are made at

    @property
    def member_ids(self) -> list[str]:
        return [m["id"] for m in self.council["members"]]

    @property
    def officer_ids(self) -> list[str]:
        return [o["id"] for o in self.council["officers"]]


def generate(members: int = 40, documents: int = 2000, seed: int = 7) -> GeneratedCouncil:
    rng = random.Random(seed)
    council = {
        "council": {"name": "Testshire District Council", "numbering": "england",
                    "withholdable_paragraphs": [1, 2, 3, 4, 5, 7], "administration": ADMINISTRATION},
        "groups": [{"id": g, "name": n, "aliases": []} for g, n in GROUPS],
        "committees": [{"id": c, "name": n, "kind": k, "work_programme": wp} for c, n, k, wp in COMMITTEES],
        "portfolios": [{"id": p, "name": p.title()} for p in PORTFOLIOS],
        "matters": [{"id": m, "title": m[2:].title() + " matter", "keywords": [m[2:]]} for m in MATTERS],
        "members": [],
        "officers": [
            {"id": "off-mo", "name": "Jo Bell", "roles": ["proper_officer"], "service": "legal"},
            {"id": "off-housing", "name": "Sam Hale", "roles": ["officer"], "service": "housing"},
            {"id": "off-it", "name": "Kim Ross", "roles": ["admin"], "service": "it"},
        ],
    }
    committee_ids = [c[0] for c in COMMITTEES if c[0] != "full-council"]
    for n in range(members):
        group = rng.choice([g for g, _ in GROUPS] + [None])
        seats = []
        for c in rng.sample(committee_ids, rng.randint(0, 3)):
            seats.append({"committee": c, "role": rng.choice(["member", "member", "chair", "vice_chair", "substitute"])})
        interests = [{"kind": rng.choice(["pecuniary", "professional", "other"]), "matter": m, "description": "x"}
                     for m in rng.sample(MATTERS, rng.choice([0, 0, 0, 1, 2]))]
        council["members"].append({
            "id": f"cllr-{n:03d}", "name": f"Cllr {rng.choice(SURNAMES)} {n}", "group": group,
            "ward": f"Ward {n % 12}", "committees": seats,
            "portfolio_holder": rng.sample(PORTFOLIOS, 1) if group in ADMINISTRATION and rng.random() < 0.2 else [],
            "opposition_spokesperson": rng.sample(PORTFOLIOS, 1) if group not in ADMINISTRATION and rng.random() < 0.2 else [],
            "interests": interests,
        })
    member_ids = [m["id"] for m in council["members"]]
    out = GeneratedCouncil(council)
    meeting_days = [AT + timedelta(days=d) for d in range(-700, 120, 7)]
    for n in range(documents):
        committee = rng.choice([c[0] for c in COMMITTEES] + [None])
        meeting = rng.choice(meeting_days) if committee and rng.random() < 0.9 else None
        status = rng.choices(["published", "embargoed", "draft"], [85, 8, 7])[0]
        declared = {}
        if rng.random() < 0.8:
            declared["exempt_paragraphs"] = rng.choices([[], [1], [3], [1, 2], [6], [3, 4], [5, 7]],
                                                         [60, 8, 8, 5, 5, 4, 4])[0]
            declared["party_group"] = rng.choice([g for g, _ in GROUPS]) if rng.random() < 0.05 else None
            declared["flags"] = rng.choices(
                [[], ["contract_terms"], ["employee_matter"], ["monitoring_officer_correspondence"],
                 ["third_party_personal_data"]], [85, 4, 4, 3, 4])[0]
            if rng.random() < 0.05:
                declared["needs_review"] = rng.random() < 0.5
        classified = {"exempt_paragraphs": rng.choice([[], [], [1], [3]]), "party_group": None, "flags": [],
                      "needs_review": rng.random() < 0.3, "confidence": 0.8, "evidence": []}
        ident = f"doc-{n:05d}"
        words = rng.sample(WORDS, 4)
        title = " ".join(w.title() for w in words[:3]) + (f" {TITLE_WORD.title()} Update" if rng.random() < 0.2 else "")
        body_words = [rng.choice(WORDS) for _ in range(rng.randint(40, 160))]
        body_words[rng.randrange(len(body_words))] = BODY_WORD
        body_words.insert(rng.randrange(len(body_words)), f"zq{n:05d}x")   # unique to this document's body
        pages = [" ".join(body_words[i:i + 60]) for i in range(0, len(body_words), 60)]
        out.documents.append({
            "id": ident, "title": title, "file": f"{ident}.txt", "service": rng.choice(SERVICES),
            "committee_id": committee, "meeting_date": meeting,
            "meeting_session": rng.choice(["public", "public", "private"]) if meeting else None,
            "portfolio_id": rng.choice(PORTFOLIOS) if rng.random() < 0.4 else None,
            "matters": rng.sample(MATTERS, rng.randint(1, 2)) if rng.random() < 0.6 else None,
            "inferred_matters": rng.sample(MATTERS, rng.randint(0, 1)),
            "status": status,
            "publish_on": (AT + timedelta(days=rng.randint(-30, 30))) if status == "embargoed" and rng.random() < 0.9 else None,
            "admin_only": rng.random() < 0.04,
            "not_for_publication_to": rng.choice(member_ids) if rng.random() < 0.03 else None,
            "casework_of": rng.choice(member_ids) if rng.random() < 0.03 else None,
            "declared": declared, "classified": classified, "pages": pages,
        })
    for _ in range(max(10, documents // 40)):
        out.decisions.append({"member": rng.choice(member_ids), "document": rng.choice(out.documents)["id"],
                              "outcome": rng.choice(["grant", "grant", "deny"]),
                              "until": rng.choice([None, AT - timedelta(days=3), AT + timedelta(days=30)])})
    return out


def write_council_file(data: dict, path: Path) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def load(gw, generated: GeneratedCouncil, folder: Path) -> None:
    """Loads the council file, inserts the documents and the standing decisions."""
    with gw.sessions() as session:
        load_council(session, write_council_file(generated.council, folder / "council.yaml"))
    insert_documents(gw, generated.documents)
    if generated.decisions:
        add_decisions(gw, generated.decisions)


def insert_documents(gw, documents: list[dict]) -> None:
    now = datetime.now(UTC)
    with gw.sessions() as session, session.begin():
        versions, rows = [], []
        for n, d in enumerate(documents):
            versions.append({"document_id": d["id"], "sha256": f"{n:064d}", "media_type": "text/plain",
                             "size": 1, "pages": d["pages"], "extraction_status": "ok", "ingested_at": now})
        result = session.execute(insert(DocumentVersion).returning(DocumentVersion.id, DocumentVersion.document_id),
                                 versions)
        version_of = {doc_id: vid for vid, doc_id in result}
        for d in documents:
            row = {k: v for k, v in d.items() if k != "pages"}
            rows.append({**row, "current_version_id": version_of[d["id"]], "updated_at": now})
        session.execute(insert(Document), rows)
        bump(session)


def add_decisions(gw, decisions: list[dict]) -> None:
    now = datetime.now(UTC)
    with gw.sessions() as session, session.begin():
        for d in decisions:
            session.add(ProperOfficerDecision(member_id=d["member"], document_id=d["document"], outcome=d["outcome"],
                                              reasons=d.get("reasons", "Decided for the test."), until=d.get("until"),
                                              decided_at=now))
        bump(session)


def from_demo(members: int = 40, documents: int = 2000, seed: int = 1) -> GeneratedCouncil:
    """The demo generator's council and documents, as rows, with the test words planted in bodies.

    Undeclared documents get the generator's true labels as their classification (a perfect
    classifier), and one in ten of them is left needing review, as an unsure classifier would.
    """
    from gateway.demo import generate_council
    from gateway.demo.council import AS_AT

    demo = generate_council(members=members, documents=documents, seed=seed, with_documents_text=True)
    rng = random.Random(seed)
    for person in demo.council.get("members", []) + demo.council.get("officers", []):
        person.pop("password", None)   # nobody signs in here: skip the (deliberately slow) hashing
    out = GeneratedCouncil(demo.council, at=AS_AT)
    for n, d in enumerate(demo.documents):
        meta = d.meta
        meeting = meta.get("meeting") or {}
        declared = {k: meta[k] for k in ("exempt_paragraphs", "party_group", "flags", "needs_review") if k in meta}
        labels = d.labels
        classified = {"exempt_paragraphs": list(labels["exempt_paragraphs"]), "party_group": labels["party_group"],
                      "flags": list(labels["flags"]), "needs_review": rng.random() < 0.1, "confidence": 0.9,
                      "evidence": []}
        pages = list(d.pages) or [""]
        pages[-1] = f"{pages[-1]}\n{BODY_WORD} zq{d.id.split('-')[1]}x"
        out.documents.append({
            "id": d.id, "title": d.title, "file": d.file, "service": meta.get("service"),
            "committee_id": meta.get("committee"), "meeting_date": _date(meeting.get("date")),
            "meeting_session": meeting.get("session"), "portfolio_id": meta.get("portfolio"),
            "matters": meta.get("matters"), "inferred_matters": [], "status": meta.get("status", "published"),
            "publish_on": _date(meta.get("publish_on")), "admin_only": bool(meta.get("admin_only", False)),
            "not_for_publication_to": meta.get("not_for_publication_to"), "casework_of": meta.get("casework_of"),
            "declared": declared, "classified": classified, "pages": pages,
        })
    member_ids = out.member_ids
    for _ in range(max(10, documents // 40)):
        out.decisions.append({"member": rng.choice(member_ids), "document": rng.choice(out.documents)["id"],
                              "outcome": rng.choice(["grant", "grant", "deny"]),
                              "until": rng.choice([None, AS_AT - timedelta(days=3), AS_AT + timedelta(days=30)])})
    return out


def _date(value):
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
