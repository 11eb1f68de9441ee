"""kinds: five-level ratings (好差评, 国办发〔2019〕51号); hour clocks (cases.due_at) and their
milestones (case_milestones); a kind's classification and facts (cases.grade, cases.details);
co-handling divisions (case_co_divisions); kind codes up to 32 characters (deputy_suggestion);
集中反映 groups (case_groups, case_group_comments,
cases.group_id)

Revision ID: 0013k
Revises: 0009w
Create Date: 2026-12-03 13:00:00

The old three levels keep their codes and meaning: satisfied → 满意, basic → 基本满意,
dissatisfied → 不满意; the two new ones (very_satisfied 非常满意, very_dissatisfied 非常不满意)
need a longer column. Going down, 非常满意 becomes 满意 and 非常不满意 becomes 不满意.
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013k'
down_revision = '0012p'
branch_labels = None
depends_on = None

ratings = sa.table("ratings", sa.column("level", sa.String))

# Old three-level codes and what they are in five levels (the same code, the same meaning).
UP = {"satisfied": "satisfied", "basic": "basic", "dissatisfied": "dissatisfied"}
DOWN = {"very_satisfied": "satisfied", "very_dissatisfied": "dissatisfied"}


def upgrade():
    for table in ("cases", "deadline_rules"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                "kind", existing_type=sa.String(length=16), type_=sa.String(length=32), existing_nullable=False
            )
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
    op.create_table(
        "case_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("division_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["division_id"], ["divisions.id"], name=op.f("fk_case_groups_division_id_divisions")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_case_groups_created_by_id_users")),
        sa.ForeignKeyConstraint(["answered_by_id"], ["users.id"], name=op.f("fk_case_groups_answered_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_groups")),
    )
    with op.batch_alter_table("case_groups", schema=None) as batch_op:
        for column in ("division_id", "created_by_id", "answered_by_id"):
            batch_op.create_index(batch_op.f(f"ix_case_groups_{column}"), [column], unique=False)
    op.create_table(
        "case_group_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["case_groups.id"], name=op.f("fk_case_group_comments_group_id_case_groups")
        ),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_case_group_comments_author_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_group_comments")),
    )
    with op.batch_alter_table("case_group_comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_group_comments_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_group_comments_author_id"), ["author_id"], unique=False)
    # A plain ADD COLUMN … REFERENCES (SQLite has it, alembic does not say it): no batch copy of `cases`,
    # which other tables' foreign keys point at.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE cases ADD COLUMN group_id INTEGER"
            " CONSTRAINT fk_cases_group_id_case_groups REFERENCES case_groups (id)"
        )
    else:
        op.add_column(
            "cases",
            sa.Column(
                "group_id",
                sa.Integer(),
                sa.ForeignKey("case_groups.id", name=op.f("fk_cases_group_id_case_groups")),
                nullable=True,
            ),
        )
    op.create_index(op.f("ix_cases_group_id"), "cases", ["group_id"], unique=False)
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.alter_column(
            "level", existing_type=sa.String(length=16), type_=sa.String(length=24), existing_nullable=False
        )
    for old, new in UP.items():
        if old != new:
            op.execute(ratings.update().where(ratings.c.level == old).values(level=new))


def downgrade():
    op.drop_index(op.f("ix_cases_group_id"), table_name="cases")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(op.f("fk_cases_group_id_case_groups"), "cases", type_="foreignkey")
    op.drop_column("cases", "group_id")
    op.drop_table("case_group_comments")
    op.drop_table("case_groups")
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
    for table in ("deadline_rules", "cases"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                "kind", existing_type=sa.String(length=32), type_=sa.String(length=16), existing_nullable=False
            )
