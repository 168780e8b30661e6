"""comments a manager attaches to single items when returning a checklist (issue 13)

Revision ID: 0009
Revises: 0008

"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('review_actions') as batch_op:
        batch_op.add_column(sa.Column('item_comments', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('review_actions') as batch_op:
        batch_op.drop_column('item_comments')
