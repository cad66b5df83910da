"""request life: a request's needed-by date and new-information flag, a refusal's reconsideration and a
grant's withdrawal, a note for each changed version of a published document, and the council's choice
to tell the Cabinet member or chair concerned of requests

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

REFERRAL_COLUMNS = (
    sa.Column("needed_by", sa.Date(), nullable=True),
    sa.Column("new_information", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column("reconsidered_at", sa.DateTime(), nullable=True),
    sa.Column("withdrawn_at", sa.DateTime(), nullable=True),
    sa.Column("withdrawn_by", sa.String(100), nullable=True),
    sa.Column("withdrawal_reasons", sa.Text(), nullable=True),
)


def upgrade() -> None:
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        for column in REFERRAL_COLUMNS:
            batch_op.add_column(column)
    with op.batch_alter_table("document_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))
    with op.batch_alter_table("council", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tell_holders_of_requests", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("council", schema=None) as batch_op:
        batch_op.drop_column("tell_holders_of_requests")
    with op.batch_alter_table("document_versions", schema=None) as batch_op:
        batch_op.drop_column("note")
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        for column in reversed(REFERRAL_COLUMNS):
            batch_op.drop_column(column.name)
