"""Party-group internal workings: a group's own minutes, whip notes, briefings and strategy papers.

Internal workings show in how a paper is marked and what it does ("CONFIDENTIAL to members
of the X Group", "Minutes of the Group meeting", "three-line whip", "vote AGAINST their
amendment", candidate selection), not in a group's name: public minutes, agendas and
political-balance reports name groups all the time. Once a paper is internal, its own
group is the one named in its marking, heading or whip lines; failing that, the one the
configured groups leave over when the others are named as opponents.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .cues import Score, compile_cue, score_cues
from .model import Evidence, GroupName
from .text import Document

INTERNAL_THRESHOLD = 4
WEAK_THRESHOLD = 2

_GROUP_WORDS = r"(?:[\w&'-]+\s+){0,6}?"
_NOT_PARTY = (
    r"task\s+and\s+finish|working|steering|project|reference|liaison|advisory|officer|scrutiny|panel|partnership|users?"
    r"|stakeholder|residents'?|friends|leaders'?|support|action|focus|community|interest|management|audit|review"
)
INTERNAL_CUES = (
    compile_cue("group_confidential", 5,
                r"\b(?:confidential|private|restricted)\b[^.\n]{0,40}\b(?:members\s+of\s+the\s+" + _GROUP_WORDS + r"group|group\s+members)\b"
                r"|\b(?:for|to)\s+(?:members\s+of\s+the\s+)?" + _GROUP_WORDS + r"group\s+members\s+only"
                r"|\bnot\s+(?:for\s+circulation|to\s+be\s+(?:shared|circulated|forwarded))\s+outside\s+the\s+" + _GROUP_WORDS + r"group\b"
                r"|\b(?:do\s+not|don't|please\s+don't)\s+(?:circulate|share|forward|pass)\s+(?:(?:this|it)\s+)?(?:on\s+)?outside\s+(?:the|our)\s+"
                + _GROUP_WORDS + r"group\b"
                r"|\bnot\s+to\s+be\s+shared\s+with\s+members\s+of\s+other\s+groups|\bprivate\s+to\s+members\s+of\s+the\s+group"
                r"|\bgroup\s+members\s+only\b|\bmembers\s+of\s+the\s+" + _GROUP_WORDS + r"group\s+only\b",
                requires=("group",)),
    compile_cue("group_meeting_record", 4,
                r"(?-i:^(?:(?!(?i:" + _NOT_PARTY + r")\b)[A-Z][\w&'-]*\s+){0,5}(?:GROUP|Group)(?:'s)?(?:\s*[-\u2013:|]\s*(?:GROUP\s+|Group\s+)?|\s+)"
                r"(?i:meeting|briefing|minutes|notes|agenda|AGM"
                r"|away\s+day|strategy|business\s+meeting|whip(?:'s)?\s+note)\b)"
                r"|\b(?:minutes|notes?|agenda)\s+(?:of|from|for)\s+(?:the\s+|our\s+)?(?:[A-Z][\w&'-]*\s+){0,4}group\s+"
                r"(?:meeting|AGM|away\s+day|business\s+meeting)|\bour\s+group\s+meeting",
                flags=re.M | re.I, requires=("group",)),
    compile_cue("whip", 3,
                r"\b(?:one|two|three|1|2|3)[- ]line\s+whip|\bwhipped\b|\bwhip(?:ping)?\s+(?:on|for)\s+(?:items?|the)\b|\bfree\s+vote\b"
                r"|\b(?:the|a)\s+whip\s+(?:is|will\s+be)\s+(?:on|applied|in\s+place)\b|\bwhip\s+(?:for|on)\s+(?:full\s+)?council\b"
                r"|^(?:group\s+|chief\s+|deputy\s+)?whip(?:\s*:|$)|\b(?:circulate|send\s+(?:out|round)|issue)\s+the\s+whip\b"
                r"|\b(?:suspension|withdrawal|removal)\s+of\s+the\s+whip\b",
                flags=re.M | re.I, requires=("whip", "free vote")),
    # Pairing and keeping the line inside the group are whips' business.
    compile_cue("group_discipline", 2,
                r"\barrange\s+a\s+pair\b|\bpairing\s+arrangements?\b|\b(?:anyone|anybody|people|members)\s+outside\s+(?:the|our)\s+group\b"
                r"|\bwithin\s+the\s+group\s+(?:only|until)\b|\bkeep\s+this\s+(?:letter|e-?mail|note|message)\s+to\s+yourselves\b"
                r"|\bnot\s+to\s+be\s+(?:discussed|shared|repeated)\s+outside\s+(?:this|the)\s+(?:meeting|group|room)\b"
                r"|\bat\s+group\s+before\b|\bvote\s+as\s+the\s+group\s+(?:decides|agrees|determines)\b"
                r"|\bgroup\s+meetings?\s+(?:are|is|shall\s+be)\s+(?:confidential|private)\b"),
    compile_cue("pre_meeting", 3,
                r"\bpre-?meet(?:ing)?\b|\bgroup\s+meet\s+(?:at|in|before)\b"
                r"|\bpre-(?:full\s+)?(?:council|cabinet|committee|budget)\s+(?:group\s+)?meeting\b"),
    compile_cue("group_meeting_mention", 2,
                r"(?<!party\s)(?<!political\s)\b(?:our|next|tonight's|(?:mon|tues|wednes|thurs|fri|satur|sun)day's)\s+group\s+meeting\b(?!s)"
                r"|\b(?:agreed|decided|discussed|settled)\s+(?:it\s+)?at\s+group\b|\bnext\s+group\s+(?:on|is|will)?\s*\d"),
    compile_cue("group_whip_named", 2, r"\b(?:group|chief|deputy)\s+whip\b"),
    compile_cue("group_decision", 3,
                r"\b(?:the|our)\s+group\s+(?:agreed|decided|resolved|will)\s+(?:to\s+)?(?:table|move|second|propose|put\s+forward"
                r"|vote|abstain|oppose|support\s+(?:the|their|our)\s+(?:amendment|motion))\b",
                requires=("group",)),
    compile_cue("voting_line", 3,
                r"\bhow\s+we(?:'re|\s+are|\s+will\s+be)\s+voting|\bour\s+line\b"
                r"|\bwe\s+(?:will\s+|should\s+|must\s+|need\s+to\s+)?(?:vote|abstain|oppose)\s+(?:for|against|on|it|them|the)\b"
                r"|\babstain\s+on\s+the\b|\bour\s+voting\s+intentions\b"),
    # Whip instructions in capitals: "vote AGAINST their amendment", "we SUPPORT the original motion".
    compile_cue("voting_instruction", 3,
                r"\b[Vv]ote\s+(?:FOR|AGAINST)\b|\b(?:FOR|AGAINST|SUPPORT)\s+(?:the|our|their)\s+(?:original\s+|amended\s+)?"
                r"(?:motion|amendment)",
                flags=0),
    compile_cue("our_group", 2,
                r"\bour\s+(?:group|amendment|motion|candidates?|alternative\s+budget|councillors)\b|\bgroup\s+view\b"
                r"|\bgroup\s+(?:strategy|tactics|position\s+paper)\b"
                r"|\bour\s+(?:strategy|tactics|message|priorities|approach|line)\s+(?:for|on|is|are|should|will|must)\b"),
    # A group's own rules: "The name of the Group shall be ...", "Standing Orders of the X Group".
    compile_cue("group_rules", 4,
                r"\bname\s+of\s+(?:the\s+)?group\s+shall\s+be\b|\bgroup\s+shall\s+be\s+(?:known\s+as|called|named)\b"
                r"|\b(?:standing\s+orders|rules|constitution)\s+of\s+the\s+(?:[A-Z][\w&'-]*\s+){0,4}group\b(?!s)"
                r"|^(?:[A-Z][\w&'-]*\s+){0,4}group\s+(?:standing\s+orders|rules|constitution)\s*$",
                flags=re.M | re.I, requires=("group",)),
    compile_cue("party_business", 1,
                r"\bcandidate\s+selection|\bselections?\b[^.]{0,40}\bcandidates?|\bcanvass\w*|\bleaflet\w*|\bcampaign\s+issue"
                r"|\bmanifesto\b|\bconstituency\s+(?:labour\s+)?party|\bCLP\b|\bbranch\s+party|\bsubs\s+of\b|\bshadow\s+portfolios?"
                r"|\brunning\s+mate|\bstanding\s+again|\bpaper\s+candidate|\balternative\s+budget|\blines?\s+to\s+take\b"),
)
# Published writing about a group (press releases, blogs, news) reports on it from outside; a group's own papers
# carry none of this.
PUBLISHED_CUES = (
    compile_cue("press_release", 2,
                r"\bpress\s+release\b|\bfor\s+immediate\s+release\b|\bnotes?\s+(?:to|for)\s+editors?\b|\bmedia\s+(?:enquiries|contact)"),
    compile_cue("web_post", 2,
                r"\bshare\s+this\s+(?:post|article|page|story)\b|^no\s+comments\s*:?$|\bposted\s+(?:by|on|in)\b|\bleave\s+a\s+(?:comment|reply)\b"
                r"|\bcomments?\s*\(\d+\)|\bsign\s+in\s+with\s+(?:facebook|twitter|google)|^labels?:",
                flags=re.M | re.I),
    compile_cue("quoted_speech", 2,
                r"\b(?:said|says|added|commented|explained)\s*:?\s*[\"']\s*[A-Z]|[\"'][^\"'\n]{12,}[,.]?[\"']\s+(?:said|says|added)\b"),
    compile_cue("councillor_column", 2, r"\bfrom\s+the\s+desk\s+of\b|\bwhy\s+I\s+(?:voted|supported|opposed|abstained)\b"),
    compile_cue("blog_date", 2,
                r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+(?:January|February|March|April|May|June|July"
                r"|August|September|October|November|December)\s+\d{1,2},\s+\d{4}$",
                flags=re.M),
)
PUBLISHED_THRESHOLD = 2

# The cues whose line names the paper's own group (a voting line names the others too).
_OWN_GROUP_CUES = tuple(cue for cue in INTERNAL_CUES if cue.name in {"group_confidential", "group_meeting_record", "pre_meeting", "whip"})

_FROM_COUNCILLOR = re.compile(r"^from:\s*(?:cllr|councillor)\b", re.I | re.M)
_TO_LINE = re.compile(r"^(?:to|cc):\s*(.+)$", re.I | re.M)
_NOT_COUNCILLOR_ADDRESSEE = re.compile(r"^(?!\s*(?:cllr|councillor)\b)\s*\S", re.I)

# "Independent Alliance Group", "GREEN GROUP", "IA Group" in a heading or marking (no groups given).
_NAMED_GROUP = re.compile(r"(?-i:\b((?:[A-Z][\w&'-]*\s+){0,4}[A-Z][\w&'-]*)\s+(GROUP|Group)\b)")
_NAMED_GROUP_EXCLUDED = re.compile(rf"^(?:{_NOT_PARTY})\b|\b(?:Ltd|plc|Holdings)\b", re.I)
# Words that start a sentence or a heading before a group's name ("Usual IA Group pre-meet").
_LEADING_WORDS = re.compile(
    r"^(?:(?:the|a|an|our|your|their|other|each|all|usual|dear|hi|notes?|minutes|private|confidential|for|to|from|with|and|re|fwd?"
    r"|subject|next|last|this|joint|weekly|monthly|agenda|meeting|briefing)\s+)+",
    re.I,
)

_COLLECTIVE_NOUN = re.compile(r"\s+(?:group|councillors|members)$", re.I)
_GROUP_WORD = re.compile(r"\bgroup\b", re.I)
_LOWER_CASE = re.compile(r"[a-z]")
# A bare party word ("Labour", "Green") is a group only when used as one: not "labour relations".
_BARE_NAME_FOLLOWERS = re.compile(
    r"\s+(?:relations|costs?|force|supply|shortages?|turnover|only|intensive|law|Person|Persons|Remuneration"
    r"|Member|Panel|Examiner|Inspector|Belt|Flag|Book|Paper|Infrastructure|Deal|Space|Spaces|Homes|Party\s+Conference"
    r"|Lane|Street|Road|Park|Close|Way|Bank)\b"
)


@dataclass
class GroupFinding:
    cues: Score  # what says the paper is a group's internal working
    group: str | None = None  # the group's id (groups given) or the name found
    named_by: Evidence | None = None  # why that group
    how: str = ""  # "members", "marking", "heading", "signed", "named", "elimination"; "" when not identified

    @property
    def internal(self) -> bool:
        return self.cues.total >= INTERNAL_THRESHOLD

    @property
    def weak(self) -> bool:
        """Short of internal, but more than one sign of it."""
        return WEAK_THRESHOLD <= self.cues.total < INTERNAL_THRESHOLD and len(self.cues.hits) >= 2


def find_party_group(doc: Document, groups: Sequence[GroupName]) -> GroupFinding:
    cues = score_cues(doc, INTERNAL_CUES, "party_group")
    email = _councillors_only_email(doc)
    if email:
        cues.add(email, 1)
    if score_cues(doc, PUBLISHED_CUES, "published").total >= PUBLISHED_THRESHOLD:
        return GroupFinding(Score())  # news, a blog or a press release about a group: public
    finding = GroupFinding(cues)
    among = _among_members(doc, groups)
    if among is not None:
        group_id, evidence = among
        cues.add(evidence, INTERNAL_THRESHOLD)
        finding.group, finding.how, finding.named_by = group_id, "members", evidence
        return finding
    attended = _attended_by_members(doc, groups)
    if attended is not None:
        group_id, evidence = attended
        cues.add(evidence, WEAK_THRESHOLD)
        if cues.total >= INTERNAL_THRESHOLD:
            finding.group, finding.how, finding.named_by = group_id, "members", evidence
            return finding
    if cues.total >= WEAK_THRESHOLD:
        anchors = _anchor_lines(doc)
        if groups:
            _identify_configured(doc, _group_patterns(tuple(groups)), anchors, finding)
            if finding.how != "marking":  # a member's signature says more than a name in passing or at the top
                _identify_by_signature(doc, groups, finding)
        else:
            _identify_by_name(doc, anchors, finding)
    return finding


def _identify_by_signature(doc: Document, groups: Sequence[GroupName], finding: GroupFinding) -> None:
    """A group letter or note is signed by one of the group's own councillors."""
    closing = "\n".join(doc.closing_lines)
    signers = [group for group in groups if _people(group) and _is_member(closing, _people(group))]
    if len(signers) == 1:
        group = signers[0]
        finding.group, finding.how = group.id, "signed"
        finding.named_by = Evidence(f"party_group:{group.id}", " ".join(closing.split())[-200:], doc.pages[-1].number,
                                    "group_signed")


