"""`mafqud init`, `org`, `source`, `stats`, `quarantine`: the registry itself."""

from __future__ import annotations

from typing import Any

import typer
from rich.table import Table
from sqlalchemy import select

from mafqud.access import add_partnership, audit
from mafqud.cli.context import JSON, agent, console, emit_json, state
from mafqud.registry import (
    Disclosure,
    IngestRun,
    QuarantinedRow,
    Source,
    add_organisation,
    add_source,
    get_source,
    list_organisations,
    list_sources,
    registry_stats,
    transaction,
    upgrade,
)


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    org = typer.Typer(help="Organisations whose records this node holds.", no_args_is_help=True)
    org.command("add")(org_add)
    org.command("list")(org_list)
    org.command("share")(org_share)
    app.add_typer(org, name="org")
    source = typer.Typer(
        help="Sources: the lists and registers records come from.", no_args_is_help=True
    )
    source.command("add")(source_add)
    source.command("list")(source_list)
    app.add_typer(source, name="source")
    app.command("stats")(stats)
    app.command("quarantine")(quarantine)


def init(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Create the registry, or upgrade its schema to this version's."""
    app_state = state(ctx)
    app_state.settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = app_state.engine(check_schema=False)
    before, after = upgrade(engine)
    url = engine.url.render_as_string(hide_password=True)
    result = {
        "database": url,
        "data_dir": str(app_state.settings.data_dir),
        "revision_before": before,
        "revision": after,
    }
    if as_json:
        emit_json(result)
    elif before == after:
        console.print(f"registry at {url} is up to date (schema {after})")
    else:
        console.print(f"registry at {url}: schema {before or 'none'} → {after}")


def org_add(
    ctx: typer.Context,
    domain: str = typer.Argument(
        ..., help="Internet domain, e.g. example.org; prefixes record ids."
    ),
    name: str = typer.Option(..., "--name", help="The organisation's name."),
    commission: bool = typer.Option(
        False,
        "--commission",
        help="It is the national commission: family reports whose families consented to the "
        "commission reach its node through the feeds.",
    ),
    as_json: bool = JSON,
) -> None:
    """Register an organisation (idempotent)."""
    with transaction(state(ctx).engine()) as session:
        organisation, created = add_organisation(session, domain, name, commission)
        result = {"domain": organisation.domain, "name": organisation.name, "created": created,
                  "commission": organisation.commission}  # fmt: skip
    if as_json:
        emit_json(result)
    else:
        console.print(
            f"organisation {result['domain']}: {'added' if created else 'exists already'}"
        )


def org_list(ctx: typer.Context, as_json: bool = JSON) -> None:
    """List organisations."""
    with transaction(state(ctx).engine()) as session:
        rows: list[dict[str, Any]] = [
            {"domain": o.domain, "name": o.name, "commission": o.commission}
            for o in list_organisations(session)
        ]
    if as_json:
        emit_json(rows)
        return
    table = Table("domain", "name", "commission")
    for row in rows:
        table.add_row(row["domain"], row["name"], "yes" if row["commission"] else "")
    console.print(table)


def org_share(
    ctx: typer.Context,
    domain: str = typer.Argument(..., help="The organisation that shares."),
    partner: str = typer.Option(..., "--with", help="The organisation it shares with."),
    as_json: bool = JSON,
) -> None:
    """Let a partner's staff see this organisation's partners-level records (one way)."""
    with transaction(state(ctx).engine()) as session:
        created = add_partnership(session, domain, partner)
        if created:
            audit(session, f"cli {agent()}", "add-partnership", domain, {"partner": partner})
    if as_json:
        emit_json({"organisation": domain, "partner": partner, "created": created})
    else:
        console.print(f"{domain} shares with {partner}: {'added' if created else 'already'}")


def source_add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Name of the list or register."),
    org: str = typer.Option(..., "--org", help="Domain of the organisation that holds it."),
    disclosure: Disclosure = typer.Option(
        Disclosure.RESTRICTED, "--disclosure", help="Default disclosure level of its records."
    ),
    description: str | None = typer.Option(None, "--description"),
    kind: str = typer.Option(
        "list",
        "--kind",
        help="list; family-reports (their matches are reviewed first); or mirror (another "
        "node's PFIF records under their home ids; the source's organisation must be theirs).",
    ),
    as_json: bool = JSON,
) -> None:
    """Register a source (idempotent)."""
    with transaction(state(ctx).engine()) as session:
        source, created = add_source(session, name, org, disclosure, description, kind)
        result = {
            "name": source.name,
            "slug": source.slug,
            "disclosure": source.disclosure,
            "kind": source.kind,
            "created": created,
        }
    if as_json:
        emit_json(result)
    else:
        console.print(f"source {source.name!r}: {'added' if created else 'exists already'}")


def source_list(ctx: typer.Context, as_json: bool = JSON) -> None:
    """List sources with their organisation and default disclosure."""
    with transaction(state(ctx).engine()) as session:
        rows = [
            {
                "name": s.name,
                "slug": s.slug,
                "organisation": o.domain,
                "disclosure": s.disclosure,
                "description": s.description,
            }
            for s, o in list_sources(session)
        ]
    if as_json:
        emit_json(rows)
        return
    table = Table("name", "slug", "organisation", "disclosure")
    for row in rows:
        table.add_row(row["name"], row["slug"], row["organisation"], row["disclosure"])
    console.print(table)


def stats(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Counts per source: documents, records, quarantined rows, and why rows were quarantined."""
    with transaction(state(ctx).engine()) as session:
        result = registry_stats(session)
    if as_json:
        emit_json(result.as_dict())
        return
    table = Table("source", "organisation", "disclosure", "documents", "records", "quarantined")
    for s in result.sources:
        table.add_row(
            s.source,
            s.organisation,
            s.disclosure,
            f"{s.documents:,}",
            f"{s.records:,}",
            f"{s.quarantined:,}",
        )
    table.add_section()
    table.add_row(
        "total",
        "",
        "",
        f"{result.accessions:,} files",
        f"{result.records:,}",
        f"{result.quarantined:,}",
    )
    console.print(table)
    if result.quarantine_reasons:
        reasons = Table("quarantine reason", "rows")
        for code, count in result.quarantine_reasons.items():
            reasons.add_row(code, f"{count:,}")
        console.print(reasons)


def quarantine(
    ctx: typer.Context,
    source: str | None = typer.Option(None, "--source", help="Only rows meant for this source."),
    limit: int = typer.Option(20, "--limit", min=1, help="How many rows to show."),
    as_json: bool = JSON,
) -> None:
    """Show quarantined rows with their reason and where they are in their document."""
    with transaction(state(ctx).engine()) as session:
        query = (
            select(QuarantinedRow, IngestRun.accession_id, Source.name)
            .join(IngestRun, QuarantinedRow.ingest_run_id == IngestRun.id)
            .join(Source, IngestRun.source_id == Source.id)
            .order_by(QuarantinedRow.id)
            .limit(limit)
        )
        if source is not None:
            query = query.where(Source.id == get_source(session, source).id)
        rows = [
            {
                "source": source_name,
                "accession": accession_id,
                "sheet": row.sheet,
                "row": row.row_number,
                "reason_code": row.reason_code,
                "reason": row.reason,
                "raw": row.raw,
            }
            for row, accession_id, source_name in session.execute(query)
        ]
    if as_json:
        emit_json(rows)
        return
    table = Table("source", "accession", "sheet", "row", "reason")
    for row in rows:
        table.add_row(
            *(str(row[key] or "") for key in ("source", "accession", "sheet", "row", "reason"))
        )
    console.print(table)
