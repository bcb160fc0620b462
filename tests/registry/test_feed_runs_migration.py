"""Migration 0009 records which imports an 0008 node had published, so none is published twice."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import Engine, func, select

from mafqud.evidence import EvidenceStore
from mafqud.ingest import IngestRequest, ingest_file
from mafqud.interchange.feeds import publish_pending
from mafqud.registry import (
    Disclosure,
    FeedEntry,
    FeedRun,
    add_organisation,
    add_source,
    open_engine,
    transaction,
    upgrade,
)
from mafqud.registry.database import _alembic_config
from mafqud.synth import RegisterSpec, write_register


def test_an_upgraded_node_does_not_publish_its_records_again(
    database_url: str, tmp_path: Path
) -> None:
    engine: Engine = open_engine(database_url)
    upgrade(engine)
    with transaction(engine) as session:
        add_organisation(session, "old.example", "Old node (synthetic)")
        add_source(session, "Old list (synthetic)", "old.example", Disclosure.PUBLIC, "synthetic")
    path = write_register(tmp_path / "old.csv", RegisterSpec(rows=5, seed=3)).path
    ingest_file(engine, EvidenceStore(tmp_path / "evidence"),
                IngestRequest(path, "Old list (synthetic)", "pytest"))  # fmt: skip
    with transaction(engine) as session:
        assert publish_pending(session) == 5
        assert publish_pending(session) == 0
        session.execute(FeedRun.__table__.delete())  # as if published before 0009 existed
    command.downgrade(_alembic_config(engine), "0008")
    upgrade(engine)  # 0009 again: the backfill finds the run in the log
    with transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(FeedRun)) == 1
        assert publish_pending(session) == 0
        assert session.scalar(select(func.count()).select_from(FeedEntry)) == 5
    engine.dispose()
