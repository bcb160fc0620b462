"""`mafqud scans status | corrections`: how far scans are read and reviewed; what was corrected."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import TextIO

import typer
from rich.table import Table

from mafqud.cli.context import JSON, console, emit_json, state
from mafqud.ingest.scan_queries import CorrectionRow, corrections, scan_progress
from mafqud.registry import transaction

app = typer.Typer(help="Scanned registers: reading progress and transcription corrections.")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="scans")


@app.command("status")
def status(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Each scan: pages read of its pages, rows waiting for review, accepted and rejected."""
    with transaction(state(ctx).engine()) as session:
        progress = scan_progress(session)
    if as_json:
        emit_json({"scans": [item.as_dict() for item in progress]})
        return
    table = Table("accession", "file", "source", "pages read", "no table", "failed",
                  "to review", "accepted", "rejected")  # fmt: skip
    for item in progress:
        table.add_row(
            item.accession_id, item.filename, item.source, f"{item.pages_done} of {item.pages}",
            str(item.pages_without_table), str(item.pages_failed), f"{item.staged:,}",
            f"{item.accepted:,}", f"{item.rejected:,}",
        )  # fmt: skip
    console.print(table if progress else "no scans ingested yet (`mafqud ingest SCAN`)")


@app.command("corrections")
def corrections_command(
    ctx: typer.Context,
    out: Path | None = typer.Option(None, "--out", help="Write CSV here (default: stdout)."),
    as_json: bool = JSON,
) -> None:
    """Every correction a researcher made to what OCR read, with the page image and the box:
    the material to measure and retrain the reading."""
    with transaction(state(ctx).engine()) as session:
        rows = corrections(session)
    if as_json:
        emit_json({"corrections": [row.as_dict() for row in rows]})
        return
    if out is None:
        _write(rows, sys.stdout)
        return
    with out.open("w", encoding="utf-8", newline="") as handle:
        _write(rows, handle)
    console.print(f"{len(rows):,} corrections written to {out}")


def _write(rows: list[CorrectionRow], handle: TextIO) -> None:
    writer = csv.writer(handle)
    writer.writerow(["accession_id", "page", "page_image_sha256", "row", "field", "box",
                     "confidence", "ocr_value", "corrected_value", "corrected_by",
                     "corrected_at"])  # fmt: skip
    for row in rows:
        writer.writerow([
            row.accession_id, row.page_number, row.page_image_sha256, row.row_number, row.field,
            " ".join(map(str, row.box)), row.confidence, row.ocr_value, row.corrected_value,
            row.corrected_by, row.corrected_at,
        ])  # fmt: skip
