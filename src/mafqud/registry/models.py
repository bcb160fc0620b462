"""SQLAlchemy models of the registry.

Tables hold facts as they were received and decided; nothing here is edited in
place except the descriptive metadata of organisations and sources. Source
records and custody events are append-only (the migration installs triggers
that refuse UPDATE on both and DELETE on custody events).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from mafqud.registry.fields import RECORD_FIELDS


class Base(DeclarativeBase):
    """Declarative base shared by every registry table."""


SHA256 = String(64)
RECORD_ID = String(400).with_variant(String(400, collation="C"), "postgresql")
"""Ids compare byte-wise on PostgreSQL: locale-aware comparison would slow every index insert."""


class Organisation(Base):
    """An organisation whose records this node holds (its own or a partner's)."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    domain: Mapped[str] = mapped_column(String(253), unique=True)
    name: Mapped[str] = mapped_column(String(400))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    commission: Mapped[bool] = mapped_column(Boolean, server_default=false())
    """The national commission: families may consent to their report reaching it (and no one
    else) through the feeds, whatever its level here."""


class Source(Base):
    """A named list or register belonging to an organisation."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    name: Mapped[str] = mapped_column(String(400), unique=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    disclosure: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    kind: Mapped[str] = mapped_column(String(32), server_default="list")
    """"list" (a register, list or document) or "family-reports" (what families filed)."""


class Accession(Base):
    """One received file: what it is, where it came from, who may see it."""

    __tablename__ = "accessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    sha256: Mapped[str] = mapped_column(SHA256, unique=True)
    size: Mapped[int] = mapped_column(BigInteger)
    original_filename: Mapped[str] = mapped_column(String(1000))
    media_type: Mapped[str] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    received_from_org: Mapped[str | None] = mapped_column(String(400))
    received_from_person: Mapped[str | None] = mapped_column(String(400))
    received_via: Mapped[str] = mapped_column(String(100))
    origin_producer: Mapped[str | None] = mapped_column(Text)
    origin_obtained: Mapped[str | None] = mapped_column(Text)
    restriction: Mapped[str] = mapped_column(String(16))
    notes: Mapped[str | None] = mapped_column(Text)
    accessioned_by: Mapped[str] = mapped_column(String(400))


class CustodyEvent(Base):
    """One link of the append-only, hash-chained custody log."""

    __tablename__ = "custody_events"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    action: Mapped[str] = mapped_column(String(40))
    agent: Mapped[str] = mapped_column(String(400))
    accession_id: Mapped[str | None] = mapped_column(ForeignKey("accessions.id"), index=True)
    input_sha256: Mapped[str | None] = mapped_column(SHA256)
    output_sha256: Mapped[str | None] = mapped_column(SHA256)
    outcome: Mapped[str] = mapped_column(String(40))
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(SHA256, unique=True)
    hash: Mapped[str] = mapped_column(SHA256, unique=True)


class IngestRun(Base):
    """One import of one accessioned file into one source; exists only if it completed."""

    __tablename__ = "ingest_runs"
    __table_args__ = (UniqueConstraint("accession_id", "source_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    accession_id: Mapped[str] = mapped_column(ForeignKey("accessions.id"))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    agent: Mapped[str] = mapped_column(String(400))
    encoding: Mapped[str | None] = mapped_column(String(40))
    options: Mapped[str] = mapped_column(Text)
    rows_read: Mapped[int] = mapped_column(Integer)
    records_created: Mapped[int] = mapped_column(Integer)
    rows_unchanged: Mapped[int] = mapped_column(Integer)
    rows_quarantined: Mapped[int] = mapped_column(Integer)
    rows_blank: Mapped[int] = mapped_column(Integer)
    output_sha256: Mapped[str] = mapped_column(SHA256)


class QuarantinedRow(Base):
    """A row that could not become a record, kept whole with the reason."""

    __tablename__ = "quarantine"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    ingest_run_id: Mapped[int] = mapped_column(ForeignKey("ingest_runs.id"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    sheet: Mapped[str | None] = mapped_column(String(400))
    row_number: Mapped[int] = mapped_column(Integer)
    reason_code: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text)
    content_sha256: Mapped[str] = mapped_column(SHA256)


class NameFrequency(Base):
    """How often a name unit occurs in one name field, over every record of the registry.

    Recomputed as a whole by ``mafqud names frequencies compute``; ``level`` is
    "unit" for the folded unit in its script (حلبي, muhamad) and "key" for its
    cross-script key (HLB). Internal: aggregate counts still show which rare
    names a registry holds, so no public page or feed reads this table.
    """

    __tablename__ = "name_frequencies"

    field: Mapped[str] = mapped_column(String(40), primary_key=True)
    level: Mapped[str] = mapped_column(String(8), primary_key=True)
    unit: Mapped[str] = mapped_column(String(400), primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger)


class LinkageRun(Base):
    """One linking of the whole registry: the model used, and what came of it."""

    __tablename__ = "linkage_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    agent: Mapped[str] = mapped_column(String(400))
    records: Mapped[int] = mapped_column(Integer)
    proposals: Mapped[int] = mapped_column(Integer)
    persons: Mapped[int] = mapped_column(Integer)
    threshold: Mapped[float] = mapped_column(Float)
    model_sha256: Mapped[str] = mapped_column(SHA256)
    """The model's version: the SHA-256 of its JSON, as stored in ``model``."""
    model: Mapped[str] = mapped_column(Text)
    trained: Mapped[bool] = mapped_column(Boolean)
    report: Mapped[str] = mapped_column(Text)
    """Timings and training notes, JSON."""


class MatchProposal(Base):
    """A pair of records the model scored as possibly one person: a proposal, not a decision.

    ``explanation`` is the per-comparison waterfall (JSON) a reviewer reads.
    Internal to staff: it repeats what both records say.
    """

    __tablename__ = "match_proposals"
    __table_args__ = (
        Index("ix_match_proposals_queue", "run_id", "queue_rank", "record_l", "record_r"),
        Index("ix_match_proposals_record_l", "record_l"),
        Index("ix_match_proposals_record_r", "record_r"),
    )

    run_id: Mapped[int] = mapped_column(ForeignKey("linkage_runs.id"), primary_key=True)
    record_l: Mapped[str] = mapped_column(RECORD_ID, primary_key=True)
    record_r: Mapped[str] = mapped_column(RECORD_ID, primary_key=True)
    probability: Mapped[float] = mapped_column(Float)
    match_weight: Mapped[float] = mapped_column(Float)
    explanation: Mapped[str] = mapped_column(Text)
    queue_rank: Mapped[float] = mapped_column(Float, server_default="1.5")
    """Review order, lowest first: pairs touching a family's report (0–0.5) before the rest
    (1–1.5), each by how far the probability is from 0.5 (most uncertain first)."""


class Person(Base):
    """A stable person id; retired, never reused, when a later linking no longer needs it."""

    __tablename__ = "persons"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_run_id: Mapped[int] = mapped_column(ForeignKey("linkage_runs.id"))
    retired_run_id: Mapped[int | None] = mapped_column(ForeignKey("linkage_runs.id"))


class PersonRecord(Base):
    """Which person a record belongs to, as of the last linking."""

    __tablename__ = "person_records"

    record_id: Mapped[str] = mapped_column(RECORD_ID, primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("linkage_runs.id"))


class PersonEventRow(Base):
    """What a linking changed about a person: created, grew, merged, split, retired."""

    __tablename__ = "person_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("linkage_runs.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    person_id: Mapped[str] = mapped_column(String(32), index=True)
    related: Mapped[str] = mapped_column(Text)
    """JSON list of the other person ids involved."""
    records: Mapped[int] = mapped_column(Integer)


class User(Base):
    """A member of staff: one organisation, one role, one interface language."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(400))
    password_hash: Mapped[str] = mapped_column(String(400))
    role: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiToken(Base):
    """A machine client's credential: only its SHA-256 is kept; the secret is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(200))
    token_sha256: Mapped[str] = mapped_column(SHA256, unique=True)
    scopes: Mapped[str] = mapped_column(Text)
    """Space-separated permissions, each also held by the token's user."""
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Partnership(Base):
    """``organisation`` shares its partners-level records with ``partner`` (one direction)."""

    __tablename__ = "partnerships"

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DisclosureOverride(Base):
    """A record's own disclosure level, replacing the one it inherited from its source.

    The current value only; every change is also in the audit log with its reason.
    """

    __tablename__ = "disclosure_overrides"

    record_id: Mapped[str] = mapped_column(RECORD_ID, primary_key=True)
    level: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    """The staff member who set it; empty when a family withdrew consent to sharing."""
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReviewDecision(Base):
    """A reviewer's note on a pair of records: same person, different, or unsure.

    Append-only; the latest note on a pair is the one in force, so a decision
    is reversed by deciding again. ``record_l`` < ``record_r``.
    """

    __tablename__ = "review_decisions"
    __table_args__ = (
        Index("ix_review_decisions_pair", "record_l", "record_r"),
        Index("ix_review_decisions_record_r", "record_r"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_l: Mapped[str] = mapped_column(RECORD_ID)
    record_r: Mapped[str] = mapped_column(RECORD_ID)
    decision: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Conclusion(Base):
    """A sensitive conclusion about a person (believed dead, matched to a case), as proposed.

    It is in force only once a second reviewer, not the proposer, confirms it
    (see :mod:`mafqud.review.conclusions`).
    """

    __tablename__ = "conclusions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    person_id: Mapped[str] = mapped_column(String(32), index=True)
    record_id: Mapped[str | None] = mapped_column(RECORD_ID)
    """The record the conclusion rests on (a death list row, a family's report)."""
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ConclusionReview(Base):
    """A reviewer's confirm or reject of a proposed conclusion; the latest is in force."""

    __tablename__ = "conclusion_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conclusion_id: Mapped[int] = mapped_column(ForeignKey("conclusions.id"), index=True)
    verdict: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    """One link of the append-only, hash-chained audit log of writes and restricted reads."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(400), index=True)
    organisation_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(400), index=True)
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(SHA256)
    hash: Mapped[str] = mapped_column(SHA256, unique=True)


def _record_field_columns() -> list[Column[str]]:
    """One nullable text column per declared field (see mafqud.registry.fields)."""
    return [Column(field.name, String(field.max_length)) for field in RECORD_FIELDS]


source_records = Table(
    "source_records",
    Base.metadata,
    Column("id", RECORD_ID, primary_key=True),
    Column("source_id", Integer, nullable=False),  # copied from the run, see below
    Column("ingest_run_id", Integer, nullable=False),
    Column("accession_id", String(32), nullable=False),  # copied from the run
    Column("ordinal", Integer, nullable=False),
    Column("sheet", String(400)),
    Column("row_number", Integer, nullable=False),
    Column("local_id", String(200), nullable=False),
    *_record_field_columns(),
    Column("disclosure", String(16), nullable=False),
    Column("flags", Text, nullable=False),
    Column("original", Text, nullable=False),
    Column("content_sha256", SHA256, nullable=False),
    Index("ix_source_records_ingest_run_id_ordinal", "ingest_run_id", "ordinal"),
)
"""Source records: one per source row, never edited in place, never merged.

Declared as a Core table rather than a mapped class because its columns are
generated from the field list and it is written in bulk (COPY / executemany),
never through the ORM unit of work. ``source_id`` and ``accession_id`` repeat
what the ingest run says, for filtering by source or document. None of the
three is a foreign key: each check would cost the bulk path a fifth of its
speed on PostgreSQL, the importer writes a run and its records in one
transaction, and `mafqud verify` checks that every record's run exists and
that the copies agree.

``original`` is the row's cells exactly as read, as a JSON array in column
order; the header row they belong to is kept once per sheet with the run.
"""