def _councillors_only_email(doc: Document) -> Evidence | None:
    """An email from a councillor to councillors only, as group business usually is."""
    top = "\n".join(doc.first.lines[:12])
    sender = _FROM_COUNCILLOR.search(top)
    if not sender:
        return None
    addressees = [name for line in _TO_LINE.findall(top) for name in line.split(";") if name.strip()]
    if not addressees or any(_NOT_COUNCILLOR_ADDRESSEE.match(name) for name in addressees):
        return None
    return Evidence("party_group", " ".join(top.split())[:200], 1, "content:councillors_only_email")


_HEADER_FIELD = re.compile(r"^(?P<field>from|to|cc)\s*:\s*(?P<value>.+)$", re.I)
_ANY_FIELD = re.compile(r"^[\w-]+\s*:")
_CONTINUATION = re.compile(r";|@")
_ADDRESS_SEPARATOR = re.compile(r"\s*[;,]\s*(?![^<]*>)")
_TITLE = re.compile(r"^(?:cllr\.?|councillor)\s+", re.I)


def _among_members(doc: Document, groups: Sequence[GroupName]) -> tuple[str, Evidence] | None:
    """An e-mail from a member of one group to members of that group only: the group's own correspondence."""
    top = "\n".join(doc.first.lines[:12])
    fields = _header_fields(doc.first.lines[:12])
    senders = [value for field, value in fields if field == "from"]
    recipients = [part for field, value in fields if field != "from" for part in _ADDRESS_SEPARATOR.split(value) if part.strip()]
    if len(senders) != 1 or not recipients:
        return None
    for group in groups:
        people = _people(group)
        if people and _is_member(senders[0], people) and all(_is_member(part, people) for part in recipients):
            excerpt = " ".join(top.split())[:200]
            return group.id, Evidence(f"party_group:{group.id}", excerpt, 1, "group_members_email")
    return None


