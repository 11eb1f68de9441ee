"""replied due date: the due date (and an hour clock's moment) in force when a case was answered
(cases.replied_due_date, cases.replied_due_at)

Revision ID: 0017r
Revises: 0016t
Create Date: 2026-12-06 22:00:00

Statistics compared the reply date with the case's current due date, so reopening a case after a
bad rating (a new clock from the reopening) turned a late reply into an on-time one. Cases answered
before keep their current due date, the best there is.
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017r'
down_revision = '0016t'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE, no batch copy of `cases` (other tables' foreign keys point at it).
    op.add_column("cases", sa.Column("replied_due_date", sa.Date(), nullable=True))
    op.add_column("cases", sa.Column("replied_due_at", sa.DateTime(), nullable=True))
    op.execute(
        "UPDATE cases SET replied_due_date = due_date, replied_due_at = due_at WHERE replied_on IS NOT NULL"
    )


def downgrade():
    op.drop_column("cases", "replied_due_at")
    op.drop_column("cases", "replied_due_date")
