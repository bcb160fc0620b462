"""Synthetic scanned register pages: size, truth, seeds, wear, shaping, bad inputs, legibility."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from typer.testing import CliRunner

from mafqud.cli import app
from mafqud.errors import InvalidInput
from mafqud.synth import (
    COLUMNS,
    DEFAULT_COLUMNS,
    ROW_NUMBER,
    TRUTH_FILE,
    Degradation,
    PageSpec,
    RenderedPage,
    generate_people,
    installed_fonts,
    render_page,
    write_corrupt_image,
    write_decompression_bomb,
    write_pages,
)

INSTALL = "run scripts/system-packages (as root) to install the Debian packages the tests need"


@pytest.fixture(scope="module")
def clean() -> RenderedPage:
    return render_page(PageSpec(seed=5))


def a4(dpi: int) -> tuple[int, int]:
    return round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)


def grey(page: RenderedPage) -> np.ndarray:
    return np.asarray(page.image.convert("L"), dtype=np.int16)


def test_a_page_is_a4_portrait_at_its_dpi(clean: RenderedPage) -> None:
    assert clean.image.size == a4(200)
    worn = render_page(PageSpec(rows=3, dpi=100, degradation=Degradation.HEAVY))
    assert worn.image.size == a4(100)


def test_rows_and_truth_agree(clean: RenderedPage) -> None:
    people = list(generate_people(12, seed=5))
    assert [row["given_name"] for row in clean.rows] == [person.given_name for person in people]
    assert [row[ROW_NUMBER] for row in clean.rows] == [str(n) for n in range(1, 13)]
    assert len(clean.cells) == 12 * (len(DEFAULT_COLUMNS) + 1)
    for cell in clean.cells:
        assert clean.rows[cell.row - 1][cell.field] == cell.text
    headers = {field: arabic for field, arabic, _english in COLUMNS}
    expected = ["م", *(headers[field] for field in DEFAULT_COLUMNS)]
    assert [cell.text for cell in clean.header] == expected
    assert [column.header for column in clean.columns] == expected
    assert all(re.fullmatch(r"\d{4}/\d\d/\d\d|\d\d/\d\d/\d{4}", row["birth_date"])
               for row in clean.rows)  # fmt: skip


def test_columns_run_right_to_left(clean: RenderedPage) -> None:
    lefts = [column.box[0] for column in clean.columns]
    assert lefts == sorted(lefts, reverse=True)


def test_eastern_digits_replace_western_ones() -> None:
    western = render_page(PageSpec(rows=3, dpi=100)).rows
    eastern = render_page(PageSpec(rows=3, dpi=100, eastern_digits=True)).rows
    digits = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    assert eastern == [{k: v.translate(digits) for k, v in row.items()} for row in western]
    assert not any(re.search(r"[0-9]", text) for row in eastern for text in row.values())


def test_the_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    first = write_pages(tmp_path / "a", 1, PageSpec(rows=4, seed=3))[0].read_bytes()
    again = write_pages(tmp_path / "b", 1, PageSpec(rows=4, seed=3))[0].read_bytes()
    other = write_pages(tmp_path / "c", 1, PageSpec(rows=4, seed=4))[0].read_bytes()
    assert first == again
    assert first != other


def test_each_level_wears_the_page_more_than_the_one_before() -> None:
    pages = [render_page(PageSpec(seed=2, dpi=100, degradation=level)) for level in Degradation]
    differences = [float(np.abs(grey(page) - grey(pages[0])).mean()) for page in pages]
    assert differences[0] == 0
    assert differences == sorted(set(differences)), differences


def test_boxes_lie_inside_the_image(clean: RenderedPage) -> None:
    worn = render_page(PageSpec(seed=1, degradation=Degradation.HEAVY))
    assert worn.angle != 0
    for page in (clean, worn):
        width, height = page.image.size
        boxes = [cell.box for cell in (*page.header, *page.cells)]
        boxes += [column.box for column in page.columns] + [line.box for line in page.lines]
        for left, top, right, bottom in [*boxes, page.table_box]:
            assert 0 <= left < right <= width and 0 <= top < bottom <= height


@pytest.mark.parametrize("degradation", [Degradation.CLEAN, Degradation.LIGHT])
def test_every_cell_box_holds_its_ink(degradation: Degradation) -> None:
    """On the skewed light page too: the boxes were turned with the page."""
    page = render_page(PageSpec(seed=5, degradation=degradation))
    pixels = grey(page)
    for cell in (*page.header, *page.cells):
        assert cell.text_box is not None
        for left, top, right, bottom in (cell.box, cell.text_box):
            assert pixels[top:bottom, left:right].min() < 100, cell


def test_ink_stays_inside_the_text_boxes(clean: RenderedPage) -> None:
    """Rules aside, no ink on the clean page falls outside the printed texts' boxes."""
    ink = grey(clean) < 128
    for cell in (*clean.header, *clean.cells):
        left, top, right, bottom = cell.box
        inside = np.zeros_like(ink)
        assert cell.text_box is not None
        tl, tt, tr, tb = cell.text_box
        inside[tt:tb, tl:tr] = True
        assert not (ink & ~inside)[top + 2 : bottom - 2, left + 2 : right - 2].any(), cell


