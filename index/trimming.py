"""Which documents a caller may discover, asked of the decision service, cheaply enough for every search.

Nothing here decides: every visibility comes from `AccessService.evaluate`. What makes that
affordable is that documents whose decision-relevant facts are equal decide equally for the same
caller and request, so one representative per class of equal facts is evaluated and its answer
applies to the whole class:

* `Snapshot` (one per access generation): every document's facts, read from the database in one
  pass. Rows equal in everything but id, title and dates share one `DocumentFacts`, built by the
  gateway's own `FactSource.document_facts` and kept without names (they never decide), each
  distinct value held once (and kept, by a digest of the row, for the next generation while the
  council's own tables are unchanged); each document keeps its own dates, in arrays.
* `Classes` (per snapshot and date `at`): a decision compares a document's dates only with the
  request's date, so within a class each date is replaced by the day before `at`, `at` itself or
  the day after (keeping every comparison with `at`, and being set or not).
* `CallerView` (per caller): a document's member, group and matter fields are compared only
  with the caller's own id, group and matters, so anyone else's is replaced by one placeholder.
* `CallerCache` (per caller's facts, `at` and policy): class facts -> visibility, and a
  `DecisionMemo` of which facts the caller's decisions read, so that a class equal to an
  evaluated one in every fact the evaluation read is answered without evaluating. Both outlive
  generations: a new snapshot only evaluates what the caller has not seen.
* A sampled self-check evaluates a real document for one class in `SELF_CHECK_EVERY`; if a
  shortcut ever disagrees with the decision service, search falls back for good (in this process)
  to evaluating every class as it is (exact dates, no placeholders, no memo). Every class the
  memo cannot answer is checked this way too.
* Standing Proper Officer decisions are per (member, document): those documents are evaluated
  one by one with their own id, which is what lets the decision service read the standing decision.
"""

import hashlib
import json
import logging
import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict
from dataclasses import dataclass, field, fields, replace
from datetime import date
from types import MappingProxyType, SimpleNamespace

from sqlalchemy import String, cast, select

from gateway.access.facts import (
    MEMBER,
    DocumentFacts,
    Request,
    StandingDecision,
    Subject,
)
from gateway.access.gather import FactSource
from gateway.domain.models import Document

log = logging.getLogger(__name__)

HIDDEN, LISTED, OPEN = 0, 1, 2
VISIBILITY = {"hidden": HIDDEN, "listed": LISTED, "open": OPEN}
VISIBILITY_NAMES = {HIDDEN: "hidden", LISTED: "listed", OPEN: "open"}

# A class representative's id: no document has it, so no standing decision ever applies to it.
CLASS_ID = "\x00class"
# Not part of a class's key: they never change a decision (they are names, shown to people).
NOT_DECISIVE = ("id", "title", "matter_titles")
DATES = ("meeting_date", "publish_on")
KEY_FIELDS = tuple(f.name for f in fields(DocumentFacts) if f.name not in NOT_DECISIVE)
NO_NAMES = MappingProxyType({})   # a base's matter titles: none, as it has no id or title
MEETING_AT, PUBLISH_AT = KEY_FIELDS.index("meeting_date"), KEY_FIELDS.index("publish_on")
MATTERS_AT, GROUP_AT = KEY_FIELDS.index("matters"), KEY_FIELDS.index("party_group")
NFP_AT, CASEWORK_AT = KEY_FIELDS.index("not_for_publication_to"), KEY_FIELDS.index("casework_of")
OTHER = "\x00other"   # someone, some group or some matter that is not the caller's
SUBJECT_FIELDS = tuple(f.name for f in fields(Subject))
SELF_CHECK_EVERY = 16   # one class in this many is also evaluated as a real document, to check the shortcuts

# The columns `FactSource.document_facts` reads. It is handed a namespace holding exactly these:
# if it ever reads another, it raises (and search fails closed) rather than deciding on a guess.
JSON_COLUMNS = ("matters", "inferred_matters", "declared", "classified", "reclassification")
MATTER_COLUMNS = ("matters", "inferred_matters")   # lists of matter ids
DATE_COLUMNS = ("meeting_date", "publish_on")
# release_on and review_on stay exact in a class's facts (they are rare), so comparisons with `at` hold.
PLAIN_COLUMNS = ("service", "committee_id", "meeting_session", "portfolio_id", "status", "admin_only",
                 "not_for_publication_to", "casework_of", "executive_decision", "release_on", "review_on")


