"""A register page as a table: its header mapped to fields, each cell read for its column.

The header row is read cell by cell and mapped to canonical fields by the
spreadsheet importer's own header rules (``الاسم`` → ``given_name``), so a
scanned register and a spreadsheet of the same register name their columns
alike. The rows under it are read a column at a time, in one Tesseract run
per column (:func:`mafqud.ocr.engine.read_column`); a cell that reading is
unsure of, or finds nothing in, is read again alone, more carefully. Each
column is read in what it holds: names and places with the Arabic model,
dates and numbers with the Latin one limited to digits and separators
(Western digits; Eastern Arabic digits are read poorly by every model tried,
so those dates are left for the transcription review). What is read is
tidied for its kind — a stray mark from a rule's edge is not a letter of a
name — and kept with its confidence and its box on the original page.

A PDF page with a text layer is read from its own words instead: exact, and
far faster. The grid is still found on the page image, and each cell's text
is the words standing in it; only a cell with ink and no words is read by
Tesseract. A page whose header cannot be mapped takes the fields of the
register's previous page (``carry``), as a clerk reading on would.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from PIL import Image, ImageOps

from mafqud.ingest.mapping import Mapping, plan_columns
from mafqud.names.script import is_arabic_letter
from mafqud.ocr.document import Word
from mafqud.ocr.engine import COLUMN, SURE, CellText, engine_version, read_cell, read_column
from mafqud.ocr.layout import erase_rules, find_grid, straighten
from mafqud.ocr.pdf import pdf_engine
from mafqud.registry import FIELDS_BY_NAME, FieldKind

Box = tuple[int, int, int, int]
Progress = Callable[[int, int], None]
"""Told the columns read so far and how many the page has."""
NUMBERS = "0123456789/-."
OCR = "ocr"
TEXT_LAYER = "text layer"
"""How a cell's text was got: read by Tesseract, or taken from the PDF's own words."""
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
    source: str = OCR
    """``ocr``, or ``text layer``: the PDF's own words (confidence 100: nothing was guessed)."""


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
    method: str = OCR
    """``ocr``, or ``text layer`` when the page came with its words (a PDF's text layer)."""
    carried: list[int] = field(default_factory=list)
    """Columns whose field was carried from the register's previous page (see
    :func:`carry_over`): their header could not be mapped here, which a reviewer should know."""

    def records(self) -> list[dict[str, str]]:
        """Each row's mapped fields and their text (the rows a reviewer accepts or corrects)."""
        return [
            {cell.field: cell.text for cell in row if cell.field is not None} for row in self.rows
        ]


def read_page(
    image: Image.Image,
    mapping: Mapping = _AS_RECOGNISED,
    progress: Progress | None = None,
    *,
    words: list[Word] | None = None,
    carry: list[str | None] | None = None,
) -> PageReading:
    """Read the ruled table on a page image; its columns mapped as a spreadsheet's would be
    (the same header rules, or the same mapping file).

    ``words`` is the page's text layer (a PDF's), boxed in the image's pixels: a cell's text
    is then the words standing in it. ``carry`` is the ``fields`` of the register's previous
    page: a column whose header cannot be mapped here takes the field it had there.
    """
    method = OCR if words is None else TEXT_LAYER
    page = _Page(image, words)
    reading = PageReading(size=image.size, angle=page.angle, engine=_engine(method), fields=[],
                          method=method)  # fmt: skip
    reading.headers = [page.read(0, column, None) for column in range(page.count)]
    plan = plan_columns([(1, [cell.text for cell in reading.headers])], mapping)
    own = [plan.fields.get(column) if plan else None for column in range(page.count)]
    reading.fields, reading.carried = carry_over(own, carry)
    body = range(1, len(page.grid.rows) - 1)
    columns = []
    for column in range(page.count):
        columns.append(page.read_column(column, reading.fields[column], body))
        if progress:
            progress(column + 1, page.count)
    reading.rows = [list(row) for row in zip(*columns, strict=True)]
    return reading


def carry_over(
    fields: list[str | None], carry: list[str | None] | None
) -> tuple[list[str | None], list[int]]:
    """The page's fields with its gaps filled from the previous page's, and the columns filled.

    On a worn page one or two header cells are misread and their columns left unmapped,
    though the register's columns have not moved since the page before. So when both pages
    have as many columns, an unmapped column takes the previous page's field for it, unless
    this page maps that field to another column already (its own header wins). A page whose
    header maps nothing (unreadable, or a continuation page) takes them all.
    """
    if carry is None or len(carry) != len(fields):
        return list(fields), []
    filled, carried = list(fields), []
    for column, (own, previous) in enumerate(zip(fields, carry, strict=True)):
        if own is None and previous is not None and previous not in filled:
            filled[column] = previous
            carried.append(column)
    return filled, carried


def _engine(method: str) -> str:
    """What read the page, for the custody event of the derivation."""
    if method == TEXT_LAYER:
        return f"{TEXT_LAYER} ({pdf_engine()}); {engine_version()} for cells it does not cover"
    return engine_version()


