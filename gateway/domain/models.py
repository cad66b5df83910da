"""Database tables: the council, its documents, Proper Officer decisions, referrals and the audit log."""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gateway.db import Base


class CouncilSettings(Base):
    __tablename__ = "council"
    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    name: Mapped[str] = mapped_column(String(200))
    numbering: Mapped[str] = mapped_column(String(20), default="england")
    withholdable_paragraphs: Mapped[list] = mapped_column(JSON, default=list)
    administration: Mapped[list] = mapped_column(JSON, default=list)
    protocol_url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    it_contact: Mapped[str | None] = mapped_column(String(300), nullable=True)
    # 004:5.3, where the council switches it on: the Cabinet member or chair concerned is told of each request.
    tell_holders_of_requests: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Group(Base):
    __tablename__ = "groups"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    aliases: Mapped[list] = mapped_column(JSON, default=list)


class Committee(Base):
    __tablename__ = "committees"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    work_programme: Mapped[list] = mapped_column(JSON, default=list)


class Portfolio(Base):
    __tablename__ = "portfolios"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class Matter(Base):
    __tablename__ = "matters"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    keywords: Mapped[list] = mapped_column(JSON, default=list)


class Member(Base):
    __tablename__ = "members"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    group_id: Mapped[str | None] = mapped_column(ForeignKey("groups.id"), nullable=True)
    ward: Mapped[str | None] = mapped_column(String(200), nullable=True)
    portfolio_holder: Mapped[list] = mapped_column(JSON, default=list)
    opposition_spokesperson: Mapped[list] = mapped_column(JSON, default=list)
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)  # where notices go
    password_hash: Mapped[str | None] = mapped_column(String(300), nullable=True)
    # set by IT: the account cannot sign in or use a token until enabled again
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    seats: Mapped[list["Seat"]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    interests: Mapped[list["Interest"]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class Seat(Base):
    """A member's place on a committee, with their role."""

    __tablename__ = "seats"
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    committee_id: Mapped[str] = mapped_column(ForeignKey("committees.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))


class Interest(Base):
    __tablename__ = "interests"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    matter_id: Mapped[str] = mapped_column(ForeignKey("matters.id"))
    description: Mapped[str] = mapped_column(Text, default="")


class Officer(Base):
    __tablename__ = "officers"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    roles: Mapped[list] = mapped_column(JSON, default=list)
    service: Mapped[str | None] = mapped_column(String(100), nullable=True)
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)  # where notices go
    password_hash: Mapped[str | None] = mapped_column(String(300), nullable=True)
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # as Member.disabled_at


class Document(Base):
    """A document's metadata, its declared and classified labels, and its current version."""

    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    file: Mapped[str] = mapped_column(String(500))
    service: Mapped[str | None] = mapped_column(String(100), nullable=True)
    committee_id: Mapped[str | None] = mapped_column(ForeignKey("committees.id"), nullable=True)
    meeting_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    meeting_session: Mapped[str | None] = mapped_column(String(10), nullable=True)
    portfolio_id: Mapped[str | None] = mapped_column(ForeignKey("portfolios.id"), nullable=True)
    matters: Mapped[list | None] = mapped_column(JSON, nullable=True)  # None: not declared
    # R-SCRUTINY (003:5.6): an executive decision of a portfolio holder or an officer, with or without a committee.
    executive_decision: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    inferred_matters: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="published")
    publish_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    admin_only: Mapped[bool] = mapped_column(Boolean, default=False)
    not_for_publication_to: Mapped[str | None] = mapped_column(ForeignKey("members.id"), nullable=True)
    casework_of: Mapped[str | None] = mapped_column(ForeignKey("members.id"), nullable=True)
    review_on: Mapped[date | None] = mapped_column(Date, nullable=True)   # when the exemption is reviewed
    release_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # from this date the exemption lapses
    # Only the classification keys the folder declared (a declared key wins, even when empty).
    declared: Mapped[dict] = mapped_column(JSON, default=dict)
    classified: Mapped[dict] = mapped_column(JSON, default=dict)
    # The Proper Officer's classification, with reasons, who, when and the sha256 of the version it
    # was made on; it wins over `declared` and lasts across re-ingests (reclassification.py).
    reclassification: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    classifier_version: Mapped[str | None] = mapped_column(String(40), nullable=True)
    current_version_id: Mapped[int | None] = mapped_column(ForeignKey("document_versions.id"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    current_version: Mapped["DocumentVersion | None"] = relationship(foreign_keys=[current_version_id])


class DocumentVersion(Base):
    """One stored file: content-addressed blob, extracted pages and how extraction went."""

    __tablename__ = "document_versions"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String(100), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(50))
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[list] = mapped_column(JSON, default=list)
    extraction_status: Mapped[str] = mapped_column(String(20))
    extraction_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    # Why a published document's file changed (003:6.2: a published report is not silently amended).
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class ProperOfficerDecision(Base):
    """A standing grant or refusal of one document to one member; the latest one stands."""

    __tablename__ = "po_decisions"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(10))
    reasons: Mapped[str] = mapped_column(Text)
    until: Mapped[date | None] = mapped_column(Date, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"), nullable=True)


class Referral(Base):
    """A member's request for a document, routed to the Proper Officer."""

    __tablename__ = "referrals"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    capacity: Mapped[str] = mapped_column(String(20), default="councillor")
    rule: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending | granted | denied | withdrawn
    created_at: Mapped[datetime] = mapped_column(DateTime)
    due: Mapped[date] = mapped_column(Date)
    needed_by: Mapped[date | None] = mapped_column(Date, nullable=True)  # the member's own deadline (002:6.2)
    # Asked again after a refusal, at once, because the member has new information.
    new_information: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    decision_reasons: Mapped[str | None] = mapped_column(Text, nullable=True)
    until: Mapped[date | None] = mapped_column(Date, nullable=True)  # a grant's last day, or a refusal's
    reconsidered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    withdrawn_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    withdrawal_reasons: Mapped[str | None] = mapped_column(Text, nullable=True)
    dispute: Mapped[str | None] = mapped_column(Text, nullable=True)
    disputed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    dispute_outcome: Mapped[str | None] = mapped_column(Text, nullable=True)
    dispute_recorded_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    # The committee's decision on the dispute (000:11.9, 002:6.7): upheld grants the member from then.
    dispute_result: Mapped[str | None] = mapped_column(String(20), nullable=True)  # upheld | dismissed
    dispute_committee: Mapped[str | None] = mapped_column(String(200), nullable=True)
    dispute_reasons: Mapped[str | None] = mapped_column(Text, nullable=True)
    dispute_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    dispute_decided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class StandardReason(Base):
    """A reason the Proper Officer words once and picks when deciding; a decision keeps its own copy of the text."""

    __tablename__ = "standard_reasons"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(100), unique=True)
    text: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class DocumentReview(Base):
    """One review of an exempt document by the Proper Officer: release from a date, extend, or keep
    (with the public-interest test's reasons)."""

    __tablename__ = "document_reviews"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    action: Mapped[str] = mapped_column(String(10))  # release | extend | keep
    on: Mapped[date | None] = mapped_column(Date, nullable=True)
    reasons: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    decided_at: Mapped[datetime] = mapped_column(DateTime)


class Notice(Base):
    """One e-mail notice in the outbox: enqueued in the transaction of what it tells, sent by `gateway notify`.

    It carries only titles the recipient may see, dates and a link: never document content.
    """

    __tablename__ = "notices"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)  # one notice per event and recipient
    recipient_id: Mapped[str] = mapped_column(String(100), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)  # pending | sent | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    sent_to: Mapped[str | None] = mapped_column(String(254), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)


class ApiToken(Base):
    """A bearer token for the JSON API; only its SHA-256 is kept."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(String(100), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class SignInState(Base):
    """Failed sign-ins in a row for an account name, and when its lock-out ends."""

    __tablename__ = "sign_in_state"
    username: Mapped[str] = mapped_column(String(100), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Generation(Base):
    """A counter bumped by every change that can alter a decision; caches of decisions key on it."""

    __tablename__ = "generation"
    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    value: Mapped[int] = mapped_column(Integer, default=0)


class PolicyVersion(Base):
    """One version of the policy lines; exactly one is active. Versions are never deleted."""

    __tablename__ = "policy_versions"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    text: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str | None] = mapped_column(String(100), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=False)


class AuditHead(Base):
    """The chain's last sequence number and hash: appends race on it, and a cut tail shows."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64))


class AuditRecord(Base):
    """One entry of the append-only log; `hash` chains it to the record before."""

    __tablename__ = "audit_log"
    __table_args__ = (UniqueConstraint("prev_hash", name="uq_audit_prev_hash"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    event: Mapped[str] = mapped_column(String(40), index=True)
    actor: Mapped[str | None] = mapped_column(String(100), nullable=True, index=True)
    document: Mapped[str | None] = mapped_column(String(100), nullable=True, index=True)
    outcome: Mapped[str | None] = mapped_column(String(10), nullable=True)
    rule: Mapped[str | None] = mapped_column(String(40), nullable=True)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
