"""PDFs as pages: each page rendered for OCR, and its text layer read when it has one.

PDFium (through ``pypdfium2``, which ships it: no system library) does both.
A register typed and exported to PDF, or a scan OCR'd before it reached us,
holds its text already: reading it is exact and many times faster than
Tesseract, so its words come with the page (:class:`~mafqud.ocr.document.Word`,
boxed in the rendered image's pixels) and :func:`mafqud.ocr.read_page` takes
each cell's text from them. Words are found by where their letters stand, and
an Arabic word is read from its right: PDF writers store right-to-left text
in different orders, and no extraction order is right for all of them.

A page is rendered only when it is wanted, and refused before it is rendered
if it would make more pixels than Pillow's decompression-bomb limit: a PDF of
a few bytes may declare a page of a hundred metres square.
"""

from __future__ import annotations

import ctypes
import math
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
from PIL import Image

from mafqud.errors import UnreadableDocument
from mafqud.ocr.document import ScanPage, Word

DPI = 300
"""Pixels per inch a page is rendered at: typed register text (9–12 pt) is then 35–50 px high,
which Tesseract reads well."""
POINTS_PER_INCH = 72
_GAP = 0.2
"""A letter further than this from the word before it (in ems, the type size) starts a new
word. A space is a quarter of an em or more; the letters of a word touch, or nearly (a tenth
of an em apart in Chromium's PDFs)."""
_LINE = 0.5
"""Letters whose boxes do not overlap and whose middles are further apart than this (in ems)
are on different lines: lines are an em or more apart. (Chromium's boxes hug the glyph, so
neighbours' middles can be half an em apart, their boxes still overlapping.)"""
_RIGHT_TO_LEFT = re.compile(r"[\u0590-\u065F\u066A-\u06EF\u06FA-\u08FF]")
"""Hebrew, Arabic, Syriac and Thaana letters (presentation forms are folded to them first), not
digits: Arabic-Indic digits run left to right even in Arabic text."""
_OPEN_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: "is protected by a password; ask the provider for an "
    "unprotected copy",
    pdfium_c.FPDF_ERR_SECURITY: "is encrypted in a way that cannot be opened; ask the provider "
    "for an unprotected copy",
    pdfium_c.FPDF_ERR_FILE: "cannot be opened (file access error)",
}


@cache
def pdf_engine() -> str:
    """The PDF library and its version, for the custody event of a derivation."""
    return f"pdfium {pdfium.PDFIUM_INFO} (pypdfium2 {pdfium.PYPDFIUM_INFO})"


def pdf_page_count(path: Path) -> int:
    """How many pages the PDF has; :class:`UnreadableDocument` if none, or it cannot be opened."""
    document = _open(path)
    try:
        return len(document)
    finally:
        document.close()


def pdf_pages(path: Path, start: int = 1, dpi: int = DPI) -> Iterator[ScanPage]:
    """The PDF's pages from page ``start`` on (1-based), each rendered in grey only when it is
    wanted, with the words of its text layer (None when it has none: it is read by OCR)."""
    document = _open(path)
    try:
        for index in range(max(start, 1) - 1, len(document)):
            yield _read_page(document, index, path, dpi)
    finally:
        document.close()


def _open(path: Path) -> Any:
    """The document, or :class:`UnreadableDocument` saying why not, in words a provider knows.

    PDFium's own loader is called, not ``PdfDocument(path)``: that one reports a document
    without pages as a format error, and "damaged" would send a provider looking for a
    fault that is not there.
    """
    raw = pdfium_c.FPDF_LoadDocument(os.fsencode(path) + b"\x00", None)
    if not raw:
        error = pdfium_c.FPDF_GetLastError()
        reason = _OPEN_ERRORS.get(error, "is not a readable PDF (damaged or cut short)")
        raise UnreadableDocument(f"{path.name} {reason}")
    document = pdfium.PdfDocument(raw)
    if len(document) < 1:
        document.close()
        raise UnreadableDocument(f"{path.name} has no pages")
    return document


def _read_page(document: Any, index: int, path: Path, dpi: int) -> ScanPage:
    where = f"{path.name}, page {index + 1}"
    try:
        page = document[index]
    except pdfium.PdfiumError as error:
        raise UnreadableDocument(f"{where} cannot be read ({error})") from error
    try:
        scale = dpi / POINTS_PER_INCH
        _refuse_too_large(page, scale, where)
        bitmap = page.render(scale=scale, grayscale=True)
        try:
            image = bitmap.to_pil().convert("L").copy()  # its own pixels, not PDFium's buffer
            words = _words(page, bitmap.get_posconv(page), scale)
        finally:
            bitmap.close()
    finally:
        page.close()
    return ScanPage(index + 1, image, words)


def _refuse_too_large(page: Any, scale: float, where: str) -> None:
    """Refuse, before rendering, a page that would exceed Pillow's decompression-bomb limit."""
    width, height = page.get_size()
    pixels = math.ceil(width * scale) * math.ceil(height * scale)
    if pixels < 1:
        raise UnreadableDocument(f"{where} has no area ({width:g} × {height:g} points)")
    limit = Image.MAX_IMAGE_PIXELS
    if limit is not None and pixels > limit:
        raise UnreadableDocument(
            f"{where}: refused, {width:g} × {height:g} points would be {pixels:,} pixels "
            f"at {scale * POINTS_PER_INCH:g} dpi (the limit is {limit:,})"
        )


