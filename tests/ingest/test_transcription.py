"""The transcription review: corrections kept, an accepted row a source record that points to its
page and boxes, a rejected row never a record, a decided row never changed (synthetic pages)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from sqlalchemy import select

from mafqud.errors import InvalidInput
from mafqud.evidence import verify_registry
from mafqud.ingest.scan_queries import corrections, scan_progress
from mafqud.ingest.scans import ScanRequest, ingest_scan
from mafqud.ingest.transcription import (
    PROVENANCE_COLUMNS,
    RowDecided,
    accept_row,
    correct_field,
    map_column,
    reject_row,
    row_fields,
)
from mafqud.registry import (
    Accession,
    DerivedKind,
    DerivedObject,
    ScanPage,
    StagedRecord,
    StagedStatus,
    TranscriptionCorrection,
    source_records,
    transaction,
)
from mafqud.synth.pages import PageSpec, render_page
from mafqud.synth.pdfs import write_text_pdf
from tests.conftest import Registry

AGENT = "researcher (pytest, synthetic data)"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A register page as a PDF with a text layer: staged without Tesseract (these tests are
    about the review; tests/ingest/test_scans.py and tests/ocr are about reading)."""
    rendered = render_page(PageSpec(rows=3, seed=83))
    return write_text_pdf(tmp_path_factory.mktemp("page") / "register.pdf", [rendered])


@pytest.fixture
def staged(registry: Registry, page: Path) -> list[int]:
    """The ids of the page's staged rows, in order."""
    ingest_scan(registry.engine, registry.store, ScanRequest(page, registry.source, AGENT))
    with transaction(registry.engine) as session:
        return list(session.scalars(select(StagedRecord.id).order_by(StagedRecord.row_number)))


def _field(registry: Registry, staged_id: int, name: str) -> int:
    with transaction(registry.engine) as session:
        return next(cell.id for cell in row_fields(session, staged_id) if cell.field == name)


def test_a_correction_keeps_the_ocr_value_who_and_when(
    registry: Registry, staged: list[int]
) -> None:
    field_id = _field(registry, staged[0], "family_name")
    with transaction(registry.engine) as session:
        assert correct_field(session, field_id, "  الحلبي   المصحح ", AGENT)
        assert not correct_field(session, field_id, "الحلبي المصحح", AGENT)  # no change, no row
    with transaction(registry.engine) as session:
        [fix] = session.scalars(select(TranscriptionCorrection)).all()
        cell = next(c for c in row_fields(session, staged[0]) if c.id == field_id)
        assert (fix.ocr_value, fix.previous_value) == (cell.ocr_text, cell.ocr_text)
        assert fix.corrected_value == cell.value == "الحلبي المصحح"
        assert fix.corrected_by == AGENT and fix.corrected_at is not None
        [exported] = corrections(session)
        assert exported.corrected_value == "الحلبي المصحح" and exported.page_image_sha256


def test_an_accepted_row_becomes_a_record_pointing_to_its_page_and_boxes(
    registry: Registry, staged: list[int]
) -> None:
    field_id = _field(registry, staged[0], "given_name")
    with transaction(registry.engine) as session:
        correct_field(session, field_id, "مصطفى", AGENT)
    accepted = accept_row(registry.engine, registry.store, staged[0], AGENT)
    with transaction(registry.engine) as session:
        record = session.execute(
            select(source_records).where(source_records.c.id == accepted.record_id)
        ).one()
        page = session.scalars(select(ScanPage)).one()
        scan = session.get_one(Accession, page.accession_id)
        row = session.get_one(StagedRecord, staged[0])
        transcription = session.get_one(Accession, accepted.accession_id)
        derived = session.get_one(DerivedObject, transcription.sha256)
        assert verify_registry(session, registry.store).ok
    assert record.given_name == "مصطفى"  # the corrected value, not what OCR read
    cells = orjson.loads(record.original)  # the row's cells; the provenance columns come last
    original = dict(zip(PROVENANCE_COLUMNS, cells[-len(PROVENANCE_COLUMNS) :], strict=True))
    assert original["scan_accession"] == scan.id and original["scan_page"] == "1"
    assert original["scan_row"] == "1" and original["corrected_fields"] == "given_name"
    box = orjson.loads(original["scan_boxes"])["given_name"]
    assert len(box) == 4 and box[0] < box[2] <= page.width and box[1] < box[3] <= page.height
    assert row.status == StagedStatus.ACCEPTED and row.record_id == accepted.record_id
    assert transcription.received_via == "transcription" and transcription.restriction == (
        scan.restriction
    )
    assert derived.kind == DerivedKind.TRANSCRIPTION and derived.derived_from == page.image_sha256


