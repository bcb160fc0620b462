"""`mafqud link-csv`: link the records of a CSV file into persons, without a registry."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import typer
from rich.table import Table

from mafqud.cli.context import agent, console, emit_json, errors, state
from mafqud.errors import NotInitialised
from mafqud.linkage.incremental import Matcher
from mafqud.linkage.registry_link import link_registry
from mafqud.linkage.standalone import (
    MATCH_THRESHOLD,
    link_records,
    load_model,
    read_records,
    write_clusters,
)

INDEX_NAME = "link-index.duckdb"
THRESHOLD = typer.Option(
    MATCH_THRESHOLD,
    "--threshold",
    min=0.0,
    max=1.0,
    help="Match probability, on average within a cluster, that makes one person.",
)


def register(app: typer.Typer) -> None:
    app.command("link")(link)
    app.command("link-csv")(link_csv)
    app.command("match")(match)


def index_path(ctx: typer.Context) -> Path:
    return state(ctx).settings.data_dir / INDEX_NAME


def link(
    ctx: typer.Context,
    threshold: float = THRESHOLD,
    retrain: bool = typer.Option(
        False, "--retrain", help="Train a new model instead of reusing the last run's."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Link every record of the registry into persons; store proposals with their reasons."""
    with console.status("linking") as status:
        report = link_registry(
            state(ctx).engine(), agent(), threshold, retrain,
            stage=lambda n: status.update(n), index_path=index_path(ctx),
        )  # fmt: skip
    if as_json:
        emit_json(report)
        return
    for note in report.notes:
        errors.print(f"note: {note}")
    table = Table("records", "persons", "proposals", "model", title=f"linkage run {report.run_id}")
    model = f"{report.model_sha256[:12]} ({'trained' if report.trained else 'reused'})"
    table.add_row(f"{report.records:,}", f"{report.persons:,}", f"{report.proposals:,}", model)
    console.print(table)
    changes = ", ".join(f"{kind} {n:,}" for kind, n in sorted(report.events.items()))
    console.print(f"persons: {changes or 'no change'}")


def link_csv(
    input_csv: Path = typer.Argument(
        ..., exists=True, dir_okay=False, help="UTF-8 CSV of records."
    ),
    out: Path = typer.Option(..., "--out", help="Where to write record_id,cluster_id."),
    threshold: float = THRESHOLD,
    model: Path | None = typer.Option(
        None,
        "--model",
        exists=True,
        dir_okay=False,
        help="A saved model to use instead of training.",
    ),
    save_model: Path | None = typer.Option(
        None, "--save-model", dir_okay=False, help="Save the trained model here (JSON)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Link records of one file into persons (train, score pairs, cluster); no network needed."""
    records = read_records(input_csv)
    saved = load_model(model) if model is not None else None
    with console.status("linking") as status:
        clusters, report = link_records(
            records, threshold, saved, save_model, stage=lambda name: status.update(name)
        )
    write_clusters(out, [record["record_id"] for record in records], clusters)
    if as_json:
        emit_json({**asdict(report), "out": str(out)})
        return
    for note in report.notes:
        errors.print(f"note: {note}")
    table = Table("records", "persons", "pairs scored", "threshold", title=str(out))
    table.add_row(f"{report.records:,}", f"{report.clusters:,}", f"{report.pairs_scored:,}",
                  f"{report.threshold:g}")  # fmt: skip
    console.print(table)
    timing = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in report.seconds.items())
    if timing:
        console.print(timing)


def match(
    ctx: typer.Context,
    input_csv: Path = typer.Argument(
        ..., exists=True, dir_okay=False, help="UTF-8 CSV of new records (canonical columns)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON."),
) -> None:
    """Match new records against the linked registry, one by one, without linking again."""
    path = index_path(ctx)
    if not path.exists():
        raise NotInitialised(f"no link index in {path.parent}: run `mafqud link` first")
    matcher = Matcher(path)
    results = [(record["record_id"], matcher.match(record)) for record in read_records(input_csv)]
    if as_json:
        emit_json([{"record_id": rid, **asdict(result)} for rid, result in results])
        return
    table = Table("record", "decision", "person", "score", "best pair")
    for rid, result in results:
        best = result.candidates[0] if result.candidates else None
        pair = f"{best.record_id} ({best.probability:.2f})" if best else ""
        table.add_row(
            rid, result.decision, result.person_id or "", f"{result.person_score:.2f}", pair
        )
    console.print(table)
