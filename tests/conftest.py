"""Shared fixtures: a registry on every database under test, an evidence store, a source.

Every database test runs on SQLite, and on PostgreSQL too when
MAFQUD_TEST_POSTGRES holds a server URL (CI sets it). Each test gets its own
SQLite file or its own PostgreSQL schema, migrated from scratch, so no test
sees another's committed data.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from mafqud.config import normalise_database_url
from mafqud.evidence import EvidenceStore
from mafqud.registry import (
    Disclosure,
    add_organisation,
    add_source,
    open_engine,
    transaction,
    upgrade,
)

POSTGRES_ENV = "MAFQUD_TEST_POSTGRES"
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get(POSTGRES_ENV) else [])
ORG_DOMAIN = "test.mafqud.example"
SOURCE = "Synthetic test register"


@contextmanager
def empty_database(kind: str, folder: Path) -> Iterator[str]:
    """A URL to an empty database: a SQLite file in ``folder``, or a fresh PostgreSQL schema."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'registry.sqlite'}"
        return
    server = normalise_database_url(os.environ[POSTGRES_ENV])
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(server)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(server).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database of each backend under test."""
    with empty_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated, empty registry."""
    engine = open_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def store(tmp_path: Path) -> EvidenceStore:
    return EvidenceStore(tmp_path / "evidence")


@dataclass(frozen=True)
class Registry:
    """An initialised registry with one organisation and one restricted source."""

    engine: Engine
    store: EvidenceStore
    source: str = SOURCE
    domain: str = ORG_DOMAIN


@pytest.fixture
def registry(engine: Engine, store: EvidenceStore) -> Registry:
    with transaction(engine) as session:
        add_organisation(session, ORG_DOMAIN, "Test organisation (synthetic)")
        add_source(session, SOURCE, ORG_DOMAIN, Disclosure.RESTRICTED, "synthetic")
    return Registry(engine, store)
