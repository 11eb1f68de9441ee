"""webhook nonces: a signed (timestamp, nonce) pair is accepted once without Redis too

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "webhook_nonces",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("dedup_key", sa.String(length=160), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_webhook_nonces")),
    )
    with op.batch_alter_table("webhook_nonces", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_webhook_nonces_seen_at"), ["seen_at"], unique=False)


def downgrade():
    with op.batch_alter_table("webhook_nonces", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_webhook_nonces_seen_at"))
    op.drop_table("webhook_nonces")
