"""Importing a document into a source: evidence first, then every row, all or nothing.

The file is accessioned (stored and hashed) in its own transaction: once
received, it is evidence whether or not it can be read. The rows are then
read from the stored copy, not from the user's file, and written in a single
transaction together with the ingest run and its custody event, so a crash or
kill leaves either the whole import or none of it. An accession is imported
into a given source once: importing it again changes nothing.
"""

from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from mafqud import SOFTWARE
from mafqud.evidence import Action, EvidenceStore, Receipt, accession_file, append_event
from mafqud.ingest.mapping import Mapping
from mafqud.ingest.prepare import Batch, Opened, Preparation, prepare, quarantine_values
from mafqud.ingest.report import IngestReport, SheetReport
from mafqud.interchange.persons import home_version
from mafqud.registry import (
    FIELD_NAMES,
    MIRROR,
    QUARANTINE_COLUMNS,
    RECORD_COLUMNS,
    REPLACED,
    Accession,
    BulkWriter,
    Disclosure,
    ImportDigest,
    IngestRun,
    Organisation,
    Source,
    content_hash,
    dumps,
    get_source,
    most_restrictive,
    record_id,
    retire_records,
    source_records,
    transaction,
    utc_now,
)

_FIRST_FIELD = RECORD_COLUMNS.index(FIELD_NAMES[0])
_RECORD_INSERT = (*RECORD_COLUMNS, "content_sha256")
_QUARANTINE_INSERT = (*QUARANTINE_COLUMNS, "content_sha256")
Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class IngestRequest:
    path: Path
    source: str
    agent: str
    mapping: Mapping = field(default_factory=Mapping)
    receipt: Receipt | None = None


def ingest_file(
    engine: Engine, store: EvidenceStore, request: IngestRequest, progress: Progress | None = None
) -> IngestReport:
    """Accession ``request.path`` and import its rows into the named source."""
    started = time.monotonic()
    with transaction(engine) as session:
        source = get_source(session, request.source)
        organisation = session.get_one(Organisation, source.organisation_id)
        # Unstated provenance stays unstated: the importing organisation is the custodian,
        # not necessarily who handed the file over.
        receipt = request.receipt or Receipt(restriction=Disclosure(source.disclosure))
        accession, new = accession_file(session, store, request.path, receipt, request.agent)
    report = IngestReport(
        filename=request.path.name,
        source=source.name,
        accession_id=accession.id,
        sha256=accession.sha256,
        new_accession=new,
    )
    with transaction(engine) as session:
        previous = session.scalar(
            select(IngestRun).where(
                IngestRun.accession_id == accession.id, IngestRun.source_id == source.id
            )
        )
    if previous is not None:
        report.already_imported = True
        report.run_id = previous.id
        return report
    try:
        with transaction(engine) as session, _without_cycle_collection():
            _Import(session, store, request, source, organisation, accession, report).run(progress)
    except Exception as error:
        record_failure(engine, request.agent, accession, source, str(error))
        raise
    report.seconds = round(time.monotonic() - started, 3)
    return report


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector during an import.

    Rows are plain lists, dicts and strings that reference counting frees; but
    with the cleaning caches holding hundreds of thousands of objects, every
    full collection walks them all, which measured as half the import time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def record_failure(
    engine: Engine, agent: str, accession: Accession, source: Source, error: str
) -> None:
    """A failed import (or scan ingest) leaves no rows of its own, but the attempt itself is
    part of the custody story."""
    with transaction(engine) as session:
        append_event(
            session,
            Action.INGEST_FAILED,
            agent,
            outcome="failed",
            accession_id=accession.id,
            input_sha256=accession.sha256,
            details={"source": source.name, "software": SOFTWARE, "error": error},
        )


_Pending = tuple[str, list[Any]]
"""A row between preparing and writing: ("R", record values) or ("Q", quarantine values)."""


