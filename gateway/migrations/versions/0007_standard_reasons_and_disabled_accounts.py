"""standard reasons the Proper Officer picks when deciding, and accounts IT has disabled

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "standard_reasons",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("title", sa.String(100), nullable=False, unique=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    for table in ("members", "officers"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("disabled_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    for table in ("members", "officers"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("disabled_at")
    op.drop_table("standard_reasons")
