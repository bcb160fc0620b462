"""`mafqud search QUERY` and `mafqud search-index`: find records by name; build the index."""

from __future__ import annotations

import typer
from rich.table import Table

from mafqud.access import get_user, principal_for_user
from mafqud.cli.context import JSON, agent, console, emit_json, progress_bar, state
from mafqud.registry import transaction
from mafqud.search import Operator, Reader, index_pending, rebuild_index, search


def register(app: typer.Typer) -> None:
    app.command("search")(search_command)
    app.command("search-index")(search_index)


def search_command(
    ctx: typer.Context,
    query: str = typer.Argument(..., help="A name in Arabic or Latin script, parts in any order."),
    top: int = typer.Option(10, "--top", min=1, max=100, help="How many records to show."),
    mother: str | None = typer.Option(None, "--mother", help="The mother's name, if known."),
    user: str | None = typer.Option(
        None,
        "--user",
        help="Search as this staff user (what they may read). Default: as the operator, who "
        "holds the database and reads every record; restricted records shown are audited.",
    ),
    as_json: bool = JSON,
) -> None:
    """Find records whose names match QUERY, across scripts and spellings, best first."""
    with transaction(state(ctx).engine()) as session:
        reader: Reader = Operator(agent())
        if user is not None:
            reader = principal_for_user(session, get_user(session, user))
        hits = search(session, reader, query, top, mother=mother)
    if as_json:
        emit_json([hit.as_dict() for hit in hits])
        return
    table = Table("record", "score", "matched", title=f"{len(hits)} records")
    for hit in hits:
        matched = "; ".join(f"{field}: {value}" for field, value in hit.matched.items())
        table.add_row(hit.record_id, f"{hit.score:.3f}", matched)
    console.print(table)


def search_index(
    ctx: typer.Context,
    rebuild: bool = typer.Option(
        False, "--rebuild", help="Drop the index and build it again from every record."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a summary."),
) -> None:
    """Index the records of imports not yet indexed (or, with --rebuild, every record)."""
    with progress_bar("indexing names") as update, transaction(state(ctx).engine()) as session:
        indexed = (rebuild_index if rebuild else index_pending)(session, update)
    if as_json:
        emit_json({"indexed": indexed, "rebuilt": rebuild})
    else:
        console.print(f"indexed {indexed:,} records for search" + (" (rebuilt)" if rebuild else ""))
