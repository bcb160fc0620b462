"""Scanned registers: derived objects, pages read, staged rows and their fields, corrections.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

RECORD_ID = sa.String(length=400).with_variant(sa.String(length=400, collation="C"), "postgresql")
SHA256 = sa.String(length=64)


def upgrade() -> None:
    op.create_table(
        "derived_objects",
        sa.Column("sha256", SHA256, nullable=False),
        sa.Column(
            "accession_id", sa.String(length=32), sa.ForeignKey("accessions.id"), nullable=False
        ),
        sa.Column("derived_from", SHA256, nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("page_number", sa.Integer(), nullable=True),
        sa.Column("software", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_index("ix_derived_objects_accession_id", "derived_objects", ["accession_id"])
    op.create_table(
        "scan_pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "accession_id", sa.String(length=32), sa.ForeignKey("accessions.id"), nullable=False
        ),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("sources.id"), nullable=False),
        sa.Column("page_number", sa.Integer(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("image_sha256", SHA256, nullable=True),
        sa.Column("straightened_sha256", SHA256, nullable=True),
        sa.Column("reading_sha256", SHA256, nullable=True),
        sa.Column("rows_sha256", SHA256, nullable=True),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("angle", sa.Float(), nullable=True),
        sa.Column("engine", sa.Text(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("agent", sa.String(length=400), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("accession_id", "source_id", "page_number"),
    )
    op.create_index("ix_scan_pages_source_id", "scan_pages", ["source_id"])
    op.create_table(
        "staged_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("page_id", sa.Integer(), sa.ForeignKey("scan_pages.id"), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("record_id", RECORD_ID, nullable=True),
        sa.Column("decided_by", sa.String(length=400), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("page_id", "row_number"),
    )
    op.create_index("ix_staged_records_status", "staged_records", ["status"])
    op.create_index("ix_staged_records_record_id", "staged_records", ["record_id"])
    op.create_table(
        "staged_fields",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "staged_record_id", sa.Integer(), sa.ForeignKey("staged_records.id"), nullable=False
        ),
        sa.Column("column", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=True),
        sa.Column("header", sa.Text(), nullable=False),
        sa.Column("ocr_text", sa.Text(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("left", sa.Integer(), nullable=False),
        sa.Column("top", sa.Integer(), nullable=False),
        sa.Column("right", sa.Integer(), nullable=False),
        sa.Column("bottom", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("staged_record_id", "column"),
    )
    op.create_table(
        "transcription_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "staged_field_id", sa.Integer(), sa.ForeignKey("staged_fields.id"), nullable=False
        ),
        sa.Column("ocr_value", sa.Text(), nullable=False),
        sa.Column("previous_value", sa.Text(), nullable=False),
        sa.Column("corrected_value", sa.Text(), nullable=False),
        sa.Column("corrected_by", sa.String(length=400), nullable=False),
        sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_transcription_corrections_staged_field_id",
        "transcription_corrections",
        ["staged_field_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_transcription_corrections_staged_field_id", "transcription_corrections")
    op.drop_table("transcription_corrections")
    op.drop_table("staged_fields")
    op.drop_index("ix_staged_records_record_id", "staged_records")
    op.drop_index("ix_staged_records_status", "staged_records")
    op.drop_table("staged_records")
    op.drop_index("ix_scan_pages_source_id", "scan_pages")
    op.drop_table("scan_pages")
    op.drop_index("ix_derived_objects_accession_id", "derived_objects")
    op.drop_table("derived_objects")
