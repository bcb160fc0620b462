"""Reading scanned registers: a page image into table cells with text, confidence and boxes.

- :mod:`.layout` — straightening the page, finding the ruled grid, erasing the rules;
- :mod:`.engine` — Tesseract (Debian's ``tesseract-ocr`` and ``tesseract-ocr-ara``) on one cell;
- :mod:`.table` — the page as a table: the header read and mapped to fields with the
  spreadsheet importer's header rules, each cell read in the language its column needs.

Nothing here writes to the registry: a reading is what the transcription review starts from.
"""

from mafqud.ocr.engine import CellText, engine_version
from mafqud.ocr.layout import Grid, NoTable, find_grid, straighten, turn
from mafqud.ocr.table import CellReading, PageReading, read_page

__all__ = [
    "CellReading",
    "CellText",
    "Grid",
    "NoTable",
    "PageReading",
    "engine_version",
    "find_grid",
    "read_page",
    "straighten",
    "turn",
]
