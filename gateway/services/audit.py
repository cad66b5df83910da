"""Reading the audit log: each viewer sees the records about the documents they may discover.

The Proper Officer, their deputies and auditors see every record. Anyone else (IT) sees a record about a
document only where the decision service would let them discover it (visibility not hidden); a record about any other
id, hidden or missing alike, keeps its number, time, event and actor but loses its document id, outcome,
rule and detail (titles, labels, reasons, party groups). Pages, export and API all read through here.
"""

from sqlalchemy.orm import Session

from gateway.access.gather import FactSource
from gateway.access.service import make_request
from gateway.domain.accounts import PROPER_OFFICER_ROLES, account_names
from gateway.domain.audit import write_records

EVERYTHING = PROPER_OFFICER_ROLES | {"auditor"}
REDACTED = {"redacted": "about a document you may not see"}


class Viewer:
    """What one account may read of the log; `discovers(id)` asks the decision service once per document."""

    def __init__(self, gw, session: Session, account_id: str | None):
        self.facts = FactSource(session)
        self.gw = gw
        self.sub = gw.access.subject(self.facts, account_id)
        self.everything = bool(EVERYTHING & set(self.sub.officer_roles))
        self._request = make_request("discover")
        self._seen: dict[str, bool] = {}

    def discovers(self, document_id: str | None) -> bool:
        if self.everything or not document_id:
            return True
        if document_id not in self._seen:
            doc = self.facts.document(document_id)
            self._seen[document_id] = doc is not None and self.gw.access.evaluate(
                self.facts, self.sub, doc, self._request).visibility != "hidden"
        return self._seen[document_id]

    def shown(self, record: dict) -> dict:
        """The record as this viewer may see it."""
        if self.everything:
            return record
        if not self.discovers(record.get("document")):
            return {**record, "document": None, "outcome": None, "rule": None, "detail": dict(REDACTED)}
        review = (record.get("detail") or {}).get("needs_review")
        if record.get("event") == "ingest" and isinstance(review, list):  # an ingest run names documents
            kept = [item if self.discovers(item.get("id")) else dict(REDACTED) for item in review]
            return {**record, "detail": {**record["detail"], "needs_review": kept}}
        return record


def records(gw, session: Session, account_id: str | None, since: str | None = None, actor: str | None = None,
            document: str | None = None, event: str | None = None, limit: int | None = None,
            descending: bool = False) -> list[dict]:
    """The log's records as this viewer may see them; asking after a document they may not discover (hidden
    or missing alike) finds nothing."""
    viewer = Viewer(gw, session, account_id)
    if document and not viewer.discovers(document):
        return []
    found = gw.audit.records(since=since, actor=actor, document=document, event=event, limit=limit,
                             descending=descending)
    return [viewer.shown(record) for record in found]


def export(gw, session: Session, account_id: str | None, out, fmt: str = "jsonl", since: str | None = None,
           actor: str | None = None, document: str | None = None, event: str | None = None) -> int:
    """The log (or the records the filters select, as `records` takes them), as this viewer may see it, written
    as JSON lines or CSV; returns how many records. A document they may not discover selects nothing."""
    found = records(gw, session, account_id, since=since, actor=actor, document=document, event=event)
    return write_records(out, fmt, found)


def names(session: Session, shown: list[dict]) -> dict:
    """{account id: name} for the actors of the records as shown and the accounts their details name."""
    ids = {r["actor"] for r in shown} | {value for r in shown for key, value in (r.get("detail") or {}).items()
                                         if key in ("account", "member") and isinstance(value, str)}
    return account_names(session, ids)
