"""`mafqud ocr IMAGE`: read the ruled table of a scanned register page, without storing anything."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import typer
from PIL import Image, ImageSequence, UnidentifiedImageError
from rich.markup import escape
from rich.table import Table

from mafqud.cli.context import JSON, console, emit_json, progress_bar
from mafqud.errors import UnreadableDocument
from mafqud.ocr import PageReading, read_page

LOW_CONFIDENCE = 60.0


def register(app: typer.Typer) -> None:
    app.command("ocr")(ocr_command)


def ocr_command(
    image: Path = typer.Argument(..., help="A page image: PNG, JPEG or TIFF (every page of it)."),
    as_json: bool = JSON,
) -> None:
    """Read a scanned register page: its table's columns mapped to fields, each cell's text,
    confidence and box. A preview: nothing is stored (importing scans is `mafqud ingest`'s,
    once it reads them)."""
    readings = []
    for number, page in enumerate(_pages(image), start=1):
        with progress_bar(f"reading page {number}") as update:
            readings.append(read_page(page, progress=update))
    if as_json:
        emit_json({"file": str(image), "pages": [_page_json(r) for r in readings]})
        return
    for number, reading in enumerate(readings, start=1):
        _print(number, reading)


def _pages(path: Path) -> list[Image.Image]:
    """Every page of the image, or :class:`UnreadableDocument` saying why there is none."""
    try:
        with Image.open(path) as opened:
            return [frame.convert("L") for frame in ImageSequence.Iterator(opened)]
    except Image.DecompressionBombError as error:
        raise UnreadableDocument(f"{path.name}: refused, too many pixels ({error})") from error
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise UnreadableDocument(f"{path.name}: not a readable image ({error})") from error


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
