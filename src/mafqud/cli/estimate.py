"""`mafqud estimate` and `mafqud estimate-table`: how many are missing, with intervals, charts."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from mafqud.cli.context import JSON, console, emit_json, errors, state
from mafqud.errors import NotIdentifiable
from mafqud.estimate import Options, Report, Row, Sampling, estimate, read_captures, read_table
from mafqud.estimate.captures import CaptureTable
from mafqud.estimate.charts import estimate_chart, overlap_chart, trace_chart
from mafqud.estimate.report import pool
from mafqud.estimate.strata import DIMENSIONS
from mafqud.registry import transaction

METHOD = typer.Option(
    "loglinear", "--method", help="loglinear (model search) or lcmcr (latent classes)."
)
CRITERION = typer.Option("aic", "--criterion", help="Log-linear model choice: aic or bic.")
MAX_ORDER = typer.Option(
    None, "--max-order", min=1, help="Highest interaction the model search tries (2: pairs)."
)
ITERATIONS = typer.Option(
    100_000, "--iterations", min=2, help="LCMCR sweeps per chain after burn-in (1,000 draws kept)."
)
BURN_IN = typer.Option(20_000, "--burn-in", min=0, help="LCMCR sweeps discarded first.")
SEED = typer.Option(0, "--seed", help="Random seed: the same seed gives the same figures.")
CHART = typer.Option(None, "--chart", help="Write the estimates as a chart (.png or .svg).")
TRACE = typer.Option(
    None, "--trace-chart", help="LCMCR: write each chain's draws of N as a chart (.png or .svg)."
)
OVERLAP = typer.Option(
    None, "--overlap-chart", help="Write the lists' overlap as a chart (.png or .svg)."
)


def register(app: typer.Typer) -> None:
    app.command("estimate")(estimate_command)
    app.command("estimate-table")(estimate_table)


def estimate_command(
    ctx: typer.Context,
    by: str | None = typer.Option(
        None, "--by", help=f"Estimate per stratum: {', '.join(DIMENSIONS)}."
    ),
    source: list[str] = typer.Option(
        [], "--source", help="Count only these sources as lists (repeat the option); default: all."
    ),
    method: str = METHOD,
    criterion: str = CRITERION,
    max_order: int | None = MAX_ORDER,
    iterations: int = ITERATIONS,
    burn_in: int = BURN_IN,
    seed: int = SEED,
    chart: Path | None = CHART,
    overlap: Path | None = OVERLAP,
    trace: Path | None = TRACE,
    as_json: bool = JSON,
) -> None:
    """Estimate how many persons there are in all, from the overlap of the registry's sources.

    Persons are those of the last `mafqud link`; each source is a list.
    """
    with transaction(state(ctx).engine()) as session:
        captures = read_captures(session, by, source)
    if captures.unlinked:
        errors.print(f"note: {captures.unlinked:,} records are not linked into persons yet "
                     "(run `mafqud link`); they are not counted")  # fmt: skip
    options = _options(method, criterion, None, max_order, iterations, burn_in, seed)
    report = estimate(captures.tables, options, by)
    charts = Charts(chart, overlap, trace)
    _outputs(report, captures.pooled, charts, as_json, {"unlinked_records": captures.unlinked})


def estimate_table(
    captures_csv: Path = typer.Argument(
        ..., help="CSV: one 0/1 column per list and a count column."
    ),
    by: str | None = typer.Option(None, "--by", help="A column of the file to estimate by."),
    method: str = METHOD,
    criterion: str = CRITERION,
    max_order: int | None = MAX_ORDER,
    terms: str | None = typer.Option(
        None,
        "--terms",
        help="A fixed log-linear model instead of a search: A:B,B:C (interactions).",
    ),
    iterations: int = ITERATIONS,
    burn_in: int = BURN_IN,
    seed: int = SEED,
    chart: Path | None = CHART,
    overlap: Path | None = OVERLAP,
    trace: Path | None = TRACE,
    as_json: bool = JSON,
) -> None:
    """Estimate a population from a capture-history table (a published one, or another node's)."""
    tables = read_table(captures_csv, by)
    options = _options(method, criterion, terms, max_order, iterations, burn_in, seed)
    report = estimate(tables, options, by)
    table = pool(list(tables.values()))
    _outputs(report, table, Charts(chart, overlap, trace), as_json, {"file": str(captures_csv)})


def _options(
    method: str, criterion: str, terms: str | None, max_order: int | None,
    iterations: int, burn_in: int, seed: int,
) -> Options:  # fmt: skip
    thin = max(1, iterations // 1000)
    sampling = Sampling(iterations=iterations, burn_in=burn_in, thin=thin, seed=seed)
    return Options(method=method, criterion=criterion, terms=terms, max_order=max_order,
                   sampling=sampling, seed=seed)  # fmt: skip


@dataclass(frozen=True)
class Charts:
    """Which charts to write, and where."""

    estimates: Path | None
    overlap: Path | None
    trace: Path | None


def _outputs(
    report: Report, table: CaptureTable, charts: Charts, as_json: bool, extra: dict[str, object]
) -> None:
    if charts.estimates is not None:
        estimate_chart(report, charts.estimates)
    if charts.overlap is not None:
        overlap_chart(table, charts.overlap)
    if charts.trace is not None:
        trace_chart(report, charts.trace)
    if as_json:
        emit_json({**report.as_json(), **extra})
    else:
        console.print(_table(report))
        console.print(_legend(report))
        for row in _all_rows(report):
            for warning in row.warnings:
                console.print(f"[yellow]warning[/yellow] {escape(row.stratum)}: {escape(warning)}")
    if report.pooled.estimate is None:
        raise NotIdentifiable(report.pooled.not_identifiable or "no estimate")


def _all_rows(report: Report) -> list[Row]:
    return [*report.rows, *([report.total] if report.total else []), report.pooled]


def _table(report: Report) -> Table:
    title = f"Population estimate ({report.method}); documented = distinct persons on a list"
    table = Table(title=title)
    for column in ("stratum", "documented", "estimate", "95% interval", "undocumented", "model"):
        table.add_column(column, justify="left" if column in ("stratum", "model") else "right")
    for row in _all_rows(report):
        if row.estimate is None:
            table.add_row(escape(row.stratum), f"{row.documented:,}", "—", "—", "—",
                          f"[red]none:[/red] {escape(row.not_identifiable or '')}")  # fmt: skip
            continue
        table.add_row(escape(row.stratum), f"{row.documented:,}", _number(row.estimate),
                      f"{_number(row.low)} – {_number(row.high)}", _number(row.undocumented),
                      escape(_numbered(row.model, list(report.pooled.lists))))  # fmt: skip
    return table


def _numbered(model: str, lists: list[str]) -> str:
    """A model with lists by number (``[1*2][3]``), as the literature writes it; names are long."""
    for number, name in sorted(enumerate(lists, 1), key=lambda item: -len(item[1])):
        model = model.replace(name, str(number))
    return model.replace(" * ", "*")


def _legend(report: Report) -> str:
    sizes = report.pooled.lists
    return "lists: " + " · ".join(
        f"{number} = {escape(name)} ({size:,})"
        for number, (name, size) in enumerate(sizes.items(), 1)
    )


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return "∞" if math.isinf(value) else f"{value:,.0f}"
