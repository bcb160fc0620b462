"""A scanned document as pages: image files (PNG, JPEG, TIFF with any number of pages) and PDFs.

Pages are opened one at a time, because a batch holds thousands of scans and
a register photographed at 600 dpi is tens of megapixels a page. A PDF page
may carry a text layer (typed and exported, or OCR'd before it reached us):
its words and their boxes come with the page, so the table is read from the
text the document already holds instead of being read again by Tesseract.

Anything that cannot be opened — a corrupt file, a decompression bomb, a PDF
with no pages or behind a password — is :class:`UnreadableDocument` naming
the reason; the original has been accessioned before this is called, so it
stays as evidence whatever happens here.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from mafqud.errors import UnreadableDocument

Box = tuple[int, int, int, int]
PDF_MAGIC = b"%PDF-"
_DAMAGE = (OSError, SyntaxError, ValueError, TypeError, EOFError, struct.error)
"""What Pillow raises on a damaged file, depending on where the damage is."""


@dataclass(frozen=True)
class Word:
    """A word of a page's text layer, with its box in the pixels of the page image."""

    text: str
    box: Box


@dataclass
class ScanPage:
    """One page: its image (greyscale) and, for a PDF with a text layer, the layer's words."""

    number: int
    """1-based, in the order of the document."""
    image: Image.Image
    words: list[Word] | None = field(default=None)
    """None when the page has no text layer (it is read by OCR)."""


def is_pdf(path: Path) -> bool:
    """By content, not by name: a scan renamed or sent without an extension is still a PDF."""
    with path.open("rb") as handle:
        return handle.read(len(PDF_MAGIC)) == PDF_MAGIC


def is_scan(path: Path) -> bool:
    """Whether ``mafqud ingest`` reads this file as a scan (an image or a PDF), not a table."""
    if is_pdf(path):
        return True
    try:
        with Image.open(path) as opened:
            return opened.format is not None
    except Image.DecompressionBombError:
        return True  # an image all the same: refusing it is the page reader's job
    except (UnidentifiedImageError, *_DAMAGE):
        return False


BROWSER_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
"""Image formats every browser shows: a one-page scan in one of them is its own page image."""


def shown_as_is(path: Path) -> bool:
    """Whether the file is a one-page image a browser shows as it is (PNG or JPEG)."""
    if is_pdf(path):
        return False
    try:
        with Image.open(path) as opened:
            return opened.format in BROWSER_FORMATS and _frame_count(opened) == 1
    except (UnidentifiedImageError, Image.DecompressionBombError, *_DAMAGE):
        return False


def browser_media_type(path: Path) -> str:
    """The media type to serve a stored page image with, from its content."""
    try:
        with Image.open(path) as opened:
            return BROWSER_FORMATS.get(opened.format or "", "application/octet-stream")
    except (UnidentifiedImageError, Image.DecompressionBombError, *_DAMAGE):
        return "application/octet-stream"


def page_count(path: Path) -> int:
    """How many pages the document has; :class:`UnreadableDocument` if it has none."""
    if is_pdf(path):
        from mafqud.ocr.pdf import pdf_page_count

        return pdf_page_count(path)
    with _opened_image(path) as opened:
        return _frame_count(opened)


def _frame_count(opened: Image.Image) -> int:
    """The frames in the file; in a torn multi-page file, those before the tear and the torn
    one (reading that one fails with the reason, after the pages before it are read)."""
    try:
        return int(getattr(opened, "n_frames", 1))
    except _DAMAGE:
        count = 0
        try:
            for _frame in ImageSequence.Iterator(opened):
                count += 1
        except _DAMAGE:
            pass
        return count + 1


def pages(path: Path, start: int = 1) -> Iterator[ScanPage]:
    """The document's pages from page ``start`` on, each read only when it is wanted."""
    if is_pdf(path):
        from mafqud.ocr.pdf import pdf_pages

        yield from pdf_pages(path, start)
        return
    with _opened_image(path) as opened:
        frames = ImageSequence.Iterator(opened)
        number = 0
        while True:
            number += 1
            try:
                frame = next(frames)
                image = frame.convert("L") if number >= start else None
            except StopIteration:
                return
            except _DAMAGE as error:  # truncated data shows only on decoding
                raise UnreadableDocument(
                    f"{path.name}: page {number} cannot be decoded ({error})"
                ) from error
            if image is not None:
                yield ScanPage(number, image)


def _opened_image(path: Path) -> Image.Image:
    try:
        return Image.open(path)
    except Image.DecompressionBombError as error:
        raise UnreadableDocument(f"{path.name}: refused, too many pixels ({error})") from error
    except (UnidentifiedImageError, *_DAMAGE) as error:
        raise UnreadableDocument(f"{path.name}: not a readable image or PDF ({error})") from error