_ATTENDANCE = re.compile(r"^(?:present|attending|attendees|in\s+attendance)\s*:\s*", re.I | re.M)
# ("pre-Council meeting": a group's own meeting before the council's)
_MEETING_OF_COUNCIL = re.compile(r"(?<!pre-)\b(?:cabinet|committee|council|panel|board|executive|forum|commission)\b", re.I)
_MIN_ATTENDEES = 3


def _attended_by_members(doc: Document, groups: Sequence[GroupName]) -> tuple[str, Evidence] | None:
    """Notes of a meeting that only one group's councillors attended, and that is no meeting of the council's."""
    page = doc.first
    match = _ATTENDANCE.search(page.text, 0, page.line_starts[min(len(page.line_starts) - 1, 12)] + 1)
    if not match or _MEETING_OF_COUNCIL.search(doc.header_text[:match.start()]):
        return None
    listed = page.text[match.end():match.end() + 600].split("\n\n")[0]
    names = [part for part in re.split(r"\s*[,;]\s*|\s+and\s+|\n(?=[A-Z][\w ]*:)", listed.split("\nChair")[0]) if part.strip()]
    for group in groups:
        people = _people(group)
        if len(names) >= _MIN_ATTENDEES and people and all(_is_member(" ".join(name.split()), people) for name in names):
            return group.id, Evidence(f"party_group:{group.id}", page.excerpt(match.start(), match.end() + 120), 1,
                                      "group_attendance")
    return None


