"""Synthetic scanned register pages whose ground truth is known, for testing OCR.

A page looks like a typed register of a Syrian security branch or prison: a title, a line saying
that the page is synthetic, and a ruled right-to-left table of invented detainees taken from
:func:`mafqud.synth.people.generate_people`. It is then worn like a scan (skew, blur, noise, JPEG,
a stamp, pen strokes, uneven light) to a documented degree. Because the page is drawn here, the
truth is exact: every cell's text and its box in the final image, after the skew.

Arabic is shaped by libraqm (Pillow's RAQM layout): without it letters print in their isolated
forms, which no real register does. Pillow does no font fallback, so each text is set in the first
installed font that has all of its characters (Noto Naskh Arabic lacks "/" and Latin letters,
which dates and the synthetic notice need); a missing glyph would print a box and the truth
would lie. Everything is seeded: the same spec gives the same bytes.
"""

from __future__ import annotations

import io
import math
import random
import struct
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import orjson
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, features

from mafqud.errors import InvalidInput, NotFound
from mafqud.synth.people import SyntheticPerson, generate_people
from mafqud.synth.registers import COLUMNS, Progress
from mafqud.synth.vocabulary import FACILITIES

Box = tuple[int, int, int, int]
"""left, top, right, bottom in pixels of the final image (right and bottom exclusive)."""

DEFAULT_COLUMNS = (
    "given_name", "father_name", "mother_name", "family_name",
    "birth_date", "facility", "event_date",
)  # fmt: skip
ROW_NUMBER = "row_number"
"""The first (rightmost) column, headed "م": the row's number as printed."""
PAGE_NOTICE = "بيانات اصطناعية للاختبار – SYNTHETIC TEST DATA, no real person"
TRUTH_FILE = "truth.json"
_MULTIPAGE_FILE = "pages.tiff"

_HEADERS = {field: arabic for field, arabic, _english in COLUMNS}
_TITLE = "سجل الموقوفين"
_STAMP_TEXT = "صورة طبق الأصل"
_A4_MM = (210.0, 297.0)
_MARGIN_MM = 14.0
_TABLE_PT, _MIN_TABLE_PT = 11.0, 7.0
_ROW_HEIGHT = 1.9  # times the type size: the air typed registers leave between rows
_PAPER, _INK = (255, 255, 255), (20, 20, 20)
_DATE_FORMATS = ("%Y/%m/%d", "%d/%m/%Y")  # how Syrian registers type dates
_EASTERN_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_NO_SUCH_CHARACTER = "\U0010fffd"  # private use: every font draws its "missing glyph" box
_FONT_DIR = Path("/usr/share/fonts/truetype")


class Degradation(StrEnum):
    """How worn the scan looks; each level is worse than the one before (figures in ``_WEAR``).

    - clean: the page as printed;
    - light: skewed 0.35-0.7°, slightly blurred, faint noise, JPEG quality 80;
    - medium: skewed 0.75-1.5°, more blur and noise, JPEG 55, a coloured round stamp on the
      table and two stray pen strokes;
    - heavy: skewed 1.5-3°, strong blur and noise, JPEG 30, a stamp, four pen strokes, and light
      falling off towards one side (a third darker at the worst).
    """

    CLEAN = "clean"
    LIGHT = "light"
    MEDIUM = "medium"
    HEAVY = "heavy"


class PageFormat(StrEnum):
    """The image formats scans arrive in; TIFF may hold several pages in one file."""

    PNG = "png"
    JPEG = "jpeg"
    TIFF = "tiff"


@dataclass(frozen=True)
class PageSpec:
    """What to draw; the defaults make one clean page of twelve rows at 200 dpi."""

    rows: int = 12
    seed: int = 0
    degradation: Degradation = Degradation.CLEAN
    columns: tuple[str, ...] = DEFAULT_COLUMNS
    dpi: int = 200
    eastern_digits: bool = False


@dataclass(frozen=True)
class Cell:
    """One cell of the table: what it says, the ruled cell and the printed text's extent."""

    row: int  # 0 for the header, else the row's number as printed in the م column
    field: str
    text: str
    box: Box  # inside the cell's rules
    text_box: Box | None  # None when the cell is empty


@dataclass(frozen=True)
class Line:
    """A line of text above the table (the title, the synthetic notice)."""

    text: str
    box: Box


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    box: Box  # the whole column, header included


