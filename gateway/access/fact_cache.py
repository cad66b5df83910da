"""Facts kept per process between requests, valid for one access generation of one database.

Every change to a fact a decision reads bumps the generation in the same transaction
(`gateway.domain.generation`), so facts read after the number are never older than it: a cache
tagged with the number it read first can be used until the number moves, then is dropped whole.
A session that has written in its open transaction reads its own uncommitted rows (and perhaps a
number that is later rolled back), so it neither uses nor fills the cache.
"""

import threading
import weakref
from dataclasses import dataclass

from sqlalchemy import event
from sqlalchemy.orm import Session

from gateway.domain.generation import READ, current

WROTE = "gateway.wrote"   # session.info key: the open transaction has written
_NOTED = "gateway.generation"   # session.info key: the generation already read in this transaction
GENERATION = READ.scalar_subquery()   # for a statement that reads it beside another value


@dataclass(frozen=True)
class CommitteeFacts:
    id: str
    name: str
    kind: str
    work_programme: tuple = ()


@dataclass(frozen=True)
class MatterFacts:
    id: str
    title: str


@dataclass(frozen=True)
class GroupFacts:
    id: str
    name: str


@dataclass(frozen=True)
class CouncilFacts:
    """The council's own tables as decisions read them; equal values mean equal decisions."""

    numbering: str
    withholdable_paragraphs: tuple
    administration: tuple
    committees: dict    # id -> CommitteeFacts (never changed once built)
    matters: dict       # id -> MatterFacts
    groups: dict        # id -> GroupFacts


class Bounded(dict):
    """A dict that starts afresh when full: cheaper than an LRU, and a miss only costs a read."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def __setitem__(self, key, value):
        if len(self) >= self.size:
            self.clear()
        super().__setitem__(key, value)


class GenerationCache:
    """What was read at one generation; each FactSource of that generation shares it."""

    def __init__(self, generation: int, council: CouncilFacts):
        self.generation = generation
        self.council = council
        self.subjects = Bounded(4096)     # account id -> Subject | None
        self.documents = Bounded(8192)    # document id -> DocumentFacts | None
        self.standing = Bounded(1024)     # member id -> {document id: StandingDecision}
        self.formats = Bounded(8192)      # document id -> (media type, size) of its current stored file
        self.changes = Bounded(8192)      # document id -> its versions stored with a note (FactSource.changes)
        self.tokens = Bounded(4096)       # live API token's digest -> (expires at, account): sessions.token_account


_caches: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()   # engine -> GenerationCache
_lock = threading.Lock()


def generation(session: Session) -> int:
    """The access generation, as already read in this transaction when it was (see `note_generation`).

    Read it before any fact, so a cached fact is never older than the number.
    """
    found = session.info.get(_NOTED)
    return found if found is not None else current(session)


def shared(session: Session, read_council) -> GenerationCache | None:
    """This generation's cache for the session's database; None for a session that has written."""
    if session.info.get(WROTE):
        return None
    engine = session.get_bind()
    number = generation(session)
    found = _caches.get(engine)
    if found is not None and found.generation == number:
        return found
    fresh = GenerationCache(number, read_council(session))
    with _lock:
        found = _caches.get(engine)
        if found is None or found.generation < number:
            _caches[engine] = found = fresh
    return found if found.generation == number else fresh


def note_generation(session: Session, generation: int | None) -> None:
    """The generation the session read beside something else (see `GENERATION`), before any fact: `shared`
    then uses it instead of reading it again, until the session writes or its transaction ends."""
    if not session.info.get(WROTE):
        session.info[_NOTED] = generation or 0


def _wrote(session: Session) -> None:
    session.info[WROTE] = True
    session.info.pop(_NOTED, None)


@event.listens_for(Session, "do_orm_execute")
def _statement(state):
    if not state.is_select:
        _wrote(state.session)


@event.listens_for(Session, "after_flush")
def _flushed(session, _context):
    _wrote(session)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _ended(session):
    session.info.pop(WROTE, None)
    session.info.pop(_NOTED, None)
