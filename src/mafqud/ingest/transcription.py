"""The transcription review: a researcher corrects what OCR read, then accepts or rejects the row.

A staged row becomes a source record only when a person accepts it. The
accepted row is written as a one-row document — its values, where it is on
the page, who transcribed it — which is accessioned, linked to the page image
it was read from as a derived object, and imported by the ordinary importer,
as a family's report is. So the record has provenance down to the page and the
box, the transcription is itself tamper-evident evidence, and `mafqud verify`
re-checks it. Accepting the same row again changes nothing.

Every correction is kept: the OCR value, the value before, the value after,
who and when — the material to measure and retrain the reading later.
"""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass
from pathlib import Path

import orjson
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from mafqud import SOFTWARE
from mafqud.errors import InvalidInput, NotFound
from mafqud.evidence import EvidenceStore, Receipt, StoredObject
from mafqud.evidence.derived import Derivation, record_derived
from mafqud.ingest.importer import IngestRequest, ingest_file
from mafqud.registry import (
    FIELDS_BY_NAME,
    PERSON_NAME_FIELDS,
    Accession,
    DerivedKind,
    Disclosure,
    Organisation,
    ScanPage,
    Source,
    StagedField,
    StagedRecord,
    StagedStatus,
    TranscriptionCorrection,
    record_id,
    transaction,
    utc_now,
)

MAX_VALUE = 400
PROVENANCE_COLUMNS = (
    "scan_accession",
    "scan_file",
    "scan_page",
    "scan_row",
    "scan_boxes",
    "ocr_confidence",
    "corrected_fields",
    "unmapped_cells",
    "transcribed_by",
)
"""Columns of a transcription that say where the row is: kept in the record's original."""


class RowDecided(InvalidInput):
    """The row was accepted or rejected already: its fields no longer change."""


@dataclass(frozen=True)
class Accepted:
    staged_id: int
    record_id: str
    accession_id: str
    """The transcription's accession (the one-row document)."""
    new: bool


def staged_row(session: Session, staged_id: int) -> StagedRecord:
    staged = session.get(StagedRecord, staged_id)
    if staged is None:
        raise NotFound(f"no staged row {staged_id}")
    return staged


def row_fields(session: Session, staged_id: int) -> list[StagedField]:
    """The row's cells in reading order (rightmost column first)."""
    return list(
        session.scalars(
            select(StagedField)
            .where(StagedField.staged_record_id == staged_id)
            .order_by(StagedField.column)
        )
    )


def correct_field(session: Session, field_id: int, value: str, agent: str) -> bool:
    """Set a field of a staged row to ``value``; whether it changed. Kept as a correction."""
    cell = session.get(StagedField, field_id)
    if cell is None:
        raise NotFound(f"no staged field {field_id}")
    _still_staged(staged_row(session, cell.staged_record_id))
    value = " ".join(value.split())
    if len(value) > MAX_VALUE:
        raise InvalidInput(f"a field holds at most {MAX_VALUE} characters")
    if value == cell.value:
        return False
    session.add(
        TranscriptionCorrection(
            staged_field_id=cell.id,
            ocr_value=cell.ocr_text,
            previous_value=cell.value,
            corrected_value=value,
            corrected_by=agent,
            corrected_at=utc_now(),
        )
    )
    cell.value = value
    return True


def map_column(
    session: Session, page_id: int, column: int, field: str | None, whole_scan: bool = False
) -> int:
    """Say which field a column holds (its header was misread, or mapped wrongly), for the
    rows of the page still staged — or of every page of the scan with as many columns. None
    leaves the column out of the records. How many cells changed."""
    if field is not None and field not in FIELDS_BY_NAME:
        raise InvalidInput(f"unknown field {field!r}")
    page = session.get(ScanPage, page_id)
    if page is None:
        raise NotFound(f"no page {page_id}")
    width = len(orjson.loads(page.fields))
    if not 0 <= column < width:
        raise InvalidInput(f"page {page.page_number} has no column {column + 1}")
    pages = _same_layout(session, page, width) if whole_scan else [page]
    return sum(_map_on_page(session, each, column, field) for each in pages)


def _same_layout(session: Session, page: ScanPage, width: int) -> list[ScanPage]:
    """The scan's pages read for the same source with as many columns: on a page of another
    layout, column n is another column."""
    same_scan = (ScanPage.accession_id == page.accession_id, ScanPage.source_id == page.source_id)
    pages = session.scalars(select(ScanPage).where(*same_scan))
    return [each for each in pages if len(orjson.loads(each.fields)) == width]


def _map_on_page(session: Session, page: ScanPage, column: int, field: str | None) -> int:
    staged_cells = list(session.scalars(
        select(StagedField).join(StagedRecord, StagedRecord.id == StagedField.staged_record_id)
        .where(StagedRecord.page_id == page.id, StagedRecord.status == StagedStatus.STAGED)
    ))  # fmt: skip
    if field is not None and any(c.field == field and c.column != column for c in staged_cells):
        raise InvalidInput(
            f"another column of page {page.page_number} holds {field} already; change that first"
        )
    cells = [cell for cell in staged_cells if cell.column == column and cell.field != field]
    for cell in cells:
        cell.field = field
    return len(cells)


