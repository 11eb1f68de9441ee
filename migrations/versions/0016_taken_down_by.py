"""taken down by: who took a published letter down (published_letters.taken_down_by: writer / office)

Revision ID: 0016t
Revises: 0015w
Create Date: 2026-12-04 21:45:00

A letter whose writer withdrew consent was told apart by its take-down reason alone; an office that
typed the same words would have had its take-down undone by a new consent. Letters taken down
before get the writer where the reason is the one a withdrawal writes, else the office.
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016t'
down_revision = '0015w'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("published_letters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("taken_down_by", sa.String(length=16), nullable=True))
    op.execute(
        "UPDATE published_letters SET taken_down_by = CASE WHEN unpublish_reason = '来信人撤回公开同意'"
        " THEN 'writer' ELSE 'office' END WHERE state = 'unpublished'"
    )


def downgrade():
    with op.batch_alter_table("published_letters", schema=None) as batch_op:
        batch_op.drop_column("taken_down_by")
