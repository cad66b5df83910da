"""documents: executive_decision, review_on, release_on, and the Proper Officer's reclassification

Revision ID: 0002
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('executive_decision', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('review_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('release_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('reclassification', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_column('reclassification')
        batch_op.drop_column('release_on')
        batch_op.drop_column('review_on')
        batch_op.drop_column('executive_decision')
