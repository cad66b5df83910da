"""workflow: a dispute's recorded outcome (result, committee, when, until), exempt-item reviews,
members' and officers' e-mail addresses, and the outbox of notices

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dispute_result", sa.String(20), nullable=True))
        batch_op.add_column(sa.Column("dispute_committee", sa.String(200), nullable=True))
        batch_op.add_column(sa.Column("dispute_reasons", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("dispute_until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("dispute_decided_at", sa.DateTime(), nullable=True))
    op.create_table(
        "document_reviews",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.String(100), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("on", sa.Date(), nullable=True),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(100), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_document_reviews_document_id", "document_reviews", ["document_id"])
    for table in ("members", "officers"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("email", sa.String(254), nullable=True))
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(200), nullable=False, unique=True),
        sa.Column("recipient_id", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("sent_to", sa.String(254), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
    )
    op.create_index("ix_notices_recipient_id", "notices", ["recipient_id"])
    op.create_index("ix_notices_status", "notices", ["status"])


def downgrade() -> None:
    op.drop_index("ix_notices_status", table_name="notices")
    op.drop_index("ix_notices_recipient_id", table_name="notices")
    op.drop_table("notices")
    for table in ("members", "officers"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("email")
    op.drop_index("ix_document_reviews_document_id", table_name="document_reviews")
    op.drop_table("document_reviews")
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        for column in ("dispute_decided_at", "dispute_until", "dispute_reasons", "dispute_committee",
                       "dispute_result"):
            batch_op.drop_column(column)
