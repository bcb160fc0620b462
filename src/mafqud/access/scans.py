"""Who may see and transcribe scanned pages: researchers of the organisation the scan was read for.

A page image shows every person on the page, and a staged row is not yet a
record with a disclosure level of its own; so pages and their staged rows
are seen only by the organisation whose source the scan was ingested into,
and only by those who may add to its sources (the ingest permission:
researchers and admins). Anyone else gets the same "not found" as for a page
that does not exist. Every opening of a page is audited, and so is every
correction, acceptance and rejection.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import orjson
from sqlalchemy import Engine, Select, false, select
from sqlalchemy.orm import Session

from mafqud.access.audit import audit
from mafqud.access.principal import Principal
from mafqud.access.roles import Permission
from mafqud.errors import NotFound
from mafqud.evidence import EvidenceStore
from mafqud.ingest.scan_queries import ScanProgress, scan_progress
from mafqud.ingest.transcription import (
    Accepted,
    accept_row,
    correct_field,
    map_column,
    reject_row,
    row_fields,
)
from mafqud.registry import (
    Accession,
    ScanPage,
    Source,
    StagedField,
    StagedRecord,
    StagedStatus,
    transaction,
)


@dataclass
class PageView:
    """A page for the transcription review: where it is, its columns and its staged rows."""

    page: ScanPage
    accession: Accession
    source: str
    fields: list[str | None]
    rows: list[tuple[StagedRecord, list[StagedField]]] = field(default_factory=list)
    previous_id: int | None = None
    next_id: int | None = None

    def view_box(self) -> tuple[int, int, int, int]:
        """The part of the page to show: the table's cells with the header row above them
        (on a photographed page the table is a fraction of the image); the whole page if
        nothing was staged. As SVG's (x, y, width, height)."""
        boxes = [(c.left, c.top, c.right, c.bottom) for _, cells in self.rows for c in cells]
        width, height = self.page.width or 0, self.page.height or 0
        if not boxes:
            return (0, 0, width, height)
        row = sorted(bottom - top for _, top, _, bottom in boxes)[len(boxes) // 2]
        left = max(0, min(b[0] for b in boxes) - row)
        top = max(0, min(b[1] for b in boxes) - 3 * row)  # the header row and a little more
        right = min(width, max(b[2] for b in boxes) + row)
        bottom = min(height, max(b[3] for b in boxes) + row)
        return (left, top, right - left, bottom - top)


def scans_for(session: Session, who: Principal) -> list[ScanProgress]:
    """The scans of the principal's organisation, if they may transcribe at all."""
    if not who.can(Permission.INGEST):
        return []
    return scan_progress(session, who.organisation_id)


def _pages_of(who: Principal) -> Select[ScanPage]:
    """The pages the principal may open: of scans read for their organisation's sources, if
    they may add to sources at all."""
    query = select(ScanPage).join(Source, Source.id == ScanPage.source_id)
    if not who.can(Permission.INGEST):
        return query.where(false())
    return query.where(Source.organisation_id == who.organisation_id)


def _page(session: Session, who: Principal, page_id: int) -> ScanPage:
    page = session.scalar(_pages_of(who).where(ScanPage.id == page_id))
    if page is None:
        raise NotFound(f"no page {page_id}")
    return page


def open_page(session: Session, who: Principal, page_id: int) -> PageView:
    """The page with its staged rows (audited: a page shows everyone on it)."""
    page = _page(session, who, page_id)
    view = PageView(
        page=page,
        accession=session.get_one(Accession, page.accession_id),
        source=session.get_one(Source, page.source_id).name,
        fields=orjson.loads(page.fields),
    )
    view.rows = _rows_with_fields(session, page.id)
    siblings = list(
        session.execute(
            select(ScanPage.id, ScanPage.page_number)
            .where(ScanPage.accession_id == page.accession_id, ScanPage.source_id == page.source_id)
            .order_by(ScanPage.page_number)
        )
    )
    ids = [row[0] for row in siblings]
    at = ids.index(page.id)
    view.previous_id = ids[at - 1] if at > 0 else None
    view.next_id = ids[at + 1] if at + 1 < len(ids) else None
    audit(session, who, "read-scan-page", f"{page.accession_id}/p{page.page_number}",
          {"page_id": page.id, "rows": len(view.rows)})  # fmt: skip
    return view


def _rows_with_fields(
    session: Session, page_id: int
) -> list[tuple[StagedRecord, list[StagedField]]]:
    """The page's staged rows in order, each with its cells in reading order (one query)."""
    cells = session.execute(
        select(StagedRecord, StagedField)
        .join(StagedField, StagedField.staged_record_id == StagedRecord.id)
        .where(StagedRecord.page_id == page_id)
        .order_by(StagedRecord.row_number, StagedField.column)
    )
    rows: dict[int, tuple[StagedRecord, list[StagedField]]] = {}
    for staged, cell in cells:
        rows.setdefault(staged.id, (staged, []))[1].append(cell)
    return list(rows.values())


def page_image(session: Session, who: Principal, page_id: int) -> str:
    """The SHA-256 of the page image, for the principal to open (audited)."""
    page = _page(session, who, page_id)
    if page.image_sha256 is None:
        raise NotFound(f"no image of page {page_id}")
    audit(session, who, "read-scan-image", f"{page.accession_id}/p{page.page_number}",
          {"sha256": page.image_sha256})  # fmt: skip
    return page.image_sha256


def first_page_to_review(session: Session, who: Principal, accession_id: str) -> int:
    """The first page of a scan with rows still staged, else its first page."""
    pages = _pages_of(who).where(ScanPage.accession_id == accession_id)
    mine = [page.id for page in session.scalars(pages.order_by(ScanPage.page_number))]
    if not mine:
        raise NotFound(f"no scan {accession_id!r}")
    waiting = session.scalar(
        select(StagedRecord.page_id)
        .where(StagedRecord.page_id.in_(mine), StagedRecord.status == StagedStatus.STAGED)
        .order_by(StagedRecord.page_id)
        .limit(1)
    )
    return int(waiting) if waiting is not None else mine[0]


def _may_see(session: Session, who: Principal, page_id: int) -> bool:
    try:
        _page(session, who, page_id)
    except NotFound:
        return False
    return True


@dataclass(frozen=True)
class TranscribedFrom:
    page_id: int
    page_number: int
    row_number: int


def transcribed_from(session: Session, who: Principal, record_id: str) -> TranscribedFrom | None:
    """The page and row a record was transcribed from, if the principal may open that page."""
    found = session.execute(
        select(StagedRecord.page_id, StagedRecord.row_number).where(
            StagedRecord.record_id == record_id
        )
    ).first()
    if found is None or not _may_see(session, who, found.page_id):
        return None
    page = session.get_one(ScanPage, found.page_id)
    return TranscribedFrom(page.id, page.page_number, found.row_number)


def _row_page(session: Session, who: Principal, staged_id: int) -> StagedRecord:
    """The staged row, if the principal may transcribe its page; NotFound otherwise."""
    staged = session.get(StagedRecord, staged_id)
    if staged is None:
        raise NotFound(f"no staged row {staged_id}")
    _page(session, who, staged.page_id)
    return staged


def save_row(session: Session, who: Principal, staged_id: int, values: dict[int, str]) -> int:
    """Apply a researcher's corrections (field id → value) to a row; how many changed."""
    _row_page(session, who, staged_id)
    cells = {cell.id: cell for cell in row_fields(session, staged_id)}
    changed = 0
    for field_id, value in values.items():
        if field_id not in cells:
            raise NotFound(f"no field {field_id} in row {staged_id}")
        if correct_field(session, field_id, value, who.actor):
            changed += 1
            audit(session, who, "correct-transcription", f"staged/{staged_id}",
                  {"field": cells[field_id].field, "value": value})  # fmt: skip
    return changed


def set_column(
    session: Session, who: Principal, page_id: int, column: int, field: str | None,
    whole_scan: bool,
) -> int:  # fmt: skip
    """Say which field a column of the page (or of the whole scan) holds; audited."""
    page = _page(session, who, page_id)
    changed = map_column(session, page.id, column, field, whole_scan)
    details = {"column": column, "field": field, "whole_scan": whole_scan, "cells": changed}
    target = f"{page.accession_id}/p{page.page_number}"
    audit(session, who, "map-transcription-column", target, details)
    return changed


def reject(session: Session, who: Principal, staged_id: int, reason: str) -> None:
    _row_page(session, who, staged_id)
    reject_row(session, staged_id, who.actor, reason)
    audit(session, who, "reject-transcription", f"staged/{staged_id}", {"reason": reason})


def accept(engine: Engine, store: EvidenceStore, who: Principal, staged_id: int) -> Accepted:
    """Accept a row the principal may transcribe: it becomes a source record. (The importer
    runs transactions of its own, so the right is checked in one before.)"""
    with transaction(engine) as session:
        _row_page(session, who, staged_id)
    accepted = accept_row(engine, store, staged_id, who.actor)
    with transaction(engine) as session:
        audit(session, who, "accept-transcription", f"staged/{staged_id}",
              {"record_id": accepted.record_id, "accession_id": accepted.accession_id})  # fmt: skip
    return accepted