@dataclass(frozen=True)
class _Char:
    index: int
    """PDFium's order, which only breaks ties between the letters of one glyph."""
    text: str
    box: tuple[float, float, float, float]
    """The loose box (the glyph's advance, so the letters of a word touch and words do not),
    in the rendered image's pixels: left, top, right, bottom."""
    em: float
    """The type size in pixels, as set (font size times the text's scale)."""

    @property
    def middle(self) -> float:
        return (self.box[1] + self.box[3]) / 2


def _words(page: Any, posconv: Any, scale: float) -> list[Word] | None:
    """The text layer's words, boxed in the rendered image's pixels; None if the page has no
    text but spaces."""
    textpage = page.get_textpage()
    try:
        found = (_char(textpage, index, posconv, scale) for index in range(textpage.count_chars()))
        chars = [char for char in found if char is not None]
    finally:
        textpage.close()
    words = [_word(word) for word in _grouped(chars)]
    return words or None


def _char(textpage: Any, index: int, posconv: Any, scale: float) -> _Char | None:
    """One character and its box on the image; None for a space or line break (words are told
    apart by their gaps: where PDFium places a space in right-to-left text is not always where
    the gap is), or a glyph the PDF gives no Unicode for (it cannot be read, only seen).

    The box is turned from PDF points (y up) into the image's pixels (y down) by PDFium
    itself, so the words of a page rotated or cropped for display are found as displayed.
    """
    if pdfium_c.FPDFText_IsHyphen(textpage, index) == 1:
        text = "-"  # PDFium reports a hyphen it takes for a line-end one as U+0002
    else:
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        text = unicodedata.normalize("NFKC", chr(code)).strip() if 0 < code < 0x110000 else ""
    matrix = pdfium_c.FS_MATRIX()
    if not text or not pdfium_c.FPDFText_GetMatrix(textpage, index, ctypes.byref(matrix)):
        return None
    try:
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
    except pdfium.PdfiumError:
        return None
    corners = [posconv.to_bitmap(x, y) for x, y in ((left, bottom), (right, top))]
    xs, ys = [float(x) for x, _ in corners], [float(y) for _, y in corners]
    size = float(pdfium_c.FPDFText_GetFontSize(textpage, index))
    em = size * math.hypot(matrix.c, matrix.d) * scale
    return _Char(index, text, (min(xs), min(ys), max(xs), max(ys)), em)


def _grouped(chars: list[_Char]) -> list[list[_Char]]:
    """Characters into words by where they stand: from the left, each joins the word whose
    last letter it continues on the same line, else starts a word.

    Not in PDFium's order: PDFium puts right-to-left text in logical order when the PDF
    stores a run as one text object, but not when each glyph is its own object (as Chromium
    writes them), and a bracket or a number in Arabic text can come out of order either way.
    Nor by spaces: words set as separate text objects need none between them. Lines are
    followed letter to letter, so the text layer of a turned scan, whose lines slope, is
    read too.
    """
    words: list[_Building] = []
    building: list[_Building] = []
    for char in sorted(chars, key=lambda char: (char.box[0], char.index)):
        building = [word for word in building if not word.behind(char)]
        word = min(
            (word for word in building if word.continued_by(char)),
            key=lambda word: abs(word.chars[-1].middle - char.middle),
            default=None,
        )
        if word is None:
            word = _Building([])
            words.append(word)
            building.append(word)
        word.add(char)
    return [word.chars for word in words]


@dataclass
class _Building:
    """A word as its letters are found, from the left."""

    chars: list[_Char]
    right: float = -math.inf

    def add(self, char: _Char) -> None:
        self.chars.append(char)
        self.right = max(self.right, char.box[2])

    def gap(self, char: _Char) -> float:
        """From the word to ``char``, in ems."""
        return (char.box[0] - self.right) / max(self.chars[-1].em, char.em, 1e-3)

    def behind(self, char: _Char) -> bool:
        """Too far left of ``char`` to be continued by it (or by a letter after it)."""
        return self.gap(char) > _GAP

    def continued_by(self, char: _Char) -> bool:
        """Whether ``char`` is the word's next letter: on the line of the letter before it,
        and not a space's width from the word."""
        last = self.chars[-1]
        overlap = min(last.box[3], char.box[3]) - max(last.box[1], char.box[1])
        if overlap <= 0 and abs(char.middle - last.middle) > _LINE * max(last.em, char.em):
            return False
        return self.gap(char) <= _GAP


def _word(chars: list[_Char]) -> Word:
    """The word's text in logical order, and the box around its letters."""
    lefts, tops, rights, bottoms = zip(*(char.box for char in chars), strict=True)
    box = (math.floor(min(lefts)), math.floor(min(tops)), math.ceil(max(rights)),
           math.ceil(max(bottoms)))  # fmt: skip
    return Word(unicodedata.normalize("NFC", "".join(c.text for c in _in_order(chars))), box)


def _in_order(chars: list[_Char]) -> list[_Char]:
    """A word's characters in logical order: an Arabic word's from its right, any other
    word's from its left. The letters of one glyph (a ligature such as الله) share a box;
    PDFium reverses them with the right-to-left run they belong to, so an Arabic word takes
    them in reverse of PDFium's order."""
    if any(_RIGHT_TO_LEFT.match(char.text) for char in chars):
        return sorted(chars, key=lambda char: (-char.box[0] - char.box[2], -char.index))
    return sorted(chars, key=lambda char: (char.box[0] + char.box[2], char.index))
