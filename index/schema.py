"""The Whoosh schema: what is indexed of a document, and how its text is analysed."""

from dataclasses import dataclass
from datetime import date

from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, TEXT, Schema

# One analyzer for indexing, parsing and highlighting, so a highlighted word is one that matched.
WORD_PATTERN = r"\w+(\.?\w+)*"   # whoosh's default also keeps "*" in words
ANALYZER = StemmingAnalyzer(expression=WORD_PATTERN)


def make_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True, sortable=True),
        title=TEXT(stored=True, analyzer=ANALYZER),
        # Not stored: snippets come from the database's page texts, for open results only.
        body=TEXT(stored=False, analyzer=ANALYZER),
        committee=ID(stored=True),
        meeting_date=ID(stored=True, sortable=True),   # YYYY-MM-DD, "" when none
        paragraphs=KEYWORD(stored=True, commas=True),
        status=ID(stored=True),
    )


@dataclass(frozen=True)
class IndexDoc:
    """One document as the index holds it: its text and the metadata shown beside it."""

    id: str
    title: str
    body: str
    committee: str | None = None
    meeting_date: date | None = None
    paragraphs: tuple = ()
    status: str = "published"

    def fields(self) -> dict:
        return {
            "id": self.id,
            "title": self.title or "",
            "body": self.body or "",
            "committee": self.committee or "",
            "meeting_date": self.meeting_date.isoformat() if self.meeting_date else "",
            "paragraphs": ",".join(str(p) for p in sorted(self.paragraphs)),
            "status": self.status or "",
        }