def freeze(value):
    """A hashable, order-independent copy of a fact's value."""
    if isinstance(value, dict):
        return tuple(sorted(((k, freeze(v)) for k, v in value.items()), key=repr))
    if isinstance(value, (set, frozenset)):
        return tuple(sorted((freeze(v) for v in value), key=repr))
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    return value


def facts_key(doc: DocumentFacts) -> tuple:
    return tuple(freeze(getattr(doc, name)) for name in KEY_FIELDS)


def subject_key(sub: Subject) -> tuple:
    return tuple(freeze(getattr(sub, name)) for name in SUBJECT_FIELDS)


def _parse_date(text) -> date | None:
    if text is None or isinstance(text, date):
        return text
    return date.fromisoformat(str(text)[:10])


def _parse_json(text):
    if text is None or not isinstance(text, str):
        return text
    return json.loads(text)


@dataclass
class Base:
    """Documents equal in every fact but id, title and dates."""

    facts: DocumentFacts              # no names (id CLASS_ID), no dates (each document has its own)
    key: tuple                        # facts_key(facts)
    docs: array = field(default_factory=lambda: array("i"))   # snapshot indices


class Snapshot:
    """Every document's facts at one access generation."""

    def __init__(self, generation: int, bases: list[Base], ids: list[str], base_of: array,
                 meeting: array, publish: array, committees: dict):
        self.generation = generation
        self.bases = bases
        self.ids = ids                      # snapshot index -> document id
        self.base_of = base_of              # snapshot index -> base index
        self.meeting = meeting              # snapshot index -> meeting date ordinal (0: none)
        self.publish = publish              # snapshot index -> publish_on ordinal (0: none)
        self.committees = committees        # committee id -> (name, kind), for filters
        # Snapshot indices in Python's order of their ids (the database's collation may differ), for `index`:
        # a tenth of the memory of a dict from id to index.
        self.by_id = array("i", sorted(range(len(ids)), key=ids.__getitem__))
        # Newest meeting first, then by id: the order of an empty query (a reversed sort keeps equal
        # meetings in id order).
        self.newest_first = array("i", sorted(self.by_id, key=meeting.__getitem__, reverse=True))
        self.rank = array("i", bytes(4 * len(ids)))
        for r, i in enumerate(self.newest_first):
            self.rank[i] = r
        self._classes: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self):
        return len(self.ids)

    def index(self, ident: str) -> int | None:
        """The snapshot index of the document with this id, or None."""
        k = bisect_left(self.by_id, ident, key=self.ids.__getitem__)
        if k < len(self.by_id) and self.ids[self.by_id[k]] == ident:
            return self.by_id[k]
        return None

    def facts(self, i: int, with_id: bool = True) -> DocumentFacts:
        """Document `i`'s facts (no title or matter titles: names never decide)."""
        base = self.bases[self.base_of[i]].facts
        return replace(base, id=self.ids[i] if with_id else CLASS_ID,
                       meeting_date=_from_ordinal(self.meeting[i]), publish_on=_from_ordinal(self.publish[i]))

    def classes(self, at: date, exact: bool) -> "Classes":
        key = (at, exact)
        with self._lock:
            found = self._classes.get(key)
            if found is None:
                found = self._classes[key] = Classes(self, at, exact)
                while len(self._classes) > 4:
                    self._classes.popitem(last=False)
            return found


def _ordinal(d: date | None) -> int:
    return d.toordinal() if d else 0


def _from_ordinal(n: int) -> date | None:
    return date.fromordinal(n) if n else None


