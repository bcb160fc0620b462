"""Node-to-node sync: cursors into partners' feeds, retired mirror copies, redacted pages, notes;
which organisation is the national commission.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

RECORD_ID = sa.String(length=400).with_variant(sa.String(length=400, collation="C"), "postgresql")


def upgrade() -> None:
    op.add_column(
        "organisations",
        sa.Column("commission", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "feed_runs",
        sa.Column("ingest_run_id", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("ingest_run_id"),
    )
    # Imports already in the log (it was written a whole committed import at a time).
    op.execute(
        "INSERT INTO feed_runs (ingest_run_id, published_at) "
        "SELECT r.ingest_run_id, MIN(f.entry_date) FROM source_records r "
        "JOIN feed_entries f ON f.kind = 'person' AND f.record_id = r.id "
        "GROUP BY r.ingest_run_id"
    )
    op.create_table(
        "sync_cursors",
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("sources.id"), nullable=False),
        sa.Column("feed", sa.String(length=8), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("skip", sa.Integer(), nullable=False),
        sa.Column("after_seq", sa.BigInteger(), nullable=True),
        sa.Column("entries", sa.BigInteger(), nullable=False),
        sa.Column("pulled_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("source_id", "feed"),
    )
    op.create_table(
        "retired_records",
        sa.Column("ingest_run_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("record_id", RECORD_ID, nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("accession_id", sa.String(length=32), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replaced_by_run_id", sa.Integer(), nullable=True),
        sa.Column("row", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("ingest_run_id", "ordinal"),
    )
    op.create_index("ix_retired_records_record_id", "retired_records", ["record_id"])
    op.create_table(
        "redactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "accession_id", sa.String(length=32), sa.ForeignKey("accessions.id"), nullable=False
        ),
        sa.Column("redacted_sha256", sa.String(length=64), nullable=False),
        sa.Column("redacted_size", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_redactions_accession_id", "redactions", ["accession_id"])
    op.create_table(
        "received_notes",
        sa.Column("note_record_id", sa.String(length=400), nullable=False),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("sources.id"), nullable=False),
        sa.Column(
            "accession_id", sa.String(length=32), sa.ForeignKey("accessions.id"), nullable=False
        ),
        sa.Column("person_record_id", RECORD_ID, nullable=False),
        sa.Column("linked_person_record_id", RECORD_ID, nullable=True),
        sa.Column("author_name", sa.String(length=400), nullable=False),
        sa.Column("source_date", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entry_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("note_record_id"),
    )
    op.create_index("ix_received_notes_person_record_id", "received_notes", ["person_record_id"])
    op.create_index(
        "ix_received_notes_linked_person_record_id", "received_notes", ["linked_person_record_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_received_notes_linked_person_record_id", "received_notes")
    op.drop_index("ix_received_notes_person_record_id", "received_notes")
    op.drop_table("received_notes")
    op.drop_index("ix_redactions_accession_id", "redactions")
    op.drop_table("redactions")
    op.drop_index("ix_retired_records_record_id", "retired_records")
    op.drop_table("retired_records")
    op.drop_table("sync_cursors")
    op.drop_table("feed_runs")
    op.execute("ALTER TABLE organisations DROP COLUMN commission")  # SQLite ≥ 3.35 too
