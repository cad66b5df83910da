"""The JSON API's answers as pydantic models: the views serialise through them, and /api/v1/openapi.json
describes them from the same classes, so the document cannot drift from what is sent.

Fields left unset (a listed document's content link, say) are left out of the answer, not sent as null.
"""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel
from pydantic.json_schema import models_json_schema

REF_TEMPLATE = "#/components/schemas/{model}"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def to_json(self) -> dict:
        return self.model_dump(mode="json", exclude_unset=True)


class ErrorBody(Model):
    code: str
    message: str


class Error(Model):
    error: ErrorBody
    field: str | None = Field(None, description="The input that is wrong (400 only)")


class Decision(Model):
    outcome: Literal["grant", "deny", "refer"]
    visibility: Literal["open", "listed", "hidden"]
    rule: str = Field(description="The rule id (RULES.md), e.g. R-PUBLIC")
    reasons: list[str]

    @classmethod
    def of(cls, decision) -> "Decision":
        return cls(outcome=decision.outcome, visibility=decision.visibility, rule=decision.rule,
                   reasons=list(decision.reasons))


class Refusal(Error):
    """A refusal or referral: the error, and the decision with its rule and reasons."""

    decision: Decision
    request: str | None = Field(None, description="Where to ask the Proper Officer (referred only)")


class DecisionAnswer(Model):
    decision: Decision


class Token(Model):
    token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_at: datetime = Field(description="When the token stops working (UTC)")
    expires_in: int = Field(description="Seconds until then")


class Account(Model):
    id: str
    name: str
    kind: Literal["member", "officer"]
    roles: list[str]


class SearchResult(Model):
    id: str
    title: str
    committee: str | None
    committee_name: str | None = None
    meeting_date: date | None
    visibility: Literal["open", "listed"]
    exempt_paragraphs: list[int]
    snippet: str | None = Field(description="Only where visibility is open: HTML-escaped text, matched words "
                                            "in <mark>")


class SearchResults(Model):
    total: int = Field(description="Documents the caller may discover")
    page: int = Field(description="The page given: the last one when the page asked for is past it")
    pages: int | None = None
    results: list[SearchResult]


class MatterRef(Model):
    id: str
    title: str


class DocumentChange(Model):
    """One change of a published document since publication (003:6.2)."""

    version: int = Field(description="The changed file's number among the document's stored files (the first is 1)")
    changed_at: str = Field(description="When the changed file was stored")
    note: str = Field(description="What changed and why, as recorded (documents.yaml `amendment_note`)")


class Document(Model):
    """A document's metadata for the caller: meeting metadata when listed, more when open."""

    id: str
    title: str
    committee: str | None = None
    committee_name: str | None = None
    meeting_date: date | None = None
    meeting_session: str | None = None
    status: str
    visibility: Literal["open", "listed"]
    exempt_paragraphs: list[int]
    decision: Decision
    portfolio: str | None = Field(None, description="Open documents only")
    matters: list[MatterRef] | None = Field(None, description="Open documents only")
    media_type: str | None = Field(None, description="Open documents only")
    size: int | None = Field(None, description="Open documents only")
    content: str | None = Field(None, description="Where to read the content (open documents only)")
    review_on: date | None = Field(None, description="When the Proper Officer reviews the exemption (open "
                                                     "documents only)")
    release_on: date | None = Field(None, description="The date from which the document is public (open "
                                                      "documents only)")
    amendments: list[DocumentChange] | None = Field(None, description="Its changes since publication, newest "
                                                                      "first (open documents only)")


class Classification(Model):
    """The labels a document is decided on (the Proper Officer's declaration wins)."""

    exempt_paragraphs: list[int]
    party_group: str | None
    flags: list[str]
    needs_review: bool
    review_reasons: list[str] = Field(description="Why it needs review again, if it does")


class Referral(Model):
    id: int
    member: str
    document: str
    reason: str
    capacity: str
    rule: str
    status: Literal["pending", "granted", "denied", "withdrawn"]
    created_at: str
    due: date
    needed_by: date | None = Field(None, description="By when the member needs it; the queue puts the earlier of "
                                                     "this and `due` first")
    new_information: bool = Field(False, description="Asked again after a refusal, with new information")
    overdue: bool
    decided_by: str | None
    decision_reasons: str | None
    until: date | None = Field(description="A grant's last day, or a refusal's (after it the member may ask again)")
    dispute: str | None
    dispute_outcome: str | None = Field(description="The committee's decision, as recorded")
    dispute_result: Literal["upheld", "dismissed"] | None = Field(
        None, description="Upheld: the member is granted the document from then (R-PO-GRANT)")
    dispute_committee: str | None = None
    dispute_reasons: str | None = None
    dispute_until: date | None = Field(None, description="An upheld dispute's grant lasts until this date "
                                                         "(inclusive)")
    dispute_decided_at: str | None = None
    reconsidered_at: str | None = Field(None, description="When the Proper Officer last decided it again")
    withdrawn_at: str | None = Field(None, description="When the Proper Officer withdrew its grant")
    withdrawal_reasons: str | None = None


