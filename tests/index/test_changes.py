"""Changes to the facts decisions read take effect at the next search, without reindexing."""

from datetime import UTC, datetime, timedelta

import index_council
import yaml
from sqlalchemy import select

from gateway.domain.council_file import load_council
from gateway.domain.generation import bump
from gateway.domain.models import Document


def _reload_council(council, edit):
    data = council.generated.council
    edit(data)
    path = council.path / "council-edited.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with council.gw.sessions() as session:
        load_council(session, path)


def _member(council, ident):
    return next(m for m in council.generated.council["members"] if m["id"] == ident)


def _committee_papers(council, committee):
    """Restricted meeting papers of `committee` that only a seat on it would open (R-COMMITTEE)."""
    return [d["id"] for d in council.generated.documents if d["committee_id"] == committee]


def test_losing_a_committee_seat_changes_the_next_search(small_council):
    c = small_council
    # Find a member whose seat opens at least one document.
    for member in c.members:
        seats = list(_member(c, member)["committees"])
        before = c.found(member)
        if not seats:
            continue
        _reload_council(c, lambda data, member=member: _member(c, member).update(committees=[]))
        after = c.found(member)
        assert after == c.expected(member)
        if after != before:
            opened = {i for i, v in before.items() if v == "open"} - {i for i, v in after.items() if v == "open"}
            assert opened, "losing a seat only takes away"
            break
    else:
        raise AssertionError("no member's seat mattered: the generated council is too small")


def test_a_new_interest_changes_the_next_search(small_council):
    c = small_council
    member = c.members[0]
    before = c.found(member)
    matters = [m["id"] for m in c.generated.council["matters"]]
    _reload_council(c, lambda data: _member(c, member).update(
        interests=[{"kind": "pecuniary", "matter": m, "description": "Owns land nearby"} for m in matters]))
    after = c.found(member)
    assert after == c.expected(member)
    assert after != before
    # R-INTEREST: restricted documents on those matters are no longer open to them.
    assert sum(v == "open" for v in after.values()) < sum(v == "open" for v in before.values())


def test_a_proper_officer_decision_changes_the_next_search(small_council):
    c = small_council
    member = c.members[1]
    before = c.found(member)
    listed = [i for i, v in before.items() if v == "listed"]
    assert listed
    target = listed[0]
    index_council.add_decisions(c.gw, [{"member": member, "document": target, "outcome": "grant",
                                        "until": c.at + timedelta(days=10)}])
    after = c.found(member)
    assert after == c.expected(member)
    if c.expected(member)[target] == "open":   # unless a refusal or another rule stands first
        assert after[target] == "open"
    # The grant is this member's alone.
    other = c.members[2]
    assert c.found(other) == c.expected(other)
    # ... and it lapses after `until`.
    later = c.at + timedelta(days=11)
    assert c.found(member, at=later) == c.expected(member, at=later)


def test_a_reclassification_changes_the_next_search(small_council):
    c = small_council
    member = c.members[3]
    before = c.found(member)
    opened = [i for i, v in before.items() if v == "open"]
    target = opened[0]
    with c.gw.sessions() as session, session.begin():
        doc = session.get(Document, target)
        doc.declared = {"exempt_paragraphs": [1], "party_group": None, "flags": ["employee_matter"],
                        "needs_review": False}
        doc.updated_at = datetime.now(UTC)
        bump(session)
    # Visibility changes at once, even before the index is told.
    after = c.found(member)
    assert after == c.expected(member)
    assert after.get(target) != "open"
    c.index.update(c.gw, [target])
    assert c.found(member) == c.expected(member)


def test_a_document_removed_from_the_store_disappears(small_council):
    c = small_council
    member = c.members[0]
    target = next(iter(c.found(member)))
    with c.gw.sessions() as session, session.begin():
        session.delete(session.get(Document, target))
        bump(session)
    assert target not in c.found(member)
    c.index.update(c.gw, [target])
    assert target not in c.found(member, "zq" + target.split("-")[1] + "x")
    with c.gw.sessions() as session:
        assert session.scalar(select(Document.id).where(Document.id == target)) is None


def test_a_policy_change_changes_the_next_search(small_council):
    c = small_council
    member = c.members[0]
    before = c.found(member)
    # A council that decides R-PUBLIC documents are listed only (policy changes bump the generation too).
    enforcer = c.gw.access.enforcer
    from gateway.access.enforcer import PolicyEnforcer

    text = enforcer.policy_text.replace("p, R-PUBLIC, public, grant, open, allow",
                                        "p, R-PUBLIC, public, refer, listed, deny")
    c.gw.access.enforcer = PolicyEnforcer(c.gw.model_path, text)
    try:
        after = c.found(member)
        assert after == c.expected(member)
        assert after != before
    finally:
        c.gw.access.enforcer = enforcer
    assert c.found(member) == before
