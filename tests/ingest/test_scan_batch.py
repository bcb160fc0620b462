"""A folder of scans: every scan ingested once, unreadable ones reported and kept, other files
left alone, a second run reading nothing; and the same through `mafqud ingest` and
`mafqud scans status` (synthetic pages only)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from mafqud.evidence import verify_registry
from mafqud.ingest.batch import ingest_folder
from mafqud.ingest.scans import ScanRequest
from mafqud.registry import ScanPage, transaction
from mafqud.synth.pages import PageSpec, render_page, write_corrupt_image, write_pages
from mafqud.synth.pdfs import write_text_pdf
from tests.conftest import Registry
from tests.test_cli import Cli
from tests.test_cli import setup as set_up_registry

AGENT = "pytest (synthetic data)"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two PDF pages at the top (text layers: no OCR, to keep the tests quick), a photographed
    page in a sub-folder (read by OCR), a torn image, a note, a hidden file."""
    root = tmp_path_factory.mktemp("batch")
    for number, seed in ((1, 91), (2, 92)):
        write_text_pdf(root / f"page-{number:04d}.pdf", [render_page(PageSpec(rows=2, seed=seed))])
    write_pages(root / "box-2", 1, PageSpec(rows=2, seed=95), "jpeg")
    write_corrupt_image(root / "box-2" / "torn.png")
    (root / "notes.txt").write_text("synthetic: where the box was found\n", encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    return root


def test_a_folder_is_ingested_and_a_second_run_reads_nothing(
    registry: Registry, folder: Path
) -> None:
    seen: list[tuple[int, int]] = []
    template = ScanRequest(folder, registry.source, AGENT)
    first = ingest_folder(registry.engine, registry.store, folder, template,
                          lambda done, total: seen.append((done, total)))  # fmt: skip
    assert len(first.scans) == 3 and (first.pages, first.pages_read) == (3, 3)
    assert first.rows_staged == 6
    assert list(first.failed) == ["box-2/torn.png"]
    assert "cannot be decoded" in first.failed["box-2/torn.png"]
    assert sorted(first.not_scans) == ["box-2/truth.json", "notes.txt"]
    assert seen[-1][0] == seen[-1][1] == 4  # three pages and the torn file
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    again = ingest_folder(registry.engine, registry.store, folder, template)
    assert (again.pages_read, again.pages_already_read, again.rows_staged) == (0, 3, 0)


def test_workers_read_scans_side_by_side_each_page_once(registry: Registry, folder: Path) -> None:
    seen: list[tuple[int, int]] = []
    template = ScanRequest(folder, registry.source, AGENT)
    report = ingest_folder(registry.engine, registry.store, folder, template,
                           lambda done, total: seen.append((done, total)), workers=2)  # fmt: skip
    assert (len(report.scans), report.pages_read, report.rows_staged) == (3, 3, 6)
    assert list(report.failed) == ["box-2/torn.png"]
    assert seen[-1] == (4, 4)
    with transaction(registry.engine) as session:
        pages = session.execute(select(ScanPage.accession_id, ScanPage.page_number)).all()
        assert len(pages) == len(set(pages)) == 3
        assert verify_registry(session, registry.store).ok  # one unbroken custody chain
    again = ingest_folder(registry.engine, registry.store, folder, template, workers=2)
    assert (again.pages_read, again.pages_already_read) == (0, 3)


def test_the_cli_ingests_a_folder_and_reports_progress(
    tmp_path: Path, database_url: str, folder: Path
) -> None:
    cli = Cli(tmp_path / "data", database_url)
    set_up_registry(cli)
    report = cli.json("ingest", str(folder), "--source", "Register", "--workers", "1")
    assert report["pages_read"] == 3 and report["rows_staged"] == 6
    status = cli.json("scans", "status")["scans"]
    assert len(status) == 3
    assert sum(scan["staged"] for scan in status) == 6
    assert all(scan["pages_done"] == scan["pages"] == 1 for scan in status)
    single = next(iter(sorted(folder.glob("page-*.pdf"))))
    again = cli.json("ingest", str(single), "--source", "Register")
    assert again["kind"] == "scan" and again["pages_already_read"] == 1


def test_a_background_batch_runs_detached_and_writes_its_report(
    tmp_path: Path, database_url: str, folder: Path
) -> None:
    cli = Cli(tmp_path / "data", database_url)
    set_up_registry(cli)
    environment = {**os.environ, **cli.env}
    started = subprocess.run(
        [sys.executable, "-m", "mafqud", "ingest", str(folder), "--source", "Register",
         "--background"],
        env=environment, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    assert "background" in started.stdout
    [log] = (tmp_path / "data" / "logs").glob("ingest-*.log")
    deadline = time.monotonic() + 300
    while "rows staged" not in log.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
        time.sleep(1)
    status = json.loads(cli("scans", "status", "--json"))["scans"]
    assert sum(scan["pages_done"] for scan in status) == 3


def test_evidence_show_lists_what_was_derived_from_a_scan(
    tmp_path: Path, database_url: str
) -> None:
    cli = Cli(tmp_path / "data", database_url)
    set_up_registry(cli)
    tiff = write_pages(tmp_path / "tiff", 2, PageSpec(rows=2, seed=97), "tiff", multipage_tiff=True)
    report = cli.json("ingest", str(tiff[0]), "--source", "Register")
    shown = cli.json("evidence", "show", report["accession_id"])
    kinds = sorted(item["kind"] for item in shown["derived"])
    assert kinds.count("page-image") == 2 and kinds.count("ocr-reading") == 2
    assert {item["page"] for item in shown["derived"]} == {1, 2}
    assert sum(event["action"] == "derived" for event in shown["custody"]) == len(kinds)
