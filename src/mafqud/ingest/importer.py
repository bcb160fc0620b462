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
from itertools import chain, count, islice
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from mafqud import SOFTWARE
from mafqud.errors import UnreadableDocument
from mafqud.evidence import Action, EvidenceStore, Receipt, accession_file, append_event
from mafqud.ingest.mapping import HEADER_SEARCH_ROWS, ColumnPlan, Mapping, plan_columns
from mafqud.ingest.readers import Document, SheetRows, open_document
from mafqud.ingest.rows import Rejection, clean_batch, is_blank
from mafqud.registry import (
    FIELD_NAMES,
    QUARANTINE_COLUMNS,
    RECORD_COLUMNS,
    Accession,
    BulkWriter,
    Disclosure,
    ImportDigest,
    IngestRun,
    Organisation,
    Source,
    content_hash,
    derived_local_id,
    dumps,
    get_source,
    most_restrictive,
    record_id,
    source_records,
    transaction,
    utc_now,
)

BATCH_ROWS = 5_000
_FIRST_FIELD = RECORD_COLUMNS.index(FIELD_NAMES[0])
_RECORD_INSERT = (*RECORD_COLUMNS, "content_sha256")
_QUARANTINE_INSERT = (*QUARANTINE_COLUMNS, "content_sha256")
Progress = Callable[[int, int | None], None]


@dataclass
class SheetReport:
    """How one sheet was read."""

    name: str | None
    header_row: int | None = None
    headers: list[str] = field(default_factory=list)
    """The header row, once per sheet: records keep their cells as arrays in this order."""
    columns: dict[str, object] = field(default_factory=dict)
    skipped: str | None = None
    rows: int = 0


@dataclass
class IngestReport:
    """What an import did, for the command line, the API and the ingest run."""

    filename: str
    source: str
    accession_id: str
    sha256: str
    new_accession: bool
    already_imported: bool = False
    run_id: int | None = None
    kind: str | None = None
    encoding: str | None = None
    encoding_evidence: str | None = None
    sheets: list[SheetReport] = field(default_factory=list)
    rows_read: int = 0
    records_created: int = 0
    rows_unchanged: int = 0
    rows_quarantined: int = 0
    rows_blank: int = 0
    quarantine_reasons: dict[str, int] = field(default_factory=dict)
    flagged_values: dict[str, int] = field(default_factory=dict)
    output_sha256: str | None = None
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


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
        _record_failure(engine, request, accession, source, error)
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


def _record_failure(
    engine: Engine, request: IngestRequest, accession: Accession, source: Source, error: Exception
) -> None:
    """A failed import leaves no rows, but the attempt itself is part of the custody story."""
    with transaction(engine) as session:
        append_event(
            session,
            Action.INGEST_FAILED,
            request.agent,
            outcome="failed",
            accession_id=accession.id,
            input_sha256=accession.sha256,
            details={"source": source.name, "software": SOFTWARE, "error": str(error)},
        )


@dataclass(slots=True)
class _Pending:
    """A row between reading and writing: a record (R) or a quarantined row (Q)."""

    kind: str
    values: list[Any]


