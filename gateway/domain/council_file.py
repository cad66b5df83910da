"""Reading and checking the council file (CONTRACT.md), then loading it in one transaction."""

from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.orm import Session

from gateway.domain.errors import InputError
from gateway.domain.file_schema import Email, Entries, Id, ListOf, OneOf, Record, Text, Whole, check_file, entry_name
from gateway.domain.generation import bump
from gateway.domain.models import (
    Committee, CouncilSettings, Group, Interest, Matter, Member, Officer, Portfolio, Seat,
)
from gateway.domain.paragraphs import NUMBERINGS, TO_ENGLAND
from gateway.domain.safe_load import read_structured
from gateway.passwords import stored_password

COMMITTEE_KINDS = ("executive", "scrutiny", "regulatory", "council", "standards", "other")
ROLES = ("member", "chair", "vice_chair", "substitute")
INTEREST_KINDS = ("pecuniary", "professional", "other")
OFFICER_ROLES = ("proper_officer", "officer", "admin", "auditor")

# One schema for the council file (CONTRACT.md); text lengths are those of the database columns.
SEAT = Record({"committee": Id(ref="committees"), "role": OneOf(ROLES, default="member")})
INTEREST = Record({"kind": OneOf(INTEREST_KINDS, required=True), "matter": Id(ref="matters"),
                   "description": Text(max_len=2000)})
MEMBER = Record({
    "id": Id(), "name": Text(required=True), "group": Id(required=False, ref="groups"), "ward": Text(),
    "committees": ListOf(SEAT),
    "portfolio_holder": ListOf(Id(ref="portfolios")), "opposition_spokesperson": ListOf(Id(ref="portfolios")),
    "interests": ListOf(INTEREST), "email": Email(), "password": Text(),
})
OFFICER = Record({
    "id": Id(), "name": Text(required=True), "roles": ListOf(OneOf(OFFICER_ROLES), required=True),
    "service": Text(max_len=100), "email": Email(), "password": Text(),
})
COUNCIL_FILE = {
    "council": Record({
        "name": Text(required=True),
        "numbering": OneOf(NUMBERINGS, default="england"),
        "withholdable_paragraphs": ListOf(Whole(), default=(1, 2, 3, 4, 5, 7)),
        "administration": ListOf(Id(ref="groups")),
    }, required=True),
    "groups": Entries(Record({"id": Id(), "name": Text(required=True), "aliases": ListOf(Text())})),
    "matters": Entries(Record({"id": Id(), "title": Text(required=True, max_len=300), "keywords": ListOf(Text())})),
    "portfolios": Entries(Record({"id": Id(), "name": Text(required=True)})),
    "committees": Entries(Record({
        "id": Id(), "name": Text(required=True), "kind": OneOf(COMMITTEE_KINDS, required=True),
        "work_programme": ListOf(Id(ref="matters")),
    }), required=True),
    "members": Entries(MEMBER, required=True),
    "officers": Entries(OFFICER),
}


def parse_council(path: Path) -> dict:
    """The checked council file as plain values; raises InputError at the first problem."""
    data, ids = check_file(path, read_structured(path), COUNCIL_FILE)
    council = data["council"]
    for i, p in enumerate(council["withholdable_paragraphs"]):
        if p not in TO_ENGLAND[council["numbering"]]:
            raise InputError(path, "council", f"withholdable_paragraphs[{i}]",
                             f"{council['numbering']} numbering has no paragraph {p}")
    for i, o in enumerate(data["officers"]):
        if o["id"] in ids["members"]:
            raise InputError(path, entry_name("officers", i, o["id"]), "id", f"{o['id']!r} is also a member's id")
    for i, m in enumerate(data["members"]):
        seen = set()
        for j, seat in enumerate(m["committees"]):
            if seat["committee"] in seen:
                raise InputError(path, entry_name("members", i, m["id"]), f"committees[{j}].committee",
                                 f"{seat['committee']!r} is listed twice")
            seen.add(seat["committee"])
    return data


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
                            service=o.get("service"), email=o.get("email"))
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
        email=m.get("email"),
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
