"""Builds facts from the database: `FactSource` reads rows, `facts.py` holds the values."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.access.facts import MEMBER, OFFICER, DocumentFacts, StandingDecision, Subject
from gateway.domain.documents import document_labels
from gateway.domain.models import (
    Committee, CouncilSettings, Document, Group, Matter, Member, Officer, ProperOfficerDecision,
)
from gateway.domain.paragraphs import withholdable_in_england

ACTING_INTERESTS = ("pecuniary", "professional")  # R-INTEREST (001:9); `other` interests do not bar


class FactSource:
    """Reads facts for one unit of work; small tables are read once, the rest on demand and cached."""

    def __init__(self, session: Session):
        self.session = session
        self.council = session.get(CouncilSettings, 1) or CouncilSettings(
            name="", numbering="england", withholdable_paragraphs=[1, 2, 3, 4, 5, 7], administration=[]
        )
        self.committees = {c.id: c for c in session.scalars(select(Committee))}
        self.matters = {m.id: m for m in session.scalars(select(Matter))}
        self.groups = {g.id: g for g in session.scalars(select(Group))}
        self._subjects: dict = {}
        self._documents: dict = {}
        self._standing: dict | None = None  # (member, document) -> StandingDecision, once preloaded

    def subject(self, account_id: str) -> Subject | None:
        """A member's or officer's facts; None for an id nobody has."""
        if account_id not in self._subjects:
            member = self.session.get(Member, account_id)
            officer = None if member else self.session.get(Officer, account_id)
            self._subjects[account_id] = (
                self.member_subject(member) if member else self.officer_subject(officer) if officer else None
            )
        return self._subjects[account_id]

    def member_subject(self, m: Member) -> Subject:
        seats = {s.committee_id: s.role for s in m.seats}
        scrutiny = set()
        for committee_id in seats:
            committee = self.committees.get(committee_id)
            if committee is not None and committee.kind == "scrutiny":
                scrutiny.update(committee.work_programme or [])
        group = self.groups.get(m.group_id)
        return Subject(
            kind=MEMBER, id=m.id, name=m.name, group=m.group_id, group_name=group.name if group else None,
            in_administration=m.group_id is not None and m.group_id in (self.council.administration or []),
            seats=seats, scrutiny_matters=frozenset(scrutiny),
            portfolios=frozenset((m.portfolio_holder or []) + (m.opposition_spokesperson or [])),
            held_portfolios=frozenset(m.portfolio_holder or []),
            interests={i.matter_id: i.kind for i in m.interests if i.kind in ACTING_INTERESTS},
        )

    @staticmethod
    def officer_subject(o: Officer) -> Subject:
        return Subject(kind=OFFICER, id=o.id, name=o.name, officer_roles=frozenset(o.roles or []), service=o.service)

    def document(self, document_id: str) -> DocumentFacts | None:
        if document_id not in self._documents:
            row = self.session.get(Document, document_id)
            self._documents[document_id] = self.document_facts(row) if row else None
        return self._documents[document_id]

    def all_documents(self) -> list[DocumentFacts]:
        rows = self.session.scalars(select(Document).order_by(Document.id))
        facts = [self.document_facts(row) for row in rows]
        self._documents.update((f.id, f) for f in facts)
        return facts

    def document_facts(self, d: Document) -> DocumentFacts:
        labels = document_labels(d)
        committee = self.committees.get(d.committee_id)
        # Declared matters, even none (`matters: []`), win over those inferred from the text.
        matters = frozenset(d.inferred_matters or [] if d.matters is None else d.matters)
        flags = frozenset(labels["flags"])
        paragraphs = frozenset(labels["exempt_paragraphs"])
        return DocumentFacts(
            id=d.id, title=d.title, service=d.service, committee=d.committee_id,
            committee_name=committee.name if committee else None, committee_kind=committee.kind if committee else None,
            meeting_date=d.meeting_date, session=d.meeting_session, portfolio=d.portfolio_id, matters=matters,
            matter_titles={m: self.matters[m].title for m in matters if m in self.matters},
            executive_decision=bool(d.executive_decision), status=d.status, publish_on=d.publish_on,
            release_on=d.release_on, review_on=d.review_on, admin_only=bool(d.admin_only),
            not_for_publication_to=d.not_for_publication_to, casework_of=d.casework_of,
            paragraphs=paragraphs, party_group=labels["party_group"], flags=flags,
            needs_review=bool(labels["needs_review"]),
            withholdable=withholdable_in_england(
                self.council.numbering, self.council.withholdable_paragraphs or [], flags
            ) & paragraphs,
        )

    def preload(self) -> None:
        """Reads every document and standing decision at once, for batches."""
        self.all_documents()
        rows = self.session.scalars(select(ProperOfficerDecision).order_by(ProperOfficerDecision.id))
        self._standing = {(r.member_id, r.document_id): StandingDecision(r.outcome, r.reasons, r.until) for r in rows}

    def standing(self, member_id: str, document_id: str) -> StandingDecision | None:
        """The latest Proper Officer decision for this member and document (later ones supersede)."""
        if self._standing is not None:
            return self._standing.get((member_id, document_id))
        row = self.session.scalars(
            select(ProperOfficerDecision)
            .where(ProperOfficerDecision.member_id == member_id, ProperOfficerDecision.document_id == document_id)
            .order_by(ProperOfficerDecision.id.desc()).limit(1)
        ).first()
        return StandingDecision(row.outcome, row.reasons, row.until) if row else None

    def standing_for_member(self, member_id: str) -> dict[str, StandingDecision]:
        rows = self.session.scalars(
            select(ProperOfficerDecision).where(ProperOfficerDecision.member_id == member_id)
            .order_by(ProperOfficerDecision.id)
        )
        return {row.document_id: StandingDecision(row.outcome, row.reasons, row.until) for row in rows}