class _Import:
    """One import's state: the run row, the batch being filled, the digest, the counts."""

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
        self.disclosure = most_restrictive(
            Disclosure(source.disclosure), Disclosure(accession.restriction)
        ).value
        self.digest = ImportDigest()
        self.ordinal = 0
        self.reasons: Counter[str] = Counter()
        self.flags: Counter[str] = Counter()
        self.checks_ids = False

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
        # Plain values for the per-row loop (ORM attribute access is slow at a million rows).
        self.prefix = record_id(self.organisation.domain, self.source.slug, "")
        self.ids = (self.source.id, self.run_row.id, self.accession.id)
        mapping = self.request.mapping
        path = self.store.open(self.accession.sha256)
        document = open_document(path, mapping.encoding, mapping.sheets, self.request.path.name)
        try:
            self.report.kind = document.kind
            if document.encoding:
                self.report.encoding = document.encoding.codec
                self.report.encoding_evidence = document.encoding.evidence
            with BulkWriter(self.session) as self.writer:
                for sheet in document.sheets():
                    self._import_sheet(sheet, document, progress)
        finally:
            document.close()
        if not any(sheet.skipped is None for sheet in self.report.sheets):
            reasons = "; ".join(f"{s.name or 'file'}: {s.skipped}" for s in self.report.sheets)
            raise UnreadableDocument(
                f"{self.request.path.name}: no sheet has a header row with a name column "
                f"({reasons}); write a mapping file (see `mafqud ingest --help`)"
            )
        self._finish()

    def _import_sheet(
        self, sheet: SheetRows, document: Document, progress: Progress | None
    ) -> None:
        sheet_report = SheetReport(sheet.name)
        self.report.sheets.append(sheet_report)
        first = list(islice(sheet.rows, HEADER_SEARCH_ROWS))
        plan = plan_columns(first, self.request.mapping)
        if plan is None:
            sheet_report.skipped = "no header row with a name column among the first rows"
            return
        sheet_report.header_row = plan.header_row
        sheet_report.headers = list(plan.headers)
        sheet_report.columns = plan.describe()
        self.checks_ids = self.checks_ids or plan.id_index is not None
        rows = _after(plan.header_row, chain(first, sheet.rows))
        while batch := list(islice(rows, BATCH_ROWS)):
            kept = [(number, cells) for number, cells in batch if not is_blank(cells)]
            self.report.rows_blank += len(batch) - len(kept)
            sheet_report.rows += len(kept)
            self._write(kept, sheet, plan)
            if progress:
                progress(document.position(), document.size())

    def _write(
        self, rows: Sequence[tuple[int, Sequence[Any]]], sheet: SheetRows, plan: ColumnPlan
    ) -> None:
        """Clean a batch of (row number, cells) and write its records and quarantined rows.

        Ordinals number the non-blank rows of the whole document: they order the digest.
        """
        order = self.request.mapping.date_order
        results = clean_batch([cells for _, cells in rows], plan, order, sheet.strict_width)
        first_ordinal = self.ordinal + 1
        self.ordinal += len(rows)
        self.report.rows_read += len(results)
        prefix = self.prefix
        derived = derived_local_id(self.accession.sha256, sheet.index, "")
        pending: list[_Pending] = []
        numbered = zip(count(first_ordinal), rows, results, strict=False)
        for ordinal, (row_number, _), result in numbered:
            if isinstance(result, Rejection):
                pending.append(
                    self._quarantine(
                        result.code, result.reason, result.cells, sheet.name, row_number, ordinal
                    )
                )
                continue
            local_id = result.local_id or f"{derived}{row_number}"
            flags = "[]"
            if result.flags:
                flags = dumps([flag.as_dict() for flag in result.flags])
                self.flags.update(flag.field for flag in result.flags)
            values = [
                prefix + local_id,
                *self.ids,
                ordinal,
                sheet.name,
                row_number,
                local_id,
                *result.values,
                self.disclosure,
                flags,
                dumps(result.cells),
            ]
            pending.append(_Pending("R", values))
        if self.checks_ids:
            pending = self._resolve_id_conflicts(pending)
        self._flush(pending)

    def _quarantine(
        self,
        code: str,
        reason: str,
        original: Sequence[object] | str,
        sheet: str | None,
        row_number: int,
        ordinal: int,
    ) -> _Pending:
        raw = original if isinstance(original, str) else dumps(original)
        values = [self.run_row.id, ordinal, sheet, row_number, code, reason, raw]
        return _Pending("Q", values)

    def _flush(self, pending: Sequence[_Pending]) -> None:
        """Hash the rows of a batch into the digest, in order, and hand them to the writer."""
        records: list[list[Any]] = []
        quarantined: list[list[Any]] = []
        digest = self.digest
        hashed: list[tuple[str, str]] = []  # records since the last quarantined row, in order
        for row in pending:
            values = row.values
            row_hash = content_hash(values)
            values.append(row_hash)  # stored with the row; verify recomputes and compares
            if row.kind == "R":
                hashed.append((values[0], row_hash))
                records.append(values)
            else:
                digest.add_records(hashed)
                hashed = []
                self.reasons[values[4]] += 1
                digest.add_quarantined(values[1], row_hash)
                quarantined.append(values)
        digest.add_records(hashed)
        self.writer.write("source_records", _RECORD_INSERT, records)
        self.writer.write("quarantine", _QUARANTINE_INSERT, quarantined)
        self.report.records_created += len(records)
        self.report.rows_quarantined += len(quarantined)

    def _resolve_id_conflicts(self, batch: Sequence[_Pending]) -> list[_Pending]:
        """Rows whose id is taken: unchanged if identical, quarantined if not."""
        id_at = RECORD_COLUMNS.index("id")
        wanted = [p.values[id_at] for p in batch if p.kind == "R"]
        existing = {row.id: row for row in self._existing(wanted)}
        seen: dict[str, int] = {}
        resolved: list[_Pending] = []
        for pending in batch:
            if pending.kind == "Q":
                resolved.append(pending)
                continue
            rid = pending.values[id_at]
            replacement = self._conflict(pending, existing.get(rid), seen.get(rid))
            if replacement is None:
                seen[rid] = pending.values[RECORD_COLUMNS.index("row_number")]
                resolved.append(pending)
            elif replacement.kind == "U":
                self.report.rows_unchanged += 1
            else:
                resolved.append(replacement)
        return resolved

    def _existing(self, ids: Sequence[str]) -> Iterator[Any]:
        columns = [
            source_records.c[c] for c in ("id", "ingest_run_id", "row_number", "accession_id")
        ]
        fields = [source_records.c[name] for name in FIELD_NAMES]
        self.writer.drain()  # earlier batches must be in the table before we look
        for start in range(0, len(ids), 1000):
            chunk = ids[start : start + 1000]
            yield from self.session.execute(
                select(*columns, *fields).where(source_records.c.id.in_(chunk))
            )

    def _conflict(self, pending: _Pending, existing: Any, seen_row: int | None) -> _Pending | None:
        values = dict(zip(RECORD_COLUMNS, pending.values, strict=True))
        fields = pending.values[_FIRST_FIELD : _FIRST_FIELD + len(FIELD_NAMES)]
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
        if tuple(existing[4:]) == tuple(fields):
            return _Pending("U", [])
        reason = (
            f"record {rid} exists already (from {existing.accession_id}, row "
            f"{existing.row_number}) with different values"
        )
        return self._quarantine("id-conflict", reason, original, sheet, row_number, ordinal)

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


def _after(
    header_row: int, rows: Iterator[tuple[int, list[Any]]]
) -> Iterator[tuple[int, list[Any]]]:
    """The rows below the header; title rows above it belong to the document, not to records."""
    for row_number, cells in rows:
        if row_number > header_row:
            yield row_number, cells
