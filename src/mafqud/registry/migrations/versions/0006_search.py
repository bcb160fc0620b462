"""Name search: indexed records (docs), their term postings, and the runs indexed so far.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

Derived data only: downgrading drops it, and `mafqud search-index` builds it again.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

RECORD_ID = sa.String(length=400).with_variant(sa.String(length=400, collation="C"), "postgresql")
TERM = sa.String(length=200).with_variant(sa.String(length=200, collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "search_docs",
        sa.Column("doc", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("record_id", RECORD_ID, nullable=False),
        sa.Column("ingest_run_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("doc"),
        sa.UniqueConstraint("record_id"),
    )
    op.create_index("ix_search_docs_ingest_run_id", "search_docs", ["ingest_run_id"])
    op.create_table(
        "search_postings",
        sa.Column("term", TERM, nullable=False),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("doc", sa.Integer(), nullable=False),
    )
    op.create_index(
        "ix_search_postings_term_public_doc",
        "search_postings",
        ["term", "public", "doc"],
        unique=True,
    )
    op.create_table(
        "search_runs",
        sa.Column("ingest_run_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("indexed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("ingest_run_id"),
    )


def downgrade() -> None:
    op.drop_table("search_runs")
    op.drop_index("ix_search_postings_term_public_doc", "search_postings")
    op.drop_table("search_postings")
    op.drop_index("ix_search_docs_ingest_run_id", "search_docs")
    op.drop_table("search_docs")