class BaseMemo:
    """`document_facts` results kept between snapshots while the council's own tables are unchanged.

    A row is known by a digest of its decision columns (not id, title or dates), so a new
    generation only builds facts for rows it has not seen; every row is still read each time.
    """

    def __init__(self, fingerprint):
        self.fingerprint = fingerprint
        self.by_digest: dict[bytes, int] = {}
        self.by_key: dict[tuple, int] = {}
        self.facts: list[DocumentFacts] = []   # base number -> facts (no names, no dates)
        self.keys: list[tuple] = []            # base number -> facts_key
        # field -> {frozen value: (frozen value, value)}: bases differ in a few facts (mostly matters) and
        # repeat the same committees, statuses and paragraph sets thousands of times; each is held once.
        self.values: dict[str, dict] = {name: {} for name in KEY_FIELDS}
        self.matter_ids: dict[str, str] = {}   # and each matter id, which thousands of distinct matter sets repeat

    def _one_copy(self, facts: DocumentFacts, key: tuple) -> tuple[DocumentFacts, tuple]:
        """A new base's facts and key, made of the copies of equal values already held. Names are left
        out (no id, title or matter titles): they never decide, and a base is only ever decided on."""
        frozen = dict(zip(KEY_FIELDS, key))
        held = {"id": CLASS_ID, "title": "", "matter_titles": NO_NAMES}
        for name in KEY_FIELDS:
            frozen[name], held[name] = self.values[name].setdefault(frozen[name], (frozen[name], getattr(facts, name)))
        return DocumentFacts(**held), tuple(frozen[name] for name in KEY_FIELDS)

    def base(self, facts_source: FactSource, digest: bytes, row: tuple) -> int | None:
        """The base number for a row (values of PLAIN_COLUMNS + JSON_COLUMNS); None for a row whose facts
        cannot be built (never shown)."""
        b = self.by_digest.get(digest)
        if b is None:
            values = dict(zip(PLAIN_COLUMNS + JSON_COLUMNS, row))
            try:
                for c in JSON_COLUMNS:
                    values[c] = _parse_json(values[c])
                for c in MATTER_COLUMNS:
                    if values[c]:
                        values[c] = [self.matter_ids.setdefault(m, m) for m in values[c]]
                values.update(id=CLASS_ID, title="", meeting_date=None, publish_on=None)
                facts = facts_source.document_facts(SimpleNamespace(**values))
            except Exception:   # fail closed for this document, not for every search
                log.exception("search trimming: cannot build the facts of a document row; it is left out")
                return None
            key = facts_key(facts)
            b = self.by_key.get(key)
            if b is None:
                facts, key = self._one_copy(facts, key)
                b = self.by_key[key] = len(self.facts)
                self.facts.append(facts)
                self.keys.append(key)
            self.by_digest[digest] = b
        return b


def load_snapshot(session, generation: int, memo: BaseMemo | None = None) -> Snapshot:
    """Reads every document's decision facts in one query; `document_facts` runs once per new kind of row."""
    facts = FactSource(session)
    fingerprint = facts.council   # every value of the council's own tables that `document_facts` may read
    if memo is None or memo.fingerprint != fingerprint or len(memo.by_digest) > 200_000:
        memo = BaseMemo(fingerprint)
    columns = [Document.id]
    columns += [getattr(Document, c) for c in PLAIN_COLUMNS]
    columns += [cast(getattr(Document, c), String) for c in JSON_COLUMNS + DATE_COLUMNS]
    n_rest = len(PLAIN_COLUMNS + JSON_COLUMNS)
    local: dict[int, int] = {}
    live: dict[bytes, int] = {}   # the digests of this generation's rows
    bases: list[Base] = []
    ids, base_of, meeting, publish = [], array("i"), array("i"), array("i")
    for row in session.execute(select(*columns).order_by(Document.id).execution_options(yield_per=2000)):
        rest = row[1:1 + n_rest]
        digest = hashlib.blake2b(repr(tuple(rest)).encode("utf-8", "surrogatepass"), digest_size=16).digest()
        g = memo.base(facts, digest, rest)
        if g is None:
            log.error("search trimming: document %s is left out of search (its facts cannot be built)", row[0])
            continue
        live[digest] = g
        b = local.get(g)
        if b is None:
            b = local[g] = len(bases)
            bases.append(Base(memo.facts[g], memo.keys[g]))
        i = len(ids)
        ids.append(row[0])
        bases[b].docs.append(i)
        base_of.append(b)
        meeting.append(_ordinal(_parse_date(row[1 + n_rest])))
        publish.append(_ordinal(_parse_date(row[2 + n_rest])))
    memo.by_digest = live   # a changed or deleted row's old digest is never asked for again
    committees = {c.id: (c.name, c.kind) for c in facts.committees.values()}
    snapshot = Snapshot(generation, bases, ids, base_of, meeting, publish, committees)
    snapshot.memo = memo
    return snapshot


