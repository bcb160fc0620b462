"""The same views as tables for analysts: CSV (opens in Excel with Arabic intact), JSON, JSON Lines.

One row per record the reader may see, with where it came from (source,
document, sheet, row) and the fields the reader may see; the disclosure rule
and the audit are those of every export (:mod:`.selection`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import orjson
from sqlalchemy.orm import Session

from mafqud.errors import InvalidInput
from mafqud.interchange.selection import RestrictedReads, allowed_fields, exportable_records
from mafqud.search import Reader

FORMATS = ("csv", "json", "jsonl")
PROVENANCE = ("record_id", "source", "disclosure", "accession_id", "sheet", "row_number")


@dataclass(frozen=True)
class TableSummary:
    format: str
    records: int
    restricted: int

    def as_dict(self) -> dict[str, Any]:
        return {"format": self.format, "records": self.records,
                "restricted_records": self.restricted}  # fmt: skip


def export_table(session: Session, reader: Reader, out: IO[bytes], fmt: str) -> TableSummary:
    """Write every record ``reader`` may see to ``out`` as CSV, a JSON array or JSON Lines."""
    if fmt not in FORMATS:
        raise InvalidInput(f"format must be one of {', '.join(FORMATS)}")
    columns = (*PROVENANCE, *allowed_fields(reader))
    records = 0
    with RestrictedReads(session, reader, f"{fmt} export") as restricted:
        rows = _rows(session, reader, columns, restricted)
        writer = {"csv": _csv, "json": _json, "jsonl": _jsonl}[fmt]
        for _ in writer(out, columns, rows):
            records += 1
    return TableSummary(fmt, records, restricted.count)


def _rows(
    session: Session, reader: Reader, columns: tuple[str, ...], restricted: RestrictedReads
) -> Iterator[dict[str, Any]]:
    for row in exportable_records(session, reader):
        restricted.saw(row)
        values = row._mapping
        yield {
            "record_id": row.id, "source": row.source_name, "disclosure": row.level,
            "accession_id": row.accession_id, "sheet": row.sheet, "row_number": row.row_number,
            **{name: values[name] for name in columns[len(PROVENANCE):]},
        }  # fmt: skip


def _csv(
    out: IO[bytes], columns: tuple[str, ...], rows: Iterator[dict[str, Any]]
) -> Iterator[None]:
    """UTF-8 with a byte-order mark: Excel then reads Arabic as Arabic, not as Latin-1."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=list(columns))
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        yield None
    text.flush()
    text.detach()


def _json(
    out: IO[bytes], _columns: tuple[str, ...], rows: Iterator[dict[str, Any]]
) -> Iterator[None]:
    """A JSON array, written element by element (never the whole array in memory)."""
    out.write(b"[")
    for index, row in enumerate(rows):
        out.write((b",\n" if index else b"\n") + orjson.dumps(row))
        yield None
    out.write(b"\n]\n")


def _jsonl(
    out: IO[bytes], _columns: tuple[str, ...], rows: Iterator[dict[str, Any]]
) -> Iterator[None]:
    for row in rows:
        out.write(orjson.dumps(row) + b"\n")
        yield None
