"""Keeping the search index current: which runs are indexed, and indexing the rest in bulk.

The index is derived data, written outside the import's transaction: an
import that fails leaves nothing to index, and an index that falls behind
only delays search. What is indexed is kept as a set of ingest runs
(:class:`~mafqud.registry.SearchRun`); every run not in it is *pending*.

Who calls what:

* ``mafqud ingest`` calls :func:`index_pending` after each successful import;
* :func:`mafqud.search.search` indexes pending runs itself first when they hold
  at most :data:`INDEX_ON_SEARCH` records, so that a family's report filed
  through the web is found by the next search, while a million-record import
  never stalls a search;
* a caller that adds records to a run already indexed (not what the importer
  does) calls :func:`index_records` with their ids;
* :func:`rebuild_index` starts again from nothing, e.g. after the terms change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from mafqud.registry import (
    BulkWriter,
    Disclosure,
    IngestRun,
    SearchRun,
    empty_tables,
    lock_search_index,
    refresh_statistics,
    search_docs,
    search_postings,
    source_records,
    utc_now,
)
from mafqud.search.terms import CHAIN_FIELDS, MOTHER_FIELD, record_terms

Progress = Callable[[int, int | None], None]

INDEX_ON_SEARCH = 5_000
"""Pending records a search indexes before answering (about a second at most); more wait
for `mafqud search-index` or the next `mafqud ingest`."""
CHUNK = 20_000
ANALYZE_AFTER = 50_000
"""Records indexed at once beyond which the planner's statistics are refreshed."""
NAME_COLUMNS = (*CHAIN_FIELDS, MOTHER_FIELD)
POSTING_INDEX = next(iter(search_postings.indexes))
TABLES = ("search_postings", "search_docs", "search_runs")


def pending_runs(session: Session) -> list[tuple[int, int]]:
    """(run id, records it created) of every ingest run not yet indexed, oldest first."""
    query = (
        select(IngestRun.id, IngestRun.records_created)
        .outerjoin(SearchRun, SearchRun.ingest_run_id == IngestRun.id)
        .where(SearchRun.ingest_run_id.is_(None))
        .order_by(IngestRun.id)
    )
    return [(run_id, records) for run_id, records in session.execute(query)]


def pending_records(session: Session) -> int:
    """How many records wait to be indexed."""
    return sum(records for _run, records in pending_runs(session))


def index_pending(session: Session, progress: Progress | None = None) -> int:
    """Index every record of every run not indexed yet; the number of records indexed.

    Serialised by a lock, so two callers (an import and a search) never index
    one run twice; the second finds nothing left to do.
    """
    lock_search_index(session)
    runs = pending_runs(session)
    if not runs:
        return 0
    total = sum(records for _run, records in runs)
    indexed = session.scalar(select(func.count()).select_from(search_docs)) or 0
    wholesale = total > max(50_000, indexed)
    return _index_runs(session, runs, total, wholesale, progress)


def rebuild_index(session: Session, progress: Progress | None = None) -> int:
    """Empty the index and index every record again; the number of records indexed."""
    lock_search_index(session)
    empty_tables(session, TABLES)
    runs = pending_runs(session)
    return _index_runs(session, runs, sum(n for _r, n in runs), True, progress)


def index_records(session: Session, record_ids: Iterable[str]) -> int:
    """Index these records now, if they are not yet (a record added to a run already indexed)."""
    wanted = sorted(set(record_ids))
    if not wanted:
        return 0
    lock_search_index(session)
    query = _unindexed().where(source_records.c.id.in_(wanted))
    with BulkWriter(session) as writer:
        return _write(writer, session.execute(query).all(), _next_doc(session))


def _index_runs(
    session: Session,
    runs: Sequence[tuple[int, int]],
    total: int,
    wholesale: bool,
    progress: Progress | None,
) -> int:
    """Index runs chunk by chunk; ``wholesale`` drops the postings index and builds it after,
    which is several times faster than keeping a B-tree in order during a big load."""
    bind = session.connection()
    if wholesale:
        POSTING_INDEX.drop(bind)
    doc = _next_doc(session)
    done = 0
    with BulkWriter(session) as writer:
        for run_id, _records in runs:
            written = 0
            after = -1
            while True:
                writer.drain()  # an open COPY holds the connection the next read needs
                rows = session.execute(
                    _unindexed()
                    .where(
                        source_records.c.ingest_run_id == run_id,
                        source_records.c.ordinal > after,
                    )
                    .order_by(source_records.c.ordinal)
                    .limit(CHUNK)
                ).all()
                if not rows:
                    break
                after = rows[-1].ordinal
                count = _write(writer, rows, doc)
                doc += count
                written += count
                done += count
                if progress:
                    progress(done, total)
            writer.drain()
            session.execute(
                insert(SearchRun).values(
                    ingest_run_id=run_id, records=written, indexed_at=utc_now()
                )
            )
    if wholesale:
        POSTING_INDEX.create(bind)
    if wholesale or done > ANALYZE_AFTER:
        # source_records too: the postings are read joined to it, and right after a big
        # import the planner would otherwise take it for empty and scan it whole.
        refresh_statistics(session, (*TABLES, "source_records"))
    return done


def _unindexed() -> Any:
    """Records with their name fields, less those already indexed."""
    columns = [source_records.c[name] for name in NAME_COLUMNS]
    return (
        select(
            source_records.c.id,
            source_records.c.ingest_run_id,
            source_records.c.ordinal,
            source_records.c.disclosure,
            *columns,
        )
        .outerjoin(search_docs, search_docs.c.record_id == source_records.c.id)
        .where(search_docs.c.doc.is_(None))
    )


def _next_doc(session: Session) -> int:
    return int(session.scalar(select(func.max(search_docs.c.doc))) or 0) + 1


def _write(writer: BulkWriter, rows: Sequence[Any], first_doc: int) -> int:
    """Docs and postings of ``rows``, numbered from ``first_doc``; how many were written."""
    docs: list[tuple[int, str, int]] = []
    postings: list[tuple[str, bool, int]] = []
    for doc, row in enumerate(rows, start=first_doc):
        docs.append((doc, row.id, row.ingest_run_id))
        mapping = row._mapping
        public = row.disclosure == Disclosure.PUBLIC.value
        terms = record_terms({name: mapping[name] for name in NAME_COLUMNS})
        postings.extend((term, public, doc) for term in terms)
    writer.write("search_postings", ("term", "public", "doc"), postings)
    writer.write("search_docs", ("doc", "record_id", "ingest_run_id"), docs)
    return len(docs)
