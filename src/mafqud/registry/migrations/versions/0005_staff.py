"""Staff: users, API tokens, partnerships, disclosure overrides, review notes, the audit log.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25

Review decisions, sign-offs of sensitive conclusions and the audit log are
notes, never edits: triggers refuse UPDATE and DELETE on them, as on the
custody log.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

RECORD_ID = sa.String(length=400).with_variant(sa.String(length=400, collation="C"), "postgresql")

APPEND_ONLY = ("review_decisions", "conclusions", "conclusion_reviews", "audit_log")


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=32), nullable=False, server_default="list")
        )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("display_name", sa.String(length=400), nullable=False),
        sa.Column("password_hash", sa.String(length=400), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("scopes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_sha256"),
    )
    op.create_table(
        "partnerships",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.ForeignKeyConstraint(["partner_id"], ["organisations.id"]),
        sa.PrimaryKeyConstraint("organisation_id", "partner_id"),
    )
    op.create_table(
        "disclosure_overrides",
        sa.Column("record_id", RECORD_ID, nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("record_id"),
    )
    op.create_table(
        "review_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_l", RECORD_ID, nullable=False),
        sa.Column("record_r", RECORD_ID, nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_review_decisions_pair", "review_decisions", ["record_l", "record_r"])
    op.create_index("ix_review_decisions_record_r", "review_decisions", ["record_r"])
    op.create_table(
        "conclusions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("record_id", RECORD_ID, nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_conclusions_person_id", "conclusions", ["person_id"])
    op.create_table(
        "conclusion_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conclusion_id", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["conclusion_id"], ["conclusions.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_conclusion_reviews_conclusion_id", "conclusion_reviews", ["conclusion_id"])
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=400), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=400), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("hash"),
    )
    op.create_index("ix_audit_log_actor", "audit_log", ["actor"])
    op.create_index("ix_audit_log_target", "audit_log", ["target"])
    with op.batch_alter_table("match_proposals") as batch_op:
        batch_op.add_column(
            sa.Column("queue_rank", sa.Float(), nullable=False, server_default="1.5")
        )
    op.execute("UPDATE match_proposals SET queue_rank = 1 + abs(probability - 0.5)")
    op.create_index(
        "ix_match_proposals_queue",
        "match_proposals",
        ["run_id", "queue_rank", "record_l", "record_r"],
    )
    op.create_index("ix_match_proposals_record_l", "match_proposals", ["record_l"])
    op.create_index("ix_match_proposals_record_r", "match_proposals", ["record_r"])
    _append_only_triggers(create=True)


def _append_only_triggers(create: bool) -> None:
    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        for operation in ("UPDATE", "DELETE"):
            name = f"{table}_no_{operation.lower()}"
            message = f"{table} is append-only: add a later note instead"
            if not create:
                op.execute(f"DROP TRIGGER {name} ON {table}" if dialect == "postgresql"
                           else f"DROP TRIGGER {name}")  # fmt: skip
            elif dialect == "postgresql":
                op.execute(
                    f"CREATE TRIGGER {name} BEFORE {operation} ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION mafqud_refuse_change('{message}')"
                )
            else:
                op.execute(
                    f"CREATE TRIGGER {name} BEFORE {operation} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
                )


def downgrade() -> None:
    _append_only_triggers(create=False)
    op.drop_index("ix_match_proposals_record_r", "match_proposals")
    op.drop_index("ix_match_proposals_record_l", "match_proposals")
    op.drop_index("ix_match_proposals_queue", "match_proposals")
    with op.batch_alter_table("match_proposals") as batch_op:
        batch_op.drop_column("queue_rank")
    for table in reversed(("users", "api_tokens", "partnerships", "disclosure_overrides",
                           *APPEND_ONLY)):  # fmt: skip
        op.drop_table(table)
    with op.batch_alter_table("sources") as batch_op:
        batch_op.drop_column("kind")