def _header_fields(lines) -> list[tuple[str, str]]:
    """From/To/Cc fields of an e-mail's first header, with their continuation lines (a long To list wraps)."""
    fields: list[tuple[str, str]] = []
    for line in lines:
        match = _HEADER_FIELD.match(line)
        if match:
            fields.append((match.group("field").lower(), match.group("value")))
        elif fields and _CONTINUATION.search(line) and not _ANY_FIELD.match(line):
            field, value = fields[-1]
            fields[-1] = (field, f"{value}; {line}")
        elif fields and not _ANY_FIELD.match(line):
            break  # the body: a quoted message further down has headers of its own
    return fields


@lru_cache(maxsize=64)
def _people(group: GroupName) -> tuple[re.Pattern, ...]:
    """A pattern for each member: the address as written, or the name without its title (also as "first.last")."""
    patterns = []
    for value in group.members:
        if "@" in value:
            patterns.append(re.compile(re.escape(value), re.I))
            continue
        words = _TITLE.sub("", value.strip()).split()
        if len(words) >= 2:
            # "Cllr H Hussain", "H. Hussain": the initial and the surname
            patterns.append(re.compile(rf"(?-i:\b{re.escape(words[0][0])}\.?\s+{re.escape(words[-1])}\b)"))
            # "Brook-Smith" is "brooksmith" in an address
            spelled = [r"[-']?".join(re.escape(part) for part in re.split(r"[-']", word)) for word in words]
            patterns.append(re.compile(r"\b" + r"[\s._-]+".join(spelled) + r"\b", re.I))
    return tuple(patterns)


