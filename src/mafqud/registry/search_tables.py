"""Tables of the name-search index: derived data, rebuilt from source records at will.

The index is an inverted index in plain tables, the same on SQLite and
PostgreSQL: each indexed record is a small integer *doc*, and each of its
name terms (see :mod:`mafqud.search.terms`) is one posting row. Postings hold
integers and short ASCII/Arabic terms rather than record ids (about 55
characters each), which would make the table several times larger. Nothing
here is evidence: :func:`mafqud.search.rebuild_index` can drop and rebuild it
all, so no triggers guard it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Column, DateTime, Index, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from mafqud.registry.models import RECORD_ID, Base

TERM = String(200).with_variant(String(200, collation="C"), "postgresql")
"""Terms compare byte-wise on PostgreSQL, like record ids: the index only needs equality."""

search_docs = Table(
    "search_docs",
    Base.metadata,
    Column("doc", Integer, primary_key=True, autoincrement=False),
    Column("record_id", RECORD_ID, nullable=False, unique=True),
    Column("ingest_run_id", Integer, nullable=False, index=True),
)
"""One row per indexed record: its doc number in the postings, and the run it came in."""

search_postings = Table(
    "search_postings",
    Base.metadata,
    Column("term", TERM, nullable=False),
    Column("public", Boolean, nullable=False),
    Column("doc", Integer, nullable=False),
    Index("ix_search_postings_term_public_doc", "term", "public", "doc", unique=True),
)
"""(term, public, doc): one row per distinct term of a record; the index is the whole
lookup path. A term's postings are read as two runs in doc order, and probed for given docs.

``public`` says the record was *imported* at the public level (a fact that never changes;
its level in force may since have been overridden). It is an access path, not a rule: the
public's searches read only the public run, plus the records an override made public,
instead of skipping through the many restricted postings, and every row read still passes
the disclosure rule (see :mod:`mafqud.search.candidates`)."""


class SearchRun(Base):
    """An ingest run whose records are in the index: the index's watermark, run by run.

    A set of runs rather than the highest run id: two imports committing out of
    id order (possible on PostgreSQL) would leave the lower run unindexed forever
    behind a single high-water mark.
    """

    __tablename__ = "search_runs"

    ingest_run_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    records: Mapped[int] = mapped_column(Integer)
    indexed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
