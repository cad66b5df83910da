"""Plain facts about who asks, for what document, and how: all a decision reads.

`gather.FactSource` turns database rows into these values; the enforcer never touches storage.
"""

from dataclasses import dataclass, field
from datetime import date

MEMBER, OFFICER, ANONYMOUS = "member", "officer", "anonymous"
CHAIR_ROLES = frozenset({"chair", "vice_chair"})


@dataclass(frozen=True)
class Subject:
    kind: str                                   # member | officer | anonymous
    id: str | None = None
    name: str = ""
    group: str | None = None
    group_name: str | None = None
    in_administration: bool = False
    seats: dict = field(default_factory=dict)   # committee id -> role
    scrutiny_matters: frozenset = frozenset()   # work programmes of the scrutiny committees sat on
    portfolios: frozenset = frozenset()         # held, or opposition spokesperson for
    held_portfolios: frozenset = frozenset()    # held as the executive member (not as spokesperson)
    interests: dict = field(default_factory=dict)  # matter id -> kind (pecuniary/professional only)
    officer_roles: frozenset = frozenset()
    service: str | None = None


NOBODY = Subject(kind=ANONYMOUS)


@dataclass(frozen=True)
class DocumentFacts:
    id: str
    title: str = ""
    service: str | None = None
    committee: str | None = None
    committee_name: str | None = None
    committee_kind: str | None = None
    meeting_date: date | None = None
    session: str | None = None
    portfolio: str | None = None
    matters: frozenset = frozenset()
    matter_titles: dict = field(default_factory=dict)
    executive_decision: bool = False            # a portfolio holder's or officer's executive decision
    status: str = "published"
    publish_on: date | None = None
    release_on: date | None = None              # from this date the exemption lapses
    review_on: date | None = None               # when the Proper Officer reviews the exemption (never decides)
    admin_only: bool = False
    not_for_publication_to: str | None = None
    casework_of: str | None = None
    paragraphs: frozenset = frozenset()         # England numbering
    party_group: str | None = None
    flags: frozenset = frozenset()
    needs_review: bool = False
    withholdable: frozenset = frozenset()       # the paragraphs the Proper Officer may withhold, for this document

    @property
    def executive(self) -> bool:
        # RULES.md Inputs (003:5.6): an executive committee's paper, or an executive decision without one.
        return self.committee_kind == "executive" or self.executive_decision


@dataclass(frozen=True)
class StandingDecision:
    """The Proper Officer's latest grant or refusal of this document to this member."""

    outcome: str          # grant | deny
    reasons: str
    until: date | None = None


@dataclass(frozen=True)
class Request:
    at: date
    action: str = "read"            # discover | read | download
    capacity: str = "councillor"    # councillor | private
    reason: str = ""
    standing: StandingDecision | None = None
