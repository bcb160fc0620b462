"""Tesseract on one cell: the text, how sure it is, in the language the column needs.

Cells are read one at a time, not the page at once: a register's columns
sit side by side on one baseline, and read as a block, words of one column
run into the next. Each cell is read in Tesseract's uniform-block mode
first (single-line mode loses the final د of محمد in Noto Naskh); a reading
it is unsure of, or none, is tried again as a single line and as a raw line
(which reads short words the other two return empty), and the most
confident reading is kept.
"""

from __future__ import annotations

import shutil
import unicodedata
from dataclasses import dataclass
from functools import cache

import pytesseract
from PIL import Image

from mafqud.errors import NotFound

PAGE_MODES = ("6", "7", "13")
"""Tesseract page segmentation modes, in the order tried: block, line, raw line."""
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
    config = f" -c tessedit_char_whitelist={characters}" if characters else ""
    best = CellText("", -1.0, "")
    for mode in PAGE_MODES:
        words = _words(image, language, f"--psm {mode}{config}")
        if words:
            text = " ".join(word for word, _ in words)
            reading = CellText(text, sum(c for _, c in words) / len(words), mode)
            best = max(best, reading, key=lambda candidate: candidate.confidence)
            if best.confidence >= SURE:
                break
    return best


def _words(image: Image.Image, language: str, config: str) -> list[tuple[str, float]]:
    """The words Tesseract found, in its reading order, with their confidences."""
    data = pytesseract.image_to_data(
        image, lang=language, config=config, output_type=pytesseract.Output.DICT
    )
    words = []
    for text, confidence in zip(data["text"], data["conf"], strict=True):
        cleaned = unicodedata.normalize("NFC", str(text).translate(_BIDI_MARKS)).strip()
        if cleaned and float(confidence) >= 0:
            words.append((cleaned, float(confidence)))
    return words
