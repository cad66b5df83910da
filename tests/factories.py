"""Factories with defaults and named options, for facts (pure decisions) and council files (storage)."""

from datetime import date
from pathlib import Path

import yaml

from gateway.access.facts import MEMBER, OFFICER, DocumentFacts, Request, StandingDecision, Subject

TODAY = date(2026, 11, 23)
MODEL = Path(__file__).resolve().parent.parent / "policies" / "casbin_model.conf"
POLICY = MODEL.with_name("policy.csv")


def make_member(id="cllr-a", group="grp-admin", in_administration=None, seats=None, chair_of=None,
                scrutiny_matters=(), portfolios=(), holds=(), interest_in=None, interest_kind="pecuniary") -> Subject:
    """`portfolios`: opposition spokesperson for (or held); `holds`: held as the executive member."""
    seats = dict(seats or {})
    if chair_of:
        seats[chair_of] = "chair"
    return Subject(
        kind=MEMBER, id=id, name=id, group=group,
        in_administration=(group == "grp-admin") if in_administration is None else in_administration,
        seats=seats, scrutiny_matters=frozenset(scrutiny_matters), portfolios=frozenset(portfolios) | frozenset(holds),
        held_portfolios=frozenset(holds),
        interests={interest_in: interest_kind} if interest_in else {},
    )


def make_officer(id="off-x", roles=("officer",), service="finance") -> Subject:
    return Subject(kind=OFFICER, id=id, name=id, officer_roles=frozenset(roles), service=service)


def make_document(id="doc-1", committee="cabinet", kind="executive", meeting=date(2026, 10, 1), session="public",
                  paragraphs=(), party_group=None, flags=(), needs_review=False, status="published",
                  publish_on=None, admin_only=False, nfp_to=None, casework_of=None, portfolio=None,
                  matters=(), service="property", withholdable=None, executive_decision=False,
                  release_on=None) -> DocumentFacts:
    paragraphs = frozenset(paragraphs)
    flags = frozenset(flags)
    if withholdable is None:  # the s100F default: 1, 2, 4, 5, 7, and 3 only with contract_terms
        withholdable = paragraphs & ({1, 2, 4, 5, 7} | ({3} if "contract_terms" in flags else set()))
    return DocumentFacts(
        id=id, title=f"Title of {id}", service=service, committee=committee, committee_name=committee,
        committee_kind=kind if committee else None, meeting_date=meeting if committee else None,
        session=session if committee else None, portfolio=portfolio, matters=frozenset(matters),
        matter_titles={m: m for m in matters}, executive_decision=executive_decision, status=status,
        publish_on=publish_on, release_on=release_on, admin_only=admin_only,
        not_for_publication_to=nfp_to, casework_of=casework_of, paragraphs=paragraphs,
        party_group=party_group, flags=flags, needs_review=needs_review, withholdable=frozenset(withholdable),
    )


def make_request(at=TODAY, capacity="councillor", reason="I need this to prepare for the committee meeting",
                 action="read", standing=None) -> Request:
    return Request(at=at, action=action, capacity=capacity, reason=reason, standing=standing)


def standing(outcome="grant", until=None, reasons="Needed for the review") -> StandingDecision:
    return StandingDecision(outcome, reasons, until)


def council_data(**changes) -> dict:
    """A small, valid council file as a dict; `changes` replace top-level sections."""
    data = {
        "council": {"name": "Testshire District Council", "numbering": "england",
                    "withholdable_paragraphs": [1, 2, 3, 4, 5, 7], "administration": ["grp-admin"]},
        "groups": [{"id": "grp-admin", "name": "Admin Party Group", "aliases": ["Admin Party"]},
                   {"id": "grp-opp", "name": "Opposition Group", "aliases": []}],
        "committees": [{"id": "council", "name": "Council", "kind": "council"},
                       {"id": "cabinet", "name": "Cabinet", "kind": "executive"},
                       {"id": "osc", "name": "Scrutiny Committee", "kind": "scrutiny", "work_programme": ["m-pool"]}],
        "portfolios": [{"id": "leisure", "name": "Leisure"}],
        "matters": [{"id": "m-pool", "title": "Swimming pool contract", "keywords": ["swimming pool"]}],
        "members": [
            {"id": "cllr-ann", "name": "Cllr Ann Able", "group": "grp-admin",
             "committees": [{"committee": "cabinet", "role": "chair"}], "portfolio_holder": ["leisure"],
             "password": "pw-ann-123"},
            {"id": "cllr-bob", "name": "Cllr Bob Brown", "group": "grp-opp",
             "committees": [{"committee": "osc", "role": "member"}],
             "interests": [{"kind": "pecuniary", "matter": "m-pool", "description": "Owns a pool supplier"}],
             "password": "pw-bob-123"},
        ],
        "officers": [{"id": "off-mo", "name": "Mo Officer", "roles": ["proper_officer"], "service": "legal",
                      "password": "pw-mo-123"}],
    }
    data.update(changes)
    return data


def write_yaml(path: Path, data) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def add_document(session, id="doc-1", title=None, committee="cabinet", meeting=date(2026, 10, 1), session_kind="public",
                 paragraphs=(), party_group=None, flags=(), status="published", pages=("Public report text.",),
                 **fields):
    """Stores a document with a declared classification and one text version, as ingestion would."""
    from datetime import datetime

    from gateway.domain.models import Document, DocumentVersion

    version = DocumentVersion(document_id=id, sha256="0" * 64, media_type="text/plain", size=1, pages=list(pages),
                              extraction_status="ok", ingested_at=datetime(2026, 11, 1))
    session.add(version)
    session.flush()
    doc = Document(id=id, title=title or f"Report {id}", file=f"{id}.txt", committee_id=committee,
                   meeting_date=meeting if committee else None, meeting_session=session_kind if committee else None,
                   status=status, declared={"exempt_paragraphs": list(paragraphs), "party_group": party_group,
                                            "flags": list(flags)},
                   classified={}, current_version_id=version.id, updated_at=datetime(2026, 11, 1), **fields)
    session.add(doc)
    return doc


def gateway_with_document(tmp_path: Path, **document):
    """A fresh embedded gateway with `council_data()` loaded and one document, doc-1 (`add_document` options)."""
    from gateway.config import Settings
    from gateway.domain.council_file import load_council
    from gateway.domain.generation import bump
    from gateway.runtime import Gateway

    gateway = Gateway(Settings(data_dir=tmp_path / "data"))
    gateway.init()
    with gateway.sessions() as session:
        load_council(session, write_yaml(tmp_path / "council.yaml", council_data()))
    with gateway.sessions() as session, session.begin():
        add_document(session, **document)
        bump(session)
    return gateway
