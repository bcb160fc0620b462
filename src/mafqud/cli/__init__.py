"""The `mafqud` command: a thin shell over the library, one sub-command per capability.

Library errors (:class:`mafqud.errors.MafqudError`) become a one-line message
on stderr and the error's exit code here, and nowhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from typer.core import TyperGroup

from mafqud import __version__
from mafqud.cli import (
    cases,
    estimate,
    evidence,
    ingest,
    interchange,
    linkage,
    names,
    ocr,
    registry,
    scans,
    search,
    staff,
    sync,
    synth,
)
from mafqud.cli.context import AppState, errors
from mafqud.config import load_settings
from mafqud.errors import MafqudError


class _Group(TyperGroup):
    """Root group that turns library errors into a message on stderr and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except MafqudError as error:
            errors.print(f"[red]error:[/red] {escape(str(error))}", highlight=False)
            raise typer.Exit(code=error.exit_code) from error


app = typer.Typer(
    cls=_Group,
    help="mafqud: a registry for the missing and forcibly disappeared.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mafqud {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    data_dir: Path | None = typer.Option(
        None, "--data-dir", envvar="MAFQUD_DATA_DIR", help="Folder for the registry and evidence."
    ),
    database_url: str | None = typer.Option(
        None,
        "--database-url",
        envvar="MAFQUD_DATABASE_URL",
        help="SQLAlchemy URL; default: SQLite file in the data folder.",
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    ctx.obj = AppState(load_settings(data_dir, database_url))


registry.register(app)
evidence.register(app)
ingest.register(app)
synth.register(app)
names.register(app)
linkage.register(app)
staff.register(app)
cases.register(app)
search.register(app)
estimate.register(app)
interchange.register(app)
sync.register(app)
ocr.register(app)
scans.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
