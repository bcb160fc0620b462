"""A small synthetic world to search: three organisations, sources at every level, staff.

Home shares its partners-level records with no one; the partner shares with
home; the outsider shares with no one. Every name is synthetic. Records are
imported with the real importer, so each file is one ingest run.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine

from mafqud.access import Principal, Role, add_partnership, add_user, get_user, principal_for_user
from mafqud.evidence import EvidenceStore
from mafqud.ingest import IngestReport, IngestRequest, ingest_file
from mafqud.registry import (
    Disclosure,
    add_organisation,
    add_source,
    open_engine,
    slugify,
    transaction,
    upgrade,
)
from tests.conftest import BACKENDS, empty_database

HOME, PARTNER, OUTSIDER = "home.example", "partner.example", "outsider.example"
AGENT = "pytest (synthetic data)"
COLUMNS = ("record_id", "given_name", "father_name", "grandfather_name", "family_name",
           "full_name", "mother_name")  # fmt: skip
SOURCES: dict[str, tuple[str, Disclosure]] = {
    "home public": (HOME, Disclosure.PUBLIC),
    "home partners": (HOME, Disclosure.PARTNERS),
    "home restricted": (HOME, Disclosure.RESTRICTED),
    "partner partners": (PARTNER, Disclosure.PARTNERS),
    "partner restricted": (PARTNER, Disclosure.RESTRICTED),
    "outsider public": (OUTSIDER, Disclosure.PUBLIC),
    "outsider restricted": (OUTSIDER, Disclosure.RESTRICTED),
}
USERS = {
    "home-reviewer": (HOME, Role.REVIEWER),
    "home-admin": (HOME, Role.ADMIN),
    "partner-reviewer": (PARTNER, Role.REVIEWER),
    "outsider-reviewer": (OUTSIDER, Role.REVIEWER),
}


@dataclass
class World:
    engine: Engine
    store: EvidenceStore
    folder: Path
    files: int = 0
    sources: dict[str, str] = field(default_factory=dict)
    """Record id → the name of its source."""

    def ingest(self, source: str, rows: list[dict[str, str]]) -> list[str]:
        """Import rows (each with a record_id) into a source; their registry ids."""
        self.ingest_report(source, rows)
        organisation, _level = SOURCES[source]
        ids = [f"{organisation}/{slugify(source)}.{row['record_id']}" for row in rows]
        self.sources.update(dict.fromkeys(ids, source))
        return ids

    def ingest_report(self, source: str, rows: list[dict[str, str]]) -> IngestReport:
        self.files += 1
        path = self.folder / f"file-{self.files}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
            writer.writeheader()
            writer.writerows(rows)
        return ingest_file(self.engine, self.store, IngestRequest(path, source, AGENT))

    def principal(self, username: str | None) -> Principal | None:
        if username is None:
            return None
        with transaction(self.engine) as session:
            return principal_for_user(session, get_user(session, username))


def can_read(username: str | None, source: str) -> bool:
    """The disclosure rule as the issue states it, written without mafqud.access."""
    organisation, level = SOURCES[source]
    if level is Disclosure.PUBLIC:
        return True
    if username is None:
        return False
    reader, _role = USERS[username]
    if reader == organisation:
        return True
    return level is Disclosure.PARTNERS and organisation == PARTNER and reader == HOME


def populate(engine: Engine, folder: Path) -> World:
    with transaction(engine) as session:
        for domain in (HOME, PARTNER, OUTSIDER):
            add_organisation(session, domain, f"{domain} (synthetic)")
        add_partnership(session, PARTNER, HOME)
        for name, (organisation, level) in SOURCES.items():
            add_source(session, name, organisation, level, "synthetic")
        for username, (organisation, role) in USERS.items():
            add_user(session, username, organisation, role, "synthetic-password-1")
    return World(engine, EvidenceStore(folder / "evidence"), folder)


@pytest.fixture
def world(engine: Engine, tmp_path: Path) -> World:
    return populate(engine, tmp_path)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def two_worlds(backend: str, tmp_path: Path) -> Iterator[tuple[World, World]]:
    """Two empty worlds on fresh databases of one backend, to compare what each answers."""
    for name in ("a", "b"):
        os.makedirs(tmp_path / name)
    with (
        empty_database(backend, tmp_path / "a") as first,
        empty_database(backend, tmp_path / "b") as second,
    ):
        engines = [open_engine(first), open_engine(second)]
        try:
            worlds = []
            for engine, name in zip(engines, ("a", "b"), strict=True):
                upgrade(engine)
                worlds.append(populate(engine, tmp_path / name))
            yield worlds[0], worlds[1]
        finally:
            for engine in engines:
                engine.dispose()


def row(local_id: str, name: str = "", mother: str = "", **parts: str) -> dict[str, str]:
    """A CSV row: a full name, or given/father/grandfather/family parts."""
    values = dict.fromkeys(COLUMNS, "")
    values.update(record_id=local_id, full_name=name, mother_name=mother)
    values.update({f"{key}_name": value for key, value in parts.items()})
    return values
