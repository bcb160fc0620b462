"""PDFs: pages rendered and read by OCR, or read from their text layer; bad PDFs refused.

Every PDF here is written by :mod:`mafqud.synth.pdfs` from synthetic register pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from mafqud.errors import UnreadableDocument
from mafqud.ocr import document, read_page
from mafqud.ocr.pdf import DPI, pdf_page_count, pdf_pages
from mafqud.ocr.table import OCR, TEXT_LAYER, PageReading
from mafqud.synth.pages import Degradation, PageSpec, RenderedPage, render_page, write_pages
from mafqud.synth.pdfs import (
    PASSWORD,
    TITLE,
    write_empty_pdf,
    write_oversized_pdf,
    write_protected_pdf,
    write_scanned_pdf,
    write_text_pdf,
    write_truncated_pdf,
)

NAMES = ("given_name", "father_name", "mother_name", "family_name")
DATES = ("birth_date", "event_date")


def _share_right(reading: PageReading, page: RenderedPage, fields: tuple[str, ...]) -> float:
    records = reading.records()
    assert len(records) == len(page.rows)
    right = [record.get(name) == row[name] for record, row in zip(records, page.rows, strict=True)
             for name in fields]  # fmt: skip
    return sum(right) / len(right)


@pytest.fixture(scope="module")
def pages() -> list[RenderedPage]:
    return [render_page(PageSpec(rows=6, seed=seed)) for seed in (61, 62)]


@pytest.fixture(scope="module")
def text_pdf(pages: list[RenderedPage], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_text_pdf(tmp_path_factory.mktemp("pdf") / "exported.pdf", pages)


@pytest.fixture(scope="module")
def scanned_pdf(pages: list[RenderedPage], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_scanned_pdf(tmp_path_factory.mktemp("pdf") / "scanned.pdf", pages)


def test_a_text_layer_page_is_read_from_its_words_not_by_ocr(
    text_pdf: Path, pages: list[RenderedPage]
) -> None:
    for page, truth in zip(pdf_pages(text_pdf), pages, strict=True):
        assert page.words is not None
        reading = read_page(page.image, words=page.words)
        assert reading.method == TEXT_LAYER and "pdfium" in reading.engine
        assert reading.fields == [None, *truth.spec.columns]
        assert _share_right(reading, truth, NAMES) >= 0.95
        assert _share_right(reading, truth, DATES) == 1.0  # exact: no digit is guessed
        printed = [cell for row in reading.rows for cell in row if cell.text]
        assert len(printed) == sum(1 for cell in truth.cells if cell.text)
        assert all(cell.source == TEXT_LAYER and cell.confidence == 100.0 for cell in printed)


def test_the_words_are_in_logical_order_and_boxed_in_the_rendered_pixels(
    text_pdf: Path, pages: list[RenderedPage]
) -> None:
    page = next(pdf_pages(text_pdf))
    assert page.words is not None
    scale = DPI / pages[0].spec.dpi
    for cell in pages[0].cells:
        if cell.field != "given_name":
            continue
        left, top, right, bottom = (round(value * scale) for value in cell.box)
        inside = [word for word in page.words
                  if left <= (word.box[0] + word.box[2]) / 2 <= right
                  and top <= (word.box[1] + word.box[3]) / 2 <= bottom]  # fmt: skip
        assert sorted(word.text for word in inside) == sorted(cell.text.split()), cell


def test_a_turned_scan_with_a_text_layer_is_read_into_its_cells(tmp_path: Path) -> None:
    turned = render_page(PageSpec(rows=6, seed=63, degradation=Degradation.MEDIUM))
    page = next(pdf_pages(write_text_pdf(tmp_path / "sandwich.pdf", [turned])))
    reading = read_page(page.image, words=page.words)
    assert abs(reading.angle + turned.angle) < 0.2
    assert _share_right(reading, turned, NAMES) == 1.0


def test_a_page_stored_sideways_and_turned_for_display_is_read_as_displayed(
    tmp_path: Path,
) -> None:
    """Scanners store a page as fed in and set /Rotate to show it upright; its text layer
    is stored sideways too, and its words must come out where they are displayed."""
    upright = render_page(PageSpec(rows=4, seed=66))
    with pdfium.PdfDocument(write_text_pdf(tmp_path / "upright.pdf", [upright])) as pdf:
        page = pdf[0]
        width, height = page.get_size()
        page.set_mediabox(0, 0, height, width)
        for obj in list(page.get_objects()):  # a quarter turn anticlockwise, stored so
            obj.transform(pdfium.PdfMatrix(0, 1, -1, 0, height, 0))
        page.set_rotation(90)  # and shown a quarter turn clockwise
        page.gen_content()
        pdf.save(tmp_path / "sideways.pdf")
    shown = next(pdf_pages(tmp_path / "sideways.pdf"))
    assert shown.image.width < shown.image.height
    reading = read_page(shown.image, words=shown.words)
    assert _share_right(reading, upright, (*NAMES, *DATES)) == 1.0


def test_eastern_arabic_digits_come_exact_from_a_text_layer(tmp_path: Path) -> None:
    eastern = render_page(PageSpec(rows=4, seed=64, eastern_digits=True))
    page = next(pdf_pages(write_text_pdf(tmp_path / "eastern.pdf", [eastern])))
    reading = read_page(page.image, words=page.words)
    assert _share_right(reading, eastern, DATES) == 1.0  # OCR reads none of these


def test_a_scanned_page_has_no_words_and_is_read_by_ocr(
    scanned_pdf: Path, pages: list[RenderedPage]
) -> None:
    page = next(pdf_pages(scanned_pdf, dpi=pages[0].spec.dpi))  # the scan's own resolution
    assert page.words is None and page.image.mode == "L"
    width, height = pages[0].image.size
    assert abs(page.image.width - width) <= 1 and abs(page.image.height - height) <= 1
    reading = read_page(page.image, words=page.words)
    assert reading.method == OCR and "pdfium" not in reading.engine
    assert _share_right(reading, pages[0], NAMES) >= 0.8


def test_pages_are_counted_and_read_from_where_asked(scanned_pdf: Path) -> None:
    assert pdf_page_count(scanned_pdf) == 2
    later = list(pdf_pages(scanned_pdf, start=2))
    assert [page.number for page in later] == [2]


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (write_empty_pdf, "has no pages"),
        (write_protected_pdf, "is protected by a password; ask the provider"),
        (lambda path: write_truncated_pdf(path, [render_page(PageSpec(rows=2))]),
         "is not a readable PDF"),
    ],
    ids=["no pages", "password", "truncated"],
)  # fmt: skip
def test_a_pdf_that_cannot_be_opened_is_refused_saying_why(
    tmp_path: Path, make: Callable[[Path], Path], says: str
) -> None:
    path = make(tmp_path / "received.pdf")
    assert document.is_scan(path)
    for reading in (lambda: pdf_page_count(path), lambda: next(pdf_pages(path))):
        with pytest.raises(UnreadableDocument, match=re.escape(f"received.pdf {says}")):
            reading()


def test_the_protected_pdf_is_truly_encrypted(tmp_path: Path) -> None:
    """It opens with its password, and its page (an encrypted black bar) renders."""
    with pdfium.PdfDocument(write_protected_pdf(tmp_path / "locked.pdf"), password=PASSWORD) as pdf:
        assert len(pdf) == 1 and pdf.get_metadata_value("Title") == TITLE
        assert pdf[0].render(scale=0.25).to_pil().convert("L").getextrema() == (0, 255)


def test_a_page_too_large_to_render_is_refused_before_it_is(tmp_path: Path) -> None:
    path = write_oversized_pdf(tmp_path / "huge.pdf")
    assert path.stat().st_size < 2000
    assert pdf_page_count(path) == 1
    refused = re.escape("huge.pdf, page 1: refused, 5000 × 5000 points")
    with pytest.raises(UnreadableDocument, match=refused):
        next(pdf_pages(path))


def test_documents_are_opened_page_by_page_whatever_they_are(
    text_pdf: Path, scanned_pdf: Path, tmp_path: Path
) -> None:
    [tiff] = write_pages(tmp_path, 2, PageSpec(rows=2, seed=65), fmt="tiff", multipage_tiff=True)
    for path, has_words in ((text_pdf, True), (scanned_pdf, False), (tiff, False)):
        assert document.page_count(path) == 2
        opened = list(document.pages(path))
        assert [page.number for page in opened] == [1, 2]
        assert all(page.image.mode == "L" for page in opened)
        assert all((page.words is not None) == has_words for page in opened), path.name
