"""Reading and checking the council file (CONTRACT.md), then loading it in one transaction."""

from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from gateway.domain.errors import InputError
from gateway.domain.file_schema import (
    Email, Entries, Flag, Id, ListOf, OneOf, Record, Text, WebAddress, Where, Whole, check_file, entry_name,
    resolve,
)
from gateway.domain.generation import bump
from gateway.domain.models import (
    Committee, CouncilSettings, Group, Interest, Matter, Member, Officer, Portfolio, Seat,
)
from gateway.domain.paragraphs import NUMBERINGS, TO_ENGLAND
from gateway.domain.safe_load import read_structured
from gateway.passwords import password_unchanged, stored_password

COMMITTEE_KINDS = ("executive", "scrutiny", "regulatory", "council", "standards", "other")
ROLES = ("member", "chair", "vice_chair", "substitute")
INTEREST_KINDS = ("pecuniary", "professional", "other")
# deputy_proper_officer (a deputy Monitoring Officer, say) acts on the queue as the Proper Officer does
OFFICER_ROLES = ("proper_officer", "deputy_proper_officer", "officer", "admin", "auditor")

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
        "protocol_url": WebAddress(),       # the member/officer protocol's text, linked where a reason cites it
        "it_contact": Text(max_len=300),    # who a locked-out person should contact, shown on the sign-in page
        # 004:5.3: tell the Cabinet member or chair concerned of each request and what was supplied (notices).
        "tell_holders_of_requests": Flag(),
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
        _check_seats(path, entry_name("members", i, m["id"]), m)
    return data


def _check_seats(path, entry: str, member: dict) -> None:
    seen = set()
    for j, seat in enumerate(member.get("committees") or []):
        if seat["committee"] in seen:
            raise InputError(path, entry, f"committees[{j}].committee", f"{seat['committee']!r} is listed twice")
        seen.add(seat["committee"])


# -- one member at a time (IT's pages, PATCH /api/v1/members/{id}) --------------------------------

# The member fields IT may change one at a time: the council file's, less the id, name and password.
MEMBER_FIELDS = ("committees", "portfolio_holder", "opposition_spokesperson", "interests", "group", "ward", "email")
_KNOWN = {"committees": Committee.id, "portfolios": Portfolio.id, "matters": Matter.id, "groups": Group.id}


def check_member_fields(session: Session, member_id: str, values: dict, source: str = "member") -> dict:
    """Any of MEMBER_FIELDS for one member, checked exactly as the council file checks a member entry
    (`MEMBER`'s field types, seats listed once), references resolved against the ids stored now.
    Returns the normalised values; raises InputError naming `source`, the member and the field."""
    entry = entry_name("members", 0, member_id).replace("[0]", "")
    where = Where(source, entry)
    for name in values:
        if name not in MEMBER_FIELDS:
            where.at(name).fail(f"not a member field that can be changed here (only {', '.join(MEMBER_FIELDS)})")
    checked = Record({name: MEMBER.fields[name] for name in values}).check(values, where)
    resolve(where.refs, {section: set(session.scalars(select(column))) for section, column in _KNOWN.items()})
    _check_seats(source, entry, checked)
    return checked


def check_new_account(session: Session, kind: str, values: dict, source: str = "account") -> dict:
    """A new member's or officer's entry (id, name, email; a member's group and ward, an officer's roles and
    service), checked as the council file checks one; the id must not be any account's yet."""
    schema = {"member": MEMBER, "officer": OFFICER}.get(kind)
    where = Where(source, None)
    if schema is None:
        where.at("kind").fail(f"{kind!r} is not one of member, officer")
    fields = ("id", "name", "email") + (("group", "ward") if kind == "member" else ("roles", "service"))
    entry = Record({name: schema.fields[name] for name in fields}).check(values, where)
    where = Where(source, entry_name(f"{kind}s", 0, entry["id"]).replace("[0]", ""), None, where.refs)
    resolve(where.refs, {section: set(session.scalars(select(column))) for section, column in _KNOWN.items()})
    if session.get(Member, entry["id"]) is not None or session.get(Officer, entry["id"]) is not None:
        where.at("id").fail(f"{entry['id']!r} is already an account's id")
    return entry


def member_entry(row: Member) -> dict:
    """A stored member's MEMBER_FIELDS in the council file's shape (for answers and audit records)."""
    return {
        "committees": [{"committee": s.committee_id, "role": s.role}
                       for s in sorted(row.seats, key=lambda s: s.committee_id)],
        "portfolio_holder": list(row.portfolio_holder or []),
        "opposition_spokesperson": list(row.opposition_spokesperson or []),
        "interests": [{"kind": i.kind, "matter": i.matter_id, "description": i.description or ""}
                      for i in sorted(row.interests, key=lambda i: i.id or 0)],
        "group": row.group_id, "ward": row.ward, "email": row.email,
    }


