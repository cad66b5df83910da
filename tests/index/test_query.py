"""The query language, filters, pagination, snippets and the audit record of every search."""

import pytest

from gateway.domain.audit import AuditUnavailable
from index import QueryError
from index.querylang import parse


@pytest.mark.parametrize("query, words", [
    ('"mill lane', "quotation mark"),
    ("(budget OR housing", "bracket"),
    ("budget)", "bracket"),
    ("colour:red", "not a filter"),
    ("committee:", "needs a value"),
    ("paragraph:9", "paragraph"),
    ("paragraph:three", "paragraph"),
    ("status:secret", "status"),
    ("from:2026-13-01", "date"),
    ("from:2026-05-01 to:2026-04-01", "after"),
    ("committee:cabinet committee:planning", "twice"),
    ("the and of", "common words"),
    ("x" * 600, "too long"),
])
def test_malformed_queries_say_what_is_wrong(query, words):
    with pytest.raises(QueryError) as raised:
        parse(query)
    assert words in str(raised.value)
    assert "Traceback" not in str(raised.value)


def test_filters_in_the_query_and_as_arguments_agree():
    typed = parse("budget committee:cabinet paragraph:3 status:published from:2026-01-01 to:2026-12-31")
    given = parse("budget", committee="cabinet", paragraph=3, status="published", date_from="2026-01-01",
                  date_to="2026-12-31")
    assert typed.filters == given.filters
    assert typed.text == given.text == "budget"
    assert parse('committee:"Planning Committee"').filters.committee == "Planning Committee"
    # Inside a phrase a colon is just text.
    assert parse('"note: the budget"').filters.committee is None
    with pytest.raises(QueryError):
        parse("committee:cabinet", committee="planning")


def test_the_language_has_no_field_prefixes_wildcards_or_ranges():
    with pytest.raises(QueryError, match="not a filter"):
        parse("body:secret")
    q = parse('budg* "body:secret" [a TO z] foo~2')
    terms = {text for _field, text in q.readable.iter_all_terms()}
    assert terms and all(ch not in t for t in terms for ch in "*~[]")
    assert "secret" in terms   # a phrase, searched for as words
    assert {field for field, _text in q.listed.iter_all_terms()} == {"title"}


def test_unknown_committee_and_bad_pages(small_council):
    member = small_council.members[0]
    with pytest.raises(QueryError, match="no committee"):
        small_council.search(member, "committee:nowhere")
    with pytest.raises(QueryError, match="page"):
        small_council.search(member, "", page=0)
    with pytest.raises(QueryError, match="page size"):
        small_council.search(member, "", page_size=100000)
    with pytest.raises(QueryError, match="date"):
        small_council.search(member, "", at="yesterday")
    # Committees by id or by name, any case.
    by_id = small_council.found(member, "", committee="planning")
    assert by_id == small_council.found(member, "", committee="PLANNING COMMITTEE")