def reject_row(session: Session, staged_id: int, agent: str, reason: str = "") -> None:
    """Not a record (a crossed-out line, a row repeated, a total): kept, marked, never imported."""
    staged = staged_row(session, staged_id)
    _still_staged(staged)
    staged.status = StagedStatus.REJECTED
    staged.decided_by = agent
    staged.decided_at = utc_now()
    staged.reason = reason.strip() or None


def _still_staged(staged: StagedRecord) -> None:
    if staged.status != StagedStatus.STAGED:
        raise RowDecided(f"row {staged.row_number} was {staged.status} already")


@dataclass(frozen=True)
class _Row:
    """What the transcription document is written from."""

    staged_id: int
    source: str
    record_id: str
    local_id: str
    values: dict[str, str]
    provenance: dict[str, str]
    scan: Accession
    page_image: str
    page_number: int


def accept_row(engine: Engine, store: EvidenceStore, staged_id: int, agent: str) -> Accepted:
    """Make a staged row a source record, with provenance down to its page and boxes."""
    with transaction(engine) as session:
        row = _gather(session, staged_id, agent)
        if not any(row.values.get(name) for name in PERSON_NAME_FIELDS):
            raise InvalidInput(
                "a row without any name cannot become a record; correct or reject it"
            )
    with tempfile.TemporaryDirectory() as folder:
        path = _write_transcription(Path(folder) / f"transcription-{row.local_id}.csv", row)
        receipt = Receipt(
            received_from_person=agent,
            received_via="transcription",
            origin_producer=row.scan.origin_producer,
            restriction=Disclosure(row.scan.restriction),
            notes=f"row {row.provenance['scan_row']} of page {row.page_number} of "
            f"{row.scan.id} ({row.scan.original_filename}), transcribed from OCR",
        )
        report = ingest_file(engine, store, IngestRequest(path, row.source, agent, receipt=receipt))
        size = path.stat().st_size
    # the importer stored the transcription when it accessioned it: the same object
    stored = StoredObject(report.sha256, size, store.path_for(report.sha256), added=False)
    with transaction(engine) as session:
        if report.rows_quarantined:
            raise InvalidInput(f"the row could not become a record: {report.quarantine_reasons}")
        record_derived(
            session,
            Derivation(row.scan.id, row.page_image, f"mafqud {SOFTWARE} (transcription review)",
                       row.page_number),
            DerivedKind.TRANSCRIPTION, stored, "text/csv", {"record_id": row.record_id}, agent,
        )  # fmt: skip
        staged = staged_row(session, staged_id)
        staged.status = StagedStatus.ACCEPTED
        staged.record_id = row.record_id
        staged.decided_by = agent
        staged.decided_at = utc_now()
    return Accepted(staged_id, row.record_id, report.accession_id, not report.already_imported)


def _gather(session: Session, staged_id: int, agent: str) -> _Row:
    staged = staged_row(session, staged_id)
    _still_staged(staged)
    page = session.get_one(ScanPage, staged.page_id)
    source = session.get_one(Source, page.source_id)
    organisation = session.get_one(Organisation, source.organisation_id)
    scan = session.get_one(Accession, page.accession_id)
    session.expunge(scan)
    every = row_fields(session, staged_id)
    cells = [cell for cell in every if cell.field in FIELDS_BY_NAME]
    unmapped = {f"{cell.column + 1}: {cell.header}": cell.value for cell in every
                if cell.field not in FIELDS_BY_NAME and cell.value}  # fmt: skip
    corrected = [cell.field for cell in cells if cell.value != cell.ocr_text]
    local_id = f"{scan.sha256[:12]}.p{page.page_number}.r{staged.row_number}"
    return _Row(
        staged_id=staged_id,
        source=source.name,
        record_id=record_id(organisation.domain, source.slug, local_id),
        local_id=local_id,
        values={str(cell.field): cell.value for cell in cells},
        provenance={
            "scan_accession": scan.id,
            "scan_file": scan.original_filename,
            "scan_page": str(page.page_number),
            "scan_row": str(staged.row_number),
            "scan_boxes": _json(
                {cell.field: [cell.left, cell.top, cell.right, cell.bottom] for cell in cells}
            ),
            "ocr_confidence": _json({cell.field: round(cell.confidence, 1) for cell in cells}),
            "corrected_fields": " ".join(str(name) for name in corrected),
            "unmapped_cells": _json(unmapped) if unmapped else "",
            "transcribed_by": agent,
        },
        scan=scan,
        page_image=page.image_sha256 or scan.sha256,
        page_number=page.page_number,
    )


def _json(value: object) -> str:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


def _write_transcription(path: Path, row: _Row) -> Path:
    """The accepted row as the one-row CSV the importer reads (canonical column names, so no
    mapping is needed); no timestamp in it, so accepting the same row again is the same file."""
    names = list(row.values)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id", *names, *PROVENANCE_COLUMNS])
        writer.writerow([
            row.local_id, *(row.values[name] for name in names),
            *(row.provenance[column] for column in PROVENANCE_COLUMNS),
        ])  # fmt: skip
    return path
