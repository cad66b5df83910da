"""Searching: the index trims to what the caller may discover; this records every search, good or not."""

from datetime import date

from sqlalchemy.orm import Session

from gateway.domain.audit import Entry
from gateway.domain.models import Committee
from gateway.services.outcomes import InvalidField


def search(gw, session: Session, account_id: str | None, query: str = "", page: int = 1, page_size: int = 20,
           committee: str | None = None, date_from: date | None = None, date_to: date | None = None,
           paragraph: int | None = None, status: str | None = None) -> dict:
    """One page of the documents the caller may discover; InvalidField names what is wrong with the query.

    A page past the last gives the last page (its `page` says which), so an old link still shows results.

    Raises index.IndexUnavailable when the index cannot be read, AuditUnavailable when the search
    cannot be recorded (then nothing is returned).
    """
    from index import QueryError  # the index loads Whoosh: only when a search is made

    filters = {k: v for k, v in (("committee", committee), ("date_from", date_from), ("date_to", date_to),
                                 ("paragraph", paragraph), ("status", status)) if v is not None}
    detail = {"query": query or "", "filters": filters, "page": page, "page_size": page_size}
    try:
        if committee is not None and session.get(Committee, committee) is None:
            raise InvalidField("committee", f"there is no committee {committee!r}")
        if date_from and date_to and date_to < date_from:
            raise InvalidField("date_to", "the ‘to’ date must be the same as or after the ‘from’ date")
        try:
            found = gw.index.search(gw, account_id, query or "", page, page_size, committee=committee,
                                    date_from=date_from, date_to=date_to, paragraph=paragraph, status=status,
                                    session=session)
            if found["total"] and page > found["pages"]:  # past the end (a stale link): the last page instead
                found = gw.index.search(gw, account_id, query or "", found["pages"], page_size, committee=committee,
                                        date_from=date_from, date_to=date_to, paragraph=paragraph, status=status,
                                        session=session)
        except QueryError as exc:  # the filters are checked above, so what is left is the query itself
            raise InvalidField("q", str(exc)) from None
    except InvalidField as exc:
        gw.audit.append(Entry("search", actor=account_id, detail={**detail, "error": exc.message}))
        raise
    served = {"page": found["page"], "total": found["total"]}
    gw.audit.append(Entry("search", actor=account_id, detail={**detail, **served}))
    return found
