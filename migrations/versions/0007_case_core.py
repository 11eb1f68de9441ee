"""the case core: clock pauses, and every published reply kept as published

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 08:00:00

"""
from alembic import op
import sqlalchemy as sa



revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'clock_pauses',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('reason', sa.String(length=32), nullable=False),
        sa.Column('started_on', sa.Date(), nullable=False),
        sa.Column('ended_on', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_clock_pauses_case_id_cases')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_clock_pauses')),
    )
    with op.batch_alter_table('clock_pauses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clock_pauses_case_id'), ['case_id'], unique=False)

    op.create_table(
        'published_replies',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('signed_at', sa.DateTime(), nullable=False),
        sa.Column('reviewer_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_published_replies_case_id_cases')),
        sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_published_replies_reviewer_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_published_replies')),
    )
    with op.batch_alter_table('published_replies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_published_replies_case_id'), ['case_id'], unique=False)
    # Replies signed off before this revision were published as they stand now.
    op.execute(
        "INSERT INTO published_replies (case_id, body, signed_at, reviewer_id) "
        "SELECT case_id, body, signed_at, reviewer_id FROM replies "
        "WHERE status = 'approved' AND signed_at IS NOT NULL"
    )


def downgrade():
    with op.batch_alter_table('published_replies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_published_replies_case_id'))
    op.drop_table('published_replies')
    with op.batch_alter_table('clock_pauses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clock_pauses_case_id'))
    op.drop_table('clock_pauses')
