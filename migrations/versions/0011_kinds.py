"""kinds: five-level ratings (好差评, 国办发〔2019〕51号); hour clocks (cases.due_at) and their
milestones (case_milestones); a kind's classification and facts (cases.grade, cases.details);
co-handling divisions (case_co_divisions)

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
        batch_op.add_column(sa.Column("grade", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("details", sa.JSON(), nullable=True))
    op.create_table(
        "case_milestones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=64), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("alert_at", sa.DateTime(), nullable=False),
        sa.Column("alerted_at", sa.DateTime(), nullable=True),
        sa.Column("met_at", sa.DateTime(), nullable=True),
        sa.Column("met_by_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_milestones_case_id_cases")),
        sa.ForeignKeyConstraint(["met_by_id"], ["users.id"], name=op.f("fk_case_milestones_met_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_milestones")),
        sa.UniqueConstraint("case_id", "code", name=op.f("uq_case_milestones_case_id")),
    )
    with op.batch_alter_table("case_milestones", schema=None) as batch_op:
        batch_op.create_index("ix_case_milestones_open_due", ["met_at", "due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_milestones_met_by_id"), ["met_by_id"], unique=False)
    op.create_table(
        "case_co_divisions",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("division_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_co_divisions_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["division_id"], ["divisions.id"], name=op.f("fk_case_co_divisions_division_id_divisions")
        ),
        sa.PrimaryKeyConstraint("case_id", "division_id", name=op.f("pk_case_co_divisions")),
    )
    with op.batch_alter_table("case_co_divisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_co_divisions_division_id"), ["division_id"], unique=False)
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.alter_column(
            "level", existing_type=sa.String(length=16), type_=sa.String(length=24), existing_nullable=False
        )
    for old, new in UP.items():
        if old != new:
            op.execute(ratings.update().where(ratings.c.level == old).values(level=new))


def downgrade():
    with op.batch_alter_table("case_co_divisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_co_divisions_division_id"))
    op.drop_table("case_co_divisions")
    for five, three in DOWN.items():
        op.execute(ratings.update().where(ratings.c.level == five).values(level=three))
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.alter_column(
            "level", existing_type=sa.String(length=24), type_=sa.String(length=16), existing_nullable=False
        )
    with op.batch_alter_table("case_milestones", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_milestones_met_by_id"))
        batch_op.drop_index("ix_case_milestones_open_due")
    op.drop_table("case_milestones")
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35+ has it): a batch copy of `cases` would have to
    # drop a table that other tables' foreign keys point at.
    for column in ("details", "grade", "due_at"):
        op.drop_column("cases", column)
