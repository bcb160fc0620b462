"""Ingesting a scan: the original into evidence, each page read once, its rows staged for review.

A scanned register differs from a spreadsheet in one way that matters: what
OCR reads is a proposal, not what the document says. So a scan's rows do not
become source records here. Each page is read, its artefacts are stored as
derived objects (the page image, the page straightened, the reading with
every cell's confidence and box, the table of rows), and its rows are staged
for the transcription review (:mod:`mafqud.ingest.transcription`), where a
researcher corrects, accepts or rejects each one.

The original is accessioned in its own transaction first: once received, it is
evidence whether or not it can be read. Each page is then one transaction,
so an interruption loses at most the page being read, and running the same
ingest again reads only the pages not yet read: every page once.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson
import PIL
from PIL import Image
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from mafqud import SOFTWARE
from mafqud.errors import UnreadableDocument
from mafqud.evidence import (
    EvidenceStore,
    Receipt,
    StoredObject,
    accession_file,
)
from mafqud.evidence.derived import Derivation, record_derived
from mafqud.ingest.importer import record_failure
from mafqud.ingest.mapping import Mapping
from mafqud.ocr import CellReading, NoTable, PageReading, read_page, turn
from mafqud.ocr.document import ScanPage as DocumentPage
from mafqud.ocr.document import is_pdf, page_count, pages, shown_as_is
from mafqud.ocr.engine import SURE
from mafqud.ocr.pdf import pdf_engine
from mafqud.registry import (
    Accession,
    DerivedKind,
    Disclosure,
    PageStatus,
    ScanPage,
    Source,
    StagedField,
    StagedRecord,
    StagedStatus,
    dumps,
    get_source,
    lock_custody_chain,
    transaction,
    utc_now,
)

Progress = Callable[[int, int], None]
LOW_CONFIDENCE = SURE
"""Under this, a field is shown to the reviewer as needing a look: the confidence (Tesseract's
0–100 scale) under which the reading itself tries a cell again."""


@dataclass(frozen=True)
class ScanRequest:
    path: Path
    source: str
    agent: str
    mapping: Mapping = field(default_factory=Mapping)
    receipt: Receipt | None = None


@dataclass
class ScanReport:
    """What one ingest of one scan did (a resumed ingest counts only what it read itself)."""

    filename: str
    source: str
    accession_id: str
    sha256: str
    new_accession: bool
    kind: str = "scan"
    pages: int = 0
    pages_read: int = 0
    pages_already_read: int = 0
    pages_without_table: int = 0
    pages_failed: int = 0
    rows_staged: int = 0
    fields_low_confidence: int = 0
    page_problems: dict[int, str] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def ingest_scan(
    engine: Engine, store: EvidenceStore, request: ScanRequest, progress: Progress | None = None
) -> ScanReport:
    """Accession a scan (image or PDF) and stage the rows of every page not read yet."""
    started = time.monotonic()
    with transaction(engine) as session:
        lock_custody_chain(session)  # before reading: batch workers accession side by side
        source = get_source(session, request.source)
        receipt = request.receipt or Receipt(restriction=Disclosure(source.disclosure))
        accession, new = accession_file(session, store, request.path, receipt, request.agent)
        session.expunge(source)
        session.expunge(accession)
    report = ScanReport(request.path.name, source.name, accession.id, accession.sha256, new)
    original = store.open(accession.sha256)
    try:
        report.pages = page_count(original)
        done = _pages_read(engine, accession.id, source.id)
        report.pages_already_read = len(done)
        if len(done) < report.pages:
            reader = _Reader(engine, store, request, source, accession, report, done)
            reader.run(original, progress)
    except UnreadableDocument as error:
        # Pages read before the failure stay (each was its own transaction); running the
        # ingest again retries from the first page not read. The stored copy is named by its
        # hash: the message says the name the user knows.
        reason = str(error).replace(original.name, request.path.name)
        record_failure(engine, request.agent, accession, source, reason)
        raise UnreadableDocument(reason) from error
    report.seconds = round(time.monotonic() - started, 3)
    return report


def _pages_read(engine: Engine, accession_id: str, source_id: int) -> dict[int, list[str | None]]:
    """Page number → its mapped fields, for the pages of this scan already read for this source."""
    with transaction(engine) as session:
        rows = session.execute(
            select(ScanPage.page_number, ScanPage.fields).where(
                ScanPage.accession_id == accession_id, ScanPage.source_id == source_id
            )
        )
        return {number: orjson.loads(fields) for number, fields in rows}


class _Reader:
    """One pass over a scan's pages; carries the register's column mapping from page to page."""

    def __init__(
        self,
        engine: Engine,
        store: EvidenceStore,
        request: ScanRequest,
        source: Source,
        accession: Accession,
        report: ScanReport,
        done: dict[int, list[str | None]],
    ) -> None:
        self.engine = engine
        self.store = store
        self.request = request
        self.source = source
        self.accession = accession
        self.report = report
        self.done = done
        self.cutter: str | None = None
        """What cut each page out of the original; None when the original is its only page, in
        a format a browser shows (it is then its own page image)."""

    def run(self, original: Path, progress: Progress | None) -> None:
        if not (self.report.pages == 1 and shown_as_is(original)):
            self.cutter = pdf_engine() if is_pdf(original) else f"Pillow {PIL.__version__}"
        missing = [n for n in range(1, self.report.pages + 1) if n not in self.done]
        carry = self._carry_before(missing[0])
        finished = len(self.done)
        if progress:
            progress(finished, self.report.pages)
        for page in pages(original, start=missing[0]):
            if page.number in self.done:
                carry = self.done[page.number] if any(self.done[page.number]) else carry
                continue
            fields = self._read_one(page, carry)
            if fields and any(fields):
                carry = fields
            finished += 1
            if progress:
                progress(finished, self.report.pages)

    def _carry_before(self, number: int) -> list[str | None] | None:
        """The mapping of the nearest page before ``number`` that mapped any column."""
        earlier = [n for n in self.done if n < number and any(self.done[n])]
        return self.done[max(earlier)] if earlier else None

    def _read_one(self, page: DocumentPage, carry: list[str | None] | None) -> list[str | None]:
        """Read and store one page; the fields it mapped (empty if it has no table)."""
        try:
            reading = read_page(page.image, self.request.mapping, words=page.words, carry=carry)
        except NoTable as error:
            self._store(page, None, PageStatus.NO_TABLE, str(error))
            self.report.pages_without_table += 1
            return []
        except UnreadableDocument as error:
            self._store(page, None, PageStatus.FAILED, str(error))
            self.report.pages_failed += 1
            self.report.page_problems[page.number] = str(error)
            return []
        self._store(page, reading, PageStatus.READ, None)
        self.report.pages_read += 1
        return reading.fields

    def _store(
        self, page: DocumentPage, reading: PageReading | None, status: PageStatus, error: str | None
    ) -> None:
        """The page's artefacts (written first), then its row and staged rows: one
        transaction, which takes the writer's lock before it reads anything (so a worker
        never reads a state another worker changes under it)."""
        made = _Artefacts(self.store, self.accession, page, reading, self.cutter)
        with transaction(self.engine) as session:
            lock_custody_chain(session)
            row = ScanPage(
                accession_id=self.accession.id,
                source_id=self.source.id,
                page_number=page.number,
                pages=self.report.pages,
                status=status.value,
                error=error,
                image_sha256=made.image.sha256,
                width=page.image.width,
                height=page.image.height,
                engine=reading.engine if reading else "",
                fields=dumps(reading.fields if reading else []),
                read_at=utc_now(),
                agent=self.request.agent,
            )
            if reading is not None:
                row.angle = reading.angle
                row.straightened_sha256 = made.image.sha256  # unless it was turned (below)
            for item in made.made:
                derivation = Derivation(self.accession.id, item.made_from, item.software,
                                        page.number)  # fmt: skip
                record_derived(session, derivation, item.kind, item.stored, item.media_type,
                               agent=self.request.agent)  # fmt: skip
                setattr(row, _COLUMN_OF[item.kind], item.stored.sha256)
            session.add(row)
            session.flush()
            if reading is not None:
                self._stage(session, row.id, reading)

    def _stage(self, session: Session, page_id: int, reading: PageReading) -> None:
        headers = [cell.text for cell in reading.headers]
        for number, cells in enumerate(reading.rows, start=1):
            if not any(cell.text for cell in cells if cell.field is not None):
                continue  # an empty ruled line: registers leave many at the foot of a page
            staged = StagedRecord(page_id=page_id, row_number=number, status=StagedStatus.STAGED)
            session.add(staged)
            session.flush()
            session.add_all(_staged_field(staged.id, cell, headers) for cell in cells)
            self.report.rows_staged += 1
            self.report.fields_low_confidence += sum(
                1 for cell in cells if cell.field and cell.text and cell.confidence < LOW_CONFIDENCE
            )


def _staged_field(staged_id: int, cell: CellReading, headers: list[str]) -> StagedField:
    left, top, right, bottom = cell.box
    return StagedField(
        staged_record_id=staged_id,
        column=cell.column,
        field=cell.field,
        header=headers[cell.column] if cell.column < len(headers) else "",
        ocr_text=cell.text,
        raw=cell.raw,
        confidence=cell.confidence,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        value=cell.text,
    )


_COLUMN_OF = {
    DerivedKind.PAGE_IMAGE: "image_sha256",
    DerivedKind.STRAIGHTENED: "straightened_sha256",
    DerivedKind.READING: "reading_sha256",
    DerivedKind.ROWS: "rows_sha256",
}


@dataclass(frozen=True)
class _Made:
    """One derived object, in the store already: what it is made from, and by what."""

    kind: DerivedKind
    stored: StoredObject
    made_from: str
    software: str
    media_type: str


class _Artefacts:
    """A page's derived objects, put in the store as soon as they are made."""

    def __init__(
        self,
        store: EvidenceStore,
        accession: Accession,
        page: DocumentPage,
        reading: PageReading | None,
        cutter: str | None,
    ) -> None:
        """``cutter`` names what cut the page out of the original; None when the original is
        the page itself, in a format a browser shows (a photographed page: a copy of it as
        PNG would be evidence of nothing, and several times its size)."""
        self.made: list[_Made] = []
        if cutter is None:
            self.image = StoredObject(accession.sha256, accession.size, Path(), added=False)
        else:
            self.image = store.put_bytes(_png(page.image))
            self.made.append(_Made(DerivedKind.PAGE_IMAGE, self.image, accession.sha256,
                                   f"mafqud {SOFTWARE} ({cutter})", "image/png"))  # fmt: skip
        if reading is None:
            return
        straightened = self.image
        if reading.angle != 0.0:  # else the page image is the straightened page
            straightened = store.put_bytes(_png(turn(page.image, reading.angle)))
            software = f"mafqud {SOFTWARE} (turned {reading.angle:+.2f}°)"
            self.made.append(_Made(DerivedKind.STRAIGHTENED, straightened, self.image.sha256,
                                   software, "image/png"))  # fmt: skip
        read = store.put_bytes(_reading_json(reading))
        self.made.append(_Made(DerivedKind.READING, read, straightened.sha256, reading.engine,
                               "application/json"))  # fmt: skip
        rows = store.put_bytes(_rows_csv(reading))
        self.made.append(_Made(DerivedKind.ROWS, rows, read.sha256, f"mafqud {SOFTWARE}",
                               "text/csv"))  # fmt: skip


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _reading_json(reading: PageReading) -> bytes:
    """Everything the engine said about the page, cell by cell (training data, and proof of
    what OCR read before anyone corrected it)."""
    return orjson.dumps(
        {
            "engine": reading.engine,
            "size": reading.size,
            "angle": reading.angle,
            "fields": reading.fields,
            "headers": [asdict(cell) for cell in reading.headers],
            "rows": [[asdict(cell) for cell in row] for row in reading.rows],
        },
        option=orjson.OPT_SORT_KEYS,
    )


def _rows_csv(reading: PageReading) -> bytes:
    """The page as a table, in reading order (right to left), as a spreadsheet would hold it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([cell.text for cell in reading.headers])
    for row in reading.rows:
        writer.writerow([cell.text for cell in row])
    return buffer.getvalue().encode("utf-8")