class _Import:
    """One import's state: the run row, the digest, the counts."""

    def __init__(
        self,
        session: Session,
        store: EvidenceStore,
        request: IngestRequest,
        source: Source,
        organisation: Organisation,
        accession: Accession,
        report: IngestReport,
    ) -> None:
        self.session = session
        self.store = store
        self.request = request
        self.source = source
        self.organisation = organisation
        self.accession = accession
        self.report = report
        self.digest = ImportDigest()
        self.reasons: Counter[str] = Counter()
        self.flags: Counter[str] = Counter()

    def run(self, progress: Progress | None) -> None:
        started_at = utc_now()
        self.run_row = IngestRun(
            accession_id=self.accession.id,
            source_id=self.source.id,
            started_at=started_at,
            finished_at=started_at,
            agent=self.request.agent,
            options="{}",
            rows_read=0,
            records_created=0,
            rows_unchanged=0,
            rows_quarantined=0,
            rows_blank=0,
            output_sha256="",
        )
        self.session.add(self.run_row)
        self.session.flush()
        path = self.store.open(self.accession.sha256)
        mirror = self.source.kind == MIRROR
        preparation = Preparation(
            path=path,
            name=self.request.path.name,
            sha256=self.accession.sha256,
            mapping=self.request.mapping,
            record_prefix=""
            if mirror
            else record_id(self.organisation.domain, self.source.slug, ""),
            home_domain=self.organisation.domain if mirror else None,
            source_id=self.source.id,
            run_id=self.run_row.id,
            accession_id=self.accession.id,
            disclosure=most_restrictive(
                Disclosure(self.source.disclosure), Disclosure(self.accession.restriction)
            ).value,
        )
        with BulkWriter(self.session) as self.writer:
            for message in prepare(preparation):
                self._take(message, progress)
        self._finish()

    def _take(self, message: Opened | SheetReport | Batch, progress: Progress | None) -> None:
        report = self.report
        if isinstance(message, Opened):
            report.kind = message.kind
            report.encoding, report.encoding_evidence = message.encoding, message.encoding_evidence
        elif isinstance(message, SheetReport):
            report.sheets.append(message)
        else:
            report.sheets[-1].rows += len(message.rows)
            report.rows_read += len(message.rows)
            report.rows_blank += message.blank
            self.flags.update(message.flags)
            pending = message.rows
            if message.checks_ids:
                pending = self._resolve_id_conflicts(pending)
            self._write(pending)
            if progress:
                progress(message.position, message.size)

    def _quarantine(
        self,
        code: str,
        reason: str,
        raw: str,
        sheet: str | None,
        row_number: int,
        ordinal: int,
    ) -> _Pending:
        values = quarantine_values(self.run_row.id, ordinal, sheet, row_number, code, reason)
        values.append(raw)
        values.append(content_hash(values))
        return ("Q", values)

    def _write(self, pending: Sequence[_Pending]) -> None:
        """Add a batch's rows to the digest, in order, and hand them to the writer."""
        records: list[list[Any]] = []
        quarantined: list[list[Any]] = []
        digest = self.digest
        hashed: list[tuple[str, str]] = []  # records since the last quarantined row, in order
        for kind, values in pending:
            if kind == "R":
                hashed.append((values[0], values[-1]))
                records.append(values)
            else:
                digest.add_records(hashed)
                hashed = []
                self.reasons[values[4]] += 1
                digest.add_quarantined(values[1], values[-1])
                quarantined.append(values)
        digest.add_records(hashed)
        self.writer.write("source_records", _RECORD_INSERT, records)
        self.writer.write("quarantine", _QUARANTINE_INSERT, quarantined)
        self.report.records_created += len(records)
        self.report.rows_quarantined += len(quarantined)

    def _resolve_id_conflicts(self, batch: Sequence[_Pending]) -> list[_Pending]:
        """Rows whose id is taken: unchanged if identical, quarantined if not."""
        id_at = RECORD_COLUMNS.index("id")
        wanted = [values[id_at] for kind, values in batch if kind == "R"]
        existing = {row.id: row for row in self._existing(wanted)}
        seen: dict[str, int] = {}
        resolved: list[_Pending] = []
        for pending in batch:
            if pending[0] == "Q":
                resolved.append(pending)
                continue
            rid = pending[1][id_at]
            replacement = self._conflict(pending, existing.get(rid), seen.get(rid))
            if replacement is None:
                seen[rid] = pending[1][RECORD_COLUMNS.index("row_number")]
                resolved.append(pending)
            elif replacement[0] == "U":
                self.report.rows_unchanged += 1
            elif replacement[0] == "X":
                retire_records(self.session, [rid], REPLACED, self.run_row.id)
                self.report.records_replaced += 1
                seen[rid] = pending[1][RECORD_COLUMNS.index("row_number")]
                resolved.append(("R", replacement[1]))
            else:
                resolved.append(replacement)
        return resolved

    def _existing(self, ids: Sequence[str]) -> Iterator[Any]:
        columns = [
            source_records.c[c]
            for c in ("id", "ingest_run_id", "row_number", "accession_id", "original")
        ]
        fields = [source_records.c[name] for name in FIELD_NAMES]
        self.writer.drain()  # earlier batches must be in the table before we look
        for start in range(0, len(ids), 1000):
            chunk = ids[start : start + 1000]
            yield from self.session.execute(
                select(*columns, *fields).where(source_records.c.id.in_(chunk))
            )

    def _conflict(self, pending: _Pending, existing: Any, seen_row: int | None) -> _Pending | None:
        values = dict(zip(RECORD_COLUMNS, pending[1][:-1], strict=True))
        fields = pending[1][_FIRST_FIELD : _FIRST_FIELD + len(FIELD_NAMES)]
        rid, sheet, row_number = values["id"], values["sheet"], values["row_number"]
        original, ordinal = values["original"], values["ordinal"]
        if seen_row is not None or (
            existing is not None and existing.ingest_run_id == self.run_row.id
        ):
            first = seen_row if seen_row is not None else existing.row_number
            reason = f"id {values['local_id']!r} is used already at row {first} of this document"
            return self._quarantine("duplicate-id", reason, original, sheet, row_number, ordinal)
        if existing is None:
            return None
        if tuple(existing[5:]) == tuple(fields):
            return ("U", [])
        if self.source.kind == MIRROR:
            return self._newer_copy(pending, existing)
        reason = (
            f"record {rid} exists already (from {existing.accession_id}, row "
            f"{existing.row_number}) with different values"
        )
        return self._quarantine("id-conflict", reason, original, sheet, row_number, ordinal)

    def _newer_copy(self, pending: _Pending, existing: Any) -> _Pending:
        """A home node's changed record: it replaces the copy if newer; an older one waits in
        quarantine (feeds arrive in order, but a partner's old file may be imported late)."""
        values = dict(zip(RECORD_COLUMNS, pending[1][:-1], strict=True))
        incoming, held = home_version(values["original"]), home_version(existing.original)
        if incoming and incoming > held:
            return ("X", pending[1])
        reason = (
            f"record {values['id']} is held already in a version of {held or 'unknown date'} "
            f"(from {existing.accession_id}); this one, of {incoming or 'unknown date'}, is not "
            "newer"
        )
        return self._quarantine(
            "older-version", reason, values["original"], values["sheet"], values["row_number"],
            values["ordinal"],
        )  # fmt: skip

    def _finish(self) -> None:
        run = self.run_row
        report = self.report
        report.quarantine_reasons = dict(self.reasons)
        report.flagged_values = dict(self.flags)
        report.output_sha256 = self.digest.hexdigest()
        report.run_id = run.id
        run.finished_at = utc_now()
        run.encoding = report.encoding
        run.options = dumps(
            {
                "mapping": self.request.mapping.describe(),
                "sheets": [asdict(sheet) for sheet in report.sheets],
                "software": SOFTWARE,
            }
        )
        run.rows_read = report.rows_read
        run.records_created = report.records_created
        run.rows_unchanged = report.rows_unchanged
        run.rows_quarantined = report.rows_quarantined
        run.rows_blank = report.rows_blank
        run.output_sha256 = report.output_sha256
        self.session.flush()
        append_event(
            self.session,
            Action.INGESTED,
            self.request.agent,
            accession_id=self.accession.id,
            input_sha256=self.accession.sha256,
            output_sha256=report.output_sha256,
            details={
                "run_id": run.id,
                "source": self.source.name,
                "software": SOFTWARE,
                "encoding": report.encoding,
                "records": report.records_created,
                "unchanged": report.rows_unchanged,
                "quarantined": report.rows_quarantined,
            },
        )
