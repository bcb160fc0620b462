"""Appending to the publication log, with entry dates that never go backwards.

Every writer of the log takes the feed lock first, then the time — never
earlier than the last entry's — so that entries are committed in the order
of their dates and a reader polling with ``min_entry_date`` misses nothing.
Dates are whole seconds, as PFIF writes them; entries sharing a second are
told apart by their sequence number (a feed's ``skip``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import exists, func, insert, literal, select
from sqlalchemy.orm import Session

from mafqud.registry.catalog import MIRROR
from mafqud.registry.clock import as_utc, utc_now
from mafqud.registry.dialect import lock_feed, refresh_statistics
from mafqud.registry.entry_tables import FeedEntry, FeedRun
from mafqud.registry.models import IngestRun, Source, source_records


def next_entry_date(session: Session) -> datetime:
    """The date of the next entry: now, to the second, but never before the last one."""
    lock_feed(session)
    now = utc_now().replace(microsecond=0)
    last = session.scalar(select(func.max(FeedEntry.entry_date)))
    return max(now, as_utc(last)) if last is not None else now


ANALYZE_AFTER = 50_000
"""Entries published at once beyond which PostgreSQL's statistics are refreshed: at 1M records
feed pages took 3 s each while the planner believed the log empty, well under one after."""


def unpublished_runs(session: Session) -> list[int]:
    """The committed imports into this node's own sources whose records are not in the log.

    A node publishes the records it is the home of: copies of a partner's (mirror
    sources) are the partner's to publish.
    """
    mirrors = select(Source.id).where(Source.kind == MIRROR)
    query = (
        select(IngestRun.id)
        .where(~exists().where(FeedRun.ingest_run_id == IngestRun.id))
        .where(IngestRun.source_id.not_in(mirrors))
        .order_by(IngestRun.id)
    )
    return list(session.scalars(query))


def publish_records(session: Session, when: datetime, runs: Sequence[int]) -> int:
    """Enter the records of these imports (after they committed); how many.

    A run is published whole, with its FeedRun, in the caller's transaction, so its
    records are never in the log twice (migration 0009 recorded the runs published before).
    Counted by sequence numbers, under the feed lock the caller holds: drivers do not all
    report how many rows an INSERT … SELECT wrote (psycopg gives -1).
    """
    before = session.scalar(select(func.coalesce(func.max(FeedEntry.seq), 0)))
    for start in range(0, len(runs), 500):
        chunk = list(runs[start : start + 500])
        records = select(literal("person"), source_records.c.id, literal(when)).where(
            source_records.c.ingest_run_id.in_(chunk)
        )  # no "not published yet" test per record: on PostgreSQL, probing the table being
        # filled by the same statement re-reads its new rows, and 1M records took minutes
        session.execute(insert(FeedEntry).from_select(["kind", "record_id", "entry_date"], records))
        session.add_all(FeedRun(ingest_run_id=run, published_at=when) for run in chunk)
    session.flush()
    added = int(session.scalar(select(func.count()).where(FeedEntry.seq > before)) or 0)
    if added >= ANALYZE_AFTER:  # the next page's plan must know the log is no longer empty
        refresh_statistics(session, ("feed_entries", "source_records"))
    return added


def published_notes(session: Session) -> set[str]:
    """The ids of the notes in the log already."""
    query = select(FeedEntry.note_id).where(FeedEntry.kind == "note")
    return {note_id for note_id in session.scalars(query) if note_id}


COMMISSION_CONSENT = "commission"
"""The ``previous_level`` of a family report published again because its family withdrew the
consent it gave to the national commission (whose node then deletes its copy)."""


def republish(session: Session, record_id: str, previous_level: str) -> None:
    """Publish a record again after its disclosure changed, remembering the level it had."""
    when = next_entry_date(session)
    session.add(FeedEntry(kind="person", record_id=record_id, entry_date=when,
                          previous_level=previous_level))  # fmt: skip
    session.flush()


def publish_note(session: Session, note_id: str, record_id: str, when: datetime) -> None:
    """Enter a note (the caller checked it is not in the log yet)."""
    session.add(FeedEntry(kind="note", record_id=record_id, note_id=note_id, entry_date=when))
