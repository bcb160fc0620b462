"""Reading synthetic register pages: the grid, the header mapping, the cells and their boxes."""

from __future__ import annotations

from typing import Any

import pytesseract
import pytest
from PIL import Image, ImageOps

from mafqud.errors import UnreadableDocument
from mafqud.ocr import engine_version, find_grid, read_page, straighten
from mafqud.ocr.engine import read_column
from mafqud.ocr.table import tidy
from mafqud.synth.pages import Degradation, PageSpec, RenderedPage, render_page

NAMES = ("given_name", "father_name", "mother_name", "family_name")


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    """Intersection over union of two boxes."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    inter = width * height
    area = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / area


def _count_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count Tesseract runs from here on: the one number that decides how fast pages read."""
    runs = [0]
    image_to_data = pytesseract.image_to_data

    def counted(*args: Any, **kwargs: Any) -> Any:
        runs[0] += 1
        return image_to_data(*args, **kwargs)

    monkeypatch.setattr(pytesseract, "image_to_data", counted)
    return runs


@pytest.fixture(scope="module")
def clean() -> RenderedPage:
    return render_page(PageSpec(rows=8, seed=41))


@pytest.fixture(scope="module")
def skewed() -> RenderedPage:
    return render_page(PageSpec(rows=8, seed=42, degradation=Degradation.MEDIUM))


def test_the_engine_has_its_arabic_model() -> None:
    assert "tesseract" in engine_version() and "ara" in engine_version()


def test_a_turned_page_is_straightened_and_its_rules_found(skewed: RenderedPage) -> None:
    gray, angle = straighten(skewed.image)
    assert abs(angle + skewed.angle) < 0.2  # turned back by what the scan turned it
    grid = find_grid(gray)
    assert len(grid.rows) == len(skewed.rows) + 2  # above the header, under it, under each row
    assert len(grid.columns) == len(skewed.spec.columns) + 2  # the row number column too


def test_a_clean_page_is_read_into_its_fields(clean: RenderedPage) -> None:
    reading = read_page(clean.image)
    assert reading.fields == [None, *clean.spec.columns]  # "م" is no record field
    records = reading.records()
    assert len(records) == len(clean.rows)
    right = [record[name] == row[name] for record, row in zip(records, clean.rows, strict=True)
             for name in NAMES]  # fmt: skip
    assert sum(right) / len(right) >= 0.9
    dates = [record["birth_date"] == row["birth_date"]
             for record, row in zip(records, clean.rows, strict=True)]  # fmt: skip
    assert sum(dates) / len(dates) >= 0.75


def test_a_column_is_read_in_one_run_each_word_in_its_own_cell(
    clean: RenderedPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [cell for cell in clean.cells if cell.field == "given_name" and cell.text_box]
    page = clean.image.convert("L")
    images = [ImageOps.expand(page.crop(_wider(cell.text_box)), 12, fill=255)
              for cell in names if cell.text_box]  # fmt: skip
    runs = _count_runs(monkeypatch)
    found = read_column(images, "ara")
    assert runs == [1]
    read = [" ".join(word.text for word, _ in sorted(words, key=lambda found: -found[0].box[2]))
            for words in found]  # fmt: skip
    right = sum(text == cell.text for text, cell in zip(read, names, strict=True))
    assert right >= len(names) - 1
    assert read_column([], "ara") == [] and runs == [1]  # no cells, no run


def test_a_clean_page_takes_a_run_per_column_not_per_cell(
    clean: RenderedPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _count_runs(monkeypatch)
    reading = read_page(clean.image)
    cells = len(reading.fields) * (len(reading.rows) + 1)
    assert runs[0] < cells / 2  # header cells alone, a run per column, a few cells again


def _wider(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    left, top, right, bottom = box
    return left - 3, top - 3, right + 4, bottom + 4


def test_each_cell_keeps_its_box_on_the_page_as_received(skewed: RenderedPage) -> None:
    reading = read_page(skewed.image)
    truth = {(cell.row, cell.field): cell.box for cell in skewed.cells}
    for row in reading.rows:
        for cell in row:
            if cell.field is None:
                continue
            assert _overlap(cell.box, truth[(cell.row, cell.field)]) > 0.8, cell
    assert all(0 <= cell.confidence <= 100 or cell.text == "" for row in reading.rows
               for cell in row)  # fmt: skip


def test_a_page_without_a_ruled_table_is_refused() -> None:
    with pytest.raises(UnreadableDocument, match="no ruled table"):
        read_page(Image.new("L", (1200, 1600), 255))


@pytest.mark.parametrize(
    ("field", "read", "kept"),
    [
        ("given_name", "جميلة.", "جميلة"),
        ("mother_name", "| فاطمة 0", "فاطمة"),
        ("facility", "فرع فلسطين )235(", "فرع فلسطين (235)"),
        ("birth_date", "/1985/03/14«", "1985/03/14"),
        ("birth_date", "19/05/1981.", "19/05/1981"),  # a speck after the year
        (None, "12 .", "12"),
    ],
)
def test_what_is_read_is_tidied_for_its_field(field: str | None, read: str, kept: str) -> None:
    assert tidy(field, read) == kept
