"""What an export may hold: the records a reader may see, the fields they may see, and the audit.

Every export (PFIF, CSV, JSON) goes through here, so the disclosure rule is
applied once, as on the pages: staff read every field of the records their
role and organisation allow; the public reads public records only, and only
the fields a public listing shows. Restricted records that leave in an export
are written to the audit log, a thousand to an entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import TracebackType
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mafqud.access import Principal, audit
from mafqud.access.records import effective_level, records_from
from mafqud.registry import Disclosure, IngestRun, Source, source_records
from mafqud.registry.fields import FIELD_NAMES, LISTED_FIELDS
from mafqud.search import Reader
from mafqud.search.candidates import visibility

BATCH = 2_000
AUDIT_BATCH = 1_000
"""Restricted records listed per audit entry of an export."""


def allowed_fields(reader: Reader) -> tuple[str, ...]:
    return FIELD_NAMES if reader is not None else LISTED_FIELDS


def exportable_records(session: Session, reader: Reader) -> Iterator[Any]:
    """Every record ``reader`` may see, in id order, with its source, level and import time."""
    query = (
        select(
            source_records, Source.name.label("source_name"), effective_level.label("level"),
            IngestRun.finished_at.label("stored_at"),
        )
        .select_from(records_from().join(IngestRun, IngestRun.id == source_records.c.ingest_run_id))
        .where(visibility(reader))
        .order_by(source_records.c.id)
    )  # fmt: skip
    yield from session.execute(query.execution_options(yield_per=BATCH))


class RestrictedReads:
    """Collects the restricted records an export writes and audits them in batches."""

    def __init__(self, session: Session, reader: Reader, what: str) -> None:
        self.session, self.reader, self.what = session, reader, what
        self.pending: list[str] = []
        self.count = 0

    def __enter__(self) -> RestrictedReads:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None:
            self._flush()

    def saw(self, row: Any) -> None:
        if row.level == Disclosure.RESTRICTED.value:
            self.pending.append(row.id)
            self.count += 1
            if len(self.pending) == AUDIT_BATCH:
                self._flush()

    def _flush(self) -> None:
        if self.pending and self.reader is not None:
            who = self.reader if isinstance(self.reader, Principal) else self.reader.actor
            audit(self.session, who, "export-restricted", self.what, {"records": self.pending})
        self.pending = []