@dataclass(frozen=True)
class RenderedPage:
    """A page image and everything printed on it, in the image's own (skewed) coordinates."""

    image: Image.Image
    spec: PageSpec
    angle: float  # degrees the page was turned, counter-clockwise
    lines: tuple[Line, ...]
    columns: tuple[Column, ...]
    header: tuple[Cell, ...]
    cells: tuple[Cell, ...]
    rows: list[dict[str, str]]  # field → exact text printed, ROW_NUMBER included
    table_box: Box

    def truth(self) -> dict[str, Any]:
        """The ground truth as JSON-ready data (boxes as [left, top, right, bottom])."""
        return {
            "spec": asdict(self.spec),
            "size": list(self.image.size),
            "angle": round(self.angle, 4),
            "lines": [asdict(line) for line in self.lines],
            "table_box": list(self.table_box),
            "columns": [asdict(column) for column in self.columns],
            "header": [asdict(cell) for cell in self.header],
            "rows": self.rows,
            "cells": [asdict(cell) for cell in self.cells],
        }


@dataclass(frozen=True)
class _Wear:
    """One degradation level: a seeded combination of what scanning and handling do to paper."""

    max_angle: float  # degrees of skew; drawn between half of it and all of it, either way
    blur: float  # Gaussian radius in pixels at 200 dpi (out-of-focus or low-resolution scanner)
    noise: float  # standard deviation of grey sensor noise, in levels of 255
    jpeg_quality: int | None  # re-compressed as JPEG, the way scans are passed around
    stamp: bool  # a coloured round stamp over part of the table
    pen_lines: int  # stray ballpoint strokes across the table
    lighting: float  # how much darker the worst-lit corner is (a curled page, a phone photo)


_WEAR = {
    Degradation.CLEAN: _Wear(0.0, 0.0, 0.0, None, stamp=False, pen_lines=0, lighting=0.0),
    Degradation.LIGHT: _Wear(0.7, 0.5, 6.0, 80, stamp=False, pen_lines=0, lighting=0.0),
    Degradation.MEDIUM: _Wear(1.5, 0.9, 12.0, 55, stamp=True, pen_lines=2, lighting=0.0),
    Degradation.HEAVY: _Wear(3.0, 1.3, 20.0, 30, stamp=True, pen_lines=4, lighting=0.35),
}


# --- fonts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Face:
    regular: Path
    bold: Path
    package: str
    scale: float  # Naskh draws small letters for its size; scaled, faces look one size

    def font(self, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
        path = self.bold if bold and self.bold.is_file() else self.regular
        return _font(path, round(size * self.scale))


_FACES = (
    _Face(
        _FONT_DIR / "noto/NotoNaskhArabic-Regular.ttf",
        _FONT_DIR / "noto/NotoNaskhArabic-Bold.ttf",
        "fonts-noto-core",
        scale=1.2,
    ),
    _Face(
        _FONT_DIR / "noto/NotoSansArabic-Regular.ttf",
        _FONT_DIR / "noto/NotoSansArabic-Bold.ttf",
        "fonts-noto-core",
        scale=1.05,
    ),
    _Face(
        _FONT_DIR / "dejavu/DejaVuSans.ttf",
        _FONT_DIR / "dejavu/DejaVuSans-Bold.ttf",
        "fonts-dejavu-core",
        scale=1.0,
    ),
)


def installed_fonts() -> tuple[Path, ...]:
    """The Arabic fonts pages are set in, in order of preference, as far as they are installed."""
    return tuple(face.regular for face in _installed_faces())


def _installed_faces() -> tuple[_Face, ...]:
    found = tuple(face for face in _FACES if face.regular.is_file())
    if not found:
        packages = " or ".join(sorted({face.package for face in _FACES}))
        raise NotFound(f"no font with Arabic glyphs is installed: apt-get install {packages}")
    if not features.check("raqm"):
        raise NotFound("Pillow has no libraqm: Arabic would print unjoined; use Pillow's wheel")
    return found


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM)


@cache
def _glyph(path: Path, char: str) -> bytes:
    font = _font(path, 32)
    image = Image.new("L", (96, 96))
    ImageDraw.Draw(image).text((24, 24), char, font=font, fill=255)
    return image.tobytes()


def _has_glyphs(path: Path, text: str) -> bool:
    missing = _glyph(path, _NO_SUCH_CHARACTER)
    return all(char.isspace() or _glyph(path, char) != missing for char in set(text))


