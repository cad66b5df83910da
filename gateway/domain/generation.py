"""The access generation: one number that changes whenever any fact a decision reads changes."""

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from gateway.domain.models import Generation


def bump(session: Session) -> None:
    """Call inside the transaction that changes facts, so the new number commits with them."""
    if session.execute(update(Generation).where(Generation.id == 1).values(value=Generation.value + 1)).rowcount == 0:
        session.add(Generation(id=1, value=1))


# Built once, Core not the ORM: it is read on every request.
READ = select(Generation.__table__.c.value).where(Generation.__table__.c.id == 1)


def current(session: Session) -> int:
    return session.connection().scalar(READ) or 0
