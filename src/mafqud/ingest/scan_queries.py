"""What there is to see of scans: how far each is read, the pages waiting for review, the
corrections made (for the CLI, the web app and whoever retrains the reading)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from mafqud.registry import (
    Accession,
    PageStatus,
    ScanPage,
    Source,
    StagedField,
    StagedRecord,
    StagedStatus,
    TranscriptionCorrection,
)


@dataclass(frozen=True)
class ScanProgress:
    """One scan read for one source: its pages and rows so far."""

    accession_id: str
    filename: str
    source: str
    organisation_id: int
    pages: int
    pages_done: int
    pages_without_table: int
    pages_failed: int
    staged: int
    accepted: int
    rejected: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _count(status: str, column: Any) -> Any:
    return func.coalesce(func.sum(case((column == status, 1), else_=0)), 0)


def scan_progress(session: Session, organisation_id: int | None = None) -> list[ScanProgress]:
    """Every scan with pages read, newest first; only one organisation's if given."""
    rows_by_page = (
        select(
            StagedRecord.page_id,
            _count(StagedStatus.STAGED, StagedRecord.status).label("staged"),
            _count(StagedStatus.ACCEPTED, StagedRecord.status).label("accepted"),
            _count(StagedStatus.REJECTED, StagedRecord.status).label("rejected"),
        )
        .group_by(StagedRecord.page_id)
        .subquery()
    )
    query = (
        select(
            ScanPage.accession_id,
            Accession.original_filename,
            Source.name,
            Source.organisation_id,
            func.max(ScanPage.pages),
            func.count(ScanPage.id),
            _count(PageStatus.NO_TABLE, ScanPage.status),
            _count(PageStatus.FAILED, ScanPage.status),
            func.coalesce(func.sum(rows_by_page.c.staged), 0),
            func.coalesce(func.sum(rows_by_page.c.accepted), 0),
            func.coalesce(func.sum(rows_by_page.c.rejected), 0),
        )
        .join(Accession, Accession.id == ScanPage.accession_id)
        .join(Source, Source.id == ScanPage.source_id)
        .outerjoin(rows_by_page, rows_by_page.c.page_id == ScanPage.id)
        .group_by(
            ScanPage.accession_id, Accession.original_filename, Source.name, Source.organisation_id
        )
        .order_by(func.max(ScanPage.read_at).desc())
    )
    if organisation_id is not None:
        query = query.where(Source.organisation_id == organisation_id)
    return [
        ScanProgress(accession, filename, source, int(org), *(int(count) for count in counts))
        for accession, filename, source, org, *counts in session.execute(query)
    ]


@dataclass(frozen=True)
class CorrectionRow:
    """A correction with where its cell is: one example for retraining the reading."""

    accession_id: str
    page_number: int
    page_image_sha256: str | None
    row_number: int
    field: str | None
    box: tuple[int, int, int, int]
    confidence: float
    ocr_value: str
    corrected_value: str
    corrected_by: str
    corrected_at: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def corrections(session: Session, organisation_id: int | None = None) -> list[CorrectionRow]:
    """Every correction, oldest first, with its page image and box."""
    query = (
        select(TranscriptionCorrection, StagedField, StagedRecord, ScanPage)
        .join(StagedField, StagedField.id == TranscriptionCorrection.staged_field_id)
        .join(StagedRecord, StagedRecord.id == StagedField.staged_record_id)
        .join(ScanPage, ScanPage.id == StagedRecord.page_id)
        .order_by(TranscriptionCorrection.id)
    )
    if organisation_id is not None:
        query = query.join(Source, Source.id == ScanPage.source_id).where(
            Source.organisation_id == organisation_id
        )
    return [
        CorrectionRow(
            page.accession_id,
            page.page_number,
            page.image_sha256,
            staged.row_number,
            cell.field,
            (cell.left, cell.top, cell.right, cell.bottom),
            cell.confidence,
            fix.ocr_value,
            fix.corrected_value,
            fix.corrected_by,
            fix.corrected_at.isoformat(),
        )
        for fix, cell, staged, page in session.execute(query)
    ]
