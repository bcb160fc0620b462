"""`mafqud names`: how mafqud reads a name, and how common the registry's names are."""

from __future__ import annotations

from dataclasses import asdict

import typer
from rich.table import Table

from mafqud.cli.context import console, emit_json, progress_bar, state
from mafqud.names import explain
from mafqud.registry import (
    FREQUENCY_FIELDS,
    compute_name_frequencies,
    load_name_frequencies,
    transaction,
)

JSON = typer.Option(False, "--json", help="Print JSON instead of tables.")


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help="Names: normalisation, chains, keys, transliteration, frequencies.",
        no_args_is_help=True,
    )
    group.command("explain")(explain_command)
    frequencies = typer.Typer(
        help="How common each name unit is in this registry (internal: never published).",
        no_args_is_help=True,
    )
    frequencies.command("compute")(frequencies_compute)
    frequencies.command("show")(frequencies_show)
    group.add_typer(frequencies, name="frequencies")
    app.add_typer(group, name="names")


def explain_command(
    name: str = typer.Argument(..., help="A name in Arabic or Latin script."),
    as_json: bool = JSON,
) -> None:
    """Show each step: script, normalisation, units, parts, keys, transliterations."""
    result = explain(name)
    if as_json:
        emit_json(result)
        return
    console.print(f"script: {result['script']}")
    steps = Table("step", "result")
    for step in result["normalisation"]:
        steps.add_row(step["step"], step["result"])
    console.print(steps)
    units = Table("unit", "core", "kind", "key", "dotless")
    for unit in result["units"]:
        units.add_row(unit["text"], unit["core"], unit["kind"], unit["key"], unit["dotless"] or "")
    console.print(units)
    parts = result["parts"]
    console.print(
        "parts: "
        + ", ".join(
            f"{k} {parts[k]}" for k in ("given", "father", "grandfather", "family") if parts[k]
        )
        + f" (confidence {parts['confidence']:.2f})"
    )
    console.print(f"romanised: {result['romanised']}")
    if result["buckwalter"]:
        console.print(f"buckwalter: {result['buckwalter']}")


def frequencies_compute(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Count every name unit of every record, replacing the stored frequencies."""
    with (
        progress_bar("counting names") as update,
        transaction(state(ctx).engine()) as session,
    ):
        summary = compute_name_frequencies(session, update)
    if as_json:
        emit_json(summary)
        return
    table = Table("field", "units counted", "distinct units", title=f"{summary.records:,} records")
    for field in FREQUENCY_FIELDS:
        table.add_row(field, f"{summary.units[field]:,}", f"{summary.distinct[field]:,}")
    console.print(table)


def frequencies_show(
    ctx: typer.Context,
    name: str | None = typer.Option(None, "--name", help="How common each unit of this name is."),
    fields: list[str] | None = typer.Option(
        None, "--field", help=f"Name field(s) to count: {', '.join(FREQUENCY_FIELDS)} (all)."
    ),
    top: int = typer.Option(20, "--top", min=1, help="How many of the commonest units to list."),
    as_json: bool = JSON,
) -> None:
    """The commonest name units, or how common the units of one name are."""
    with transaction(state(ctx).engine()) as session:
        frequencies = load_name_frequencies(session, fields or None)
    total = frequencies.total
    if name is not None:
        found = frequencies.of(name)
        if as_json:
            units = [{**asdict(f), "bits": round(f.bits, 2)} for f in found]
            emit_json({"name": name, "units_counted": total, "units": units})
            return
        table = Table("unit", "key", "count", "share", "bits", title=f"{total:,} units counted")
        for f in found:
            table.add_row(f.unit, f.key, f"{f.count:g}", f"{f.frequency:.4%}", f"{f.bits:.1f}")
        console.print(table)
        return
    common = frequencies.most_common(top)
    if as_json:
        rows = [
            {"unit": unit, "count": count, "frequency": count / total} for unit, count in common
        ]
        emit_json({"units_counted": total, "commonest": rows})
        return
    table = Table("unit", "count", "share", title=f"{total:,} units counted")
    for unit, count in common:
        table.add_row(unit, f"{count:,}", f"{count / total:.2%}")
    console.print(table)