def ink_pieces(text: str, layout: ImageFont.Layout) -> int:
    """How many separate strokes of ink ``text`` prints as (8-connected components)."""
    font = ImageFont.truetype(str(installed_fonts()[0]), 64, layout_engine=layout)
    image = Image.new("L", (400, 200))
    direction = "rtl" if layout is ImageFont.Layout.RAQM else None
    ImageDraw.Draw(image).text((40, 40), text, font=font, fill=255, direction=direction)
    ink = {(int(y), int(x)) for y, x in zip(*np.nonzero(np.asarray(image) > 127), strict=True)}
    pieces = 0
    while ink:
        pieces += 1
        todo = [ink.pop()]
        while todo:
            y, x = todo.pop()
            for near in [(y + dy, x + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]:
                if near in ink:
                    ink.remove(near)
                    todo.append(near)
    return pieces


def test_arabic_is_shaped_and_set_in_noto_naskh() -> None:
    assert installed_fonts()[0].name == "NotoNaskhArabic-Regular.ttf", INSTALL
    word = "محمد"  # no dots: joined, it is one stroke; unshaped, four letters
    assert ink_pieces(word, ImageFont.Layout.RAQM) == 1
    assert ink_pieces(word, ImageFont.Layout.BASIC) == 4
    font = ImageFont.truetype(str(installed_fonts()[0]), 64, layout_engine=ImageFont.Layout.RAQM)
    joined = font.getlength(word, direction="rtl")
    assert joined != sum(font.getlength(letter, direction="rtl") for letter in word)


def test_a_multipage_tiff_holds_every_page(tmp_path: Path) -> None:
    spec = PageSpec(rows=2, dpi=72)
    paths = write_pages(tmp_path, 3, spec, fmt="tiff", multipage_tiff=True)
    assert paths == [tmp_path / "pages.tiff"]
    with Image.open(paths[0]) as image:
        assert image.n_frames == 3
    truth = json.loads((tmp_path / TRUTH_FILE).read_text(encoding="utf-8"))
    assert [(page["file"], page["frame"]) for page in truth["pages"]] == [
        ("pages.tiff", 0), ("pages.tiff", 1), ("pages.tiff", 2)
    ]  # fmt: skip


def test_truth_json_says_it_is_synthetic_and_matches_the_pages(tmp_path: Path) -> None:
    spec = PageSpec(rows=3, seed=7, dpi=100, degradation=Degradation.MEDIUM)
    paths = write_pages(tmp_path, 2, spec, fmt="jpeg")
    text = (tmp_path / TRUTH_FILE).read_text(encoding="utf-8")
    truth = json.loads(text)
    assert truth["synthetic"] is True
    assert "الاسم" in text  # Arabic written as such, not escaped
    assert [page["file"] for page in truth["pages"]] == [path.name for path in paths]
    for index, (path, page) in enumerate(zip(paths, truth["pages"], strict=True)):
        assert path.suffix == ".jpeg" and path.is_file()
        assert page["spec"]["seed"] == 7 + index
        assert page["spec"]["degradation"] == "medium"
        assert page["rows"] == render_page(PageSpec(rows=3, seed=7 + index, dpi=100)).rows
        assert len(page["cells"]) == 3 * (len(DEFAULT_COLUMNS) + 1)
        with Image.open(path) as image:
            assert image.size == tuple(page["size"]) == a4(100)


def test_impossible_requests_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="format"):
        write_pages(tmp_path, 1, PageSpec(rows=1), fmt="gif")
    with pytest.raises(InvalidInput, match="TIFF"):
        write_pages(tmp_path, 2, PageSpec(rows=1), fmt="png", multipage_tiff=True)
    with pytest.raises(InvalidInput, match="at most"):
        render_page(PageSpec(rows=200))
    with pytest.raises(InvalidInput, match="unknown"):
        render_page(PageSpec(columns=("given_name", "favourite_colour")))


@pytest.mark.parametrize("name", ["cut.png", "cut.jpg"])
def test_a_corrupt_image_opens_but_does_not_load(tmp_path: Path, name: str) -> None:
    path = write_corrupt_image(tmp_path / name)
    with Image.open(path) as image, pytest.raises(OSError, match="truncated"):
        image.load()


def test_a_decompression_bomb_is_small_and_refused(tmp_path: Path) -> None:
    path = write_decompression_bomb(tmp_path / "bomb.png")
    assert path.stat().st_size < 200
    with pytest.raises(Image.DecompressionBombError):
        Image.open(path).load()


def test_the_command_writes_pages_and_truth(tmp_path: Path) -> None:
    out = tmp_path / "pages"
    env = {"MAFQUD_DATA_DIR": str(tmp_path / "data")}
    arguments = ["synth", "pages", str(out), "--pages", "2", "--rows", "2", "--format", "tiff"]
    result = CliRunner().invoke(app, [*arguments, "--multipage", "--json"], env=env)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["files"] == [str(out / "pages.tiff")] and summary["synthetic"] is True
    result = CliRunner().invoke(app, ["synth", "pages", str(out), "--format", "gif"], env=env)
    assert result.exit_code == 2


def test_tesseract_reads_the_given_names_in_their_cells(tmp_path: Path) -> None:
    """The pages are legible: Tesseract's Arabic model reads most given names of a clean page
    from their cells (the whole page, rules and all, is the OCR's problem, not the page's)."""
    tesseract = shutil.which("tesseract")
    assert tesseract, f"tesseract is not installed: {INSTALL}"
    languages = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True)
    assert "ara" in languages.stdout.split(), f"tesseract-ocr-ara is not installed: {INSTALL}"
    page = render_page(PageSpec(seed=0, rows=6))
    found = []
    for cell in page.cells:
        if cell.row == 0 or cell.field != "given_name":
            continue
        image = tmp_path / f"cell-{cell.row}.png"
        page.image.crop(cell.box).save(image, dpi=(200, 200))
        read = subprocess.run(
            [tesseract, str(image), "-", "-l", "ara", "--psm", "7"],
            capture_output=True, text=True, check=True, timeout=120,
        ).stdout  # fmt: skip
        found.append(cell.text in read)
    assert sum(found) / len(found) >= 0.6, found
