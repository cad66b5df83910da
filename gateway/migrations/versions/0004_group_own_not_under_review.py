"""R-GROUP-OWN grants only a group label that does not need review (RULES.md, December 2026)

An active policy that still grants on the old line gets a new active version with the line
changed, so an upgraded council stops granting group papers on the classifier's unchecked word.
Policies edited in other ways are left for IT; the old version is kept, as every version is.

Revision ID: 0004
Revises: 0003
"""

from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OLD = "p, R-GROUP-OWN, own_group, grant, open, allow"
NEW = "p, R-GROUP-OWN, own_group & !needs_review, grant, open, allow"
NOTE = "RULES.md change: R-GROUP-OWN grants only when the classification does not need review (R-REVIEW refers it)"

versions = sa.table("policy_versions", sa.column("id", sa.Integer), sa.column("text", sa.Text),
                    sa.column("note", sa.Text), sa.column("author", sa.String), sa.column("created_at", sa.DateTime),
                    sa.column("active", sa.Boolean))


def upgrade() -> None:
    connection = op.get_bind()
    active = connection.execute(sa.select(versions.c.id, versions.c.text).where(versions.c.active.is_(True))).first()
    if active is None or OLD not in active.text.splitlines():
        return
    text = "\n".join(NEW if line == OLD else line for line in active.text.splitlines()) + "\n"
    connection.execute(versions.update().where(versions.c.id == active.id).values(active=False))
    connection.execute(versions.insert().values(
        text=text, note=NOTE, author=None, active=True,
        created_at=datetime.now(timezone.utc).replace(tzinfo=None)))


def downgrade() -> None:
    """Versions are never deleted: going back leaves the newer policy active for IT to revert."""
