"""Builds facts from the database: `FactSource` reads rows, `facts.py` holds the values."""

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from gateway.access import fact_cache
from gateway.access.fact_cache import CommitteeFacts, CouncilFacts, GroupFacts, MatterFacts
from gateway.access.facts import MEMBER, OFFICER, DocumentFacts, StandingDecision, Subject
from gateway.domain.documents import document_labels
from gateway.domain.models import (
    Committee, CouncilSettings, Document, DocumentVersion, Group, Matter, Member, Officer, ProperOfficerDecision,
)
from gateway.domain.paragraphs import withholdable_in_england

ACTING_INTERESTS = ("pecuniary", "professional")  # R-INTEREST (001:9); `other` interests do not bar
IN_CHUNK = 500   # ids per IN (...) list
MISSING = object()
_DOCUMENTS, _VERSIONS = Document.__table__, DocumentVersion.__table__
_STORED_FORMAT = (select(_VERSIONS.c.media_type, _VERSIONS.c.size)
                  .join_from(_DOCUMENTS, _VERSIONS, _DOCUMENTS.c.current_version_id == _VERSIONS.c.id)
                  .where(_DOCUMENTS.c.id == bindparam("id")))
_VERSION_NOTES = (select(_VERSIONS.c.ingested_at, _VERSIONS.c.note)
                  .where(_VERSIONS.c.document_id == bindparam("id")).order_by(_VERSIONS.c.id))


class FactSource:
    """Reads facts for one unit of work, through the per-process cache of the current generation.

    The council's own tables are read once per generation; members, documents and standing
    decisions on demand, then kept for the generation (see `fact_cache`).
    """

    def __init__(self, session: Session):
        self.session = session
        cache = fact_cache.shared(session, read_council)
        self.council = cache.council if cache else read_council(session)
        self.committees = self.council.committees
        self.matters = self.council.matters
        self.groups = self.council.groups
        self._subjects: dict = cache.subjects if cache else {}
        self._documents: dict = cache.documents if cache else {}
        self._by_member: dict = cache.standing if cache else {}
        self._formats: dict = cache.formats if cache else {}
        self._changes: dict = cache.changes if cache else {}
        self.tokens: dict = cache.tokens if cache else {}   # for `sessions.token_account`'s `known`
        self._preloaded: dict = {}          # document id -> DocumentFacts | None, for this unit of work only
        self._standing: dict | None = None  # (member, document) -> StandingDecision, once preloaded

    def subject(self, account_id: str) -> Subject | None:
        """A member's or officer's facts; None for an id nobody has."""
        found = self._subjects.get(account_id, MISSING)
        if found is not MISSING:
            return found
        member = self.session.get(Member, account_id)
        officer = None if member else self.session.get(Officer, account_id)
        found = self.member_subject(member) if member else self.officer_subject(officer) if officer else None
        self._subjects[account_id] = found
        return found

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
        if document_id in self._preloaded:
            return self._preloaded[document_id]
        found = self._documents.get(document_id, MISSING)
        if found is not MISSING:
            return found
        row = self.session.get(Document, document_id)
        found = self._documents[document_id] = self.document_facts(row) if row else None
        return found

    def stored_format(self, document_id: str) -> tuple[str | None, int | None]:
        """(media type, size) of the document's current stored file, or (None, None); without loading its text.
        Kept for the generation: versions are never changed, and pointing a document at a new one bumps it."""
        found = self._formats.get(document_id)
        if found is None:
            row = self.session.connection().execute(_STORED_FORMAT, {"id": document_id}).first()
            found = self._formats[document_id] = (row.media_type, row.size) if row else (None, None)
        return found

    def changes(self, document_id: str) -> tuple:
        """The document's versions stored with a note (its changes after publication, 003:6.2), newest first, as
        (number among its stored files, the first being 1; when stored; the note). Kept for the generation, as
        `stored_format` is: a version is never changed, and storing one bumps it."""
        found = self._changes.get(document_id)
        if found is None:
            rows = self.session.connection().execute(_VERSION_NOTES, {"id": document_id})
            found = self._changes[document_id] = tuple(
                (number, at, note) for number, (at, note) in enumerate(rows, start=1) if note is not None)[::-1]
        return found

    def all_documents(self) -> list[DocumentFacts]:
        rows = self.session.scalars(select(Document).order_by(Document.id))
        facts = [self.document_facts(row) for row in rows]
        self._preloaded.update((f.id, f) for f in facts)
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

    def preload(self, document_ids=None, member_ids=None) -> None:
        """Reads these documents (every one if None) and their standing decisions at once, for batches.

        Afterwards `standing` answers from what was read: ask only about these members and documents.
        """
        if document_ids is None:
            self.all_documents()
            decisions = select(ProperOfficerDecision)
        else:
            wanted = sorted(set(document_ids) - self._preloaded.keys())
            self._preloaded.update(dict.fromkeys(wanted))
            for start in range(0, len(wanted), IN_CHUNK):
                for row in self.session.scalars(select(Document).where(Document.id.in_(wanted[start:start + IN_CHUNK]))):
                    self._preloaded[row.id] = self.document_facts(row)
            documents = sorted(set(document_ids))
            members = sorted(set(member_ids or ()))
            decisions = select(ProperOfficerDecision).where(ProperOfficerDecision.document_id.in_(documents),
                                                            ProperOfficerDecision.member_id.in_(members))
        self._standing = {}
        for r in self.session.scalars(decisions.order_by(ProperOfficerDecision.id)):
            self._standing[(r.member_id, r.document_id)] = StandingDecision(r.outcome, r.reasons, r.until)

    def standing(self, member_id: str, document_id: str) -> StandingDecision | None:
        """The latest Proper Officer decision for this member and document (later ones supersede)."""
        if self._standing is not None:
            return self._standing.get((member_id, document_id))
        return self.standing_for_member(member_id).get(document_id)

    def standing_for_member(self, member_id: str) -> dict[str, StandingDecision]:
        found = self._by_member.get(member_id)
        if found is None:
            rows = self.session.scalars(
                select(ProperOfficerDecision).where(ProperOfficerDecision.member_id == member_id)
                .order_by(ProperOfficerDecision.id)
            )
            found = self._by_member[member_id] = {
                row.document_id: StandingDecision(row.outcome, row.reasons, row.until) for row in rows
            }
        return found


def read_council(session: Session) -> CouncilFacts:
    """The council's settings, committees, matters and groups, as frozen values."""
    council = session.get(CouncilSettings, 1)
    return CouncilFacts(
        numbering=council.numbering if council else "england",
        withholdable_paragraphs=tuple(council.withholdable_paragraphs or []) if council else (1, 2, 3, 4, 5, 7),
        administration=tuple(council.administration or []) if council else (),
        committees={c.id: CommitteeFacts(c.id, c.name, c.kind, tuple(c.work_programme or []))
                    for c in session.scalars(select(Committee))},
        matters={m.id: MatterFacts(m.id, m.title) for m in session.scalars(select(Matter))},
        groups={g.id: GroupFacts(g.id, g.name) for g in session.scalars(select(Group))},
    )
