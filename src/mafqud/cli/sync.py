"""`mafqud sync pull|status|notes`: copying a partner node's records and notes into this one."""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy import select

from mafqud.cli.context import JSON, agent, console, emit_json, progress_bar, state
from mafqud.interchange.notes import notes_about
from mafqud.interchange.sync import PAGE_SIZE, Partner, pull
from mafqud.registry import Source, SyncCursor, transaction, utc_text
from mafqud.search.index import index_pending


def register(app: typer.Typer) -> None:
    sync = typer.Typer(help="Node-to-node sync over PFIF feeds.", no_args_is_help=True)
    sync.command("pull")(pull_command)
    sync.command("status")(status_command)
    sync.command("notes")(notes_command)
    app.add_typer(sync, name="sync")


def pull_command(
    ctx: typer.Context,
    url: str = typer.Argument(..., help="The partner node's address, e.g. https://node.example."),
    source: str = typer.Option(
        ..., "--source", help="The mirror source that holds the partner's records here."
    ),
    token: str = typer.Option(
        ...,
        "--token",
        envvar="MAFQUD_SYNC_TOKEN",
        help="The API token the partner issued to this node (records:read); or set "
        "MAFQUD_SYNC_TOKEN, which keeps it out of shell history.",
    ),
    page_size: int = typer.Option(PAGE_SIZE, "--page-size", min=1, max=1000),
    as_json: bool = JSON,
) -> None:
    """Fetch what the partner published since the last pull, and import it.

    Persons become records of the mirror source (the partner's ids, never
    editable here); a changed person replaces its copy and keeps the old one as
    history; an expiry placeholder removes the copy and redacts the stored
    pages; notes are kept as the partner wrote them. Safe to interrupt and run
    again: it resumes after the last page it finished.
    """
    app_state = state(ctx)
    engine = app_state.engine()
    with progress_bar(f"pulling {url}") as update:
        received = {"person": 0, "note": 0}

        def progress(feed: str, entries: int) -> None:
            received[feed] += entries
            update(received["person"] + received["note"], None)

        report = pull(engine, app_state.store(), source, Partner(url, token, page_size), agent(),
                      progress=progress)  # fmt: skip
    with progress_bar("indexing names for search") as update, transaction(engine) as session:
        indexed = index_pending(session, update)
    if as_json:
        emit_json({**report.as_dict(), "search_indexed": indexed})
        return
    console.print(
        f"pulled {report.pages:,} pages from {escape(report.url)} into {escape(report.source)}: "
        f"{report.records_created:,} records new ({report.records_replaced:,} of them newer "
        f"versions), {report.rows_unchanged:,} unchanged, {report.rows_quarantined:,} "
        f"quarantined, {report.expired:,} copies removed by their home node, "
        f"{report.notes:,} notes"
    )


def status_command(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Where each mirror source stands in its partner's feeds."""
    with transaction(state(ctx).engine()) as session:
        rows = session.execute(
            select(Source.name, SyncCursor).join(Source, Source.id == SyncCursor.source_id)
            .order_by(Source.name, SyncCursor.feed)
        ).all()  # fmt: skip
        cursors: list[dict[str, Any]] = [
            {"source": name, "feed": c.feed, "url": c.url,
             "min_entry_date": utc_text(c.since) if c.since else None, "skip": c.skip,
             "entries": c.entries, "pulled_at": utc_text(c.pulled_at) if c.pulled_at else None}
            for name, c in rows
        ]  # fmt: skip
    if as_json:
        emit_json({"cursors": cursors})
        return
    table = Table("source", "feed", "partner", "entries", "next from", "last pull")
    for c in cursors:
        start = f"{c['min_entry_date'] or 'start'} +{c['skip']}"
        table.add_row(escape(c["source"]), c["feed"], escape(c["url"]), f"{c['entries']:,}",
                      start, c["pulled_at"] or "")  # fmt: skip
    console.print(table)


def notes_command(
    ctx: typer.Context,
    record: str | None = typer.Option(
        None, "--record", help="Only notes about this record (as person or as linked person)."
    ),
    as_json: bool = JSON,
) -> None:
    """Notes partners published (matches, status findings), newest first."""
    with transaction(state(ctx).engine()) as session:
        notes: list[dict[str, Any]] = [
            {"note_record_id": n.note_record_id, "person_record_id": n.person_record_id,
             "linked_person_record_id": n.linked_person_record_id, "author_name": n.author_name,
             "source_date": utc_text(n.source_date), "status": n.status, "text": n.text}
            for n in notes_about(session, record)
        ]  # fmt: skip
    if as_json:
        emit_json({"notes": notes})
        return
    for note in notes:
        link = f" → {note['linked_person_record_id']}" if note["linked_person_record_id"] else ""
        status = f" [{note['status']}]" if note["status"] else ""
        about = escape(note["person_record_id"] + link)
        console.print(f"{note['source_date']} {about}{status} "
                      f"{escape(note['author_name'])}: {escape(note['text'])}")  # fmt: skip