class Classes:
    """The snapshot's documents grouped into classes that decide equally for any caller at `at`."""

    def __init__(self, snapshot: Snapshot, at: date, exact: bool):
        self.at = at
        self.exact = exact
        self.snapshot = snapshot
        ordinal = at.toordinal()
        index: dict[tuple, int] = {}
        # class -> its base, meeting and publish ordinals, and one real document in it (arrays: keys are
        # made when asked for, a few per caller and date, rather than kept for every class)
        self.base, self.meeting, self.publish, self.sample = array("i"), array("i"), array("i"), array("i")
        self.docs: list[array] = []            # class -> snapshot indices
        meeting, publish = snapshot.meeting, snapshot.publish
        for b, base in enumerate(snapshot.bases):
            for i in base.docs:
                m, p = meeting[i], publish[i]
                if not exact:
                    # Only the comparison with `at` matters: before, on, or after it (0: no date).
                    m = m and ordinal + (m > ordinal) - (m < ordinal)
                    p = p and ordinal + (p > ordinal) - (p < ordinal)
                k = (b, m, p)
                c = index.get(k)
                if c is None:
                    c = index[k] = len(self.docs)
                    self.base.append(b)
                    self.meeting.append(m)
                    self.publish.append(p)
                    self.sample.append(i)
                    self.docs.append(array("i"))
                self.docs[c].append(i)

    def __len__(self):
        return len(self.docs)

    def key(self, c: int) -> list:
        """Class `c`'s representative's facts key (as a list): its base's with the class's dates."""
        key = list(self.snapshot.bases[self.base[c]].key)
        key[MEETING_AT], key[PUBLISH_AT] = _from_ordinal(self.meeting[c]), _from_ordinal(self.publish[c])
        return key

    def facts(self, c: int) -> DocumentFacts:
        """Class `c`'s representative: its base's facts with the class's dates."""
        return replace(self.snapshot.bases[self.base[c]].facts, meeting_date=_from_ordinal(self.meeting[c]),
                       publish_on=_from_ordinal(self.publish[c]))


class _NoStanding:
    """A stand-in fact source for class representatives: no Proper Officer decision names them."""

    @staticmethod
    def standing(member_id, document_id):
        return None


class _Standing:
    """The caller's standing Proper Officer decisions, as `AccessService.evaluate` asks for them."""

    def __init__(self, member_id: str, decisions: dict[str, StandingDecision]):
        self.member_id = member_id
        self.decisions = decisions

    def standing(self, member_id, document_id):
        return self.decisions.get(document_id) if member_id == self.member_id else None


class Traced:
    """A document's facts that note, in order, each decisive fact a decision reads (and its value)."""

    __slots__ = ("_facts", "_reads")

    def __init__(self, facts: DocumentFacts):
        object.__setattr__(self, "_facts", facts)
        object.__setattr__(self, "_reads", {})

    def __getattr__(self, name):
        value = getattr(object.__getattribute__(self, "_facts"), name)
        if name not in NOT_DECISIVE:
            reads = object.__getattribute__(self, "_reads")
            if name not in reads:
                reads[name] = freeze(value)
        return value

    def __setattr__(self, name, value):
        raise AttributeError("document facts are read-only")

    def reads(self) -> list[tuple[str, object]]:
        return list(object.__getattribute__(self, "_reads").items())


class MemoUnsound(Exception):
    """A shortcut disagreed with the decision service; search falls back to evaluating every class."""


class DecisionMemo:
    """One caller's decisions as a tree of what they read of a document.

    For a fixed caller, request and policy a decision is a deterministic function of the facts it
    reads; each evaluation, traced, adds its path (fact, value, fact, value, ... -> visibility).
    Another document with the same values for the facts on a path is decided the same way, so it
    is answered from the tree without evaluating. A node is a visibility code (leaf) or
    [fact name, {value: node}].
    """

    def __init__(self):
        self.root = None

    def lookup(self, facts: DocumentFacts) -> int | None:
        node = self.root
        while node is not None and not isinstance(node, int):
            name, branches = node
            node = branches.get(freeze(getattr(facts, name)))
        return node

    def insert(self, reads: list, code: int) -> None:
        def chain(i):
            return code if i == len(reads) else [reads[i][0], {reads[i][1]: chain(i + 1)}]

        if self.root is None:
            self.root = chain(0)
            return
        node, i = self.root, 0
        while True:
            if isinstance(node, int):
                if i != len(reads) or node != code:
                    raise MemoUnsound("the same reads led to different decisions")
                return
            name, branches = node
            if i >= len(reads) or reads[i][0] != name:
                raise MemoUnsound("a decision read the document's facts in a different order")
            child = branches.get(reads[i][1])
            if child is None:
                branches[reads[i][1]] = chain(i + 1)
                return
            node, i = child, i + 1


class CallerCache:
    """One caller's verdicts for one request (date) and policy; kept across generations."""

    def __init__(self):
        self.by_key: dict[tuple, int] = {}
        self.memo = DecisionMemo()
        self.evaluated = 0
        self.lock = threading.Lock()


def _evaluate(access, sub, facts, req) -> int:
    return VISIBILITY[access.evaluate(_NoStanding, sub, facts, req).visibility]


