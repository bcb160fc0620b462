"""`mafqud ocr IMAGE`: read the ruled table of a scanned register page, without storing anything."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from mafqud.cli.context import JSON, console, emit_json, progress_bar
from mafqud.ingest.scans import LOW_CONFIDENCE
from mafqud.ocr import PageReading, read_page
from mafqud.ocr.document import pages


def register(app: typer.Typer) -> None:
    app.command("ocr")(ocr_command)


def ocr_command(
    image: Path = typer.Argument(
        ..., help="A page image (PNG, JPEG, TIFF: every page of it) or a PDF."
    ),
    as_json: bool = JSON,
) -> None:
    """Read a scanned register page: its table's columns mapped to fields, each cell's text,
    confidence and box. A preview: nothing is stored (`mafqud ingest` keeps a scan as evidence
    and stages its rows for review)."""
    readings = []
    carry = None
    for page in pages(image):
        with progress_bar(f"reading page {page.number}") as update:
            readings.append(read_page(page.image, progress=update, words=page.words, carry=carry))
        carry = readings[-1].fields if any(readings[-1].fields) else carry
    if as_json:
        emit_json({"file": str(image), "pages": [_page_json(r) for r in readings]})
        return
    for number, reading in enumerate(readings, start=1):
        _print(number, reading)


def _page_json(reading: PageReading) -> dict[str, Any]:
    return {
        "angle": reading.angle,
        "engine": reading.engine,
        "fields": reading.fields,
        "headers": [asdict(cell) for cell in reading.headers],
        "rows": [[asdict(cell) for cell in row] for row in reading.rows],
    }


def _print(number: int, reading: PageReading) -> None:
    table = Table(title=f"page {number}: turned {reading.angle:+.2f}°, {reading.engine}")
    columns = [(cell.field, cell.text) for cell in reading.headers]
    for field, header in columns:
        table.add_column(escape(f"{header} ({field or '—'})"), justify="right")
    for row in reading.rows:
        table.add_row(*(
            f"[yellow]{escape(cell.text)}[/yellow]" if cell.confidence < LOW_CONFIDENCE
            else escape(cell.text)
            for cell in row
        ))  # fmt: skip
    console.print(table)
    console.print(f"[yellow]yellow[/yellow]: confidence under {LOW_CONFIDENCE:g} (check by eye)")
