"""`mafqud synth register|lists|pages`: synthetic registers, lists and scanned pages."""

from __future__ import annotations

from pathlib import Path

import typer

from mafqud.cli.context import console, emit_json, progress_bar
from mafqud.synth import (
    TRUTH_FILE,
    DateStyle,
    Degradation,
    HeaderStyle,
    LinkageSpec,
    PageFormat,
    PageSpec,
    RegisterSpec,
    write_linkage_csv,
    write_pages,
    write_register,
)
from mafqud.synth.linkage import split_by_source


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Synthetic data (never real people).", no_args_is_help=True)
    group.command("register")(register_command)
    group.command("lists")(lists_command)
    group.command("pages")(pages_command)
    app.add_typer(group, name="synth")


def register_command(
    out: Path = typer.Argument(..., dir_okay=False, help="Output file: .csv or .xlsx."),
    rows: int = typer.Option(1000, "--rows", min=0),
    seed: int = typer.Option(0, "--seed"),
    headers: HeaderStyle = typer.Option(HeaderStyle.ARABIC, "--headers"),
    eastern_digits: bool = typer.Option(False, "--eastern-digits", help="Write digits as ٠١٢٣."),
    dates: DateStyle = typer.Option(DateStyle.MIXED, "--dates"),
    malformed: float = typer.Option(
        0.0, "--malformed", min=0.0, max=1.0, help="Share of damaged rows."
    ),
    sheets: int = typer.Option(1, "--sheets", min=1, help="XLSX only: spread rows over N sheets."),
    encoding: str = typer.Option(
        "utf-8", "--encoding", help="CSV only: utf-8, utf-8-sig, cp1256, utf-16…"
    ),
    ids: bool = typer.Option(False, "--ids", help="Add a record_id column."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a summary."),
) -> None:
    """Write a synthetic register of invented detainees (the file says it is synthetic)."""
    spec = RegisterSpec(
        rows=rows,
        seed=seed,
        headers=headers,
        eastern_digits=eastern_digits,
        dates=dates,
        malformed=malformed,
        sheets=sheets,
        encoding=encoding,
        ids=ids,
    )
    with progress_bar(f"writing {out.name}") as update:
        info = write_register(out, spec, progress=update)
    result = {
        "path": str(info.path),
        "rows": info.rows,
        "malformed": info.malformed,
        "expected_records": info.expected_records,
        "sheets": info.sheets,
    }
    if as_json:
        emit_json(result)
    else:
        console.print(
            f"wrote {info.rows:,} synthetic rows ({info.malformed:,} deliberately damaged) to {out}"
        )


def lists_command(
    out: Path = typer.Argument(..., help="CSV file to write (canonical linkage columns)."),
    records: int = typer.Option(10_000, "--records", min=0),
    seed: int = typer.Option(0, "--seed"),
    truth: bool = typer.Option(
        True, "--truth/--no-truth", help="Add the person_id column (the truth) for evaluation."
    ),
    split: bool = typer.Option(
        False, "--split", help="Also write each list to its own file (OUT-<list>.csv)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a summary."),
) -> None:
    """Write overlapping synthetic lists of the same invented people, for linkage."""
    info = write_linkage_csv(out, LinkageSpec(records=records, seed=seed), truth=truth)
    result: dict[str, object] = {"path": str(info.path), "records": info.records,
                                 "people": info.people}  # fmt: skip
    if split:
        result["lists"] = [str(part) for part in split_by_source(out)]
    if as_json:
        emit_json(result)
    else:
        console.print(
            f"wrote {info.records:,} synthetic records of {info.people:,} invented people to {out}"
        )
        for part in result.get("lists", []):  # type: ignore[attr-defined]
            console.print(f"  one list: {part}")


def pages_command(
    out: Path = typer.Argument(..., file_okay=False, help="Folder for the images and truth.json."),
    pages: int = typer.Option(1, "--pages", min=1),
    rows: int = typer.Option(12, "--rows", min=0, help="Rows of invented detainees per page."),
    seed: int = typer.Option(0, "--seed", help="Page i is seeded SEED + i."),
    degradation: Degradation = typer.Option(Degradation.CLEAN, "--degradation"),
    fmt: PageFormat = typer.Option(PageFormat.PNG, "--format"),
    multipage: bool = typer.Option(False, "--multipage", help="TIFF only: every page in one file."),
    eastern_digits: bool = typer.Option(False, "--eastern-digits", help="Print digits as ٠١٢٣."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a summary."),
) -> None:
    """Write synthetic scanned register pages with their ground truth (truth.json), for OCR."""
    spec = PageSpec(rows=rows, seed=seed, degradation=degradation, eastern_digits=eastern_digits)
    with progress_bar(f"drawing pages in {out.name}") as update:
        paths = write_pages(out, pages, spec, fmt=fmt, multipage_tiff=multipage, progress=update)
    truth = out / TRUTH_FILE
    if as_json:
        files = [str(path) for path in paths]
        emit_json(
            {
                "pages": pages,
                "rows": rows,
                "degradation": degradation,
                "files": files,
                "truth": str(truth),
                "synthetic": True,
            }
        )
    else:
        console.print(
            f"wrote {pages:,} synthetic register page{'s' * (pages != 1)} "
            f"({rows} rows each, {degradation} wear) "
            f"to {out}; ground truth in {truth}"
        )
