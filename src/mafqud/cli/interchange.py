"""`mafqud pfif export|validate`, `mafqud export`: records for other organisations and analysts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import typer
from rich.markup import escape
from sqlalchemy.orm import Session

from mafqud.access import get_user, principal_for_user
from mafqud.cli.context import JSON, agent, console, emit_json, state
from mafqud.errors import InvalidInput
from mafqud.interchange import VERSIONS, export_pfif, validate
from mafqud.interchange.tables import FORMATS, export_table
from mafqud.registry import transaction
from mafqud.search import Operator, Reader

USER = typer.Option(
    None,
    "--user",
    help="Export what this staff user may read (default: every record, as the operator).",
)
PUBLIC = typer.Option(
    False, "--public", help="Export only what the public may see: public records, listed fields."
)


def register(app: typer.Typer) -> None:
    pfif = typer.Typer(help="PFIF 1.4 / 1.3 documents: export, validate.", no_args_is_help=True)
    pfif.command("export")(export_command)
    pfif.command("validate")(validate_command)
    app.add_typer(pfif, name="pfif")
    app.command("export")(table_command)


def export_command(
    ctx: typer.Context,
    out: Path = typer.Argument(..., help="The PFIF XML file to write."),
    version: str = typer.Option(
        "1.4", "--version", help="PFIF version: 1.4, or 1.3 for older readers."
    ),
    user: str | None = USER,
    public: bool = PUBLIC,
    as_json: bool = JSON,
) -> None:
    """Write the records (as PFIF persons) and reviewed notes the reader may see."""
    if version not in VERSIONS:
        raise InvalidInput(f"--version must be one of {', '.join(VERSIONS)}")
    with _whole(out) as handle, transaction(state(ctx).engine()) as session:
        summary = export_pfif(session, _reader(session, user, public), handle, VERSIONS[version])
    if as_json:
        emit_json({**summary.as_dict(), "path": str(out)})
    else:
        console.print(f"wrote {summary.persons:,} persons and {summary.notes:,} notes as PFIF "
                      f"{summary.version} to {escape(str(out))}")  # fmt: skip


@contextmanager
def _whole(out: Path) -> Iterator[BinaryIO]:
    """A file written under a ``.partial`` name and renamed when complete: a reader of OUT
    never sees half an export (the transaction inside commits before the rename)."""
    partial = out.with_name(out.name + ".partial")
    with partial.open("wb") as handle:
        yield handle
    partial.replace(out)


def _reader(session: Session, user: str | None, public: bool) -> Reader:
    """The public, a staff user, or (by default) the operator, who holds the database itself."""
    if public and user:
        raise InvalidInput("--public and --user exclude each other")
    if public:
        return None
    if user is not None:
        return principal_for_user(session, get_user(session, user))
    return Operator(agent())


def validate_command(
    document: Path = typer.Argument(..., help="A PFIF XML document."),
    lenient: bool = typer.Option(
        False, "--lenient", help="Any field order (PFIF 1.3+ allows it); default: the listed order."
    ),
    as_json: bool = JSON,
) -> None:
    """Check a PFIF document against its version's schema; every problem with its line."""
    version, problems = validate(document, lenient)
    if as_json:
        emit_json({"version": version.number, "valid": not problems,
                   "problems": [p.as_dict() for p in problems]})  # fmt: skip
    else:
        for problem in problems:
            console.print(f"line {problem.line}: {escape(problem.message)}")
        console.print(
            f"PFIF {version.number}: " + ("valid" if not problems else f"{len(problems)} problems")
        )
    if problems:
        raise typer.Exit(code=InvalidInput.exit_code)


def table_command(
    ctx: typer.Context,
    out: Path = typer.Argument(..., help="The file to write: .csv, .json or .jsonl."),
    user: str | None = USER,
    public: bool = PUBLIC,
    as_json: bool = JSON,
) -> None:
    """Write the records the reader may see as a table for analysts (CSV, JSON or JSON Lines)."""
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InvalidInput(f"{out.name}: write .csv, .json or .jsonl")
    with _whole(out) as handle, transaction(state(ctx).engine()) as session:
        summary = export_table(session, _reader(session, user, public), handle, fmt)
    if as_json:
        emit_json({**summary.as_dict(), "path": str(out)})
    else:
        console.print(f"wrote {summary.records:,} records to {escape(str(out))}")