def _face_for(texts: Iterable[str]) -> _Face:
    """The first installed face that can print every character of ``texts``."""
    joined = "".join(texts)
    for face in _installed_faces():
        if _has_glyphs(face.regular, joined):
            return face
    raise NotFound(
        f"no installed font has every character of {joined[:40]!r}: "
        "apt-get install fonts-dejavu-core"
    )


# --- the page as printed ----------------------------------------------------------------------


@dataclass
class _Sheet:
    """The unworn page while it is drawn, with the truth in its own coordinates."""

    image: Image.Image
    draw: ImageDraw.ImageDraw
    dpi: int
    lines: list[Line]
    columns: list[Column]
    cells: list[Cell]
    table_box: Box = (0, 0, 0, 0)

    def px(self, mm: float) -> int:
        return round(mm * self.dpi / 25.4)

    def pt(self, points: float) -> int:
        return round(points * self.dpi / 72)

    def write(
        self, xy: tuple[float, float], text: str, font: ImageFont.FreeTypeFont, anchor: str
    ) -> Box:
        """Print right-to-left, shaped Arabic text and return where it landed."""
        options: dict[str, Any] = {
            "font": font,
            "anchor": anchor,
            "direction": "rtl",
            "language": "ar",
        }
        self.draw.text(xy, text, fill=_INK, **options)
        left, top, right, bottom = self.draw.textbbox(xy, text, **options)
        return (math.floor(left), math.floor(top), math.ceil(right), math.ceil(bottom))

    def width(self, text: str, font: ImageFont.FreeTypeFont) -> float:
        return self.draw.textlength(text, font=font, direction="rtl", language="ar")


def render_page(spec: PageSpec) -> RenderedPage:
    """Draw one synthetic register page, wear it as ``spec.degradation`` says, keep the truth."""
    _check(spec)
    layout = random.Random(f"page-layout-{spec.seed}")
    date_format = layout.choice(_DATE_FORMATS)
    people = generate_people(spec.rows, seed=spec.seed)
    rows = [_row(number, person, spec, date_format) for number, person in enumerate(people, 1)]
    size = (round(_A4_MM[0] * spec.dpi / 25.4), round(_A4_MM[1] * spec.dpi / 25.4))
    image = Image.new("RGB", size, _PAPER)
    sheet = _Sheet(image, ImageDraw.Draw(image), spec.dpi, [], [], [])
    title = f"{layout.choice(FACILITIES[0])} – {_TITLE}"
    top = _heading(sheet, title.translate(_EASTERN_DIGITS) if spec.eastern_digits else title)
    _table(sheet, spec, rows, top)
    worn, angle = _wear(sheet, _WEAR[Degradation(spec.degradation)], spec.seed)
    turn = _Turn(angle, size)
    cells = [
        replace(cell, box=turn(cell.box), text_box=cell.text_box and turn(cell.text_box))
        for cell in sheet.cells
    ]
    return RenderedPage(
        image=worn,
        spec=spec,
        angle=angle,
        lines=tuple(replace(line, box=turn(line.box)) for line in sheet.lines),
        columns=tuple(replace(column, box=turn(column.box)) for column in sheet.columns),
        header=tuple(cell for cell in cells if cell.row == 0),
        cells=tuple(cell for cell in cells if cell.row > 0),
        rows=rows,
        table_box=turn(sheet.table_box),
    )


def _check(spec: PageSpec) -> None:
    unknown = [field for field in spec.columns if field not in _HEADERS]
    if unknown or not spec.columns:
        raise InvalidInput(f"unknown or no columns {unknown}: choose from {', '.join(_HEADERS)}")
    if spec.rows < 0 or not 72 <= spec.dpi <= 600:
        raise InvalidInput("rows must be >= 0 and dpi between 72 and 600")


def _row(number: int, person: SyntheticPerson, spec: PageSpec, date_format: str) -> dict[str, str]:
    """The row as typed: dates in the page's one style (one clerk, one habit), digits as asked."""
    texts = {ROW_NUMBER: str(number)}
    for field in spec.columns:
        value = getattr(person, field)
        if isinstance(value, date):
            value = value.strftime(date_format)
        elif field == "sex":
            value = {"M": "ذكر", "F": "أنثى"}[value]
        texts[field] = "" if value is None else str(value)
    if spec.eastern_digits:
        return {field: text.translate(_EASTERN_DIGITS) for field, text in texts.items()}
    return texts


