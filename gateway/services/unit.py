"""A change and its audit record commit together: no change without its record, no record without its change."""

from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.orm import Session

from gateway.domain.audit import Entry


@contextmanager
def audited_change(gw, session: Session):
    """Yields a list to put the change's audit entries in; they are written in the change's transaction,
    then both commit. Anything raised (the change refused, the audit log unwritable) rolls back both.
    """
    entries: list[Entry] = []
    try:
        yield entries
        gw.audit.append_in(session, *entries)
        session.commit()
    except BaseException:
        session.rollback()
        raise


def record_at_commit(gw, session: Session, *entries: Entry) -> None:
    """Writes the entries inside the next commit of `session`, for domain code that commits itself:
    if they cannot be written, that commit fails and its change is rolled back.
    """

    def _write(committing: Session) -> None:
        gw.audit.append_in(committing, *entries)

    event.listen(session, "before_commit", _write, once=True)
