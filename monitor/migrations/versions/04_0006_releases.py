"""releases and the checklists each counted

Revision ID: 0006
Revises: 0800

"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0800'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('releases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period_label', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.Column('errata', sa.Text(), nullable=True),
    sa.Column('threshold', sa.Integer(), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('report', sa.JSON(), nullable=False),
    sa.Column('definitions', sa.JSON(), nullable=False),
    sa.Column('methodology', sa.JSON(), nullable=False),
    sa.Column('files', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['published_by_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('period_label', 'version', name='uq_releases_period_version')
    )
    with op.batch_alter_table('releases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_releases_period_label'), ['period_label'], unique=False)

    op.create_table('release_checklists',
    sa.Column('release_id', sa.Integer(), nullable=False),
    sa.Column('checklist_id', sa.Integer(), nullable=False),
    sa.Column('in_period', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['checklist_id'], ['checklists.id'], ),
    sa.ForeignKeyConstraint(['release_id'], ['releases.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('release_id', 'checklist_id')
    )
    with op.batch_alter_table('release_checklists', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_release_checklists_checklist_id'), ['checklist_id'], unique=False)


def downgrade():
    with op.batch_alter_table('release_checklists', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_release_checklists_checklist_id'))
    op.drop_table('release_checklists')
    with op.batch_alter_table('releases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_releases_period_label'))
    op.drop_table('releases')
