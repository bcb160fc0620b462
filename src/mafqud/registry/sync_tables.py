"""What a node keeps of its partners' feeds: where it stopped, what it retired, their notes.

A mirror source holds another organisation's records under their home ids
(PFIF). Only the home node may change them, so a copy changes in two ways
only, both driven by what the home node publishes:

- the home node published a newer version: the copy is replaced, and the
  version it replaces is kept whole in ``retired_records`` (history);
- the home node published an expiry placeholder (a family withdrew consent,
  a takedown): the copy is deleted, ``retired_records`` keeps only its hash
  (so `mafqud verify` still accounts for every row of the import), and every
  stored feed page that held it is redacted (``redactions``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mafqud.registry.models import RECORD_ID, SHA256, Base


class SyncCursor(Base):
    """How far this node has read one partner feed (PFIF ``min_entry_date`` and ``skip``)."""

    __tablename__ = "sync_cursors"

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), primary_key=True)
    feed: Mapped[str] = mapped_column(String(8), primary_key=True)
    """"person" or "note"."""
    url: Mapped[str] = mapped_column(String(2000))
    since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    skip: Mapped[int] = mapped_column(Integer)
    """Entries dated ``since`` already taken: the next page skips them."""
    after_seq: Mapped[int | None] = mapped_column(BigInteger)
    """A mafqud partner's own cursor (``mafqud:next``): exact, so used instead of the two above."""
    entries: Mapped[int] = mapped_column(BigInteger)
    pulled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class RetiredRecord(Base):
    """A mirror copy its home node replaced or expired: where it was, and its hash."""

    __tablename__ = "retired_records"

    ingest_run_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[str] = mapped_column(RECORD_ID, index=True)
    source_id: Mapped[int] = mapped_column(Integer)
    accession_id: Mapped[str] = mapped_column(String(32))
    content_sha256: Mapped[str] = mapped_column(SHA256)
    reason: Mapped[str] = mapped_column(String(16))
    """"replaced" (a newer version came; ``row`` keeps the old one) or "expired" (no content)."""
    retired_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    replaced_by_run_id: Mapped[int | None] = mapped_column(Integer)
    row: Mapped[str | None] = mapped_column(Text)
    """The replaced version's columns, JSON; empty for an expired copy (its content is gone)."""


class Redaction(Base):
    """A stored document rewritten without content its home node withdrew; the latest is current.

    The accession keeps the SHA-256 it was received with (the custody log proves
    what came in); the original bytes are deleted and ``redacted_sha256`` names
    what the store holds now.
    """

    __tablename__ = "redactions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    accession_id: Mapped[str] = mapped_column(ForeignKey("accessions.id"), index=True)
    redacted_sha256: Mapped[str] = mapped_column(SHA256)
    redacted_size: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReceivedNote(Base):
    """A PFIF note a partner published (a match, a status), kept as the partner wrote it."""

    __tablename__ = "received_notes"

    note_record_id: Mapped[str] = mapped_column(String(400), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    accession_id: Mapped[str] = mapped_column(ForeignKey("accessions.id"))
    person_record_id: Mapped[str] = mapped_column(RECORD_ID, index=True)
    linked_person_record_id: Mapped[str | None] = mapped_column(RECORD_ID, index=True)
    author_name: Mapped[str] = mapped_column(String(400))
    source_date: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    entry_date: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
