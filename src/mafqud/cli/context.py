"""What every command needs: settings, the registry engine, the evidence store, output."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import orjson
import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from sqlalchemy import Engine

from mafqud import SOFTWARE
from mafqud.config import Settings, load_settings
from mafqud.evidence import EvidenceStore
from mafqud.registry import ensure_current, open_engine

AGENT_ENV = "MAFQUD_AGENT"

console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)


@dataclass
class AppState:
    """Resolved once per invocation by the root callback."""

    settings: Settings

    def engine(self, check_schema: bool = True) -> Engine:
        engine = open_engine(self.settings.database_url)
        if check_schema:
            ensure_current(engine)
        return engine

    def store(self) -> EvidenceStore:
        return EvidenceStore(self.settings.evidence_dir)


def state(ctx: typer.Context) -> AppState:
    obj = ctx.find_root().obj
    if not isinstance(obj, AppState):
        obj = AppState(load_settings())
        ctx.find_root().obj = obj
    return obj


def agent() -> str:
    """Who is acting, for the custody log: $MAFQUD_AGENT, else the login name, plus the software."""
    person = os.environ.get(AGENT_ENV) or getpass.getuser()
    return f"{person} ({SOFTWARE})"


JSON = typer.Option(False, "--json", help="Print JSON instead of a table.")
"""The --json option every command that reports results has."""


def emit_json(data: Any) -> None:
    """Machine-readable output: one JSON document on stdout, UTF-8, Arabic unescaped."""
    typer.echo(orjson.dumps(data, default=str, option=orjson.OPT_INDENT_2).decode())


@contextmanager
def progress_bar(description: str, unit: str = "") -> Iterator[Any]:
    """A Rich progress bar on stderr; yields ``update(done, total)``."""
    columns = [
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn() if unit != "bytes" else TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ]
    with Progress(
        *columns, console=errors, transient=True, disable=not errors.is_terminal
    ) as progress:
        task = progress.add_task(description, total=None)

        def update(done: int, total: int | None) -> None:
            progress.update(task, completed=done, total=total)

        yield update
