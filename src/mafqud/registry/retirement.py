"""Taking a mirror copy out of the records when its home node replaces or expires it.

Source records are never edited: a copy that changes is *retired* — moved to
``retired_records`` with its position in its import and its hash, so the
import's digest still checks out — and, when replaced, the new version is
imported as a record of the same id. What was derived from the copy (its
search terms; for an expired copy, its place in a person and the proposals
that name it) goes with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from mafqud.registry.clock import utc_now
from mafqud.registry.models import MatchProposal, PersonRecord, source_records
from mafqud.registry.records import dumps
from mafqud.registry.search_tables import search_docs, search_postings
from mafqud.registry.sync_tables import RetiredRecord

REPLACED = "replaced"
EXPIRED = "expired"
_CHUNK = 500


def retire_records(
    session: Session, record_ids: Sequence[str], reason: str, by_run_id: int | None = None
) -> int:
    """Retire these records (those that exist); how many were retired.

    A replaced record's columns are kept whole (its history); an expired one
    keeps only its hash: its home node withdrew the content.
    """
    retired = 0
    for start in range(0, len(record_ids), _CHUNK):
        chunk = list(record_ids[start : start + _CHUNK])
        rows = session.execute(select(source_records).where(source_records.c.id.in_(chunk)))
        found = [{str(key): value for key, value in row._mapping.items()} for row in rows]
        if not found:
            continue
        now = utc_now()
        session.add_all(
            RetiredRecord(
                ingest_run_id=row["ingest_run_id"],
                ordinal=row["ordinal"],
                record_id=row["id"],
                source_id=row["source_id"],
                accession_id=row["accession_id"],
                content_sha256=row["content_sha256"],
                reason=reason,
                retired_at=now,
                replaced_by_run_id=by_run_id,
                row=dumps(row) if reason == REPLACED else None,
            )
            for row in found
        )
        ids = [row["id"] for row in found]
        _forget_derived(session, ids, whole=reason == EXPIRED)
        session.execute(delete(source_records).where(source_records.c.id.in_(ids)))
        retired += len(ids)
    session.flush()
    return retired


def _forget_derived(session: Session, ids: list[str], whole: bool) -> None:
    """Drop the search terms of these records; with ``whole``, their linkage results too."""
    docs = select(search_docs.c.doc).where(search_docs.c.record_id.in_(ids))
    session.execute(delete(search_postings).where(search_postings.c.doc.in_(docs)))
    session.execute(delete(search_docs).where(search_docs.c.record_id.in_(ids)))
    if whole:
        session.execute(delete(PersonRecord).where(PersonRecord.record_id.in_(ids)))
        session.execute(
            delete(MatchProposal).where(
                or_(MatchProposal.record_l.in_(ids), MatchProposal.record_r.in_(ids))
            )
        )
