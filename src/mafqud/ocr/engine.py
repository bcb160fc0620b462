"""Tesseract on register cells: the text, how sure it is, in the language the column needs.

Cells are read column by column, not the page at once: a register's columns
sit side by side on one baseline, and read as a block, words of one column
run into the next. A column's cells are stacked one under another, a wide
white gap between them, and read in one Tesseract run (:func:`read_column`):
starting Tesseract and loading its Arabic model costs far more than
recognising a cell, and a page has a hundred cells. Each word found goes
back to the cell whose band its middle stands in.

A cell read alone (:func:`read_cell`: a header cell, or a cell the column's
reading is unsure of) is read in Tesseract's uniform-block mode first
(single-line mode loses the final د of محمد in Noto Naskh); a reading it is
unsure of, or none, is tried again as a single line and as a raw line (which
reads short words the other two return empty), and the most confident
reading is kept.
"""

from __future__ import annotations

import bisect
import os
import shutil
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import pytesseract
from PIL import Image

from mafqud.errors import NotFound
from mafqud.ocr.document import Word

# Tesseract's OpenMP threads only cost here: its images are a cell or a column, too small to
# share out, and when several pages are read at once the threads oversubscribe the CPUs.
# Measured about 12 % faster on a 2-core machine. Set before any Tesseract process starts.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

PAGE_MODES = ("6", "7", "13")
"""Tesseract page segmentation modes, in the order tried: block, line, raw line."""
COLUMN_MODE = "6"
"""The mode a column's stacked cells are read in: one uniform block of text (block mode
needs fewer cells read again than mode 4, a column of text, and misreads fewer names)."""
COLUMN = "column"
"""The ``mode`` of a cell's reading taken from its column's."""
SURE = 60.0
"""A reading at least this confident is kept; a less confident one is tried in the other modes
too, and the most confident reading wins (short words often read better as a raw line)."""
INSTALL = (
    "install the Debian packages tesseract-ocr and tesseract-ocr-ara (scripts/system-packages)"
)
_BIDI_MARKS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


@dataclass(frozen=True)
class CellText:
    """What Tesseract read in one cell, and its mean word confidence (0–100; -1 if none)."""

    text: str
    confidence: float
    mode: str
    """The page segmentation mode of the reading kept; ``column`` if the cell's column read it
    (:func:`read_column`), ``text layer`` if it came from a PDF's own words."""


@dataclass(frozen=True)
class _Found:
    """A word Tesseract found, its confidence and its box in the image it was given."""

    text: str
    confidence: float
    box: tuple[int, int, int, int]


@cache
def engine_version() -> str:
    """The Tesseract version and its language models, for the custody log of a derivation."""
    if shutil.which("tesseract") is None:
        raise NotFound(f"Tesseract is not installed: {INSTALL}")
    languages = pytesseract.get_languages()
    if "ara" not in languages:
        raise NotFound(f"Tesseract has no Arabic model: {INSTALL}")
    return f"tesseract {pytesseract.get_tesseract_version()} ({'+'.join(sorted(languages))})"


def read_cell(image: Image.Image, language: str, characters: str | None = None) -> CellText:
    """The cell's text in ``language`` (``ara`` or ``eng``), limited to ``characters`` if given."""
    engine_version()
    best = CellText("", -1.0, "")
    for mode in PAGE_MODES:
        words = _words(image, language, _config(mode, characters))
        if words:
            text = " ".join(word.text for word in words)
            reading = CellText(text, _mean(words), mode)
            best = max(best, reading, key=lambda candidate: candidate.confidence)
            if best.confidence >= SURE:
                break
    return best


def read_column(
    images: Sequence[Image.Image], language: str, characters: str | None = None
) -> list[list[tuple[Word, float]]]:
    """Each cell image's words, boxed in its own pixels, with their confidences: the cells of
    one column read in a single Tesseract run.

    The cells are stacked with a gap of the tallest cell's height between them, so no line of
    one runs into the next, and each word goes to the cell nearest its middle.
    """
    if not images:
        return []
    engine_version()
    gap = max(image.height for image in images)
    stack, tops = _stack(images, gap)
    starts = [top - gap / 2 for top in tops]
    found: list[list[tuple[Word, float]]] = [[] for _ in images]
    for word in _words(stack, language, _config(COLUMN_MODE, characters)):
        left, top, right, bottom = word.box
        index = max(0, bisect.bisect(starts, (top + bottom) / 2) - 1)
        shift = tops[index]
        found[index].append((Word(word.text, (left, top - shift, right, bottom - shift)),
                             word.confidence))  # fmt: skip
    return found


def _stack(images: Sequence[Image.Image], gap: int) -> tuple[Image.Image, list[int]]:
    """The images one under another on white, ``gap`` pixels around each, and where each
    one's top is."""
    height = sum(image.height for image in images) + gap * (len(images) + 1)
    stack = Image.new("L", (max(image.width for image in images), height), 255)
    tops, top = [], gap
    for image in images:
        stack.paste(image.convert("L"), (0, top))
        tops.append(top)
        top += image.height + gap
    return stack, tops


def _config(mode: str, characters: str | None) -> str:
    whitelist = f" -c tessedit_char_whitelist={characters}" if characters else ""
    return f"--psm {mode}{whitelist}"


def _mean(words: list[_Found]) -> float:
    return sum(word.confidence for word in words) / len(words)


def _words(image: Image.Image, language: str, config: str) -> list[_Found]:
    """The words Tesseract found, in its reading order, with their confidences and boxes."""
    data = pytesseract.image_to_data(
        image, lang=language, config=config, output_type=pytesseract.Output.DICT
    )
    words = []
    for text, confidence, left, top, width, height in zip(
        data["text"], data["conf"], data["left"], data["top"], data["width"], data["height"],
        strict=True,
    ):  # fmt: skip
        cleaned = unicodedata.normalize("NFC", str(text).translate(_BIDI_MARKS)).strip()
        if cleaned and float(confidence) >= 0:
            box = (int(left), int(top), int(left) + int(width), int(top) + int(height))
            words.append(_Found(cleaned, float(confidence), box))
    return words
