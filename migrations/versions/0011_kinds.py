"""kinds: five-level ratings (好差评, 国办发〔2019〕51号); hour clocks (cases.due_at)

Revision ID: 0011k
Revises: 0008
Create Date: 2026-12-03 13:00:00

The old three levels keep their codes and meaning: satisfied → 满意, basic → 基本满意,
dissatisfied → 不满意; the two new ones (very_satisfied 非常满意, very_dissatisfied 非常不满意)
need a longer column. Going down, 非常满意 becomes 满意 and 非常不满意 becomes 不满意.
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0011k"
down_revision = "0008"
branch_labels = None
depends_on = None

ratings = sa.table("ratings", sa.column("level", sa.String))

# Old three-level codes and what they are in five levels (the same code, the same meaning).
UP = {"satisfied": "satisfied", "basic": "basic", "dissatisfied": "dissatisfied"}
DOWN = {"very_satisfied": "satisfied", "very_dissatisfied": "dissatisfied"}


def upgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.alter_column(
            "level", existing_type=sa.String(length=16), type_=sa.String(length=24), existing_nullable=False
        )
    for old, new in UP.items():
        if old != new:
            op.execute(ratings.update().where(ratings.c.level == old).values(level=new))


def downgrade():
    for five, three in DOWN.items():
        op.execute(ratings.update().where(ratings.c.level == five).values(level=three))
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.alter_column(
            "level", existing_type=sa.String(length=24), type_=sa.String(length=16), existing_nullable=False
        )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("due_at")
