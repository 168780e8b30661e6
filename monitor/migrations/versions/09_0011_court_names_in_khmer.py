"""courts get a name in Khmer beside their English name (issue 13)

Revision ID: 0011
Revises: 0010

"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('courts') as batch_op:
        batch_op.add_column(sa.Column('name_km', sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table('courts') as batch_op:
        batch_op.drop_column('name_km')
