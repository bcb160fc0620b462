"""Carrying a register's column mapping to the next page, whose header cell cannot be read."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from mafqud.ocr import read_page
from mafqud.ocr.table import PageReading, carry_over
from mafqud.synth.pages import PageSpec, RenderedPage, render_page

BLANKED = "given_name"


@pytest.fixture(scope="module")
def first() -> PageReading:
    """The register's first page, its header whole."""
    return read_page(render_page(PageSpec(rows=2, seed=71)).image)


@pytest.fixture(scope="module")
def next_page() -> tuple[RenderedPage, Image.Image]:
    """The next page, its given-name header painted over (torn, stained or smudged)."""
    page = render_page(PageSpec(rows=2, seed=72))
    damaged = page.image.copy()
    [header] = [cell for cell in page.header if cell.field == BLANKED]
    ImageDraw.Draw(damaged).rectangle(header.box, fill="white")
    return page, damaged


def test_a_header_cell_that_cannot_be_read_takes_the_previous_pages_field(
    first: PageReading, next_page: tuple[RenderedPage, Image.Image]
) -> None:
    page, damaged = next_page
    column = first.fields.index(BLANKED)
    alone = read_page(damaged)
    assert alone.fields[column] is None and alone.carried == []  # the damage is real
    carried = read_page(damaged, carry=first.fields)
    assert carried.fields == first.fields
    assert carried.carried == [column]
    assert carried.headers[column].text == ""  # nothing was invented for the header itself
    given = [record[BLANKED] for record in carried.records()]
    assert given == [row[BLANKED] for row in page.rows]  # read as names, in Arabic


@pytest.mark.parametrize(
    ("fields", "carry", "filled", "carried"),
    [
        # the page's own header wins: a field it maps already is not mapped twice
        ([None, "given_name", None], [None, "family_name", "given_name"],
         [None, "given_name", None], []),
        # a header that maps nothing (a continuation page) takes the previous page's all
        ([None, None, None], [None, "given_name", "birth_date"],
         [None, "given_name", "birth_date"], [1, 2]),
        # where the page maps a column itself, its mapping stands, and is not doubled
        ([None, None, "family_name"], [None, "family_name", "given_name"],
         [None, None, "family_name"], []),
        # a previous page of other columns (another register, or a misfound grid)
        ([None, None, "father_name"], [None, "given_name"], [None, None, "father_name"], []),
        # no previous page
        ([None, "given_name"], None, [None, "given_name"], []),
    ],
)  # fmt: skip
def test_what_is_carried(
    fields: list[str | None], carry: list[str | None] | None, filled: list[str | None],
    carried: list[int],
) -> None:  # fmt: skip
    assert carry_over(fields, carry) == (filled, carried)