def _is_member(address: str, people: tuple[re.Pattern, ...]) -> bool:
    return any(pattern.search(address) for pattern in people)


def _anchor_lines(doc: Document) -> list[Evidence]:
    """Each line on which a marking, group-meeting heading, pre-meeting or whip cue matches."""
    anchors = []
    for page in doc.pages:
        for cue in _OWN_GROUP_CUES:
            for match in cue.pattern.finditer(page.text):
                index = page.line_index(match.start())
                line = page.lines[index]
                # A marking that runs on to the next line ("... members of the" / "X Group").
                text = line if line.endswith((".", "!", "?", ":")) else " ".join(page.lines[index:index + 2])
                anchors.append(Evidence("party_group", text[:200], page.number, f"content:{cue.name}"))
    return anchors


@dataclass(frozen=True)
class _GroupPatterns:
    id: str
    full: re.Pattern  # the name and aliases as written ("Labour Group", "Greens")
    bare: re.Pattern | None  # the party word alone ("Labour", "Green", "IA"), used as a group


@lru_cache(maxsize=32)
def _group_patterns(groups: tuple[GroupName, ...]) -> tuple[_GroupPatterns, ...]:
    return tuple(_patterns_for(group) for group in groups)


def _patterns_for(group: GroupName) -> _GroupPatterns:
    names = sorted({name.strip() for name in group.names if name and name.strip()}, key=len, reverse=True)
    full = re.compile(r"(?<![\w-])(?:" + "|".join(_written_forms(names)) + r")(?![\w-])") if names else re.compile(r"(?!)")
    bare: set[str] = set()
    for name in names:
        stem = _COLLECTIVE_NOUN.sub("", name)
        singular = stem[:-1] if stem.endswith("s") and " " in stem else stem  # "Liberal Democrats" -> "Liberal Democrat"
        bare.update(word for word in (stem, singular) if word and word.lower() != name.lower())
    if not bare:
        return _GroupPatterns(group.id, full, None)
    alternatives = "|".join(re.escape(word) for word in sorted(bare, key=len, reverse=True))
    return _GroupPatterns(group.id, full, re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])(?!{_BARE_NAME_FOLLOWERS.pattern})"))