def test_pages_partition_the_results(small_council):
    member = small_council.members[0]
    whole = small_council.search(member, "", page_size=1000)
    seen = []
    page = 1
    while True:
        result = small_council.search(member, "", page=page, page_size=7)
        assert result["total"] == whole["total"]
        assert result["pages"] == -(-whole["total"] // 7)
        seen += [r["id"] for r in result["results"]]
        if page >= result["pages"]:
            break
        page += 1
    assert seen == [r["id"] for r in whole["results"]]
    beyond = small_council.search(member, "", page=result["pages"] + 1, page_size=7)
    assert beyond["results"] == [] and beyond["total"] == whole["total"]
    # Text results page the same way.
    text_whole = small_council.search(member, "zebrafinch", page_size=1000)
    text_pages = []
    for page in range(1, text_whole["pages"] * 0 + -(-text_whole["total"] // 9) + 1):
        text_pages += [r["id"] for r in small_council.search(member, "zebrafinch", page=page, page_size=9)["results"]]
    assert text_pages == [r["id"] for r in text_whole["results"]]


def test_empty_query_lists_newest_meetings_first(small_council):
    results = small_council.search(small_council.members[0], "", page_size=1000)["results"]
    dates = [r["meeting_date"] or "" for r in results]
    assert dates == sorted(dates, reverse=True)


def test_date_paragraph_and_status_filters(small_council):
    c = small_council
    member = c.members[0]
    expected = c.expected(member)
    docs = {d["id"]: d for d in c.generated.documents}
    start, end = c.at.replace(month=1, day=1), c.at
    found = c.found(member, "", date_from=start, date_to=end)
    assert set(found) == {i for i in expected if docs[i]["meeting_date"] and start <= docs[i]["meeting_date"] <= end}
    found = c.found(member, f"from:{start} to:{end} zebrafinch")
    assert set(found) == {i for i, v in expected.items() if v == "open" and docs[i]["meeting_date"]
                          and start <= docs[i]["meeting_date"] <= end}
    result = c.search(member, "paragraph:1", page_size=1000)
    assert all(1 in r["exempt_paragraphs"] for r in result["results"])
    found = c.found(member, "", status="draft")
    assert set(found) == {i for i in expected if docs[i]["status"] == "draft"}


def test_phrases_and_not(small_council):
    c = small_council
    member = c.members[0]
    opened = {i for i, v in c.expected(member).items() if v == "open"}
    doc = next(d for d in c.generated.documents if d["id"] in opened)
    words = doc["pages"][0].split()[:3]
    phrase = c.found(member, '"' + " ".join(words) + '"')
    assert doc["id"] in phrase
    token = "zq" + doc["id"].split("-")[1] + "x"
    assert doc["id"] not in c.found(member, f"zebrafinch NOT {token}")
    assert doc["id"] in c.found(member, f"zebrafinch {token}")


def test_snippets_highlight_and_escape(small_council):
    c = small_council
    member = c.members[0]
    result = c.search(member, "zebrafinch", page_size=5)
    for r in result["results"]:
        assert "<mark>zebrafinch</mark>" in r["snippet"]
    from index.snippets import snippet, wanted_terms

    text = snippet(["Tom & Jerry <script>alert(1)</script> agreed the budget"], wanted_terms(parse("budget").readable))
    assert "<script>" not in text and "&lt;script&gt;" in text and "<mark>budget</mark>" in text


def test_every_search_is_audited_by_the_search_service(small_council):
    """The index only searches; the service records each search, and each refused query with its error."""
    from gateway.services.outcomes import InvalidField
    from gateway.services.search import search

    c = small_council
    member = c.members[0]
    with c.gw.sessions() as session:
        result = search(c.gw, session, member, "zebrafinch", committee="cabinet")
        record = c.gw.audit.records(event="search", descending=True, limit=1)[0]
        assert record["actor"] == member
        assert record["detail"]["query"] == "zebrafinch"
        assert record["detail"]["filters"] == {"committee": "cabinet"}
        assert record["detail"]["total"] == result["total"]
        with pytest.raises(InvalidField):
            search(c.gw, session, member, '"unclosed')
    record = c.gw.audit.records(event="search", descending=True, limit=1)[0]
    assert "quotation" in record["detail"]["error"]


def test_search_refuses_when_it_cannot_be_audited(small_council, monkeypatch):
    from gateway.services.search import search

    c = small_council

    def broken(*entries):
        raise AuditUnavailable("disk full")

    monkeypatch.setattr(c.gw.audit, "append", broken)
    with c.gw.sessions() as session, pytest.raises(AuditUnavailable):
        search(c.gw, session, c.members[0], "zebrafinch")


def test_nobody_signed_in_finds_nothing(small_council):
    result = small_council.search(None, "")
    assert result == {"total": 0, "page": 1, "pages": 0, "results": []}
    assert small_council.search(None, "zebrafinch")["total"] == 0


def test_queries_kept_for_a_member_are_told_apart_by_hash():
    """Whoosh hashes every `title:x OR body:x` alike; a member's kept queries must not all collide
    (each lookup would compare against every query they asked before)."""
    from index.search import ranked_key

    words = [f"word{n}" for n in range(50)] + ["budget OR zq1", "budget OR zq2", '"leisure centre" pool']
    keys = [ranked_key("searcher", "cllr-a", parse(w).readable) for w in words]
    assert len({hash(k) for k in keys}) == len(words)
    assert ranked_key("searcher", "cllr-a", parse("budget").readable) == ranked_key("searcher", "cllr-a", parse("budget").readable)


def test_the_title_query_is_what_the_title_parser_makes_of_the_text():
    """Documents a member may only see listed are searched by title with a query derived from the
    title-and-body one; over many generated queries it equals the title parser's own, phrase ranking and all."""
    import random

    from index.querylang import _LISTED_PARSER, _phrase_first

    words = ["budget", "leisure", "centre", "the", "of", "e-mail", "council's", "3.5", "tax", "zq9", "a", "pool"]
    texts = []
    rng = random.Random(13)
    for _ in range(400):
        parts = []
        for _ in range(rng.randint(1, 5)):
            kind = rng.random()
            if kind < 0.55:
                parts.append(rng.choice(words))
            elif kind < 0.7:
                parts.append('"' + " ".join(rng.choices(words, k=rng.randint(1, 3))) + '"')
            elif kind < 0.85:
                parts.append(rng.choice(["AND", "OR", "NOT"]) + " " + rng.choice(words))
            else:
                parts.append("(" + " OR ".join(rng.choices(words, k=2)) + ")")
        texts.append(" ".join(parts))
    derived = 0
    for text in texts:
        try:
            parsed = parse(text)
        except QueryError:
            continue
        own = _LISTED_PARSER.parse(parsed.text)
        own = None if not list(own.iter_all_terms(phrases=True)) else _phrase_first(_LISTED_PARSER, parsed.text, own)
        assert parsed.listed == own, text
        assert type(parsed.listed) is type(own), text
        derived += 1
    assert derived > 300
