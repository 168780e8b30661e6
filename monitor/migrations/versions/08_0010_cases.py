"""cases followed across hearings, their accused codes, and the case a checklist names (issue 19)

Revision ID: 0010
Revises: 0009

"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=True),
    sa.Column('court_id', sa.Integer(), nullable=False),
    sa.Column('offence_categories', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['court_id'], ['courts.id'], ),
    sa.ForeignKeyConstraint(['opened_by_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code'),
    sa.UniqueConstraint('uuid')
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_court_id'), ['court_id'], unique=False)

    op.create_table('case_accused',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('case_id', 'code', name='uq_case_accused_code')
    )
    with op.batch_alter_table('case_accused', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_accused_case_id'), ['case_id'], unique=False)

    with op.batch_alter_table('checklists', schema=None) as batch_op:
        batch_op.add_column(sa.Column('case_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_checklists_case_id'), ['case_id'], unique=False)
        batch_op.create_foreign_key('fk_checklists_case_id_cases', 'cases', ['case_id'], ['id'])


def downgrade():
    with op.batch_alter_table('checklists', schema=None) as batch_op:
        batch_op.drop_constraint('fk_checklists_case_id_cases', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_checklists_case_id'))
        batch_op.drop_column('case_id')
    with op.batch_alter_table('case_accused', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_accused_case_id'))
    op.drop_table('case_accused')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_court_id'))
    op.drop_table('cases')