def _written_forms(names: list[str]) -> list[str]:
    """Each name in its own case (an alias "OF" is not the word "of"), in capitals as headings write it,
    and with "group" in lower case ("the Labour group")."""
    forms: set[str] = set()
    for name in names:
        forms.update({name, name.upper()} if _LOWER_CASE.search(name) else {name})
        forms.add(re.sub(r"\bGroup$", "group", name))
    return [re.escape(form) for form in sorted(forms, key=len, reverse=True)]


# A group spoken of in the third person ("the X Group will move an amendment", "... are likely to abstain")
# is another group, not the paper's own: its own is "we" and "our".
_THIRD_PERSON = re.compile(
    r"\s+(?:will|are|is|have|has|had|plan|plans|intend|intends|may|might|would|want|wants|propose|proposes|tabled|moved)\b"
    r"(?:\s+(?:be\s+)?(?:likely|expected|moving|proposing|planning|going|not))?",
    re.I,
)


# How much a mention says the paper is that group's own, by where it stands.
_POINTS = {"group_marking": 5, "group_heading": 4, "group_named": 1}
_NAMED_MAX = 2


def _identify_configured(doc: Document, patterns: tuple[_GroupPatterns, ...], anchors: list[Evidence],
                         finding: GroupFinding) -> None:
    header = _header_text(doc)
    points: dict[str, int] = {}
    best: dict[str, Evidence] = {}  # the strongest evidence for each group
    mentioned: set[str] = set()

    def credit(group_id: str, item: Evidence, times: int = 1) -> None:
        points[group_id] = points.get(group_id, 0) + _POINTS[item.check] * times
        if group_id not in best or _POINTS[item.check] > _POINTS[best[group_id].check]:
            best[group_id] = item

    for group in patterns:
        label = f"party_group:{group.id}"
        for anchor in anchors:
            if group.full.search(anchor.text) or (group.bare and _bare_mention(group.bare, anchor.text)):
                credit(group.id, Evidence(label, anchor.text, anchor.page, "group_marking"))
        if group.full.search(header):
            credit(group.id, Evidence(label, header[:200], 1, "group_heading"))
        for page in doc.pages:
            # The full form "X Group" in running text leans towards the paper's own group.
            named = [match for match in group.full.finditer(page.text)
                     if _GROUP_WORD.search(match.group()) and not _THIRD_PERSON.match(page.text, match.end())]
            if named:
                credit(group.id, Evidence(label, page.excerpt(*named[0].span()), page.number, "group_named"), min(len(named), _NAMED_MAX))
            if group.full.search(page.text) or (group.bare and _bare_mention(group.bare, page.text)):
                mentioned.add(group.id)
    ranked = sorted(points.items(), key=lambda item: item[1], reverse=True)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        group_id = ranked[0][0]
        finding.group, finding.how, finding.named_by = group_id, best[group_id].check.removeprefix("group_"), best[group_id]
        return
    left = [group.id for group in patterns if group.id not in mentioned]
    if len(left) == 1 and mentioned:
        others = ", ".join(sorted(mentioned))
        finding.group, finding.how = left[0], "elimination"
        finding.named_by = Evidence(f"party_group:{left[0]}", f"the other groups ({others}) are named as others", 1, "group_elimination")


