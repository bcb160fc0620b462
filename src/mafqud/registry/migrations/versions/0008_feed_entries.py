"""The publication log behind the PFIF feeds.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

RECORD_ID = sa.String(length=400).with_variant(sa.String(length=400, collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "feed_entries",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("record_id", RECORD_ID, nullable=False),
        sa.Column("note_id", sa.String(length=400), nullable=True),
        sa.Column("entry_date", sa.DateTime(timezone=True), nullable=False),
        sa.Column("previous_level", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_index("ix_feed_entries_entry_date_seq", "feed_entries", ["entry_date", "seq"])
    op.create_index("ix_feed_entries_kind_record_id", "feed_entries", ["kind", "record_id"])


def downgrade() -> None:
    op.drop_index("ix_feed_entries_kind_record_id", "feed_entries")
    op.drop_index("ix_feed_entries_entry_date_seq", "feed_entries")
    op.drop_table("feed_entries")
