"""council: the address of the member/officer protocol's text, and who to contact about a locked account

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("council", schema=None) as batch_op:
        batch_op.add_column(sa.Column("protocol_url", sa.String(500), nullable=True))
        batch_op.add_column(sa.Column("it_contact", sa.String(300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("council", schema=None) as batch_op:
        batch_op.drop_column("it_contact")
        batch_op.drop_column("protocol_url")