def _bare_mention(pattern: re.Pattern, text: str) -> bool:
    """A bare party word in running text (an acronym such as "OF" is not read in capitals-only lines)."""
    for match in pattern.finditer(text):
        word = match.group()
        if word.isupper() and len(word) <= 4:
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.end())
            if not _LOWER_CASE.search(text[line_start:line_end if line_end >= 0 else len(text)]):
                continue
        return True
    return False


def _header_text(doc: Document) -> str:
    """The first lines of the paper and its running headers and footers."""
    lines = list(doc.first.lines[:3])
    lines.extend(doc.pages[number - 1].lines[index] for number, index in sorted(doc.edge_lines))
    return "\n".join(lines)


def _identify_by_name(doc: Document, anchors: list[Evidence], finding: GroupFinding) -> None:
    """Without configured groups: the "<Name> Group" of the marking, else of the heading, else the first named."""
    header = Evidence("party_group", _header_text(doc), 1, "group_heading")
    body = [Evidence("party_group", page.text, page.number, "group_named") for page in doc.pages]
    for how, sources in (("marking", anchors), ("heading", [header]), ("named", body)):
        for source in sources:
            found = _group_name_in(source.text)
            if found:
                name, excerpt = found
                finding.group, finding.how = name, how
                finding.named_by = Evidence(f"party_group:{name}", excerpt, source.page, f"group_{how}")
                return


def _group_name_in(text: str) -> tuple[str, str] | None:
    """The first "<Name> Group" that names a party, with the text around it."""
    for match in _NAMED_GROUP.finditer(text):
        words = _LEADING_WORDS.sub("", match.group(1) + " ").strip()
        if not words or _NAMED_GROUP_EXCLUDED.search(words):
            continue
        name = f"{words} {match.group(2)}"
        excerpt = " ".join(text[max(0, match.start() - 60):match.end() + 100].split())[:200]
        return (name.title() if name.isupper() else name), excerpt
    return None