def apply_member_fields(session: Session, row: Member, values: dict) -> None:
    """Stores checked MEMBER_FIELDS on `row` (absent fields are left as they are); the caller bumps the
    generation in the same transaction."""
    for name, attribute in (("group", "group_id"), ("ward", "ward"), ("email", "email")):
        if name in values:
            setattr(row, attribute, values[name])
    for name in ("portfolio_holder", "opposition_spokesperson"):
        if name in values:
            setattr(row, name, list(values[name] or []))
    session.flush()
    if "committees" in values:
        session.execute(delete(Seat).where(Seat.member_id == row.id))
        session.expire(row, ["seats"])
        for seat in values["committees"] or []:
            session.add(Seat(member_id=row.id, committee_id=seat["committee"], role=seat.get("role") or "member"))
    if "interests" in values:
        session.execute(delete(Interest).where(Interest.member_id == row.id))
        session.expire(row, ["interests"])
        for interest in values["interests"] or []:
            session.add(Interest(member_id=row.id, kind=interest["kind"], matter_id=interest["matter"],
                                 description=str(interest.get("description") or "")))
    session.flush()


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
    row = _upsert_account(session, Member, m, password_key, name=m["name"])
    session.flush()
    apply_member_fields(session, row, {name: m.get(name) for name in MEMBER_FIELDS})


# -- what a council file would change (shown before it is loaded) --------------------------------

_SECTIONS = {  # section -> (model, {field: how the stored row gives it, in the parsed file's shape})
    "groups": (Group, {"name": lambda r: r.name, "aliases": lambda r: list(r.aliases or [])}),
    "matters": (Matter, {"title": lambda r: r.title, "keywords": lambda r: list(r.keywords or [])}),
    "portfolios": (Portfolio, {"name": lambda r: r.name}),
    "committees": (Committee, {"name": lambda r: r.name, "kind": lambda r: r.kind,
                               "work_programme": lambda r: list(r.work_programme or [])}),
    "members": (Member, {"name": lambda r: r.name, **{f: (lambda r, f=f: member_entry(r)[f]) for f in MEMBER_FIELDS}}),
    "officers": (Officer, {"name": lambda r: r.name, "roles": lambda r: list(r.roles or []),
                           "service": lambda r: r.service}),
}
_SETTINGS = ("name", "numbering", "withholdable_paragraphs", "administration", "protocol_url", "it_contact",
             "tell_holders_of_requests")


def _comparable(value):
    """Lists compared as sets of items (the file's order does not matter), blanks as None."""
    if isinstance(value, list):
        items = [_comparable(v) for v in value]
        return sorted(items, key=repr)
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items() if v not in (None, "")}
    return None if value == "" else value


def _field_changes(before: dict | None, after: dict, fields) -> list[dict]:
    changes = []
    for name in fields:
        old, new = (before or {}).get(name), after.get(name)
        if before is None and _comparable(new) in (None, []):
            continue
        if _comparable(old) != _comparable(new):
            changes.append({"field": name, "before": old, "after": new})
    return changes


def council_changes(session: Session, path: Path, password_key: bytes | None = None) -> dict:
    """What loading the council file at `path` would change, without changing anything.

    {"entries": [{"section", "id", "change": "added" | "changed" | "not_in_file", "fields": [{"field",
    "before", "after"}]}], "unchanged": {section: count}}. Passwords are never shown: a password field
    says only "changed" (told without Argon2 work where the stored hash carries its HMAC). Entries stored
    but not in the file are kept by loading (it upserts): they are listed as "not_in_file".
    Raises InputError as `load_council` would.
    """
    data = parse_council(path)
    entries, unchanged = [], {}
    stored = session.get(CouncilSettings, 1)
    before = None if stored is None else {f: getattr(stored, f) for f in _SETTINGS}
    fields = _field_changes(before, data["council"], _SETTINGS)
    if fields:
        entries.append({"section": "council", "id": "council", "change": "added" if stored is None else "changed",
                        "fields": fields})
    for section, (model, getters) in _SECTIONS.items():
        rows = {row.id: row for row in session.scalars(select(model))}
        for item in data[section]:
            row = rows.pop(item["id"], None)
            before = None if row is None else {f: get(row) for f, get in getters.items()}
            fields = _field_changes(before, item, getters)
            if item.get("password") and (row is None or not password_unchanged(
                    row.id, str(item["password"]), password_key, row.password_hash)):
                fields.append({"field": "password", "before": None, "after": None})
            if row is None:
                entries.append({"section": section, "id": item["id"], "change": "added", "fields": fields})
            elif fields:
                entries.append({"section": section, "id": item["id"], "change": "changed", "fields": fields})
            else:
                unchanged[section] = unchanged.get(section, 0) + 1
        entries += [{"section": section, "id": ident, "change": "not_in_file", "fields": []} for ident in sorted(rows)]
    return {"entries": entries, "unchanged": unchanged}