def _heading(sheet: _Sheet, title: str) -> int:
    """Print the title and the synthetic notice, centred; return where the table may start."""
    middle, y = sheet.image.width / 2, sheet.px(_MARGIN_MM)
    for text, points, bold in ((title, 16.0, True), (PAGE_NOTICE, 10.0, False)):
        font = _face_for([text]).font(sheet.pt(points), bold=bold)
        box = sheet.write((middle, y), text, font, anchor="mt")
        sheet.lines.append(Line(text, box))
        y = box[3] + sheet.px(4)
    return y + sheet.px(4)


def _table(sheet: _Sheet, spec: PageSpec, rows: list[dict[str, str]], top: int) -> None:
    """Rule the table right to left and fill it; the header row is row 0."""
    fields = (ROW_NUMBER, *spec.columns)
    headers = {ROW_NUMBER: "م", **{field: _HEADERS[field] for field in spec.columns}}
    texts = {field: [headers[field], *(row[field] for row in rows)] for field in fields}
    fonts, widths = _fit(sheet, fields, texts)
    height = round(max(font.size for font in fonts.values()) * _ROW_HEIGHT)
    bottom = top + height * (len(rows) + 1)
    if bottom > sheet.image.height - sheet.px(_MARGIN_MM):
        fit = (sheet.image.height - sheet.px(_MARGIN_MM) - top) // height - 1
        raise InvalidInput(f"{len(rows)} rows do not fit on an A4 page; at most {fit} do")
    right = sheet.image.width - sheet.px(_MARGIN_MM)
    edges = [right - sum(widths[:i]) for i in range(len(fields) + 1)]  # right to left
    levels = [top + number * height for number in range(len(rows) + 2)]
    rule = max(1, round(spec.dpi / 100))
    _rule(sheet, sorted(edges), levels, rule)
    sheet.table_box = (edges[-1], top, right + 1, bottom + 1)
    for index, field in enumerate(fields):
        cell_right, cell_left = edges[index], edges[index + 1]
        sheet.columns.append(Column(field, headers[field], (cell_left, top, cell_right, bottom)))
        for number, text in enumerate(texts[field]):
            y = levels[number]
            box = (cell_left + rule, y + rule, cell_right - rule, y + height - rule)
            written = None
            if text:
                written = sheet.write(
                    (cell_right - sheet.px(1.5), y + height / 2), text, fonts[field], "rm"
                )
            sheet.cells.append(Cell(number, field, text, box, written))


def _rule(sheet: _Sheet, xs: list[int], ys: list[int], width: int) -> None:
    """Rule the grid as registers are ruled: every rule joined at every crossing.

    A joined grid is one connected blob, and Tesseract's single-block mode
    (``--psm 6``) reads almost none of a clean page's names through it (0-2 %,
    against 100 % when the rules stop short of the crossings): the OCR has to
    find and remove the rules, as it must on real scans.
    """
    for y in ys:
        thick = width * 2 if y == ys[1] else width  # a double-weight rule under the header
        sheet.draw.line((xs[0], y, xs[-1], y), fill=_INK, width=thick)
    for x in xs:
        sheet.draw.line((x, ys[0], x, ys[-1]), fill=_INK, width=width)


def _fit(
    sheet: _Sheet, fields: Sequence[str], texts: dict[str, list[str]]
) -> tuple[dict[str, ImageFont.FreeTypeFont], list[int]]:
    """Each column's font and width: as large as fits, the spare width given to data columns."""
    available = sheet.image.width - 2 * sheet.px(_MARGIN_MM)
    faces = {field: _face_for(texts[field]) for field in fields}
    size = sheet.pt(_TABLE_PT)
    while True:
        fonts = {field: faces[field].font(size) for field in fields}
        natural = [
            math.ceil(max(sheet.width(text, fonts[field]) for text in texts[field]))
            + 2 * sheet.px(1.5)
            for field in fields
        ]
        if sum(natural) <= available:
            break
        size -= 1
        if size < sheet.pt(_MIN_TABLE_PT):
            raise InvalidInput("the columns do not fit across an A4 page: choose fewer")
    spare = (available - sum(natural)) // (len(fields) - 1)
    widths = [natural[0]] + [width + spare for width in natural[1:]]
    return fonts, widths


# --- wear -------------------------------------------------------------------------------------


