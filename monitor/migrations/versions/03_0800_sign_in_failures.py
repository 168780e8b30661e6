"""sign-in failures, for the account lock-out shared by every worker

Revision ID: 0800
Revises: 0002
Create Date: 2026-11-25 03:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0800'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sign_in_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('remote_addr', sa.String(length=45), nullable=False),
    sa.Column('attempted_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sign_in_failures', schema=None) as batch_op:
        batch_op.create_index('ix_sign_in_failures_username_attempted_at', ['username', 'attempted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_in_failures_attempted_at'), ['attempted_at'], unique=False)


def downgrade():
    with op.batch_alter_table('sign_in_failures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_failures_attempted_at'))
        batch_op.drop_index('ix_sign_in_failures_username_attempted_at')
    op.drop_table('sign_in_failures')