class _Page:
    """The page straightened and without its rules, its grid, and the words of its text layer
    (if it has one) by the cell they stand in."""

    def __init__(self, image: Image.Image, words: list[Word] | None) -> None:
        gray, self.angle = straighten(image)
        self.grid = find_grid(gray)
        self.clean = erase_rules(gray, self.grid)
        self.count = len(self.grid.columns) - 1
        self.unturn = _Unturn(self.angle, image.size)
        self.words = None if words is None else self._by_cell(words)

    def _by_cell(self, words: list[Word]) -> dict[tuple[int, int], list[Word]]:
        """Each word in the cell its middle stands in, found on the straightened page (so a
        text layer over a turned scan lands in the right cells too); words outside the table
        (a title) are left out."""
        cells: dict[tuple[int, int], list[Word]] = {}
        for word in words:
            left, top, right, bottom = word.box
            x, y = self.unturn.into((left + right) / 2, (top + bottom) / 2)
            row = bisect.bisect(self.grid.rows, y) - 1
            from_left = bisect.bisect(self.grid.columns, x) - 1
            if 0 <= row < len(self.grid.rows) - 1 and 0 <= from_left < self.count:
                cells.setdefault((row, self.count - 1 - from_left), []).append(word)
        return cells

    def read(self, row: int, column: int, field: str | None) -> CellReading:
        """One cell, read alone (a header cell); ``column`` counts from the right, the grid's
        from the left."""
        text = self._layer(row, column)
        if text is None:
            framed = _framed(self.clean.crop(self._box(row, column)))
            text = _NOTHING if framed is None else read_cell(framed, *_language(field, row))
        return self._reading(row, column, field, text)

    def read_column(self, column: int, field: str | None, rows: range) -> list[CellReading]:
        """The column's cells in ``rows``: those the text layer does not cover and that have
        ink are read together, in one Tesseract run (a run per cell costs the most)."""
        layer = {row: self._layer(row, column) for row in rows}
        framed = {row: _framed(self.clean.crop(self._box(row, column)))
                  for row, text in layer.items() if text is None}  # fmt: skip
        cells = {row: image for row, image in framed.items() if image is not None}
        read = _ocr_column(list(cells.values()), *_language(field, rows.start))
        ocr = dict(zip(cells, read, strict=True))
        return [self._reading(row, column, field, layer[row] or ocr.get(row, _NOTHING))
                for row in rows]  # fmt: skip

    def _box(self, row: int, column: int) -> Box:
        """The cell's box on the straightened page; ``column`` counts from the right."""
        return self.grid.cell(row, self.count - 1 - column)

    def _layer(self, row: int, column: int) -> CellText | None:
        """The cell's text from the page's text layer; None if it has none there."""
        words = self.words.get((row, column)) if self.words is not None else None
        return CellText(_in_reading_order(words), 100.0, TEXT_LAYER) if words else None

    def _reading(self, row: int, column: int, field: str | None, text: CellText) -> CellReading:
        """The cell as read, tidied for its field, its box on the page as received."""
        source = TEXT_LAYER if text.mode == TEXT_LAYER else OCR
        tidied = " ".join(text.text.split()) if row == 0 else tidy(field, text.text)
        return CellReading(row, column, field, tidied, text.text, text.confidence,
                           self.unturn(self._box(row, column)), source)  # fmt: skip


_NOTHING = CellText("", -1.0, "")
"""A cell without ink: nothing to read."""


def _framed(cell: Image.Image) -> Image.Image | None:
    """What is written in a cell, trimmed and set in a white margin; None if it has no ink."""
    inked = _ink_box(cell)
    return None if inked is None else ImageOps.expand(cell.crop(inked), _PADDING, fill=255)


def _ocr_column(cells: list[Image.Image], language: str, characters: str | None) -> list[CellText]:
    """A column's cells read in one Tesseract run; a cell that run is unsure of, or finds
    nothing in, is read again alone (the careful path of :func:`read_cell`), and the more
    confident reading kept."""
    readings = []
    for cell, words in zip(cells, read_column(cells, language, characters), strict=True):
        text = _NOTHING
        if words:
            mean = sum(confidence for _, confidence in words) / len(words)
            text = CellText(_in_reading_order([word for word, _ in words]), mean, COLUMN)
        if text.confidence < SURE:
            alone = read_cell(cell, language, characters)
            text = max(alone, text, key=lambda reading: reading.confidence)
        readings.append(text)
    return readings


def _in_reading_order(words: list[Word]) -> str:
    """A cell's words as one text: its lines from the top, each in reading order."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda word: word.box[1] + word.box[3]):
        middle = (word.box[1] + word.box[3]) / 2
        if lines and middle <= max(other.box[3] for other in lines[-1]):
            lines[-1].append(word)
        else:
            lines.append([word])
    return " ".join(" ".join(_line_in_order(line)) for line in lines)


def _line_in_order(line: list[Word]) -> list[str]:
    """A line with Arabic in it is read from its right, but a run of other words in it (a
    number, a Latin phrase) left to right; a line without Arabic from its left."""

    def right_to_left(text: str) -> bool:
        return any(map(is_arabic_letter, text))

    texts = [word.text for word in sorted(line, key=lambda word: word.box[0] + word.box[2])]
    if not any(map(right_to_left, texts)):
        return texts
    runs = [(rtl, list(run)) for rtl, run in itertools.groupby(texts, key=right_to_left)]
    return [text for rtl, run in reversed(runs) for text in (reversed(run) if rtl else run)]


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
    read as dots), and put back brackets mirrored in right-to-left text (by the engine, or by
    the PDF's text layer)."""
    kind = FIELDS_BY_NAME[field].kind if field else FieldKind.IDENTIFIER
    if kind == FieldKind.NAME:
        text = _ARABIC_OR_LATIN_LETTER.sub("", text)
    elif kind in (FieldKind.DATE, FieldKind.IDENTIFIER):
        text = _NUMBER.sub("", text).strip("/-.")  # a speck beside the digits read as a dot
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
    """Maps a box on the straightened page back to the page as received (and a point of the
    page as received onto the straightened page)."""

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

    def into(self, x: float, y: float) -> tuple[float, float]:
        """A point of the page as received, on the straightened page: the turn itself."""
        cx, cy = self.centre
        dx, dy = x - cx, y - cy
        return cx + dx * self.cos + dy * self.sin, cy - dx * self.sin + dy * self.cos
