"""`mafqud ingest FILE --source NAME`: a spreadsheet into source records, a scan (image or PDF)
into staged rows for the transcription review, or a folder of scans in one resumable batch."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import typer
from rich.table import Table

from mafqud.cli.context import agent, console, emit_json, progress_bar, state
from mafqud.cli.evidence import FROM, NOTES, OBTAINED, ORIGIN, PERSON, VIA, receipt_options
from mafqud.ingest import DateOrder, IngestReport, IngestRequest, Mapping, ingest_file, load_mapping
from mafqud.ingest.batch import BatchReport, ingest_folder
from mafqud.ingest.scans import ScanReport, ScanRequest, ingest_scan
from mafqud.interchange.feeds import publish_pending
from mafqud.ocr.document import is_scan
from mafqud.registry import Disclosure, transaction, utc_now
from mafqud.search import index_pending


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)


def ingest(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ..., exists=True, readable=True, help="A spreadsheet, PFIF, a scan, or a folder of scans."
    ),
    source: str = typer.Option(
        ..., "--source", help="Source the rows belong to (see `mafqud source add`)."
    ),
    mapping_file: Path | None = typer.Option(
        None,
        "--mapping",
        exists=True,
        dir_okay=False,
        help="Column mapping (TOML); see docs/ingest.md.",
    ),
    sheets: list[str] = typer.Option(
        [], "--sheet", help="Only this sheet (repeatable); default every sheet."
    ),
    encoding: str | None = typer.Option(
        None, "--encoding", help="Text encoding, if detection gets it wrong."
    ),
    date_order: DateOrder | None = typer.Option(
        None, "--date-order", help="Order of numeric dates."
    ),
    received_from: str | None = FROM,
    person: str | None = PERSON,
    via: str = VIA,
    origin: str | None = ORIGIN,
    obtained: str | None = OBTAINED,
    restriction: Disclosure | None = typer.Option(
        None, "--restriction", help="Who may see the file; default: the source's disclosure level."
    ),
    notes: str | None = NOTES,
    workers: int = typer.Option(
        os.cpu_count() or 1,
        "--workers",
        min=1,
        help="For a folder: scans read at once, one process each (default: one per CPU).",
    ),
    background: bool = typer.Option(
        False, "--background", help="Run detached, writing to a log file (for a large batch)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a summary."),
) -> None:
    """Accession FILE (CSV, a workbook or PFIF XML) and import its rows; bad rows go to quarantine.

    All or nothing: the import is one transaction. The same file imported
    into the same source again changes nothing. Afterwards the new records
    (and any other import not yet indexed) are indexed for `mafqud search`
    and published to the PFIF feeds.

    A scan (PNG, JPEG, TIFF of any number of pages, or PDF) is read page by
    page instead: its rows are staged for the transcription review in the
    web app, where a researcher accepts each one. A folder is a batch of
    scans. Both resume where they stopped when run again; every page is read
    once. `mafqud scans status` shows how far they are.
    """
    if background:
        _detach(ctx)
        return
    app_state = state(ctx)
    mapping = load_mapping(mapping_file) if mapping_file else Mapping()
    mapping = replace(
        mapping,
        sheets=tuple(sheets) or mapping.sheets,
        encoding=encoding or mapping.encoding,
        date_order=date_order or mapping.date_order,
    )
    receipt = None
    if (
        any(v is not None for v in (received_from, person, origin, obtained, restriction, notes))
        or via != "upload"
    ):
        receipt = receipt_options(
            received_from,
            person,
            via,
            origin,
            obtained,
            restriction or Disclosure.RESTRICTED,
            notes,
        )
    if file.is_dir() or is_scan(file):
        scan = ScanRequest(file, source, agent(), mapping, receipt)
        _ingest_scans(ctx, file, scan, workers, as_json)
        return
    request = IngestRequest(
        path=file, source=source, agent=agent(), mapping=mapping, receipt=receipt
    )
    engine = app_state.engine()
    with progress_bar(f"ingesting {file.name}") as update:
        report = ingest_file(engine, app_state.store(), request, progress=update)
    with progress_bar("indexing names for search") as update, transaction(engine) as session:
        indexed = index_pending(session, update)
    with transaction(engine) as session:  # committed first, then published: dates stay in order
        published = publish_pending(session)
    if as_json:
        emit_json({**report.as_dict(), "search_indexed": indexed, "feed_entries": published})
    else:
        _print_report(report)
        if indexed:
            console.print(f"indexed {indexed:,} records for search")


def _print_report(report: IngestReport) -> None:
    if report.already_imported:
        console.print(
            f"{report.filename} ({report.accession_id}) is in {report.source!r} already "
            f"(import {report.run_id}); nothing changed"
        )
        return
    console.print(
        f"{report.filename} → {report.source!r}: accession {report.accession_id}"
        f"{'' if report.new_accession else ' (held already)'}, {report.kind}"
        + (f", encoding {report.encoding} ({report.encoding_evidence})" if report.encoding else "")
    )
    table = Table("sheet", "header row", "rows", "columns mapped", "not mapped")
    for sheet in report.sheets:
        fields = sheet.columns.get("fields", {}) if sheet.columns else {}
        unmapped = sheet.columns.get("unmapped", []) if sheet.columns else []
        table.add_row(
            sheet.name or "-",
            str(sheet.header_row or "-"),
            f"{sheet.rows:,}" if sheet.skipped is None else f"skipped: {sheet.skipped}",
            str(len(fields)) if isinstance(fields, dict) else "",
            ", ".join(map(str, unmapped)) if isinstance(unmapped, list) else "",
        )
    console.print(table)
    console.print(
        f"records created {report.records_created:,}, unchanged {report.rows_unchanged:,}, "
        f"quarantined {report.rows_quarantined:,}, blank rows {report.rows_blank:,} "
        f"in {report.seconds:.1f} s"
    )
    if report.quarantine_reasons:
        console.print(
            "quarantine: " + ", ".join(f"{k} {v:,}" for k, v in report.quarantine_reasons.items())
        )
    if report.flagged_values:
        console.print(
            "flagged values: " + ", ".join(f"{k} {v:,}" for k, v in report.flagged_values.items())
        )


def _ingest_scans(
    ctx: typer.Context, path: Path, request: ScanRequest, workers: int, as_json: bool
) -> None:
    app_state = state(ctx)
    engine, store = app_state.engine(), app_state.store()
    with progress_bar(f"reading {path.name}", unit="pages") as update:
        if path.is_dir():
            batch = ingest_folder(engine, store, path, request, update, workers)
        else:
            scan = ingest_scan(engine, store, request, update)
    if as_json:
        emit_json(batch.as_dict() if path.is_dir() else scan.as_dict())
    elif path.is_dir():
        _print_batch(batch)
    else:
        _print_scan(scan)


def _print_scan(report: ScanReport) -> None:
    console.print(
        f"{report.filename} → {report.source!r}: accession {report.accession_id}"
        f"{'' if report.new_accession else ' (held already)'}, {report.pages} pages"
    )
    console.print(
        f"pages read {report.pages_read}, read before {report.pages_already_read}, "
        f"without a table {report.pages_without_table}, failed {report.pages_failed}; "
        f"rows staged for review {report.rows_staged:,} "
        f"({report.fields_low_confidence:,} fields to check) in {report.seconds:.1f} s"
    )
    for page, problem in report.page_problems.items():
        console.print(f"  page {page}: {problem}")
    if report.rows_staged:
        console.print("review them in the web app: /transcription (mafqud serve)")


def _print_batch(report: BatchReport) -> None:
    console.print(
        f"{report.folder} → {report.source!r}: {len(report.scans)} scans, {report.pages:,} pages "
        f"(read now {report.pages_read:,}, before {report.pages_already_read:,}), "
        f"rows staged {report.rows_staged:,} in {report.seconds:.1f} s"
    )
    for name, reason in report.failed.items():
        console.print(f"  [red]not read[/red] {name}: {reason}")
    if report.not_scans:
        console.print(
            f"  not scans, left alone ({len(report.not_scans)}): "
            + ", ".join(report.not_scans[:10])
            + (" …" if len(report.not_scans) > 10 else "")
        )


def _detach(ctx: typer.Context) -> None:
    """Run this same command again without --background, detached, its output to a log."""
    logs = state(ctx).settings.data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"ingest-{utc_now():%Y%m%dT%H%M%S}.log"
    arguments = [arg for arg in sys.argv[1:] if arg != "--background"]
    with log.open("ab") as output:
        process = subprocess.Popen(  # our own command line, minus one flag
            [sys.executable, "-m", "mafqud", *arguments],
            stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    console.print(
        f"running in the background (process {process.pid}); its report goes to {log}. "
        "`mafqud scans status` shows how far it is; run the same command again to resume it "
        "if it stops."
    )
