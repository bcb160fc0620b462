"""A folder of scans: every image and PDF in it ingested, resumable, each page read once.

Thousands of photographed pages arrive as a folder (a phone's camera roll, a
scanner's output, an archive unpacked). The batch walks it in a fixed order
and hands each scan to :func:`~mafqud.ingest.scans.ingest_scan`, which reads
only the pages not read yet; so a batch stopped by a crash, a reboot or
Ctrl-C is resumed by running it again. A file that cannot be read is
reported with its reason and the batch goes on: the original is kept as
evidence, with the failure in its custody log. Files that are not scans
(a spreadsheet, a note) are listed, not guessed at.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from mafqud.errors import UnreadableDocument
from mafqud.evidence import EvidenceStore
from mafqud.ingest.scans import ScanReport, ScanRequest, ingest_scan
from mafqud.ocr.document import is_scan, page_count

Progress = Callable[[int, int], None]


@dataclass
class BatchReport:
    """What a batch did, file by file, and in all."""

    folder: str
    source: str
    scans: list[ScanReport] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    """File (relative to the folder) → why it could not be read."""
    not_scans: list[str] = field(default_factory=list)
    pages: int = 0
    pages_read: int = 0
    pages_already_read: int = 0
    rows_staged: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def scan_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The folder's scans and its other files, in path order; hidden files are skipped."""
    scans: list[Path] = []
    others: list[Path] = []
    for path in sorted(_visible_files(folder)):
        (scans if is_scan(path) else others).append(path)
    return scans, others


def _visible_files(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            yield path


def ingest_folder(
    engine: Engine,
    store: EvidenceStore,
    folder: Path,
    template: ScanRequest,
    progress: Progress | None = None,
) -> BatchReport:
    """Ingest every scan in ``folder`` into ``template.source``; pages read before are skipped."""
    started = time.monotonic()
    report = BatchReport(str(folder), template.source)
    scans, others = scan_files(folder)
    report.not_scans = [str(path.relative_to(folder)) for path in others]
    counts = {path: _pages_or_none(path) for path in scans}
    total = sum(count or 1 for count in counts.values())
    done = 0
    for path in scans:
        name = str(path.relative_to(folder))
        base = done

        def each_page(finished: int, _pages: int, base: int = base) -> None:
            if progress:
                progress(base + finished, total)

        try:
            scan = ingest_scan(engine, store, replace(template, path=path), each_page)
        except UnreadableDocument as error:
            report.failed[name] = str(error)
        else:
            report.scans.append(scan)
            report.pages += scan.pages
            report.pages_read += scan.pages_read
            report.pages_already_read += scan.pages_already_read
            report.rows_staged += scan.rows_staged
        done = base + (counts[path] or 1)
        if progress:
            progress(done, total)
    report.seconds = round(time.monotonic() - started, 3)
    return report


def _pages_or_none(path: Path) -> int | None:
    """The page count for the progress bar; None if the file cannot be opened (it is still
    ingested, so the original is kept and the failure logged)."""
    try:
        return page_count(path)
    except UnreadableDocument:
        return None
