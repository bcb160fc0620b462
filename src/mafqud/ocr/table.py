"""A register page as a table: its header mapped to fields, each cell read for its column.

The header row is read like any cell and mapped to canonical fields by the
spreadsheet importer's own header rules (``الاسم`` → ``given_name``), so a
scanned register and a spreadsheet of the same register name their columns
alike. Each column is read in what it holds: names and places with the
Arabic model, dates and numbers with the Latin one limited to digits and
separators (Western digits; Eastern Arabic digits are read poorly by every
model tried, so those dates are left for the transcription review). What
is read is tidied for its kind — a stray mark from a rule's edge is not a
letter of a name — and kept with its confidence and its box on the original
page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from PIL import Image, ImageOps

from mafqud.ingest.mapping import Mapping, plan_columns
from mafqud.ocr.engine import CellText, engine_version, read_cell
from mafqud.ocr.layout import Grid, erase_rules, find_grid, straighten
from mafqud.registry import FIELDS_BY_NAME, FieldKind

Box = tuple[int, int, int, int]
Progress = Callable[[int, int], None]
NUMBERS = "0123456789/-."
_AS_RECOGNISED = Mapping()
_PADDING = 12
_INK = 15
"""Fewer dark pixels than this in a cell: it is empty (a speck is not writing)."""
_ARABIC_OR_LATIN_LETTER = re.compile(r"[^\u0621-\u064AA-Za-z ]")
_TEXT = re.compile(r"[^\u0621-\u064A\u0660-\u0669A-Za-z0-9() /-]")
_NUMBER = re.compile(r"[^0-9\u0660-\u0669/.-]")


@dataclass(frozen=True)
class CellReading:
    """One cell as read: its text (tidied), the engine's confidence, its box on the page."""

    row: int
    """0 is the header row."""
    column: int
    """0 is the rightmost column: the first in reading order."""
    field: str | None
    text: str
    raw: str
    confidence: float
    box: Box
    """In the pixels of the page as received (before it was straightened)."""


@dataclass
class PageReading:
    """What was read on one page, with what read it."""

    size: tuple[int, int]
    angle: float
    engine: str
    fields: list[str | None]
    """The field each column maps to, right to left (None: not a record field, e.g. "م")."""
    headers: list[CellReading] = field(default_factory=list)
    rows: list[list[CellReading]] = field(default_factory=list)

    def records(self) -> list[dict[str, str]]:
        """Each row's mapped fields and their text (the rows a reviewer accepts or corrects)."""
        return [
            {cell.field: cell.text for cell in row if cell.field is not None} for row in self.rows
        ]


def read_page(
    image: Image.Image, mapping: Mapping = _AS_RECOGNISED, progress: Progress | None = None
) -> PageReading:
    """Read the ruled table on a page image; its columns mapped as a spreadsheet's would be
    (the same header rules, or the same mapping file)."""
    engine = engine_version()
    gray, angle = straighten(image)
    grid = find_grid(gray)
    clean = erase_rules(gray, grid)
    count = len(grid.columns) - 1
    reading = PageReading(size=image.size, angle=angle, engine=engine, fields=[])
    turn = _Unturn(angle, image.size)
    headers = [_read(clean, grid, 0, column, None, count, turn) for column in range(count)]
    reading.headers = headers
    plan = plan_columns([(1, [cell.text for cell in headers])], mapping)
    reading.fields = [plan.fields.get(column) if plan else None for column in range(count)]
    rows = len(grid.rows) - 1
    for row in range(1, rows):
        reading.rows.append([
            _read(clean, grid, row, column, reading.fields[column], count, turn)
            for column in range(count)
        ])  # fmt: skip
        if progress:
            progress(row, rows - 1)
    return reading


def _read(
    page: Image.Image, grid: Grid, row: int, column: int, field: str | None, count: int,
    turn: _Unturn,
) -> CellReading:  # fmt: skip
    """Read one cell; ``column`` counts from the right, the grid's from the left."""
    box = grid.cell(row, count - 1 - column)
    crop = page.crop(box)
    inked = _ink_box(crop)
    if inked is None:
        text = CellText("", -1.0, "")
    else:
        framed = ImageOps.expand(crop.crop(inked), _PADDING, fill=255)
        language, characters = _language(field, row)
        text = read_cell(framed, language, characters)
    tidied = " ".join(text.text.split()) if row == 0 else tidy(field, text.text)
    return CellReading(row, column, field, tidied, text.text, text.confidence, turn(box))


def _language(field: str | None, row: int) -> tuple[str, str | None]:
    """Arabic for words; Latin digits and separators for dates, numbers and the row number."""
    if row == 0:
        return "ara", None
    kind = FIELDS_BY_NAME[field].kind if field else None
    if field is None or kind in (FieldKind.DATE, FieldKind.IDENTIFIER):
        return "eng", NUMBERS
    return "ara", None


def tidy(field: str | None, text: str) -> str:
    """Drop what cannot belong to a value of this field's kind (marks left by rules, specks
    read as dots), and put back brackets the engine mirrored in right-to-left text."""
    kind = FIELDS_BY_NAME[field].kind if field else FieldKind.IDENTIFIER
    if kind == FieldKind.NAME:
        text = _ARABIC_OR_LATIN_LETTER.sub("", text)
    elif kind in (FieldKind.DATE, FieldKind.IDENTIFIER):
        text = _NUMBER.sub("", text)
    else:
        text = _TEXT.sub("", text)
        if ")" in text and text.index(")") < text.find("("):
            text = text.translate(str.maketrans("()", ")("))
    return " ".join(text.split())


def _ink_box(cell: Image.Image) -> Box | None:
    """The box around what is written in a cell, a little wider; None if nothing is."""
    histogram = cell.histogram()
    median = _median(histogram)
    limit = min(128, int(median * 0.6))
    dark = cell.point(lambda value: 255 if value < limit else 0)
    box = dark.getbbox()
    if box is None or sum(histogram[:limit]) < _INK:
        return None
    left, top, right, bottom = box
    return (max(0, left - 3), max(0, top - 3), min(cell.width, right + 4),
            min(cell.height, bottom + 4))  # fmt: skip


def _median(histogram: list[int]) -> int:
    half, seen = sum(histogram) / 2, 0
    for value, count in enumerate(histogram):
        seen += count
        if seen >= half:
            return value
    return 255


class _Unturn:
    """Maps a box on the straightened page back to the page as received."""

    def __init__(self, angle: float, size: tuple[int, int]) -> None:
        self.cos, self.sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        self.centre = (size[0] / 2, size[1] / 2)
        self.size = size

    def __call__(self, box: Box) -> Box:
        left, top, right, bottom = box
        cx, cy = self.centre
        xs, ys = [], []
        for x, y in ((left, top), (right, top), (left, bottom), (right, bottom)):
            dx, dy = x - cx, y - cy
            # straightening turned the page by +angle (counter-clockwise on screen); undo it
            xs.append(cx + dx * self.cos - dy * self.sin)
            ys.append(cy + dx * self.sin + dy * self.cos)
        width, height = self.size
        return (max(0, math.floor(min(xs))), max(0, math.floor(min(ys))),
                min(width, math.ceil(max(xs))), min(height, math.ceil(max(ys))))  # fmt: skip
