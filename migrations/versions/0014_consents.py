"""consents: one row per consent a writer gives to publish the letter (publication_consents)

Revision ID: 0014c
Revises: 0013k
Create Date: 2026-12-04 20:30:00

Every case whose writer consented gets the consent its letter came with (given when the letter was
received); a writer who already withdrew gets that consent closed at the moment of the withdrawal.
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014c'
down_revision = '0013k'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "publication_consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("given_at", sa.DateTime(), nullable=False),
        sa.Column("given_on", sa.String(length=16), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_publication_consents_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication_consents")),
    )
    with op.batch_alter_table("publication_consents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_publication_consents_case_id"), ["case_id"], unique=False)
    op.execute(
        "INSERT INTO publication_consents (case_id, given_at, given_on, withdrawn_at)"
        " SELECT c.id, c.received_at, 'letter', NULL FROM cases c WHERE c.consent_publish"
    )
    op.execute(
        "INSERT INTO publication_consents (case_id, given_at, given_on, withdrawn_at)"
        " SELECT c.id, c.received_at, 'letter', MIN(e.at) FROM cases c"
        " JOIN case_events e ON e.case_id = c.id AND e.action = 'consent_withdrawn'"
        " WHERE NOT c.consent_publish GROUP BY c.id, c.received_at"
    )


def downgrade():
    with op.batch_alter_table("publication_consents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publication_consents_case_id"))
    op.drop_table("publication_consents")
