"""the public address each release's links were published with

Releases published before this revision get the PUBLIC_URL the site has when it is upgraded (the
address they were being read at), so their answers stay the same when PUBLIC_URL changes later.

Revision ID: 0007
Revises: 0006

"""
from alembic import op
import sqlalchemy as sa
from flask import current_app


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('releases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('public_url', sa.String(length=300), nullable=True))
    releases = sa.table('releases', sa.column('public_url', sa.String))
    op.execute(releases.update().where(releases.c.public_url.is_(None))
               .values(public_url=current_app.config['PUBLIC_URL']))


def downgrade():
    with op.batch_alter_table('releases', schema=None) as batch_op:
        batch_op.drop_column('public_url')
