"""`mafqud names explain NAME`: how mafqud reads a name, step by step."""

from __future__ import annotations

import typer
from rich.table import Table

from mafqud.cli.context import console, emit_json
from mafqud.names import explain


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help="Names: normalisation, chains, keys, transliteration.", no_args_is_help=True
    )
    group.command("explain")(explain_command)
    app.add_typer(group, name="names")


def explain_command(
    name: str = typer.Argument(..., help="A name in Arabic or Latin script."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
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
