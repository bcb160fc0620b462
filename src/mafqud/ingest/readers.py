"""Reading documents as sheets of rows, streamed, whatever their format.

A CSV file is one sheet; an XLSX workbook is one sheet per worksheet. Rows
come with the row number a person sees when opening the file (the line in a
text editor, the row in Excel), which is what provenance points to. Nothing
is loaded whole: memory stays flat however long the register is.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

from mafqud.errors import InvalidInput, UnreadableDocument
from mafqud.ingest.encoding import DetectedEncoding, detect_encoding
from mafqud.ingest.pfif import PfifDocument, looks_like_pfif
from mafqud.ingest.sheets import CountingReader, Document, SheetRows

SNIFF_CHARS = 64 * 1024
SNIFF_LINES = 50
DELIMITERS = ",;\t|،"
_QUOTED = re.compile(r'"[^"]*"')
csv.field_size_limit(16 * 1024 * 1024)


_WORKBOOKS: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "xlsx"),  # also ODS: both are zip files; calamine tells them apart
    (b"\xd0\xcf\x11\xe0", "xls"),
)


def open_document(
    path: Path, encoding: str | None = None, sheets: Sequence[str] = (), name: str | None = None
) -> Document:
    """Open a CSV file or a workbook by what its bytes say it is, not by its name.

    ``name`` is what messages call the document (the stored copy's own name is its hash).
    """
    name = name or path.name
    with path.open("rb") as handle:
        head = handle.read(4096)
    magic = head[:8]
    for prefix, kind in _WORKBOOKS:
        if magic.startswith(prefix):
            return WorkbookDocument(path, name, kind, sheets)
    if looks_like_pfif(head):
        return PfifDocument(path, name)
    if magic.startswith(b"%PDF"):
        raise UnreadableDocument(f"{name} is a PDF: only CSV and spreadsheets can be read yet")
    if sheets:
        raise InvalidInput("a CSV file has no sheets to choose from")
    return CsvDocument(path, name, encoding)


class CsvDocument:
    """A delimited text file in any encoding Arabic documents use."""

    kind = "csv"

    def __init__(self, path: Path, name: str, encoding: str | None) -> None:
        self.path = path
        self.name = name
        self.encoding: DetectedEncoding | None = detect_encoding(path, encoding, name)
        self._counter = CountingReader(path.open("rb"))
        self._text = io.TextIOWrapper(
            io.BufferedReader(self._counter, 1 << 16),
            encoding=self.encoding.codec,
            errors="strict",
            newline="",
        )

    def sheets(self) -> Iterator[SheetRows]:
        codec = self.encoding.codec if self.encoding else "utf-8"
        with self.path.open(encoding=codec, errors="replace", newline="") as handle:
            sample = handle.read(SNIFF_CHARS)
        yield SheetRows(None, 0, self._rows(sniff_delimiter(sample)), strict_width=True)

    def _rows(self, delimiter: str) -> Iterator[tuple[int, list[Any]]]:
        reader = csv.reader(self._text, "excel", delimiter=delimiter)
        line = 0
        try:
            for cells in reader:
                yield line + 1, cells
                line = reader.line_num
        except UnicodeDecodeError as error:
            raise UnreadableDocument(
                f"{self.name}: after line {line} the bytes are not valid "
                f"{self.encoding.codec if self.encoding else 'text'} ({error.reason}); "
                "the file mixes encodings or is damaged"
            ) from error
        except csv.Error as error:
            raise UnreadableDocument(f"{self.name}, line {line + 1}: {error}") from error

    def position(self) -> int:
        return self._counter.count

    def size(self) -> int | None:
        return self.path.stat().st_size

    def close(self) -> None:
        self._text.close()


def sniff_delimiter(sample: str) -> str:
    """The separator that splits the first lines into the same number of cells most often.

    Written here because csv.Sniffer only considers ASCII characters and so never
    finds the Arabic comma (،) that Arabic-locale exports use.
    """
    lines = [line for line in sample.splitlines()[:SNIFF_LINES] if line.strip()]
    best, best_score = ",", (0, 0)
    if not lines:
        return best
    for delimiter in DELIMITERS:
        counts = Counter(_QUOTED.sub("", line).count(delimiter) for line in lines)
        cells, lines_agreeing = max(counts.items(), key=lambda item: (item[1], item[0]))
        score = (lines_agreeing, cells) if cells else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


class WorkbookDocument:
    """A spreadsheet workbook (XLSX, XLS, XLSB, ODS), read with calamine.

    calamine (Rust) reads a workbook about ten times faster than openpyxl;
    the price is that one sheet at a time is held in memory (about 1.5 KB per
    row, and a sheet has at most 1,048,576 rows). Formula cells give their
    cached values, date cells arrive as dates, numbers as floats.
    """

    encoding: DetectedEncoding | None = None

    def __init__(self, path: Path, name: str, kind: str, sheets: Sequence[str]) -> None:
        self.path = path
        self.name = name
        self.kind = kind
        try:
            self._book = CalamineWorkbook.from_path(str(path))
        except CalamineError as error:
            raise UnreadableDocument(f"{name} is not a readable workbook: {error}") from error
        names = [
            sheet.name
            for sheet in self._book.sheets_metadata
            if sheet.typ == SheetTypeEnum.WorkSheet
        ]
        missing = [wanted for wanted in sheets if wanted not in names]
        if missing:
            raise InvalidInput(f"no sheet named {', '.join(missing)}; the workbook has {names}")
        self._wanted = list(sheets) or names
        self._all = names
        self._done_rows = 0
        self._total_rows: int | None = None

    def sheets(self) -> Iterator[SheetRows]:
        for name in self._wanted:
            try:
                sheet = self._book.get_sheet_by_name(name)
            except CalamineError as error:
                raise UnreadableDocument(f"{self.name}, sheet {name!r}: {error}") from error
            self._total_rows = self._done_rows + sheet.height
            yield SheetRows(name, self._all.index(name), self._rows(sheet), strict_width=False)

    def _rows(self, sheet: Any) -> Iterator[tuple[int, list[Any]]]:
        first_row, first_column = sheet.start
        lead = [None] * first_column  # keep column positions when column A is empty
        for number, cells in enumerate(sheet.iter_rows(), start=first_row + 1):
            self._done_rows += 1
            yield number, [*lead, *(None if cell == "" else cell for cell in cells)]

    def position(self) -> int:
        return self._done_rows

    def size(self) -> int | None:
        return self._total_rows

    def close(self) -> None:
        self._book.close()
