"""What every reader gives the importer: sheets of numbered rows, and its reading position."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, Protocol

from mafqud.ingest.encoding import DetectedEncoding


class RejectedRow(list[Any]):
    """The cells of a row its reader already found unusable, with why (it goes to quarantine).

    A PFIF person that breaks the schema is such a row: the reader knows what
    is wrong, the cleaning that follows would only see odd cells.
    """

    def __init__(self, cells: list[Any], code: str, reason: str) -> None:
        super().__init__(cells)
        self.code = code
        self.reason = reason


@dataclass
class SheetRows:
    """One sheet: its name (None for CSV), position, and its rows as (row number, cells)."""

    name: str | None
    index: int
    rows: Iterator[tuple[int, list[Any]]]
    strict_width: bool
    """Whether a row shorter than the header is suspect (a broken CSV line) or normal (XLSX)."""


class Document(Protocol):
    """A readable document; ``position``/``size`` drive the progress bar."""

    kind: str
    encoding: DetectedEncoding | None

    def sheets(self) -> Iterator[SheetRows]: ...

    def position(self) -> int: ...

    def size(self) -> int | None: ...

    def close(self) -> None: ...


class CountingReader(io.RawIOBase):
    """Counts the bytes read so progress can be shown without knowing the row count."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        self.count += n or 0
        return int(n or 0)

    def close(self) -> None:
        self._raw.close()
        super().close()