def test_a_decided_row_does_not_change(registry: Registry, staged: list[int]) -> None:
    accept_row(registry.engine, registry.store, staged[0], AGENT)
    with pytest.raises(RowDecided):
        accept_row(registry.engine, registry.store, staged[0], AGENT)
    with transaction(registry.engine) as session, pytest.raises(RowDecided):
        correct_field(session, _field(registry, staged[0], "given_name"), "غيره", AGENT)
    with transaction(registry.engine) as session:
        reject_row(session, staged[1], AGENT, "synthetic: row crossed out")
    with pytest.raises(RowDecided):
        accept_row(registry.engine, registry.store, staged[1], AGENT)
    with transaction(registry.engine) as session:
        records = session.execute(select(source_records.c.id)).all()
        [progress] = scan_progress(session)
    assert len(records) == 1  # the rejected row never became a record
    assert (progress.staged, progress.accepted, progress.rejected) == (1, 1, 1)


def test_a_row_without_a_name_cannot_be_accepted(registry: Registry, staged: list[int]) -> None:
    with transaction(registry.engine) as session:
        for cell in row_fields(session, staged[2]):
            if cell.field in ("given_name", "father_name", "grandfather_name", "family_name",
                              "mother_name", "full_name"):  # fmt: skip
                correct_field(session, cell.id, "", AGENT)
    with pytest.raises(InvalidInput, match="without any name"):
        accept_row(registry.engine, registry.store, staged[2], AGENT)
    with transaction(registry.engine) as session:
        assert session.get_one(StagedRecord, staged[2]).status == StagedStatus.STAGED
        assert not session.execute(select(source_records.c.id)).all()


def test_a_misread_column_is_mapped_by_hand_and_reaches_the_record(
    registry: Registry, staged: list[int]
) -> None:
    with transaction(registry.engine) as session:
        cells = row_fields(session, staged[0])
        facility = next(cell for cell in cells if cell.field == "facility")
        given = next(cell for cell in cells if cell.field == "given_name")
        page_id = session.get_one(StagedRecord, staged[0]).page_id
        assert map_column(session, page_id, facility.column, None) == 3  # as a misread header
    accepted = accept_row(registry.engine, registry.store, staged[0], AGENT)
    with transaction(registry.engine) as session:
        record = session.execute(
            select(source_records).where(source_records.c.id == accepted.record_id)
        ).one()
        with pytest.raises(InvalidInput, match="holds given_name already"):
            map_column(session, page_id, facility.column, "given_name")
        assert map_column(session, page_id, facility.column, "facility") == 2  # rows 2 and 3
    assert record.facility is None  # an unmapped column is not a field of the record …
    cells_kept = orjson.loads(record.original)[-len(PROVENANCE_COLUMNS) :]
    kept = dict(zip(PROVENANCE_COLUMNS, cells_kept, strict=True))
    assert facility.value in orjson.loads(kept["unmapped_cells"]).values()  # … but is kept
    second = accept_row(registry.engine, registry.store, staged[1], AGENT)
    with transaction(registry.engine) as session:
        mapped = session.execute(
            select(source_records.c.facility, source_records.c.given_name).where(
                source_records.c.id == second.record_id
            )
        ).one()
    assert mapped.facility and mapped.given_name
    assert given.column != facility.column


def test_a_column_is_mapped_on_every_page_of_the_scan(registry: Registry, tmp_path: Path) -> None:
    pages = [render_page(PageSpec(rows=2, seed=seed)) for seed in (87, 88)]
    pdf = write_text_pdf(tmp_path / "two-pages.pdf", pages)
    ingest_scan(registry.engine, registry.store, ScanRequest(pdf, registry.source, AGENT))
    with transaction(registry.engine) as session:
        first = session.scalars(select(ScanPage).order_by(ScanPage.page_number)).first()
        assert first is not None
        staged = session.scalars(select(StagedRecord.id).where(StagedRecord.page_id == first.id))
        cells = row_fields(session, next(iter(staged)))
        column = next(cell.column for cell in cells if cell.field == "facility")
        assert map_column(session, first.id, column, None, whole_scan=True) == 4  # 2 pages × 2
        assert map_column(session, first.id, column, None, whole_scan=True) == 0
        with pytest.raises(InvalidInput, match="no column"):
            map_column(session, first.id, 99, "facility")
