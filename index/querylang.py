"""The search query language: words, "phrases", AND/OR/NOT and (groups), plus filters.

Filters may be typed into the query (`committee:cabinet paragraph:3 status:published
from:2026-01-01 to:2026-12-31`, quoting values with spaces: `committee:"Planning Committee"`)
or passed as arguments; both say the same thing. Field prefixes, wildcards, ranges and fuzzy
terms are not part of the language: they would reach past what a caller may search (a wildcard
expands over every indexed word, including words of documents the caller may not read).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from whoosh import qparser
from whoosh.qparser import plugins
from whoosh.query import NullQuery, Query

from index.phrase_first import PhraseFirst
from index.schema import make_schema

MAX_QUERY_CHARS = 500
MAX_TERMS = 40
MAX_PAGE_SIZE = 1000
STATUSES = ("published", "embargoed", "draft")
FILTER_NAMES = ("committee", "paragraph", "status", "from", "to")
FILTER_HELP = "committee:, paragraph:, status:, from: and to:"
# A filter (name:value or name:"quoted value") at the start of a word, or a phrase (kept as it is):
# scanning left to right, a colon inside a phrase never starts a filter.
_SCAN = re.compile(r'(?<![^\s(])([A-Za-z_]+):(?:"([^"]*)"|([^\s()"]*))|("[^"]*")')


class QueryError(ValueError):
    """A search query the gateway cannot run; the message says why, in plain English."""


@dataclass(frozen=True)
class Filters:
    committee: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    paragraph: int | None = None
    status: str | None = None

    def to_json(self) -> dict:
        out = {"committee": self.committee, "date_from": self.date_from, "date_to": self.date_to,
               "paragraph": self.paragraph, "status": self.status}
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in out.items() if v is not None}

    @property
    def any(self) -> bool:
        return any(v is not None for v in (self.committee, self.date_from, self.date_to, self.paragraph, self.status))


@dataclass(frozen=True)
class ParsedQuery:
    text: str                   # the words, phrases and operators, filters taken out
    filters: Filters
    readable: Query | None      # over title and body: for documents the caller may open
    listed: Query | None        # over the title only: for documents the caller may only see listed

    @property
    def empty(self) -> bool:
        return self.readable is None


def _make_parser(fieldnames):
    schema = make_schema()
    if len(fieldnames) == 1:
        parser = qparser.QueryParser(fieldnames[0], schema, group=qparser.AndGroup)
    else:
        parser = qparser.MultifieldParser(fieldnames, schema, group=qparser.AndGroup)
    for plugin in (plugins.FieldsPlugin, plugins.WildcardPlugin, plugins.RangePlugin, plugins.BoostPlugin,
                   plugins.EveryPlugin, plugins.SingleQuotePlugin):
        parser.remove_plugin_class(plugin)
    return parser


_READABLE_PARSER = _make_parser(["title", "body"])
_LISTED_PARSER = _make_parser(["title"])

# Plain words, two or more: no quotes, brackets or operators (which say how the person wants them taken).
_PLAIN_WORDS = re.compile(r"[^\W_]+(?:[.'-][^\W_]+)*(?:\s+[^\W_]+(?:[.'-][^\W_]+)*)+")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
# A document holding the words as one phrase outranks any holding them apart ("leisure centre" before
# "civic centre ... leisure"): the phrase only adds to the score of what the words match, never adds a match.
PHRASE_BOOST = 100.0


def _phrase_first(parser, words: str, query: Query) -> Query:
    """`query` (the words, all required), scored higher where they also occur as the phrase `words`."""
    if not _PLAIN_WORDS.fullmatch(words) or _OPERATORS & set(words.split()):
        return query
    phrase = parser.parse(f'"{words}"')
    if len({text for _field, text in phrase.iter_all_terms(phrases=True)}) < 2:   # one word left: no phrase
        return query
    return PhraseFirst(query, phrase.with_boost(PHRASE_BOOST))


def parse_date(value, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise QueryError(f"{name}: {str(value)!r} is not a date; write dates as YYYY-MM-DD, e.g. 2026-11-23.") from None


def parse_paragraph(value) -> int | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or not 1 <= int(text) <= 7:
        raise QueryError(f"paragraph: {text!r} is not a Schedule 12A paragraph; use a number from 1 to 7.")
    return int(text)


def parse_status(value) -> str | None:
    if value is None or value == "":
        return None
    text = str(value).strip().lower()
    if text not in STATUSES:
        raise QueryError(f"status: {str(value)!r} is not a document status; use one of {', '.join(STATUSES)}.")
    return text


def check_page(page, page_size) -> tuple[int, int]:
    try:
        page, page_size = int(page), int(page_size)
    except (TypeError, ValueError):
        raise QueryError("page and page size must be whole numbers.") from None
    if page < 1:
        raise QueryError("page must be 1 or more.")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise QueryError(f"page size must be between 1 and {MAX_PAGE_SIZE}.")
    return page, page_size


def _check_balanced(text: str) -> None:
    if text.count('"') % 2:
        raise QueryError('A quotation mark is not closed: put phrases between a pair of double quotes, '
                         'like "Mill Lane".')
    depth = 0
    for ch in re.sub(r'"[^"]*"', "", text):
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            raise QueryError("A closing bracket ')' has no opening bracket '(' before it.")
    if depth:
        raise QueryError("A bracket '(' is not closed.")


def _take_filters(text: str) -> tuple[str, dict]:
    found: dict[str, str] = {}

    def take(match):
        if match.group(4) is not None:
            return match.group(4)
        name = match.group(1).lower()
        value = match.group(2) if match.group(2) is not None else match.group(3)
        if name not in FILTER_NAMES:
            raise QueryError(f"{match.group(1)}: is not a filter (filters are {FILTER_HELP}). "
                             f"To search for the words, put them in double quotes.")
        if not value.strip():
            raise QueryError(f"{name}: needs a value, e.g. {name}:{_EXAMPLES[name]}.")
        if name in found and found[name] != value.strip():
            raise QueryError(f"{name}: is given twice; give it once.")
        found[name] = value.strip()
        return " "

    return _SCAN.sub(take, text), found


_EXAMPLES = {"committee": "cabinet", "paragraph": "3", "status": "published", "from": "2026-01-01",
             "to": "2026-12-31"}


def _merge(name: str, typed, given):
    if typed is not None and given is not None and typed != given:
        raise QueryError(f"{name} is given both in the query and as a filter, with different values.")
    return typed if typed is not None else given


def parse(query: str | None, committee=None, date_from=None, date_to=None, paragraph=None,
          status=None) -> ParsedQuery:
    """The query and filters, checked; raises QueryError with a message for the person searching."""
    text = (query or "").strip()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"The query is too long: keep it under {MAX_QUERY_CHARS} characters.")
    if "\x00" in text:
        raise QueryError("The query contains a character that cannot be searched for.")
    _check_balanced(text)
    rest, typed = _take_filters(text)
    typed_committee = typed.get("committee")
    committee = None if committee in (None, "") else str(committee).strip()
    filters = Filters(
        committee=_merge("committee", typed_committee, committee),
        date_from=_merge("from", parse_date(typed.get("from"), "from"), parse_date(date_from, "from")),
        date_to=_merge("to", parse_date(typed.get("to"), "to"), parse_date(date_to, "to")),
        paragraph=_merge("paragraph", parse_paragraph(typed.get("paragraph")), parse_paragraph(paragraph)),
        status=_merge("status", parse_status(typed.get("status")), parse_status(status)),
    )
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise QueryError(f"from: {filters.date_from} is after to: {filters.date_to}.")
    rest = " ".join(rest.split())
    if not rest or not re.search(r"\w", rest):
        return ParsedQuery("", filters, None, None)
    try:
        readable = _READABLE_PARSER.parse(rest)
    except Exception:  # noqa: BLE001 -- whoosh's parser is lenient; anything it cannot take is the query's fault
        raise QueryError("The query could not be understood: use words, \"phrases\", AND, OR, NOT and brackets.") from None
    terms = list(readable.iter_all_terms(phrases=True))
    if len(terms) > MAX_TERMS * 2:
        raise QueryError(f"The query has too many words: use at most {MAX_TERMS}.")
    if readable is NullQuery or not terms:
        raise QueryError("There is nothing to search for: the query has only very common words "
                         "(like 'the' or 'and'). Add a more specific word, or search with filters alone.")
    readable = _phrase_first(_READABLE_PARSER, rest, readable)
    listed = title_only(readable)
    if listed is NullQuery or not list(listed.iter_all_terms(phrases=True)):
        listed = None
    return ParsedQuery(rest, filters, readable, listed)


def title_only(query: Query) -> Query:
    """`query` over the title alone: what the title's parser makes of the same text (the parser is most of
    a new query's parsing, so it runs once). The multifield parser makes each word and phrase `title OR
    body`; with the body's leaves dropped, Whoosh's normalising leaves the title's."""
    if query.is_leaf():
        return NullQuery if query.field() == "body" else query
    return query.apply(title_only).normalize()
