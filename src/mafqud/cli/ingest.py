"""`mafqud ingest FILE --source NAME`: a spreadsheet into source records."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import typer
from rich.table import Table

from mafqud.cli.context import agent, console, emit_json, progress_bar, state
from mafqud.cli.evidence import FROM, NOTES, OBTAINED, ORIGIN, PERSON, VIA, receipt_options
from mafqud.ingest import DateOrder, IngestReport, IngestRequest, Mapping, ingest_file, load_mapping
from mafqud.interchange.feeds import publish_pending
from mafqud.registry import Disclosure, transaction
from mafqud.search import index_pending


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)


def ingest(
    ctx: typer.Context,
    file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True),
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
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a summary."),
) -> None:
    """Accession FILE (CSV, a workbook or PFIF XML) and import its rows; bad rows go to quarantine.

    All or nothing: the import is one transaction. The same file imported
    into the same source again changes nothing. Afterwards the new records
    (and any other import not yet indexed) are indexed for `mafqud search`
    and published to the PFIF feeds.
    """
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
