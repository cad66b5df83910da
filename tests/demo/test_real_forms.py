"""The generator's real-council forms: each appears, and its true label follows what the text says."""

import re
from collections import Counter

import pytest

from gateway.demo import generate_council
from gateway.demo.council import slug
from gateway.demo.numberings import OLD_TO_ENGLAND

RESTRICTING_FLAGS = {"monitoring_officer_correspondence", "employee_matter", "third_party_personal_data"}
RESTRICTED_FORMS = {"moderngov", "restricted_sheet", "cmis", "front_sheet", "checklist", "part_two", "appendix", "short",
                    "old", "welsh_english", "welsh_language", "bilingual"}
UNMAPPED_FORMS = {"standards_england", "standards_wales", "scotland", "act_1960", "bare_notice", "checklist_blank",
                  "checklist_part"}
MENTION_FORMS = {"decision_record", "minutes_exclusion", "agenda_exclusion", "private_notice", "press_release",
                 "categories_guidance", "welsh_guidance", "access_rules", "exempt_review", "standards_history",
                 "parish_minutes"}
GROUP_INTERNAL_FORMS = {"notes", "whip_email", "member_thread", "standing_orders", "leader_letter"}
GROUP_PUBLIC_FORMS = {"amendment_minutes", "membership_list", "group_statement", "news_story", "blog_post"}


@pytest.fixture(scope="module")
def corpus():
    return generate_council(members=30, documents=400, seed=11)


def text(doc) -> str:
    return "\n".join(doc.pages)


def form(doc) -> str:
    return doc.kind.split(":")[1]


def of_family(corpus, family):
    return [d for d in corpus.documents if d.kind.split(":")[0] == family]


def is_public(labels) -> bool:
    return not (labels["exempt_paragraphs"] or labels["party_group"] or labels["needs_review"]
                or set(labels["flags"]) & RESTRICTING_FLAGS)


