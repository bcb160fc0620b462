"""Initial schema: organisations, sources, evidence, custody log, ingest runs, records.

Revision ID: 0001
Revises:
Create Date: 2026-11-25

Also installs triggers that make the custody log append-only (no UPDATE, no
DELETE) and source records immutable (no UPDATE). The hash chain detects any
change made around them; the triggers stop the honest mistakes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accessions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("original_filename", sa.String(length=1000), nullable=False),
        sa.Column("media_type", sa.String(length=200), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_from_org", sa.String(length=400), nullable=True),
        sa.Column("received_from_person", sa.String(length=400), nullable=True),
        sa.Column("received_via", sa.String(length=100), nullable=False),
        sa.Column("origin_producer", sa.Text(), nullable=True),
        sa.Column("origin_obtained", sa.Text(), nullable=True),
        sa.Column("restriction", sa.String(length=16), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("accessioned_by", sa.String(length=400), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("sha256"),
    )
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("domain", sa.String(length=253), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("domain"),
    )
    op.create_table(
        "custody_events",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("agent", sa.String(length=400), nullable=False),
        sa.Column("accession_id", sa.String(length=32), nullable=True),
        sa.Column("input_sha256", sa.String(length=64), nullable=True),
        sa.Column("output_sha256", sa.String(length=64), nullable=True),
        sa.Column("outcome", sa.String(length=40), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["accession_id"],
            ["accessions.id"],
        ),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("hash"),
        sa.UniqueConstraint("prev_hash"),
    )
    with op.batch_alter_table("custody_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_custody_events_accession_id"), ["accession_id"], unique=False
        )

    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("disclosure", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
        sa.UniqueConstraint("slug"),
    )
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("accession_id", sa.String(length=32), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("agent", sa.String(length=400), nullable=False),
        sa.Column("encoding", sa.String(length=40), nullable=True),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("records_created", sa.Integer(), nullable=False),
        sa.Column("rows_unchanged", sa.Integer(), nullable=False),
        sa.Column("rows_quarantined", sa.Integer(), nullable=False),
        sa.Column("rows_blank", sa.Integer(), nullable=False),
        sa.Column("output_sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["accession_id"],
            ["accessions.id"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("accession_id", "source_id"),
    )
    op.create_table(
        "quarantine",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("ingest_run_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("sheet", sa.String(length=400), nullable=True),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("reason_code", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["ingest_run_id"],
            ["ingest_runs.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_quarantine_ingest_run_id"), ["ingest_run_id"], unique=False
        )

    op.create_table(
        "source_records",
        sa.Column(
            "id",
            sa.String(length=400).with_variant(sa.String(length=400, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("ingest_run_id", sa.Integer(), nullable=False),
        sa.Column("accession_id", sa.String(length=32), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("sheet", sa.String(length=400), nullable=True),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=200), nullable=False),
        sa.Column("given_name", sa.String(length=400), nullable=True),
        sa.Column("father_name", sa.String(length=400), nullable=True),
        sa.Column("grandfather_name", sa.String(length=400), nullable=True),
        sa.Column("family_name", sa.String(length=400), nullable=True),
        sa.Column("full_name", sa.String(length=400), nullable=True),
        sa.Column("mother_name", sa.String(length=400), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("birth_date", sa.String(length=10), nullable=True),
        sa.Column("birth_place", sa.String(length=400), nullable=True),
        sa.Column("governorate", sa.String(length=400), nullable=True),
        sa.Column("national_id", sa.String(length=64), nullable=True),
        sa.Column("event_date", sa.String(length=10), nullable=True),
        sa.Column("event_place", sa.String(length=400), nullable=True),
        sa.Column("facility", sa.String(length=400), nullable=True),
        sa.Column("detainee_number", sa.String(length=64), nullable=True),
        sa.Column("death_date", sa.String(length=10), nullable=True),
        sa.Column("death_place", sa.String(length=400), nullable=True),
        sa.Column("death_cause", sa.String(length=1000), nullable=True),
        sa.Column("notes", sa.String(length=4000), nullable=True),
        sa.Column("disclosure", sa.String(length=16), nullable=False),
        sa.Column("flags", sa.Text(), nullable=False),
        sa.Column("original", sa.Text(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("source_records", schema=None) as batch_op:
        batch_op.create_index(
            "ix_source_records_ingest_run_id_ordinal", ["ingest_run_id", "ordinal"], unique=False
        )
        batch_op.create_index("ix_source_records_source_id", ["source_id"], unique=False)

    _create_immutability_triggers()


IMMUTABLE = (
    ("custody_events", "UPDATE", "custody events are append-only"),
    ("custody_events", "DELETE", "custody events are append-only"),
    ("source_records", "UPDATE", "source records are never edited in place"),
)


def _create_immutability_triggers() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(
            """
            CREATE FUNCTION mafqud_refuse_change() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '%', TG_ARGV[0];
            END;
            $$ LANGUAGE plpgsql
            """
        )
    for table, operation, message in IMMUTABLE:
        name = f"{table}_no_{operation.lower()}"
        if dialect == "postgresql":
            op.execute(
                f"CREATE TRIGGER {name} BEFORE {operation} ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION mafqud_refuse_change('{message}')"
            )
        else:
            op.execute(
                f"CREATE TRIGGER {name} BEFORE {operation} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )


def _drop_immutability_triggers() -> None:
    dialect = op.get_bind().dialect.name
    for table, operation, _message in IMMUTABLE:
        name = f"{table}_no_{operation.lower()}"
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER {name} ON {table}")
        else:
            op.execute(f"DROP TRIGGER {name}")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION mafqud_refuse_change()")


def downgrade() -> None:
    _drop_immutability_triggers()
    with op.batch_alter_table("source_records", schema=None) as batch_op:
        batch_op.drop_index("ix_source_records_source_id")
        batch_op.drop_index("ix_source_records_ingest_run_id_ordinal")

    op.drop_table("source_records")
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quarantine_ingest_run_id"))

    op.drop_table("quarantine")
    op.drop_table("ingest_runs")
    op.drop_table("sources")
    with op.batch_alter_table("custody_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_custody_events_accession_id"))

    op.drop_table("custody_events")
    op.drop_table("organisations")
    op.drop_table("accessions")
