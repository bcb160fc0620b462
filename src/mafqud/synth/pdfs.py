"""Synthetic PDFs of register pages, for testing how PDFs are read. Never real people.

Every page is a :class:`~mafqud.synth.pages.RenderedPage`: invented detainees
on a page that prints its own "synthetic test data" notice. Each PDF also says
so in its title and subject. The kinds of PDF that arrive:

- **scanned** — page images only, as a scanner or a phone app makes them;
- **with a text layer** — the page image, and over it each printed text (title,
  headers, cells) as invisible text where it is printed: a scan that was OCR'd
  before it reached us (a "sandwich" PDF), or a register exported from a
  database, which reads the same way;
- **bad** — no pages, behind a password, cut short, or a page so large that
  rendering it would be a decompression bomb (written by hand, a few hundred bytes).

The text layer is written as some PDF writers set right-to-left text, a hard
case for a reader: each word is its own text object, its glyphs in visual
order (an Arabic word's letters reversed), words placed right to left a space
apart with no space character between them, lines turned with the page. The
layout is done here from first principles rather than with :mod:`mafqud.ocr`'s
own ordering, so that a fault in the reader cannot hide behind the same fault
in its test data. Pillow writes
the images (JPEG in the PDF, as scanners do); PDFium (``pypdfium2``) adds the
text; neither can encrypt, so the protected PDF is written by hand.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import itertools
import math
import re
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
from PIL import ImageFont

from mafqud.errors import InvalidInput, NotFound
from mafqud.synth.pages import PAGE_NOTICE, RenderedPage

TITLE = "SYNTHETIC TEST DATA: invented register pages, no real person (mafqud.synth)"
PASSWORD = "synthetic"
"""The user password of :func:`write_protected_pdf`."""
TEXT_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
"""The text layer's font: it has every Arabic, Latin and digit glyph the pages print (Noto Naskh
lacks "/" and Latin), and a glyph without Unicode in the PDF would be read as nothing."""
_POINTS_PER_INCH = 72
_RIGHT_TO_LEFT = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
_JPEG_QUALITY = 90
_SIZE = 10.0
_UNSHAPED = ImageFont.Layout.BASIC
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
"""The padding string of the PDF standard security handler (PDF 1.7, 7.6.3.3)."""
_PERMISSIONS = -44  # print, copy and the rest refused: what a provider's "secured" PDF says


def write_scanned_pdf(path: Path, pages: Sequence[RenderedPage]) -> Path:
    """An image-only PDF: one page per rendered page, no text layer (it is read by OCR)."""
    path.write_bytes(_image_pdf(pages))
    return path


def write_text_pdf(path: Path, pages: Sequence[RenderedPage]) -> Path:
    """A PDF whose pages show the page images and carry each printed text, invisible, over
    where it is printed (a cell's text in its cell), as an OCR'd scan or an export does."""
    document = pdfium.PdfDocument(_image_pdf(pages))
    font = _TextFont(document)
    try:
        for index, rendered in enumerate(pages):
            page = document[index]
            _lay_text(font, page, rendered)
            page.gen_content()
            page.close()
        document.save(str(path))
    finally:
        font.close()
        document.close()
    return path


def write_empty_pdf(path: Path) -> Path:
    """A well-formed PDF with no pages at all (a failed export, or a scan that never ran)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    path.write_bytes(_pdf_file([*objects, _info(TITLE.encode())], b"/Root 1 0 R /Info 3 0 R"))
    return path


def write_truncated_pdf(path: Path, pages: Sequence[RenderedPage]) -> Path:
    """A scanned PDF cut off halfway, as an interrupted download leaves it."""
    whole = _image_pdf(pages)
    path.write_bytes(whole[: len(whole) // 2])
    return path


def write_oversized_pdf(path: Path, points: int = 5000) -> Path:
    """A PDF of a few hundred bytes with one blank page ``points`` square (5,000 points is
    1.76 m: 435 million pixels at 300 dpi); rendering it would exhaust memory."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] >>" % (points, points),
        _info(TITLE.encode()),
    ]
    path.write_bytes(_pdf_file(objects, b"/Root 1 0 R /Info 4 0 R"))
    return path


def write_protected_pdf(path: Path, password: str = PASSWORD) -> Path:
    """A one-page PDF that opens only with ``password``; its page is a black bar.

    Standard security handler, revision 2 (RC4, 40-bit key: PDF 1.7, 7.6.3), the simplest
    any reader must open; the content stream and the title are encrypted, so the password
    really is needed (a reader that opens it with the password and renders the bar proves
    the file right).
    """
    padded = (password.encode("latin-1") + _PAD)[:32]
    file_id = hashlib.md5(b"mafqud synthetic protected pdf").digest()
    owner = _rc4(hashlib.md5(padded).digest()[:5], padded)
    key = hashlib.md5(padded + owner + struct.pack("<i", _PERMISSIONS) + file_id).digest()[:5]
    content = _rc4(_object_key(key, 4), b"0 g 100 400 395 40 re f")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
        % (owner.hex().encode(), _rc4(key, _PAD).hex().encode(), _PERMISSIONS),
        _info(_rc4(_object_key(key, 6), TITLE.encode())),
    ]
    ids = (file_id.hex().encode(),) * 2
    trailer = b"/Root 1 0 R /Encrypt 5 0 R /Info 6 0 R /ID [<%s> <%s>]" % ids
    path.write_bytes(_pdf_file(objects, trailer))
    return path


# --- the page images --------------------------------------------------------------------------


def _image_pdf(pages: Sequence[RenderedPage]) -> bytes:
    """The page images as a PDF, each page as large as the paper it was printed on."""
    if not pages:
        raise InvalidInput("a PDF needs at least one page")
    dpi = {page.spec.dpi for page in pages}
    if len(dpi) > 1:
        raise InvalidInput(f"pages of one PDF share a resolution, not {sorted(dpi)} dpi")
    buffer = io.BytesIO()
    first, *others = [page.image.convert("RGB") for page in pages]
    first.save(buffer, "PDF", save_all=True, append_images=others, resolution=float(dpi.pop()),
               quality=_JPEG_QUALITY, title=TITLE, subject=PAGE_NOTICE,
               creator="mafqud.synth.pdfs")  # fmt: skip
    return buffer.getvalue()


# --- the text layer ---------------------------------------------------------------------------


class _TextFont:
    """The text layer's font, embedded once per document (PDFium keeps a copy of the data),
    and its advances (Pillow's, unshaped: PDFium sets the glyphs one after another)."""

    def __init__(self, document: Any) -> None:
        if not TEXT_FONT.is_file():
            raise NotFound(f"{TEXT_FONT} is missing: apt-get install fonts-dejavu-core")
        self.metrics = ImageFont.truetype(str(TEXT_FONT), 1000, layout_engine=_UNSHAPED)
        data = TEXT_FONT.read_bytes()
        self._data = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        self.document = document
        self.raw = pdfium_c.FPDFText_LoadFont(
            document, self._data, len(data), pdfium_c.FPDF_FONT_TRUETYPE, True
        )
        if not self.raw:
            raise NotFound(f"PDFium cannot load {TEXT_FONT}")

    def advance(self, glyphs: str) -> float:
        """How far ``glyphs`` take the pen at the text layer's type size, in points."""
        return float(self.metrics.getlength(glyphs)) * _SIZE / 1000

    def close(self) -> None:
        pdfium_c.FPDFFont_Close(self.raw)


def _lay_text(font: _TextFont, page: Any, rendered: RenderedPage) -> None:
    """Every printed text of the page over where it is printed, in PDF points (y up), its
    lines turned as the page was."""
    points = _POINTS_PER_INCH / rendered.spec.dpi
    height = float(page.get_height())
    printed = [(line.text, line.box) for line in rendered.lines]
    printed += [(cell.text, cell.text_box) for cell in (*rendered.header, *rendered.cells)
                if cell.text and cell.text_box]  # fmt: skip
    for text, (left, top, right, bottom) in printed:
        box = (left * points, height - bottom * points, right * points, height - top * points)
        _lay_line(font, page, text.split(), box, rendered.angle)


def _lay_line(
    font: _TextFont, page: Any, words: list[str], box: tuple[float, float, float, float],
    angle: float,
) -> None:  # fmt: skip
    """Words left to right as printed along a line through the middle of ``box`` (left,
    bottom, right, top) turned ``angle`` degrees, a space apart, as wide as the box."""
    glyphs = _visual_order(words)
    advances = [font.advance(text) for text in glyphs]
    space = font.advance(" ")
    natural = sum(advances) + space * (len(glyphs) - 1)
    scale = (box[2] - box[0]) / natural
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    middle = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    objects = [_text_object(font, text) for text in glyphs]
    bounds = [_bounds(obj) for obj in objects]
    rise = scale * (min(b for _, b, _, _ in bounds) + max(t for _, _, _, t in bounds)) / 2
    along = -scale * natural / 2
    for obj, advance in zip(objects, advances, strict=True):
        x, y = middle[0] + along * cos + rise * sin, middle[1] + along * sin - rise * cos
        pdfium_c.FPDFPageObj_Transform(obj, scale * cos, scale * sin, -scale * sin,
                                       scale * cos, x, y)  # fmt: skip
        pdfium_c.FPDFPage_InsertObject(page, obj)
        along += scale * (advance + space)


def _visual_order(words: list[str]) -> list[str]:
    """Logical order to left-to-right as printed, each word's glyphs as a writer lays them.

    A line with Arabic runs right to left: its runs of words are reversed, and so are
    the words of a right-to-left run and the letters of an Arabic word; a left-to-right
    run (a number, a Latin phrase) keeps its order.
    """

    def right_to_left(word: str) -> bool:
        return bool(_RIGHT_TO_LEFT.search(word))

    if not any(map(right_to_left, words)):
        return words
    runs = [(rtl, list(run)) for rtl, run in itertools.groupby(words, key=right_to_left)]
    ordered: list[str] = []
    for rtl, run in reversed(runs):
        ordered += [word[::-1] for word in reversed(run)] if rtl else run
    return ordered


def _text_object(font: _TextFont, glyphs: str) -> Any:
    obj = pdfium_c.FPDFPageObj_CreateTextObj(font.document, font.raw, _SIZE)
    encoded = ctypes.create_string_buffer((glyphs + "\x00").encode("utf-16-le"))
    if not pdfium_c.FPDFText_SetText(obj, ctypes.cast(encoded, pdfium_c.FPDF_WIDESTRING)):
        raise NotFound(f"PDFium cannot set {glyphs!r} in {TEXT_FONT.name}")
    pdfium_c.FPDFTextObj_SetTextRenderMode(obj, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
    return obj


def _bounds(obj: Any) -> tuple[float, float, float, float]:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    return left.value, bottom.value, right.value, top.value


# --- a PDF by hand ----------------------------------------------------------------------------


def _rc4(key: bytes, data: bytes) -> bytes:
    """RC4, which the PDF standard security handler uses (not for secrecy here: for a test)."""
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def _object_key(key: bytes, number: int, generation: int = 0) -> bytes:
    """The key a PDF object's strings and streams are encrypted with (PDF 1.7, algorithm 1)."""
    salt = number.to_bytes(3, "little") + generation.to_bytes(2, "little")
    return hashlib.md5(key + salt).digest()[: len(key) + 5]


def _info(title: bytes) -> bytes:
    """A document information dictionary with its title (as stored: encrypted or not)."""
    return b"<< /Title <%s> >>" % title.hex().encode()


def _pdf_file(objects: list[bytes], trailer: bytes) -> bytes:
    """Numbered objects (from 1), a cross-reference table and a trailer: a whole PDF file."""
    out = bytearray(b"%PDF-1.3\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer, xref)  # fmt: skip
    return bytes(out)
