"""`mafqud evidence …` and `mafqud verify`: custody of received files."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from mafqud.cli.context import JSON, agent, console, emit_json, errors, progress_bar, state
from mafqud.evidence import (
    VIAS,
    Receipt,
    accession_facts,
    accession_file,
    custody_history,
    get_accession,
    list_accessions,
    verify_registry,
)
from mafqud.evidence.derived import derived_objects
from mafqud.registry import Disclosure, transaction, utc_text


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help="Received files: accession, listing, custody history.", no_args_is_help=True
    )
    group.command("add")(add)
    group.command("list")(list_)
    group.command("show")(show)
    app.add_typer(group, name="evidence")
    app.command("verify")(verify)


def receipt_options(
    received_from: str | None,
    person: str | None,
    via: str,
    origin: str | None,
    obtained: str | None,
    restriction: Disclosure,
    notes: str | None,
) -> Receipt:
    """A Receipt from the options `evidence add` and `ingest` share."""
    if via not in VIAS:
        raise typer.BadParameter(f"--via must be one of {', '.join(VIAS)}")
    return Receipt(
        received_from_org=received_from,
        received_from_person=person,
        received_via=via,
        origin_producer=origin,
        origin_obtained=obtained,
        restriction=restriction,
        notes=notes,
    )


FROM = typer.Option(None, "--from", help="Organisation the file was received from.")
PERSON = typer.Option(None, "--person", help="Person who handed it over.")
VIA = typer.Option("upload", "--via", help=f"How it arrived: {', '.join(VIAS)}.")
ORIGIN = typer.Option(None, "--origin", help="Stated origin: facility or office that produced it.")
OBTAINED = typer.Option(None, "--obtained", help="How the provider obtained it.")
RESTRICTION = typer.Option(Disclosure.RESTRICTED, "--restriction", help="Who may see the file.")
NOTES = typer.Option(None, "--notes", help="Free notes.")


def add(
    ctx: typer.Context,
    file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True),
    received_from: str | None = FROM,
    person: str | None = PERSON,
    via: str = VIA,
    origin: str | None = ORIGIN,
    obtained: str | None = OBTAINED,
    restriction: Disclosure = RESTRICTION,
    notes: str | None = NOTES,
    as_json: bool = JSON,
) -> None:
    """Accession a file: store it under its SHA-256 and record where it came from."""
    app_state = state(ctx)
    receipt = receipt_options(received_from, person, via, origin, obtained, restriction, notes)
    with transaction(app_state.engine()) as session:
        accession, created = accession_file(session, app_state.store(), file, receipt, agent())
        result = {**accession_facts(accession), "created": created}
    if as_json:
        emit_json(result)
    else:
        state_text = "accessioned" if created else "already held"
        console.print(f"{result['id']} {state_text}: {file.name} sha256 {result['sha256']}")


def list_(ctx: typer.Context, as_json: bool = JSON) -> None:
    """List accessioned files."""
    with transaction(state(ctx).engine()) as session:
        rows = [accession_facts(a) for a in list_accessions(session)]
    if as_json:
        emit_json(rows)
        return
    table = Table("accession", "file", "size", "received", "from", "restriction")
    for row in rows:
        table.add_row(
            str(row["id"]),
            str(row["original_filename"]),
            f"{row['size']:,}",
            str(row["received_at"])[:19],
            str(row["received_from_org"] or ""),
            str(row["restriction"]),
        )
    console.print(table)


def show(
    ctx: typer.Context,
    accession_id: str = typer.Argument(..., help="Accession id or SHA-256."),
    as_json: bool = JSON,
) -> None:
    """Show one accession, what was derived from it (a scan's page images, readings, rows,
    transcriptions) and its custody history."""
    with transaction(state(ctx).engine()) as session:
        accession = get_accession(session, accession_id)
        facts = accession_facts(accession)
        history = [
            {
                "seq": e.seq,
                "at": utc_text(e.at),
                "action": e.action,
                "agent": e.agent,
                "outcome": e.outcome,
                "output_sha256": e.output_sha256,
            }
            for e in custody_history(session, accession.id)
        ]
        derived = [
            {
                "sha256": d.sha256,
                "kind": d.kind,
                "page": d.page_number,
                "derived_from": d.derived_from,
                "media_type": d.media_type,
                "size": d.size,
                "software": d.software,
            }
            for d in derived_objects(session, accession.id)
        ]
    if as_json:
        emit_json({**facts, "derived": derived, "custody": history})
        return
    table = Table("field", "value", show_header=False)
    for key, value in facts.items():
        table.add_row(key, "" if value is None else str(value))
    console.print(table)
    if derived:
        made = Table("derived object", "kind", "page", "made from", "by")
        for item in derived:
            made.add_row(str(item["sha256"])[:16], str(item["kind"]), str(item["page"] or ""),
                         str(item["derived_from"])[:16], str(item["software"])[:40])  # fmt: skip
        console.print(made)
    events = Table("seq", "at", "action", "agent", "outcome")
    for event in history:
        events.add_row(
            *(str(event[key])[:30] for key in ("seq", "at", "action", "agent", "outcome"))
        )
    console.print(events)


def verify(
    ctx: typer.Context,
    expect_head: str | None = typer.Option(
        None,
        "--expect-head",
        help="A custody head hash recorded earlier that must still be in the chain.",
    ),
    as_json: bool = JSON,
) -> None:
    """Re-hash stored files, walk the custody chain, re-check every import; exit 7 on a mismatch."""
    app_state = state(ctx)
    with progress_bar("verifying") as update, transaction(app_state.engine()) as session:
        report = verify_registry(
            session,
            app_state.store(),
            expect_head,
            progress=lambda _stage, done, total: update(done, total),
        )
    if as_json:
        emit_json(report.as_dict())
    else:
        console.print(
            f"checked {report.objects:,} files, {report.events:,} custody events, "
            f"{report.imports:,} imports, {report.rows:,} rows"
        )
        for problem in report.problems:
            colour = "red" if problem.severity == "error" else "yellow"
            where = f"{problem.check}: {problem.subject}"
            errors.print(f"[{colour}]{problem.severity}[/{colour}] {where}: {problem.detail}")
        console.print(f"custody head: {report.head}")
        console.print(
            "[green]all verified[/green]" if report.ok else "[red]verification failed[/red]"
        )
    if not report.ok:
        raise typer.Exit(code=7)
