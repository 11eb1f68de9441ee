"""weibo notices: what became of a word to an earlier asker pushed on Weibo (asker_notices.weibo_outcome)

Revision ID: 0015w
Revises: 0014c
Create Date: 2026-12-04 21:00:00
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015w'
down_revision = '0014c'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("asker_notices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("weibo_outcome", sa.String(length=16), nullable=True))


def downgrade():
    with op.batch_alter_table("asker_notices", schema=None) as batch_op:
        batch_op.drop_column("weibo_outcome")