class CallerView:
    """A class's facts as they stand towards one caller: who and what they name, relative to the caller.

    The predicates compare a document's member fields (not for publication to, casework of) with
    the caller's id, its party group with the caller's group, and its matters with the matters
    the caller has interests in or scrutinises. So another member's id, another group or a matter
    the caller has nothing to do with can be replaced by one placeholder, OTHER, without changing
    any comparison: two documents naming different strangers decide alike. (The sampled
    self-check holds this assumption to account, like the date shortcut.)
    """

    def __init__(self, sub: Subject):
        self.me, self.group = sub.id, sub.group
        self.own_matters = frozenset(sub.interests) | frozenset(sub.scrutiny_matters)

    def _matters(self, matters) -> frozenset:
        kept = frozenset(m for m in matters if m in self.own_matters)
        return kept | {OTHER} if len(kept) < len(matters) else kept

    def _person(self, value):
        return value if value is None or value == self.me else OTHER

    def _group(self, value):
        return value if value is None or value == self.group else OTHER

    def key(self, key: list) -> tuple:
        """A class's key as it stands towards the caller (`key` is changed: pass a copy)."""
        key[MATTERS_AT] = freeze(self._matters(key[MATTERS_AT]))
        key[NFP_AT], key[CASEWORK_AT] = self._person(key[NFP_AT]), self._person(key[CASEWORK_AT])
        key[GROUP_AT] = self._group(key[GROUP_AT])
        return tuple(key)

    def facts(self, facts: DocumentFacts) -> DocumentFacts:
        return replace(facts, matters=self._matters(facts.matters),
                       not_for_publication_to=self._person(facts.not_for_publication_to),
                       casework_of=self._person(facts.casework_of), party_group=self._group(facts.party_group))


def class_visibility(access, sub: Subject, req: Request, snapshot: Snapshot, classes: Classes,
                     cache: CallerCache) -> list[int]:
    """Visibility code for each class: from the caller's cache, its memo, or the decision service.

    Every class that needs the decision service, and one in SELF_CHECK_EVERY of the others, is
    also evaluated as a real document (its own dates, names and matters): any disagreement means a
    shortcut is wrong, and search falls back to exact mode, where every class is evaluated as it is.
    """
    result = []
    view = CallerView(sub)
    with cache.lock:
        by_key, memo = cache.by_key, cache.memo
        for c in range(len(classes)):
            if classes.exact:
                key = tuple(classes.key(c))
                v = by_key.get(key)
                if v is None:
                    v = by_key[key] = _evaluate(access, sub, classes.facts(c), req)
                    cache.evaluated += 1
                result.append(v)
                continue
            key = view.key(classes.key(c))
            v = by_key.get(key)
            if v is None:
                facts = view.facts(classes.facts(c))
                v = memo.lookup(facts)
                evaluated = v is None
                if evaluated:
                    traced = Traced(facts)
                    v = _evaluate(access, sub, traced, req)
                    cache.evaluated += 1
                    memo.insert(traced.reads(), v)
                if evaluated or c % SELF_CHECK_EVERY == 0:
                    real = snapshot.facts(classes.sample[c], with_id=False)
                    if _evaluate(access, sub, real, req) != v:
                        log.error("search trimming: a shortcut disagreed with the decision service for %s; "
                                  "evaluating every class as it is from now on", sub.id)
                        raise MemoUnsound("self-check failed")
                by_key[key] = v
            result.append(v)
    return result


@dataclass
class Trim:
    """What one caller may discover at one date: a visibility code per snapshot document."""

    snapshot: Snapshot
    codes: bytearray            # snapshot index -> HIDDEN | LISTED | OPEN

    def visibility(self, i: int) -> str:
        return VISIBILITY_NAMES[self.codes[i]]


def trim(access, sub: Subject, req: Request, snapshot: Snapshot, classes: Classes, cache: CallerCache,
         standing: dict[str, StandingDecision]) -> Trim:
    per_class = class_visibility(access, sub, req, snapshot, classes, cache)
    codes = bytearray(len(snapshot))
    for c, v in enumerate(per_class):
        if v:
            for i in classes.docs[c]:
                codes[i] = v
    if sub.kind == MEMBER and standing:
        source = _Standing(sub.id, standing)
        for document_id in standing:
            i = snapshot.index(document_id)
            if i is not None:
                decision = access.evaluate(source, sub, snapshot.facts(i), req)
                codes[i] = VISIBILITY[decision.visibility]
    return Trim(snapshot, codes)