def _wear(sheet: _Sheet, wear: _Wear, seed: int) -> tuple[Image.Image, float]:
    """Handle, scan and pass the page on as ``wear`` says; return the image and its skew."""
    rng = random.Random(f"page-wear-{seed}")
    image = sheet.image.copy()
    if wear.stamp:
        _stamp(image, sheet, rng)
    for _ in range(wear.pen_lines):
        _pen_line(image, sheet, rng)
    angle = 0.0
    if wear.max_angle:
        angle = rng.uniform(wear.max_angle / 2, wear.max_angle) * rng.choice((-1, 1))
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=_PAPER)
    if wear.blur:
        image = image.filter(ImageFilter.GaussianBlur(wear.blur * sheet.dpi / 200))
    if wear.lighting:
        image = _light(image, wear.lighting, rng)
    if wear.noise:
        image = _noise(image, wear.noise, np.random.default_rng(seed))
    if wear.jpeg_quality:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=wear.jpeg_quality)
        image = Image.open(buffer).convert("RGB")
    return image, angle


def _stamp(image: Image.Image, sheet: _Sheet, rng: random.Random) -> None:
    """Press a round ink stamp somewhere on the table; ink darkens, it never covers (multiply)."""
    radius = sheet.px(rng.uniform(15, 19))
    colour = rng.choice(((90, 110, 210), (150, 90, 190), (215, 90, 95)))
    stamp = Image.new("RGB", (2 * radius + 2, 2 * radius + 2), _PAPER)
    draw = ImageDraw.Draw(stamp)
    ring = max(2, sheet.px(0.6))
    for scale in (1.0, 0.78):
        inset = round(radius * (1 - scale))
        draw.ellipse((inset, inset, 2 * radius - inset, 2 * radius - inset), outline=colour,
                     width=ring)  # fmt: skip
    font = _face_for([_STAMP_TEXT]).font(sheet.pt(9))
    draw.text((radius, radius), _STAMP_TEXT, fill=colour, font=font, anchor="mm", direction="rtl")
    stamp = stamp.rotate(rng.uniform(-40, 40), resample=Image.Resampling.BICUBIC, fillcolor=_PAPER)
    left, top, right, bottom = sheet.table_box
    x = rng.randrange(left, max(left + 1, right - stamp.width))
    y = rng.randrange(top, max(top + 1, bottom - stamp.height))
    region = (x, y, x + stamp.width, y + stamp.height)
    image.paste(ImageChops.multiply(image.crop(region), stamp), region[:2])


def _pen_line(image: Image.Image, sheet: _Sheet, rng: random.Random) -> None:
    """A stray ballpoint stroke across the table, slightly wavering like a hand."""
    left, top, right, bottom = sheet.table_box
    x, y = rng.uniform(left, right), rng.uniform(top, bottom)
    heading, length = rng.uniform(0, math.tau), sheet.px(rng.uniform(30, 110))
    jitter = sheet.px(0.8)
    points = [
        (
            x + math.cos(heading) * length * step / 5 + rng.uniform(-jitter, jitter),
            y + math.sin(heading) * length * step / 5 + rng.uniform(-jitter, jitter),
        )
        for step in range(6)
    ]
    colour = rng.choice(((25, 35, 110), (45, 45, 50)))
    ImageDraw.Draw(image).line(points, fill=colour, width=max(2, sheet.px(0.35)), joint="curve")


def _light(image: Image.Image, strength: float, rng: random.Random) -> Image.Image:
    """Light falling off towards one side of the page, ``strength`` darker at the worst."""
    towards = rng.uniform(0, math.tau)
    xs = np.linspace(-0.5, 0.5, image.width, dtype=np.float32)[None, :] * math.cos(towards)
    ys = np.linspace(-0.5, 0.5, image.height, dtype=np.float32)[:, None] * math.sin(towards)
    reach = np.clip(xs + ys + 0.5, 0, 1)
    light = Image.fromarray((255 * (1 - strength * reach**2)).astype(np.uint8))
    return ImageChops.multiply(image, Image.merge("RGB", (light, light, light)))


def _noise(image: Image.Image, sigma: float, generator: np.random.Generator) -> Image.Image:
    """Grey sensor noise of standard deviation ``sigma``, added to every channel alike."""
    grain = generator.standard_normal((image.height, image.width), dtype=np.float32)
    layer = Image.fromarray(np.clip(grain * sigma + 128, 0, 255).astype(np.uint8))
    return ImageChops.add(image, Image.merge("RGB", (layer, layer, layer)), offset=-128)


