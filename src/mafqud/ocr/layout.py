"""The page's geometry: how far it is turned, where its rules run, and the page without them.

Registers are ruled tables; the rules are what tells one cell from the next,
and also what OCR reads worst (a grid joined at every crossing is one blob
to Tesseract, which then reads almost nothing). So the rules are found
first — on a straightened page, as the rows and columns of pixels crossed by
long dark runs — and then painted out before any cell is read.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

from mafqud.errors import UnreadableDocument

MAX_SKEW = 4.0
"""Degrees either way a page may be turned (a photographed or fed-in page rarely is more)."""
_DARKER_THAN_AROUND = 25
_RULE_RUN = 0.9
"""Share of a long window that must be dark for it to be part of a rule (noise breaks some)."""
_ERASE = 5
"""Pixels either side of a rule also painted out (anti-aliasing, blur)."""


class NoTable(UnreadableDocument):
    """The page was read but holds no ruled table (a cover, a letter, a blank back)."""


@dataclass(frozen=True)
class Grid:
    """The rules of a table: the y of each horizontal rule, the x of each vertical one.

    Both ascending, in the straightened page's pixels; ``bands`` are each rule's extent.
    """

    rows: tuple[int, ...]
    columns: tuple[int, ...]
    row_bands: tuple[tuple[int, int], ...]
    column_bands: tuple[tuple[int, int], ...]

    def cell(self, row: int, column: int) -> tuple[int, int, int, int]:
        """The box inside the rules of a cell (row 0 is below the first rule; column 0 on the
        left), as (left, top, right, bottom)."""
        left, right = self.column_bands[column][1] + 1, self.column_bands[column + 1][0]
        top, bottom = self.row_bands[row][1] + 1, self.row_bands[row + 1][0]
        return (left, top, right, bottom)


def dark_pixels(gray: Image.Image) -> np.ndarray:
    """Ink: pixels clearly darker than their neighbourhood, so that uneven lighting, a grey
    background or a coloured stamp does not turn a whole region dark."""
    values = np.asarray(gray, dtype=np.int16)
    around = np.asarray(gray.filter(ImageFilter.BoxBlur(25)), dtype=np.int16)
    return values < around - _DARKER_THAN_AROUND


def straighten(image: Image.Image) -> tuple[Image.Image, float]:
    """The page in grey, turned so its rules run level; and the angle it was turned by.

    The angle is the one that makes the rows of ink the most uneven (rules and
    lines of text stacked exactly): searched on a third-size copy, in quarter
    degrees, then in twentieths around the best.
    """
    gray = image.convert("L")
    small = gray.resize((max(1, gray.width // 3), max(1, gray.height // 3)))
    ink = Image.fromarray((dark_pixels(small) * 255).astype(np.uint8))

    def score(angle: float) -> float:
        turned = np.asarray(ink.rotate(angle, resample=Image.Resampling.BILINEAR)) > 127
        profile = turned.sum(axis=1).astype(np.float64)
        return float((profile**2).sum())

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.25), key=score)
    angle = float(max(np.arange(coarse - 0.25, coarse + 0.26, 0.05), key=score))
    angle = round(angle, 2)
    if abs(angle) < 0.1:  # within the search's own step: turning would only blur the page
        return gray, 0.0
    return turn(gray, angle), angle


def turn(gray: Image.Image, angle: float) -> Image.Image:
    """The page turned by ``angle`` as :func:`straighten` turns it, so the straightened page
    a reading was made from can be made again (and stored) from the angle alone."""
    if angle == 0.0:
        return gray
    return gray.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)


def find_grid(gray: Image.Image) -> Grid:
    """The table's rules on a straightened page; :class:`UnreadableDocument` if it has none."""
    ink = dark_pixels(gray)
    horizontal = _runs(ink, max(8, ink.shape[1] // 8))
    row_bands = _bands(horizontal)
    if len(row_bands) < 3:
        raise NoTable("no ruled table found on the page (fewer than three rules)")
    top, bottom = row_bands[0][0], row_bands[-1][1]
    vertical = _runs(ink[top : bottom + 1].T, max(8, (bottom - top) // 4))
    column_bands = _bands(vertical)
    if len(column_bands) < 2:
        raise NoTable("no ruled columns found on the page (fewer than two rules)")
    return Grid(
        rows=tuple((a + b) // 2 for a, b in row_bands),
        columns=tuple((a + b) // 2 for a, b in column_bands),
        row_bands=tuple(row_bands),
        column_bands=tuple(column_bands),
    )


def erase_rules(gray: Image.Image, grid: Grid) -> Image.Image:
    """The page with its rules painted white, so only what was written on it is read."""
    pixels = np.asarray(gray).copy()
    for start, end in grid.row_bands:
        pixels[max(0, start - _ERASE) : end + _ERASE + 1, :] = 255
    for start, end in grid.column_bands:
        pixels[:, max(0, start - _ERASE) : end + _ERASE + 1] = 255
    return Image.fromarray(pixels)


def _runs(ink: np.ndarray, length: int) -> np.ndarray:
    """For each row of ``ink``: how many windows of ``length`` pixels along it are nearly all
    dark. A rule has hundreds; a line of text, with its gaps between words, has none."""
    counts = np.cumsum(np.pad(ink.astype(np.int32), ((0, 0), (1, 0))), axis=1)
    windows = counts[:, length:] - counts[:, :-length]
    dark_windows: np.ndarray = (windows >= _RULE_RUN * length).sum(axis=1)
    return dark_windows


def _bands(profile: np.ndarray) -> list[tuple[int, int]]:
    """Runs of consecutive rows whose profile stands out (a rule a few pixels thick)."""
    if profile.max() == 0:
        return []
    rows = np.flatnonzero(profile > 0.3 * profile.max())
    groups = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1)
    return [(int(group[0]), int(group[-1])) for group in groups]
