"""Scanned registers between the scanner and the registry: derived objects, pages, staged rows.

A scan is evidence like a spreadsheet, but its rows are not facts yet: OCR
proposes what a row says, and a researcher decides. So nothing read from a
page becomes a source record by itself. The tables here hold the way there:

- ``derived_objects``: every file made from an accessioned original (a page
  image, the straightened page, the OCR reading, the table of rows, an
  accepted row's transcription), stored in the evidence store under its own
  hash with a link to the object it was made from;
- ``scan_pages``: each page of a scan read for a source, once;
- ``staged_records`` and ``staged_fields``: the rows OCR proposes, each field
  with its confidence and its box on the page, until accepted or rejected;
- ``transcription_corrections``: every change a researcher made to what OCR
  read (the OCR value, the new value, who, when), kept as training data.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mafqud.registry.models import RECORD_ID, SHA256, Base


class DerivedKind(StrEnum):
    """What a derived object is."""

    PAGE_IMAGE = "page-image"
    STRAIGHTENED = "straightened-image"
    READING = "ocr-reading"
    ROWS = "table-rows"
    TRANSCRIPTION = "transcription"


class PageStatus(StrEnum):
    READ = "read"
    """The table was read; its rows are staged."""
    NO_TABLE = "no-table"
    """The page was readable but holds no ruled table (a cover, a letter): nothing staged."""
    FAILED = "failed"
    """The page could not be decoded; ``error`` says why."""


class StagedStatus(StrEnum):
    STAGED = "staged"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class DerivedObject(Base):
    """A file made from evidence, stored under its own hash, with what it was made from."""

    __tablename__ = "derived_objects"

    sha256: Mapped[str] = mapped_column(SHA256, primary_key=True)
    accession_id: Mapped[str] = mapped_column(ForeignKey("accessions.id"), index=True)
    """The original it descends from: its restriction is this object's restriction."""
    derived_from: Mapped[str] = mapped_column(SHA256)
    """The hash of the object it was made from (the original, or another derived object)."""
    kind: Mapped[str] = mapped_column(String(40))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    page_number: Mapped[int | None] = mapped_column(Integer)
    software: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ScanPage(Base):
    """One page of a scan, read for one source: processed once, whatever happens after."""

    __tablename__ = "scan_pages"
    __table_args__ = (UniqueConstraint("accession_id", "source_id", "page_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    accession_id: Mapped[str] = mapped_column(ForeignKey("accessions.id"))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    page_number: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int] = mapped_column(Integer)
    """How many pages the document has (so a page can say "3 of 40")."""
    status: Mapped[str] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text)
    image_sha256: Mapped[str | None] = mapped_column(SHA256)
    straightened_sha256: Mapped[str | None] = mapped_column(SHA256)
    reading_sha256: Mapped[str | None] = mapped_column(SHA256)
    rows_sha256: Mapped[str | None] = mapped_column(SHA256)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    angle: Mapped[float | None] = mapped_column(Float)
    engine: Mapped[str] = mapped_column(Text)
    fields: Mapped[str] = mapped_column(Text)
    """JSON: the field of each column, right to left, as mapped (null: not a record field)."""
    read_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    agent: Mapped[str] = mapped_column(String(400))


class StagedRecord(Base):
    """A row OCR read on a page: a proposal until a researcher accepts or rejects it."""

    __tablename__ = "staged_records"
    __table_args__ = (UniqueConstraint("page_id", "row_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("scan_pages.id"))
    row_number: Mapped[int] = mapped_column(Integer)
    """1 is the first row under the header."""
    status: Mapped[str] = mapped_column(String(16), index=True)
    record_id: Mapped[str | None] = mapped_column(RECORD_ID, index=True)
    """The source record an accepted row became."""
    decided_by: Mapped[str | None] = mapped_column(String(400))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str | None] = mapped_column(Text)
    """Why a row was rejected (a crossed-out line, a repeated row, not a person)."""


class StagedField(Base):
    """One cell of a staged row: what OCR read, how sure it was, where it is, what it is now."""

    __tablename__ = "staged_fields"
    __table_args__ = (UniqueConstraint("staged_record_id", "column"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staged_record_id: Mapped[int] = mapped_column(ForeignKey("staged_records.id"))
    column: Mapped[int] = mapped_column(Integer)
    """0 is the rightmost column, the first in reading order."""
    field: Mapped[str | None] = mapped_column(String(40))
    header: Mapped[str] = mapped_column(Text)
    ocr_text: Mapped[str] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    """Tesseract's word confidence (0–100); 100 for a PDF's text layer; -1 for an empty cell."""
    left: Mapped[int] = mapped_column(Integer)
    top: Mapped[int] = mapped_column(Integer)
    right: Mapped[int] = mapped_column(Integer)
    bottom: Mapped[int] = mapped_column(Integer)
    value: Mapped[str] = mapped_column(Text)
    """The text now: the OCR text until a researcher corrects it."""


class TranscriptionCorrection(Base):
    """A researcher's change to a field: training data, and the answer to "who changed this?"."""

    __tablename__ = "transcription_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staged_field_id: Mapped[int] = mapped_column(ForeignKey("staged_fields.id"), index=True)
    ocr_value: Mapped[str] = mapped_column(Text)
    previous_value: Mapped[str] = mapped_column(Text)
    corrected_value: Mapped[str] = mapped_column(Text)
    corrected_by: Mapped[str] = mapped_column(String(400))
    corrected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
