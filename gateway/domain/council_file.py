"""Reading and checking the council file (CONTRACT.md), then loading it in one transaction."""

import json
from pathlib import Path

import yaml
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from gateway.domain.errors import InputError
from gateway.domain.generation import bump
from gateway.domain.models import (
    Committee, CouncilSettings, Group, Interest, Matter, Member, Officer, Portfolio, Seat,
)
from gateway.domain.paragraphs import NUMBERINGS, TO_ENGLAND
from gateway.passwords import stored_password

COMMITTEE_KINDS = ("executive", "scrutiny", "regulatory", "council", "standards", "other")
ROLES = ("member", "chair", "vice_chair", "substitute")
INTEREST_KINDS = ("pecuniary", "professional", "other")
OFFICER_ROLES = ("proper_officer", "officer", "admin", "auditor")


def read_structured(path: Path) -> dict:
    """YAML or JSON from `path`; a syntax error names the file and the line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, None, None, f"cannot read the file ({exc})") from None
    try:
        data = json.loads(text) if str(path).endswith(".json") else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise InputError(path, None, None, f"syntax error: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(path, None, None, "expected a mapping at the top level")
    return data


class _Checker:
    """Field checks that name the file, the entry and the field in every message."""

    def __init__(self, path):
        self.path = path

    def fail(self, entry, field, problem):
        raise InputError(self.path, entry, field, problem)

    def entries(self, data: dict, section: str, required: bool = True) -> list:
        value = data.get(section)
        if value is None:
            if required:
                self.fail(None, section, "missing section")
            return []
        if not isinstance(value, list):
            self.fail(None, section, "must be a list")
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.fail(f"{section}[{i}]", None, "must be a mapping")
        return value

    def text(self, item, entry, field, required=True):
        value = item.get(field)
        if value is None or value == "":
            if required:
                self.fail(entry, field, "missing")
            return None
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            self.fail(entry, field, f"must be text, not {value!r}")
        return str(value)

    def text_list(self, item, entry, field):
        value = item.get(field) or []
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
            self.fail(entry, field, "must be a list of text")
        return [str(v) for v in value]

    def choice(self, value, allowed, entry, field):
        if value not in allowed:
            self.fail(entry, field, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def ref(self, value, known, kind, entry, field):
        if value not in known:
            self.fail(entry, field, f"unknown {kind} {value!r}")
        return value

    def unique_ids(self, items, section):
        seen = set()
        for i, item in enumerate(items):
            ident = self.text(item, f"{section}[{i}]", "id")
            if ident in seen:
                self.fail(f"{section}[{i}] ({ident})", "id", f"duplicate id {ident!r}")
            seen.add(ident)
        return seen


def parse_council(path: Path) -> dict:
    """The checked council file as plain values; raises InputError at the first problem."""
    data = read_structured(path)
    c = _Checker(path)
    council = data.get("council")
    if not isinstance(council, dict):
        c.fail(None, "council", "missing section (name, numbering, withholdable_paragraphs, administration)")
    name = c.text(council, "council", "name")
    numbering = c.choice(council.get("numbering", "england"), NUMBERINGS, "council", "numbering")
    withholdable = council.get("withholdable_paragraphs", [1, 2, 3, 4, 5, 7])
    if not isinstance(withholdable, list) or not all(isinstance(p, int) and not isinstance(p, bool) for p in withholdable):
        c.fail("council", "withholdable_paragraphs", "must be a list of paragraph numbers")
    for p in withholdable:
        if p not in TO_ENGLAND[numbering]:
            c.fail("council", "withholdable_paragraphs", f"{numbering} numbering has no paragraph {p}")

    groups = c.entries(data, "groups", required=False)
    group_ids = c.unique_ids(groups, "groups")
    for i, g in enumerate(groups):
        entry = f"groups[{i}] ({g['id']})"
        c.text(g, entry, "name")
        c.text_list(g, entry, "aliases")
    administration = c.text_list(council, "council", "administration")
    for g in administration:
        c.ref(g, group_ids, "group", "council", "administration")

    matters = c.entries(data, "matters", required=False)
    matter_ids = c.unique_ids(matters, "matters")
    for i, m in enumerate(matters):
        entry = f"matters[{i}] ({m['id']})"
        c.text(m, entry, "title")
        c.text_list(m, entry, "keywords")

    portfolios = c.entries(data, "portfolios", required=False)
    portfolio_ids = c.unique_ids(portfolios, "portfolios")
    for i, p in enumerate(portfolios):
        c.text(p, f"portfolios[{i}] ({p['id']})", "name")

    committees = c.entries(data, "committees")
    committee_ids = c.unique_ids(committees, "committees")
    for i, k in enumerate(committees):
        entry = f"committees[{i}] ({k['id']})"
        c.text(k, entry, "name")
        c.choice(k.get("kind"), COMMITTEE_KINDS, entry, "kind")
        for m in c.text_list(k, entry, "work_programme"):
            c.ref(m, matter_ids, "matter", entry, "work_programme")

    members = c.entries(data, "members")
    officers = c.entries(data, "officers", required=False)
    member_ids = c.unique_ids(members, "members")
    officer_ids = c.unique_ids(officers, "officers")
    for clash in sorted(member_ids & officer_ids):
        c.fail(f"officers ({clash})", "id", f"{clash!r} is also a member's id")
    for i, m in enumerate(members):
        entry = f"members[{i}] ({m['id']})"
        c.text(m, entry, "name")
        if m.get("group") is not None:
            c.ref(m["group"], group_ids, "group", entry, "group")
        c.text(m, entry, "ward", required=False)
        c.text(m, entry, "password", required=False)
        seats = m.get("committees") or []
        if not isinstance(seats, list):
            c.fail(entry, "committees", "must be a list")
        seen = set()
        for j, seat in enumerate(seats):
            field = f"committees[{j}]"
            if not isinstance(seat, dict):
                c.fail(entry, field, "must be a mapping {committee, role}")
            c.ref(seat.get("committee"), committee_ids, "committee", entry, f"{field}.committee")
            c.choice(seat.get("role", "member"), ROLES, entry, f"{field}.role")
            if seat["committee"] in seen:
                c.fail(entry, f"{field}.committee", f"{seat['committee']!r} is listed twice")
            seen.add(seat["committee"])
        for field in ("portfolio_holder", "opposition_spokesperson"):
            for p in c.text_list(m, entry, field):
                c.ref(p, portfolio_ids, "portfolio", entry, field)
        interests = m.get("interests") or []
        if not isinstance(interests, list):
            c.fail(entry, "interests", "must be a list")
        for j, interest in enumerate(interests):
            field = f"interests[{j}]"
            if not isinstance(interest, dict):
                c.fail(entry, field, "must be a mapping {kind, matter, description}")
            c.choice(interest.get("kind"), INTEREST_KINDS, entry, f"{field}.kind")
            c.ref(interest.get("matter"), matter_ids, "matter", entry, f"{field}.matter")
    for i, o in enumerate(officers):
        entry = f"officers[{i}] ({o['id']})"
        c.text(o, entry, "name")
        roles = c.text_list(o, entry, "roles")
        if not roles:
            c.fail(entry, "roles", f"missing (one or more of {', '.join(OFFICER_ROLES)})")
        for r in roles:
            c.choice(r, OFFICER_ROLES, entry, "roles")
        c.text(o, entry, "service", required=False)
        c.text(o, entry, "password", required=False)
    return {
        "council": {"name": name, "numbering": numbering, "withholdable_paragraphs": withholdable,
                    "administration": administration},
        "groups": groups, "committees": committees, "portfolios": portfolios, "matters": matters,
        "members": members, "officers": officers,
    }


def load_council(session: Session, path: Path, password_key: bytes | None = None) -> dict:
    """Upserts the council file by id, all or nothing. Returns counts of what it holds.

    With `password_key` (`Gateway.password_key`) only changed passwords are hashed again.
    """
    data = parse_council(path)
    with session.begin():
        c = data["council"]
        session.merge(CouncilSettings(id=1, **c))
        for g in data["groups"]:
            session.merge(Group(id=g["id"], name=g["name"], aliases=g.get("aliases") or []))
        for m in data["matters"]:
            session.merge(Matter(id=m["id"], title=m["title"], keywords=m.get("keywords") or []))
        for p in data["portfolios"]:
            session.merge(Portfolio(id=p["id"], name=p["name"]))
        for k in data["committees"]:
            session.merge(Committee(id=k["id"], name=k["name"], kind=k["kind"],
                                    work_programme=k.get("work_programme") or []))
        session.flush()
        for m in data["members"]:
            _upsert_member(session, m, password_key)
        for o in data["officers"]:
            _upsert_account(session, Officer, o, password_key, name=o["name"], roles=o["roles"],
                            service=o.get("service"))
        bump(session)
    return {key: len(data[key]) for key in ("groups", "committees", "portfolios", "matters", "members", "officers")}


def _upsert_account(session, model, item, password_key, **fields):
    row = session.get(model, item["id"]) or model(id=item["id"])
    for key, value in fields.items():
        setattr(row, key, value)
    if item.get("password"):
        row.password_hash = stored_password(row.id, str(item["password"]), password_key, row.password_hash)
    session.add(row)
    return row


def _upsert_member(session: Session, m: dict, password_key: bytes | None) -> None:
    row = _upsert_account(
        session, Member, m, password_key, name=m["name"], group_id=m.get("group"), ward=m.get("ward"),
        portfolio_holder=m.get("portfolio_holder") or [],
        opposition_spokesperson=m.get("opposition_spokesperson") or [],
    )
    session.flush()
    session.execute(delete(Seat).where(Seat.member_id == row.id))
    session.execute(delete(Interest).where(Interest.member_id == row.id))
    session.expire(row, ["seats", "interests"])
    for seat in m.get("committees") or []:
        session.add(Seat(member_id=row.id, committee_id=seat["committee"], role=seat.get("role", "member")))
    for interest in m.get("interests") or []:
        session.add(Interest(member_id=row.id, kind=interest["kind"], matter_id=interest["matter"],
                             description=str(interest.get("description") or "")))


def known_ids(session: Session, model) -> set[str]:
    return set(session.scalars(select(model.id)))
