"""Ingesting scans: the original kept, each page's artefacts derived and logged, rows staged,
every page read once, bad files refused with the original still kept (synthetic pages only)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from PIL import Image
from sqlalchemy import func, select

from mafqud.errors import UnreadableDocument
from mafqud.evidence import Action, verify_registry
from mafqud.ingest.scans import ScanReport, ScanRequest, ingest_scan
from mafqud.ocr import engine_version
from mafqud.registry import (
    Accession,
    CustodyEvent,
    DerivedKind,
    DerivedObject,
    PageStatus,
    ScanPage,
    StagedField,
    StagedRecord,
    source_records,
    transaction,
)
from mafqud.synth.pages import (
    PageSpec,
    RenderedPage,
    render_page,
    write_corrupt_image,
    write_decompression_bomb,
    write_pages,
)
from mafqud.synth.pdfs import (
    write_empty_pdf,
    write_oversized_pdf,
    write_protected_pdf,
    write_text_pdf,
    write_truncated_pdf,
)
from tests.conftest import Registry

AGENT = "pytest (synthetic data)"
NAMES = ("given_name", "father_name", "mother_name", "family_name")


@pytest.fixture(scope="module")
def two_pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, object]]]:
    """A two-page TIFF of three rows a page, and its truth."""
    folder = tmp_path_factory.mktemp("scan")
    [path] = write_pages(folder, 2, PageSpec(rows=3, seed=71), "tiff", multipage_tiff=True)
    truth = orjson.loads((folder / "truth.json").read_bytes())["pages"]
    return path, truth


def _ingest(registry: Registry, path: Path, **options: object) -> ScanReport:
    request = ScanRequest(path, registry.source, AGENT)
    return ingest_scan(registry.engine, registry.store, request, **options)  # type: ignore[arg-type]


def _count(registry: Registry, table: type) -> int:
    with transaction(registry.engine) as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def test_a_scan_is_kept_and_its_rows_staged_with_confidence_and_boxes(
    registry: Registry, two_pages: tuple[Path, list[dict[str, object]]]
) -> None:
    path, truth = two_pages
    report = _ingest(registry, path)
    assert (report.pages, report.pages_read, report.rows_staged) == (2, 2, 6)
    with transaction(registry.engine) as session:
        accession = session.scalars(select(Accession)).one()
        assert registry.store.rehash(accession.sha256) == accession.sha256  # the original, as is
        fields = session.scalars(select(StagedField).where(StagedField.field == "given_name")).all()
        assert all(0 <= f.left < f.right and 0 <= f.top < f.bottom for f in fields)
        assert all(f.confidence > 0 for f in fields if f.ocr_text)
        read = sorted(f.ocr_text for f in fields)
        true = sorted(str(row["given_name"]) for page in truth for row in page["rows"])  # type: ignore[attr-defined]
        assert sum(a == b for a, b in zip(read, true, strict=True)) >= 5
        assert session.scalar(select(func.count()).select_from(source_records)) == 0  # staged only


def test_every_derived_object_leads_back_to_the_original_and_names_its_software(
    registry: Registry, two_pages: tuple[Path, list[dict[str, object]]]
) -> None:
    _ingest(registry, two_pages[0])
    with transaction(registry.engine) as session:
        original = session.scalars(select(Accession)).one().sha256
        derived = {d.sha256: d for d in session.scalars(select(DerivedObject))}
        kinds = sorted(d.kind for d in derived.values())
        events = {e.output_sha256: e for e in session.scalars(
            select(CustodyEvent).where(CustodyEvent.action == Action.DERIVED))}  # fmt: skip
        pages = session.scalars(select(ScanPage).order_by(ScanPage.page_number)).all()
    assert kinds.count(DerivedKind.PAGE_IMAGE) == 2
    assert kinds.count(DerivedKind.READING) == 2 and kinds.count(DerivedKind.ROWS) == 2
    for sha, item in derived.items():
        chain = [sha]
        while chain[-1] in derived:
            chain.append(derived[chain[-1]].derived_from)
        assert chain[-1] == original  # every object is made, step by step, from the original
        assert events[sha].input_sha256 == item.derived_from
        assert registry.store.rehash(sha) == sha
    readings = [derived[p.reading_sha256] for p in pages if p.reading_sha256]
    assert all(engine_version() in r.software for r in readings)
    assert all(engine_version() in orjson.loads(events[r.sha256].details)["software"]
               for r in readings)  # fmt: skip
    with Image.open(registry.store.open(str(pages[0].image_sha256))) as image:
        assert image.size == (pages[0].width, pages[0].height)
    with transaction(registry.engine) as session:
        assert verify_registry(session, registry.store).ok


def test_a_one_page_photograph_is_its_own_page_image(registry: Registry, tmp_path: Path) -> None:
    [photo] = write_pages(tmp_path, 1, PageSpec(rows=2, seed=73), "jpeg")
    _ingest(registry, photo)
    with transaction(registry.engine) as session:
        original = session.scalars(select(Accession)).one().sha256
        page = session.scalars(select(ScanPage)).one()
        kinds = set(session.scalars(select(DerivedObject.kind)))
        made_from = set(session.scalars(select(DerivedObject.derived_from)))
    assert page.image_sha256 == original and DerivedKind.PAGE_IMAGE not in kinds
    assert original in made_from  # the reading (or the straightened page) is made from it


def test_ingesting_the_same_scan_again_reads_no_page_again(
    registry: Registry, two_pages: tuple[Path, list[dict[str, object]]]
) -> None:
    _ingest(registry, two_pages[0])
    before = (_count(registry, CustodyEvent), _count(registry, StagedRecord))
    again = _ingest(registry, two_pages[0])
    assert (again.pages_read, again.pages_already_read, again.rows_staged) == (0, 2, 0)
    assert not again.new_accession
    assert (_count(registry, CustodyEvent), _count(registry, StagedRecord)) == before


def test_an_interrupted_ingest_resumes_at_the_first_page_not_read(
    registry: Registry, two_pages: tuple[Path, list[dict[str, object]]]
) -> None:
    def stop_after_the_first_page(done: int, _total: int) -> None:
        if done == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _ingest(registry, two_pages[0], progress=stop_after_the_first_page)
    assert _count(registry, ScanPage) == 1 and _count(registry, StagedRecord) == 3
    resumed = _ingest(registry, two_pages[0])
    assert (resumed.pages_read, resumed.pages_already_read) == (1, 1)
    with transaction(registry.engine) as session:
        numbers = session.scalars(select(ScanPage.page_number).order_by(ScanPage.page_number))
        assert list(numbers) == [1, 2]  # each page once
    assert _count(registry, StagedRecord) == 6


def test_a_page_without_a_table_is_recorded_and_stages_nothing(
    registry: Registry, tmp_path: Path
) -> None:
    blank = tmp_path / "letter.png"
    Image.new("L", (800, 1000), 255).save(blank)
    report = _ingest(registry, blank)
    assert (report.pages, report.pages_without_table, report.rows_staged) == (1, 1, 0)
    with transaction(registry.engine) as session:
        page = session.scalars(select(ScanPage)).one()
        assert page.status == PageStatus.NO_TABLE and page.image_sha256


@pytest.mark.parametrize(
    ("write", "says"),
    [
        (lambda folder: write_corrupt_image(folder / "torn.png"), "cannot be decoded"),
        (lambda folder: write_decompression_bomb(folder / "bomb.png"), "too many pixels"),
        (lambda folder: _text_file(folder / "notes.png"), "not a readable image"),
        (lambda folder: write_empty_pdf(folder / "empty.pdf"), "has no pages"),
        (lambda folder: write_protected_pdf(folder / "locked.pdf"), "password"),
        (lambda folder: write_truncated_pdf(folder / "cut.pdf", [_page()]), "not a readable PDF"),
        (lambda folder: write_oversized_pdf(folder / "huge.pdf"), "refused"),
    ],
    ids=[
        "corrupt",
        "decompression-bomb",
        "not-an-image",
        "pdf-without-pages",
        "pdf-with-password",
        "pdf-cut-short",
        "pdf-page-too-large",
    ],
)
def test_an_unreadable_scan_is_refused_and_still_kept_as_evidence(
    registry: Registry, tmp_path: Path, write: object, says: str
) -> None:
    path: Path = write(tmp_path)  # type: ignore[operator]
    with pytest.raises(UnreadableDocument, match=says) as raised:
        _ingest(registry, path)
    assert path.name in str(raised.value)
    with transaction(registry.engine) as session:
        accession = session.scalars(select(Accession)).one()
        assert accession.original_filename == path.name
        failed = session.scalars(
            select(CustodyEvent).where(CustodyEvent.action == Action.INGEST_FAILED)
        ).one()
        assert failed.accession_id == accession.id
        assert session.scalar(select(func.count()).select_from(ScanPage)) == 0
        assert session.scalar(select(func.count()).select_from(DerivedObject)) == 0
    assert registry.store.rehash(accession.sha256) == accession.sha256


def _text_file(path: Path) -> Path:
    path.write_text("synthetic: not an image at all\n", encoding="utf-8")
    return path


def test_a_file_torn_after_its_first_page_keeps_that_page_and_says_which_broke(
    registry: Registry, two_pages: tuple[Path, list[dict[str, object]]], tmp_path: Path
) -> None:
    whole = two_pages[0].read_bytes()
    torn = tmp_path / "torn.tiff"
    torn.write_bytes(whole[: int(len(whole) * 0.8)])  # the second page's data is cut off
    for _attempt in range(2):  # the second run retries the torn page, not the first one
        with pytest.raises(UnreadableDocument, match="page 2"):
            _ingest(registry, torn)
        with transaction(registry.engine) as session:
            numbers = list(session.scalars(select(ScanPage.page_number)))
            failures = session.scalars(
                select(CustodyEvent).where(CustodyEvent.action == Action.INGEST_FAILED)
            ).all()
        assert numbers == [1] and _count(registry, StagedRecord) == 3
    assert len(failures) == 2 and "torn.tiff" in failures[0].details


def _page() -> RenderedPage:
    return render_page(PageSpec(rows=2, seed=77))


def test_a_pdf_with_a_text_layer_is_staged_from_its_text_without_ocr(
    registry: Registry, tmp_path: Path
) -> None:
    pages = [render_page(PageSpec(rows=3, seed=seed)) for seed in (61, 62)]
    report = _ingest(registry, write_text_pdf(tmp_path / "export.pdf", pages))
    assert (report.pages, report.pages_read, report.rows_staged) == (2, 2, 6)
    with transaction(registry.engine) as session:
        given = session.scalars(
            select(StagedField).where(StagedField.field == "given_name").order_by(StagedField.id)
        ).all()
        scans = session.scalars(select(ScanPage).order_by(ScanPage.page_number)).all()
        images = session.scalars(
            select(DerivedObject).where(DerivedObject.kind == DerivedKind.PAGE_IMAGE)
        ).all()
    assert [f.ocr_text for f in given] == [row["given_name"] for p in pages for row in p.rows]
    assert all(f.confidence == 100.0 for f in given)
    assert all("pdf" in page.engine.lower() for page in scans)
    assert all("pdfium" in image.software for image in images)
