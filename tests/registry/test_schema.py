"""The migrations create exactly what the models declare, on every database."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from mafqud.errors import NotInitialised
from mafqud.registry import (
    FIELD_NAMES,
    Base,
    current_revision,
    ensure_current,
    head_revision,
    open_engine,
    upgrade,
)


def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_every_declared_field_is_a_column(engine: Engine) -> None:
    columns = {column["name"] for column in inspect(engine).get_columns("source_records")}
    assert set(FIELD_NAMES) <= columns


def test_init_creates_then_upgrade_is_a_no_op(database_url: str) -> None:
    engine = open_engine(database_url)
    with pytest.raises(NotInitialised, match="mafqud init"):
        ensure_current(engine)
    assert upgrade(engine) == (None, head_revision())
    assert upgrade(engine) == (head_revision(), head_revision())
    ensure_current(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_sqlite_registry_uses_wal(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = open_engine(f"sqlite:///{tmp_path / 'nested' / 'registry.sqlite'}")
    with engine.connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
        keys = connection.exec_driver_sql("PRAGMA foreign_keys").scalar()
    assert (mode, keys) == ("wal", 1)
