"""The publication log: what this node has published to feeds, and when (PFIF ``entry_date``).

PFIF feeds are read incrementally: a partner asks for everything with an
entry date at or after the last one it saw. That only works if entry dates
never go backwards in what a reader can see, which the time of an import
cannot promise (a long import commits after a short one that finished
later). So publication is its own step, after the records are committed, in
transactions that hold one lock: each takes the time, never earlier than the
last entry's, and appends entries in that order (:mod:`mafqud.registry.entries`).

A record whose disclosure changes (a family withdraws consent, a takedown)
is published again with the level it had: a reader who could see it then and
cannot now receives an expiry placeholder, and deletes the copy.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from mafqud.registry.models import RECORD_ID, Base


class FeedEntry(Base):
    """One publication of a person (a record) or of a note."""

    __tablename__ = "feed_entries"
    __table_args__ = (
        Index("ix_feed_entries_entry_date_seq", "entry_date", "seq"),
        Index("ix_feed_entries_kind_record_id", "kind", "record_id"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    """"person" or "note"."""
    record_id: Mapped[str] = mapped_column(RECORD_ID)
    """The record (person entries) or the record the note is about."""
    note_id: Mapped[str | None] = mapped_column(String(400))
    entry_date: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    previous_level: Mapped[str | None] = mapped_column(String(16))
    """Set when a record is published again after its disclosure level changed: the level
    it had, so readers who lost it get a placeholder."""


class FeedRun(Base):
    """An import whose records are in the log: what a publication need not look at again.

    Publishing runs on every feed request; checking every record of a large
    registry for an entry each time cost a second or more a page.
    """

    __tablename__ = "feed_runs"

    ingest_run_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
