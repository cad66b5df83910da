"""A change and its audit record commit together: no change without its record, no record without its change."""

from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from gateway.domain.audit import AuditLog, AuditUnavailable, Entry


def write_records(audit: AuditLog, session: Session, entries) -> None:
    """The entries written in `session`'s transaction (after its change, flushed first, so a failure of the
    change is not mistaken for one of the log); AuditUnavailable when the log cannot take them."""
    session.flush()
    if not entries:
        return  # a change with nothing to record (a notice's retry count, say): no record, no lock on the log
    try:
        audit.append_in(session, *entries)
        session.flush()
    except (OperationalError, IntegrityError) as exc:
        raise AuditUnavailable(f"the audit log could not be written ({exc.orig})") from exc


@contextmanager
def audited_change(audit: AuditLog, session: Session):
    """Yields a list to put the change's audit entries in; they are written in the change's transaction,
    then both commit. Anything raised (the change refused, the audit log unwritable) rolls back both.
    """
    entries: list[Entry] = []
    try:
        yield entries
        write_records(audit, session, entries)
        session.commit()
    except BaseException:
        session.rollback()
        raise


def record_at_commit(audit: AuditLog, session: Session, *entries: Entry) -> None:
    """Writes the entries inside the next commit of `session`, for domain code that commits itself:
    if they cannot be written, that commit fails and its change is rolled back.
    """
    event.listen(session, "before_commit", lambda committing: write_records(audit, committing, entries), once=True)