def whole_word(word: str, body: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", body) is not None


def member_email(name: str) -> str:
    """The demo's address for a member named "Cllr First Last"."""
    _cllr, first, last = name.split(" ", 2)
    return f"cllr.{slug(first)}.{slug(last)}@example.org".replace("-", "")


def cited(body: str) -> list[int]:
    """The numbers of the first "By virtue of paragraph(s) ..." statement."""
    found = re.search(r"By virtue of \D*?(\d[\d ,&andto-]*?) ?of Part", body)
    out = []
    for a, b in re.findall(r"(\d+)(?: ?(?:-|to) ?(\d+))?", found.group(1)):
        out += range(int(a), int(b or a) + 1)
    return out


def test_every_form_appears(corpus):
    restricted = of_family(corpus, "restricted")
    assert {form(d) for d in restricted} == RESTRICTED_FORMS | {"unmapped"}
    assert {d.kind.split(":")[2] for d in restricted if form(d) == "unmapped"} == UNMAPPED_FORMS
    assert {form(d) for d in of_family(corpus, "mention")} == MENTION_FORMS
    assert {form(d) for d in of_family(corpus, "group_internal")} == GROUP_INTERNAL_FORMS
    assert {form(d) for d in of_family(corpus, "group_mention")} == GROUP_PUBLIC_FORMS


def test_most_papers_are_public(corpus):
    public = sum(is_public(d.labels) for d in corpus.documents)
    assert 0.45 < public / len(corpus.documents) < 0.7


def test_restricted_forms_are_never_public(corpus):
    for d in of_family(corpus, "restricted"):
        assert not is_public(d.labels), d.kind
        if form(d) == "unmapped":
            assert d.labels["needs_review"] and d.labels["exempt_paragraphs"] == [] and d.labels["party_group"] is None
        else:
            assert d.labels["exempt_paragraphs"] and not d.labels["needs_review"], d.kind


def test_mentions_and_public_group_texts_carry_no_label(corpus):
    groups = corpus.council["groups"]
    for d in of_family(corpus, "mention") + of_family(corpus, "group_mention"):
        assert is_public(d.labels) and d.labels["party_group"] is None, d.kind
        assert d.meta.get("meeting", {}).get("session", "public") == "public"
    # They are traps: each mentions exemption or names a group.
    for d in of_family(corpus, "mention"):
        assert re.search(r"12A|excluded|exempt|in private|1960", text(d)), d.kind
    for d in of_family(corpus, "group_mention"):
        assert any(g["name"] in text(d) or any(whole_word(a, text(d)) for a in g["aliases"]) for g in groups), d.kind


def test_old_and_welsh_numbers_map_to_the_england_labels(corpus):
    olds = [d for d in of_family(corpus, "restricted") if form(d) == "old"]
    welsh = [d for d in of_family(corpus, "restricted") if form(d) in ("welsh_english", "bilingual")]
    assert olds and welsh
    for d in olds:
        old = cited(text(d))
        assert sorted({OLD_TO_ENGLAND[p] for p in old}) == d.labels["exempt_paragraphs"], d.id
        assert (9 in old) == ("contract_terms" in d.labels["flags"]), d.id
        assert re.search(r"\b(199\d|200[0-5])\b", text(d)), d.id      # the era shows on the page
    for d in welsh:
        assert [p - 11 for p in cited(text(d))] == d.labels["exempt_paragraphs"], d.id
    for d in (x for x in of_family(corpus, "restricted") if form(x) == "welsh_language"):
        assert "Atodlen 12A" in text(d) and "Schedule" not in text(d)


def test_generic_paragraph_4_is_not_an_employee_matter(corpus):
    para4 = [d for d in corpus.documents if d.labels["exempt_paragraphs"] == [4]]
    assert para4
    assert all("employee_matter" not in d.labels["flags"] for d in para4)


def test_paragraph_lists_and_slips_vary(corpus):
    body = "\n".join(text(d) for d in of_family(corpus, "restricted") + of_family(corpus, "mention"))
    for pattern in [r"\d+ and \d+", r"\d+, \d+ & \d+|\d+ & \d+", r"\d+,\d+", r"\d+ to \d+|\d+ ?- ?\d+", r"paragraph\(s\) ?\d",
                    r"Part I\b", r"Part 4\b",
                    r"12Aof|paragraph\(s\)\d|Schedule12A|Act1972"]:
        assert re.search(pattern, body), pattern


def test_group_papers_are_found_by_who_and_what_not_by_a_heading(corpus):
    groups = {g["id"]: g for g in corpus.council["groups"]}
    members = {m["id"]: m for m in corpus.council["members"]}
    emails = {member_email(m["name"]): m["group"] for m in members.values()}
    papers = of_family(corpus, "group_internal")
    assert {d.labels["party_group"] for d in papers} == set(groups)
    for d in papers:
        g = groups[d.labels["party_group"]]
        heading = d.pages[0].split("\n")[0]
        assert not any(whole_word(n, heading) for n in [g["name"], *g["aliases"]]), (d.id, heading)
        for line in text(d).split("\n"):
            if line.startswith(("From:", "To:", "Cc:")):
                found = [emails[e] for e in re.findall(r"cllr\.[a-z.]+@example\.org", line) if e in emails]
                assert found and set(found) == {g["id"]}, (d.id, line)


def test_every_council_has_a_group_with_a_capital_word_alias():
    for seed in range(4):
        made = generate_council(members=20, documents=80, seed=seed)
        words = [a for g in made.council["groups"] for a in g["aliases"] if a.isupper() and a.isalpha()]
        assert words, seed
        public = "\n".join(text(d) for d in made.documents if is_public(d.labels))
        assert any(whole_word(w.lower(), public) for w in words), seed       # the same word, in lower case


def test_seeds_give_different_wording():
    def habits(seed):
        made = generate_council(members=20, documents=300, seed=seed)
        heads = Counter(d.pages[0].split("\n")[0] for d in made.documents if d.kind.startswith("restricted:moderngov"))
        return heads.most_common(1)[0][0]
    assert len({habits(seed) for seed in range(6)}) > 1


def test_review_dates_only_on_restricted_papers(corpus):
    dated = [d for d in corpus.documents if "review_on" in d.meta]
    assert dated
    for d in dated:
        assert not is_public(d.labels) and d.meta["review_on"] > d.meta["meeting"]["date"]
