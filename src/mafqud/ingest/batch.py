"""A folder of scans: every image and PDF in it ingested, resumable, each page read once.

Thousands of photographed pages arrive as a folder (a phone's camera roll, a
scanner's output, an archive unpacked). The batch walks it in a fixed order
and hands each scan to :func:`~mafqud.ingest.scans.ingest_scan`, which reads
only the pages not read yet; so a batch stopped by a crash, a reboot or
Ctrl-C is resumed by running it again. A file that cannot be read is
reported with its reason and the batch goes on: the original is kept as
evidence, with the failure in its custody log. Files that are not scans
(a spreadsheet, a note) are listed, not guessed at.

Reading is almost all Tesseract's time, so a batch reads several scans at once,
one per worker process (``workers``, one per CPU by default on the command
line). A scan's own pages stay in order in one worker: each page carries the
register's column mapping to the next.
"""

from __future__ import annotations

import multiprocessing
import queue
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from mafqud.errors import UnreadableDocument
from mafqud.evidence import EvidenceStore
from mafqud.ingest.scans import ScanReport, ScanRequest, ingest_scan
from mafqud.ocr.document import is_scan, page_count
from mafqud.registry import open_engine

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
    workers: int = 1,
) -> BatchReport:
    """Ingest every scan in ``folder`` into ``template.source``; pages read before are skipped.
    With ``workers`` > 1, that many scans are read at once, each in its own process."""
    started = time.monotonic()
    report = BatchReport(str(folder), template.source)
    scans, others = scan_files(folder)
    report.not_scans = [str(path.relative_to(folder)) for path in others]
    tracker = _Tracker({path: _pages_or_none(path) or 1 for path in scans}, progress)
    outcomes: Iterable[_Outcome]
    if workers > 1 and len(scans) > 1:
        outcomes = _in_workers(engine, store, scans, template, tracker, workers)
    else:
        outcomes = (_ingest_one(engine, store, path, template, tracker) for path in scans)
    for path, outcome in zip(scans, outcomes, strict=True):
        _add(report, str(path.relative_to(folder)), outcome)
        tracker.finished(path)
    report.seconds = round(time.monotonic() - started, 3)
    return report


_Outcome = ScanReport | str
"""What one scan came to: its report, or why it could not be read."""


def _ingest_one(
    engine: Engine, store: EvidenceStore, path: Path, template: ScanRequest, tracker: _Tracker
) -> _Outcome:
    try:
        return ingest_scan(engine, store, replace(template, path=path), tracker.pages_of(path))
    except UnreadableDocument as error:
        return str(error)


def _add(report: BatchReport, name: str, outcome: _Outcome) -> None:
    if isinstance(outcome, str):
        report.failed[name] = outcome
        return
    report.scans.append(outcome)
    report.pages += outcome.pages
    report.pages_read += outcome.pages_read
    report.pages_already_read += outcome.pages_already_read
    report.rows_staged += outcome.rows_staged


class _Tracker:
    """One progress count over every page of the batch, fed by each scan's own progress."""

    def __init__(self, pages: dict[Path, int], progress: Progress | None) -> None:
        self.pages = pages
        self.done = dict.fromkeys(pages, 0)
        self.total = sum(pages.values())
        self.progress = progress

    def pages_of(self, path: Path) -> Progress:
        return lambda finished, _total: self.update(path, finished)

    def update(self, path: Path, finished: int) -> None:
        self.done[path] = min(finished, self.pages[path])
        if self.progress:
            self.progress(sum(self.done.values()), self.total)

    def finished(self, path: Path) -> None:
        self.update(path, self.pages[path])


# --- several scans at once ----------------------------------------------------------------------

_worker: dict[str, Any] = {}
"""In a worker process: its own database engine, the store, the queue progress goes back by."""


def _in_workers(
    engine: Engine,
    store: EvidenceStore,
    scans: list[Path],
    template: ScanRequest,
    tracker: _Tracker,
    workers: int,
) -> list[_Outcome]:
    """Each scan ingested in a worker process; progress relayed here as pages are read."""
    context = multiprocessing.get_context("spawn")  # no engine or lock inherited mid-use
    url = engine.url.render_as_string(hide_password=False)
    with context.Manager() as manager, ProcessPoolExecutor(
        min(workers, len(scans)), mp_context=context, initializer=_start_worker,
        initargs=(url, str(store.root), messages := manager.Queue()),
    ) as pool:  # fmt: skip
        futures = [pool.submit(_ingest_in_worker, path, template) for path in scans]
        while not all(future.done() for future in futures):
            _relay(messages, tracker, timeout=0.5)
        _relay(messages, tracker, timeout=0)
        # a worker's unexpected error is raised here, as it would be without workers
        return [future.result() for future in futures]


def _start_worker(url: str, store_root: str, messages: Any) -> None:
    _worker["engine"] = open_engine(url)
    _worker["store"] = EvidenceStore(Path(store_root))
    _worker["messages"] = messages


def _ingest_in_worker(path: Path, template: ScanRequest) -> _Outcome:
    def progress(finished: int, _total: int) -> None:
        _worker["messages"].put((str(path), finished))

    try:
        request = replace(template, path=path)
        return ingest_scan(_worker["engine"], _worker["store"], request, progress)
    except UnreadableDocument as error:
        return str(error)


def _relay(messages: Any, tracker: _Tracker, timeout: float) -> None:
    """Pass on every progress message waiting (after up to ``timeout`` s for the first)."""
    try:
        path, finished = messages.get(timeout=timeout) if timeout else messages.get_nowait()
        while True:
            tracker.update(Path(path), finished)
            path, finished = messages.get_nowait()
    except queue.Empty:
        return


def _pages_or_none(path: Path) -> int | None:
    """The page count for the progress bar; None if the file cannot be opened (it is still
    ingested, so the original is kept and the failure logged)."""
    try:
        return page_count(path)
    except UnreadableDocument:
        return None
