"""`mafqud cases`: families' cases from the server's command line.

`cases updates` is the job a node runs daily (cron, a systemd timer): it
queues the regular update of every case that is due and delivers the outbox
through the configured channels. `cases list` shows a case worker's cases as
that user would see them.
"""

from __future__ import annotations

from datetime import timedelta

import typer
from rich.markup import escape
from rich.table import Table

from mafqud.access import get_user, principal_for_user
from mafqud.cases import (
    channels_from,
    deliver_pending,
    list_cases,
    public_progress,
    queue_regular_updates,
)
from mafqud.cli.context import JSON, console, emit_json, state
from mafqud.config import load_delivery_settings
from mafqud.registry import transaction


def register(app: typer.Typer) -> None:
    cases = typer.Typer(help="Families' cases and their regular updates.", no_args_is_help=True)
    cases.command("list")(cases_list)
    cases.command("updates")(cases_updates)
    cases.command("progress")(cases_progress)
    app.add_typer(cases, name="cases")


def cases_list(
    ctx: typer.Context,
    user: str = typer.Option(..., "--user", help="The case worker whose cases to list."),
    as_json: bool = JSON,
) -> None:
    """List the cases a case worker handles, oldest open first."""
    with transaction(state(ctx).engine()) as session:
        principal = principal_for_user(session, get_user(session, user))
        rows = [summary.as_dict() for summary in list_cases(session, principal)]
    if as_json:
        emit_json(rows)
        return
    columns = ("code", "status", "opened_at", "age_days", "last_update_at")
    table = Table(*columns)
    for row in rows:
        table.add_row(*(str(row[name]) for name in columns))
    console.print(table)


def cases_updates(
    ctx: typer.Context,
    send: bool = typer.Option(True, "--send/--no-send", help="Deliver the outbox too."),
    as_json: bool = JSON,
) -> None:
    """Queue the regular update of every case that is due, then deliver the outbox."""
    settings = state(ctx).settings
    delivery = load_delivery_settings()
    engine = state(ctx).engine()
    with transaction(engine) as session:
        run = queue_regular_updates(session, timedelta(days=delivery.update_interval_days))
    counts = {"queued": run.queued, "advanced": run.advanced}
    errors: list[str] = []
    if send:
        report = deliver_pending(engine, channels_from(delivery, settings.data_dir / "letters"))
        counts.update(sent=report.sent, retrying=report.retrying, failed=report.failed)
        errors = report.errors
    if as_json:
        emit_json({**counts, "errors": errors})
        return
    for key, value in counts.items():
        console.print(f"{key}: {value}")
    for error in errors:
        console.print(f"[yellow]{escape(error)}[/yellow]")


def cases_progress(ctx: typer.Context, as_json: bool = JSON) -> None:
    """The public progress figures, as the progress page shows them."""
    with transaction(state(ctx).engine()) as session:
        figures = public_progress(session).as_dict()
    if as_json:
        emit_json(figures)
        return
    table = Table("figure", "value")
    for key, value in figures.items():
        table.add_row(key, str(value))
    console.print(table)
