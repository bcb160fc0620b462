"""Scanned registers end to end: a folder of scans ingested, resumed, and rows accepted.

A folder of ``--pages`` synthetic register pages (``mafqud.synth.pages``, light degradation,
``--rows`` rows each, one PNG per page; every name on them is synthetic) is ingested into a
fresh registry on SQLite and on PostgreSQL (when ``MAFQUD_BENCH_POSTGRES`` or
``--postgres`` names a server):

* **ingest, 1 worker** and **ingest, N workers** — ``ingest_folder``: every page accessioned,
  read, its artefacts stored as derived objects, its rows staged; pages a minute;
* **baseline** — the bare reading of the same pages (``read_page`` in a loop, nothing stored),
  in the same run: what the evidence, the derived objects and the staging cost on top;
* **resume** — the same folder ingested again: every page already read, nothing read again;
  the time it takes to see that;
* **accept** — ``accept_row`` on ``--accept`` staged rows, one at a time (each row a one-row
  transcription accessioned and imported): p50 and p95 milliseconds;
* **storage** — bytes of derived objects per page.

    .venv/bin/python bench/scans.py                      # 12 pages, about 5 minutes
    .venv/bin/python bench/scans.py --pages 4 --accept 5  # a quick check

The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PIL import Image
from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import make_url

from mafqud.evidence import EvidenceStore
from mafqud.ingest.batch import ingest_folder
from mafqud.ingest.scans import ScanRequest
from mafqud.ingest.transcription import accept_row
from mafqud.ocr import read_page
from mafqud.registry import (
    DerivedObject,
    Disclosure,
    StagedRecord,
    add_organisation,
    add_source,
    open_engine,
    transaction,
    upgrade,
)
from mafqud.synth.pages import Degradation, PageSpec, write_pages

SOURCE = "Synthetic scanned register (bench)"
AGENT = "bench/scans.py (synthetic data)"


def main() -> None:
    arguments = _arguments()
    console = Console()
    with tempfile.TemporaryDirectory() as folder:
        scans = Path(folder) / "scans"
        spec = PageSpec(rows=arguments.rows, seed=2026, degradation=Degradation.LIGHT)
        write_pages(scans, arguments.pages, spec)
        figures: dict[str, Any] = {
            "pages": arguments.pages,
            "rows_per_page": arguments.rows,
            "workers": arguments.workers,
            "baseline_pages_per_minute": _baseline(scans),
        }
        databases = {"sqlite": f"sqlite:///{Path(folder) / 'registry.sqlite'}"}
        if arguments.postgres:
            databases["postgresql"] = arguments.postgres
        for name, url in databases.items():
            with _registry(url, Path(folder) / f"evidence-{name}") as (engine, store):
                figures[name] = _run(engine, store, scans, arguments)
    _print(console, figures)
    print(json.dumps(figures))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--rows", type=int, default=12)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--accept", type=int, default=20)
    parser.add_argument("--postgres", default=os.environ.get("MAFQUD_BENCH_POSTGRES"))
    return parser.parse_args()


def _baseline(scans: Path) -> float:
    """Pages a minute of the reading alone: no evidence, nothing stored."""
    started = time.perf_counter()
    count = 0
    for path in sorted(scans.glob("page-*.png")):
        with Image.open(path) as image:
            read_page(image.convert("L"))
        count += 1
    return round(60 * count / (time.perf_counter() - started), 2)


@contextmanager
def _registry(url: str, evidence: Path) -> Iterator[tuple[Engine, EvidenceStore]]:
    """A fresh registry (on PostgreSQL, a schema of its own) with the bench's source."""
    admin, schema = None, f"bench_scans_{os.getpid()}"
    if url.startswith("postgresql"):
        admin = open_engine(url)
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        options = {"options": f"-csearch_path={schema}"}
        url = make_url(url).update_query_dict(options).render_as_string(hide_password=False)
    engine = open_engine(url)
    try:
        upgrade(engine)
        with transaction(engine) as session:
            add_organisation(session, "bench.mafqud.example", "Bench (synthetic)")
            add_source(session, SOURCE, "bench.mafqud.example", Disclosure.RESTRICTED, "bench")
        yield engine, EvidenceStore(evidence)
    finally:
        engine.dispose()
        if admin is not None:
            with admin.begin() as connection:
                connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()


def _run(
    engine: Engine, store: EvidenceStore, scans: Path, arguments: argparse.Namespace
) -> dict[str, Any]:
    template = ScanRequest(scans, SOURCE, AGENT)
    half = sorted(scans.glob("page-*.png"))
    one = scans.parent / "one-worker"
    one.mkdir(exist_ok=True)
    for path in half[: len(half) // 2]:  # the first half with one worker, the rest with N
        (one / path.name).symlink_to(path)
    started = time.perf_counter()
    single = ingest_folder(engine, store, one, template, workers=1)
    single_seconds = time.perf_counter() - started
    started = time.perf_counter()
    many = ingest_folder(engine, store, scans, template, workers=arguments.workers)
    many_seconds = time.perf_counter() - started
    started = time.perf_counter()
    again = ingest_folder(engine, store, scans, template, workers=1)
    resume_seconds = time.perf_counter() - started
    for path in one.iterdir():
        path.unlink()
    one.rmdir()
    with transaction(engine) as session:
        staged = list(session.scalars(select(StagedRecord.id).order_by(StagedRecord.id)))
        derived_bytes = session.scalar(select(func.sum(DerivedObject.size))) or 0
    timings = []
    for staged_id in staged[: arguments.accept]:
        started = time.perf_counter()
        accept_row(engine, store, staged_id, AGENT)
        timings.append(1000 * (time.perf_counter() - started))
    return {
        "one_worker_pages": single.pages_read,
        "one_worker_pages_per_minute": round(60 * single.pages_read / single_seconds, 2),
        "workers_pages": many.pages_read,
        "workers_pages_per_minute": round(60 * many.pages_read / many_seconds, 2),
        "rows_staged": single.rows_staged + many.rows_staged,
        "resume_pages_read": again.pages_read,
        "resume_seconds": round(resume_seconds, 2),
        "accept_p50_ms": round(statistics.median(timings), 1) if timings else None,
        "accept_p95_ms": round(_p95(timings), 1) if timings else None,
        "derived_kib_per_page": round(derived_bytes / 1024 / max(1, arguments.pages), 1),
    }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _print(console: Console, figures: dict[str, Any]) -> None:
    table = Table(title=f"{figures['pages']} synthetic pages of {figures['rows_per_page']} rows "
                        f"(light); baseline: reading alone, "
                        f"{figures['baseline_pages_per_minute']} pages/min")  # fmt: skip
    table.add_column("figure")
    backends = [name for name in ("sqlite", "postgresql") if name in figures]
    for name in backends:
        table.add_column(name, justify="right")
    for key in figures[backends[0]]:
        table.add_row(key, *(str(figures[name][key]) for name in backends))
    console.print(table)


if __name__ == "__main__":
    main()
