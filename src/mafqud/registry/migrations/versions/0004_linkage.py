"""Linkage runs, match proposals with their explanations, stable persons and their events.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

RECORD_ID = sa.String(length=400).with_variant(sa.String(length=400, collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "linkage_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("agent", sa.String(length=400), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("proposals", sa.Integer(), nullable=False),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.Column("threshold", sa.Float(), nullable=False),
        sa.Column("model_sha256", sa.String(length=64), nullable=False),
        sa.Column("model", sa.Text(), nullable=False),
        sa.Column("trained", sa.Boolean(), nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "match_proposals",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("record_l", RECORD_ID, nullable=False),
        sa.Column("record_r", RECORD_ID, nullable=False),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("match_weight", sa.Float(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["linkage_runs.id"]),
        sa.PrimaryKeyConstraint("run_id", "record_l", "record_r"),
    )
    op.create_table(
        "persons",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("created_run_id", sa.Integer(), nullable=False),
        sa.Column("retired_run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["created_run_id"], ["linkage_runs.id"]),
        sa.ForeignKeyConstraint(["retired_run_id"], ["linkage_runs.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "person_records",
        sa.Column("record_id", RECORD_ID, nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"]),
        sa.ForeignKeyConstraint(["run_id"], ["linkage_runs.id"]),
        sa.PrimaryKeyConstraint("record_id"),
    )
    op.create_index("ix_person_records_person_id", "person_records", ["person_id"])
    op.create_table(
        "person_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("related", sa.Text(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["linkage_runs.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_person_events_run_id", "person_events", ["run_id"])
    op.create_index("ix_person_events_person_id", "person_events", ["person_id"])


def downgrade() -> None:
    op.drop_table("person_events")
    op.drop_table("person_records")
    op.drop_table("persons")
    op.drop_table("match_proposals")
    op.drop_table("linkage_runs")