class _Turn:
    """Carry a box of the unworn page through the skew: the box enclosing its turned corners."""

    def __init__(self, angle: float, size: tuple[int, int]) -> None:
        self._cos, self._sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        self._centre = (size[0] / 2, size[1] / 2)
        self._size = size

    def __call__(self, box: Box) -> Box:
        if not self._sin:
            return box
        (cx, cy), (left, top, right, bottom) = self._centre, box
        xs, ys = [], []
        for x, y in ((left, top), (right, top), (left, bottom), (right, bottom)):
            dx, dy = x - cx, y - cy
            xs.append(cx + dx * self._cos + dy * self._sin)
            ys.append(cy - dx * self._sin + dy * self._cos)
        width, height = self._size
        return (
            max(0, math.floor(min(xs))),
            max(0, math.floor(min(ys))),
            min(width, math.ceil(max(xs))),
            min(height, math.ceil(max(ys))),
        )


# --- files ------------------------------------------------------------------------------------


def write_pages(
    folder: Path,
    count: int,
    spec: PageSpec = PageSpec(),  # frozen, so one shared default is safe
    fmt: str = "png",
    multipage_tiff: bool = False,
    progress: Progress | None = None,
) -> list[Path]:
    """Write ``count`` pages (page i seeded ``spec.seed + i``) and ``truth.json`` beside them.

    Returns the image files written (one multi-page TIFF with ``multipage_tiff``, which holds
    every page in memory until it is saved). ``truth.json`` says it is synthetic at its top.
    """
    try:
        kind = PageFormat(fmt)
    except ValueError:
        raise InvalidInput(f"unknown format {fmt!r}: use png, jpeg or tiff") from None
    if count < 1:
        raise InvalidInput("write at least one page")
    if multipage_tiff and kind is not PageFormat.TIFF:
        raise InvalidInput(f"a multi-page file must be TIFF, not {kind.value}")
    folder.mkdir(parents=True, exist_ok=True)
    truths, images, paths = [], [], []
    for index in range(count):
        page = render_page(replace(spec, seed=spec.seed + index))
        if multipage_tiff:
            images.append(page.image)
            truths.append({"file": _MULTIPAGE_FILE, "frame": index, **page.truth()})
        else:
            paths.append(folder / f"page-{index + 1:04d}.{kind.value}")
            _save(page.image, paths[-1], kind, spec.dpi)
            truths.append({"file": paths[-1].name, **page.truth()})
        if progress:
            progress(index + 1, count)
    if multipage_tiff:
        paths.append(folder / _MULTIPAGE_FILE)
        _save(images[0], paths[0], kind, spec.dpi, append_images=images[1:])
    document = {"synthetic": True, "notice": PAGE_NOTICE, "pages": truths}
    (folder / TRUTH_FILE).write_bytes(orjson.dumps(document, option=orjson.OPT_INDENT_2))
    return paths


def _save(image: Image.Image, path: Path, kind: PageFormat, dpi: int, **options: Any) -> None:
    """Save with the page's resolution recorded, so OCR knows the type size."""
    if kind is PageFormat.JPEG:
        options["quality"] = 92
    if kind is PageFormat.TIFF:
        options.update(compression="tiff_deflate", save_all=True)
    image.save(path, kind.value.upper(), dpi=(dpi, dpi), **options)


# --- bad inputs for importers -----------------------------------------------------------------


def write_corrupt_image(path: Path) -> Path:
    """A PNG (or, for .jpg/.jpeg, a JPEG) cut off halfway: the header reads, the pixels do not."""
    kind = "JPEG" if path.suffix.lower() in {".jpg", ".jpeg"} else "PNG"
    pixels = np.random.default_rng(0).integers(0, 256, (256, 256, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, kind)
    whole = buffer.getvalue()
    path.write_bytes(whole[: len(whole) // 2])
    return path


def write_decompression_bomb(path: Path, side: int = 40_000) -> Path:
    """A PNG of a few dozen bytes whose header claims ``side`` × ``side`` pixels.

    A reader that trusts the header would allocate gigabytes; Pillow's ``MAX_IMAGE_PIXELS``
    check must refuse it before that.
    """

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit grey, no interlace
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )
    return path