class ReferralWithContext(Referral):
    context: dict | None = Field(None, description="The Proper Officer's view only: the document's classification "
                                                   "and evidence, the member's group, seats and interests")


class Referrals(RootModel[list[Referral]]):
    def to_json(self) -> list:
        return self.model_dump(mode="json", exclude_unset=True)


class ReferralCreated(Model):
    referral: Referral
    decision: Decision


class DocumentReview(Model):
    """One review of an exempt document by the Proper Officer, and the document's dates after it."""

    id: int
    document: str
    action: Literal["release", "extend", "keep"]
    on: date | None = Field(description="release: public from this date; extend or keep: the next review date")
    reasons: str
    decided_by: str | None
    decided_at: str
    review_on: date | None
    release_on: date | None


class ReviewDue(Model):
    id: str
    title: str
    committee: str | None
    meeting_date: date | None
    exempt_paragraphs: list[int]
    review_on: date
    release_on: date | None


class ReviewsDue(RootModel[list[ReviewDue]]):
    def to_json(self) -> list:
        return self.model_dump(mode="json", exclude_unset=True)


class Amendment(Model):
    """A published document changed since publication: its latest change."""

    id: str
    title: str
    changed_at: str = Field(description="When the latest changed version was stored")
    note: str = Field(description="What changed and why, as recorded (documents.yaml `amendment_note`)")
    changes: int = Field(description="How many times it changed since publication")


class Amendments(RootModel[list[Amendment]]):
    def to_json(self) -> list:
        return self.model_dump(mode="json", exclude_unset=True)


class MemberSeat(Model):
    committee: str = Field(description="A committee's id")
    role: Literal["member", "chair", "vice_chair", "substitute"] = "member"


class MemberInterest(Model):
    kind: Literal["pecuniary", "professional", "other"]
    matter: str = Field(description="A matter's id")
    description: str = ""


class Member(Model):
    """A member as the council file gives them (less the password)."""

    id: str
    name: str
    committees: list[MemberSeat]
    portfolio_holder: list[str] = Field(description="Portfolio ids")
    opposition_spokesperson: list[str] = Field(description="Portfolio ids")
    interests: list[MemberInterest]
    group: str | None = Field(description="A group's id; null: not in a group")
    ward: str | None
    email: str | None = Field(description="Where the member's notices go")


class ManagedAccount(Model):
    """A member's or officer's account as IT manages it."""

    id: str
    name: str
    kind: Literal["member", "officer"]
    roles: list[str] = Field(description="An officer's roles; empty for a member")
    email: str | None
    disabled: bool = Field(description="True: it cannot sign in or use a token")


class NewPassword(Model):
    account: ManagedAccount
    password: str = Field(description="Generated now and shown only in this answer; give it to the person")


class Dashboard(Model):
    """The Proper Officer's figures, as the dashboard page shows them (today is the council's day)."""

    waiting: int = Field(description="Requests waiting for a decision")
    due_today: int
    overdue: int
    disputes: int = Field(description="Disputed refusals whose committee outcome is not yet recorded")
    decided_this_month: int
    on_time_this_month: int = Field(description="Of those, decided on or before their due date")
    on_time_percent: int | None = Field(description="null when nothing was decided this month")
    needing_review: int = Field(description="Documents whose classification needs a person's review")
    reviews_due: int = Field(description="Exempt items whose review date has come")


class StandardReason(Model):
    id: int
    title: str
    text: str


class StandardReasons(RootModel[list[StandardReason]]):
    def to_json(self) -> list:
        return self.model_dump(mode="json", exclude_unset=True)


class AuditRecord(Model):
    seq: int
    at: str
    event: str
    actor: str | None
    document: str | None
    outcome: str | None
    rule: str | None
    detail: dict
    prev_hash: str
    hash: str


class AuditRecords(RootModel[list[AuditRecord]]):
    def to_json(self) -> list:
        return self.model_dump(mode="json", exclude_unset=True)


def components(models) -> dict:
    """The JSON schemas of `models` (and all they refer to), keyed by name, for components.schemas."""
    _, top = models_json_schema([(m, "serialization") for m in models], ref_template=REF_TEMPLATE)
    return top.get("$defs", {})
