"""Tampering with anything in custody is found by verification, and named."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text

from mafqud.evidence import (
    Action,
    Receipt,
    accession_file,
    append_event,
    head_hash,
    verify_registry,
    walk_chain,
)
from mafqud.ingest import IngestRequest, ingest_file
from mafqud.registry import Accession, CustodyEvent, Disclosure, transaction
from mafqud.synth import RegisterSpec, write_register
from tests.conftest import Registry

AGENT = "pytest (synthetic data)"


def populated(registry: Registry, tmp_path: Path) -> str:
    """A registry with two imported registers; returns the first accession's sha256."""
    shas = []
    for seed, suffix in ((1, ".csv"), (2, ".xlsx")):
        info = write_register(
            tmp_path / f"r{seed}{suffix}", RegisterSpec(rows=120, seed=seed, malformed=0.05)
        )
        report = ingest_file(
            registry.engine, registry.store, IngestRequest(info.path, registry.source, AGENT)
        )
        shas.append(report.sha256)
    return shas[0]


def verify(registry: Registry, expect_head: str | None = None) -> list[str]:
    with transaction(registry.engine) as session:
        report = verify_registry(session, registry.store, expect_head, record=False)
    return [f"{p.check}: {p.detail}" for p in report.problems if p.severity == "error"]


def sql(engine: Engine, statement: str, drop_guard: str | None = None) -> None:
    """Change the database behind mafqud's back, as someone with direct access could."""
    with engine.begin() as connection:
        if drop_guard:
            table = drop_guard.split("_no_")[0]
            suffix = f" ON {table}" if is_postgresql_engine(engine) else ""
            connection.execute(text(f"DROP TRIGGER {drop_guard}{suffix}"))
        connection.execute(text(statement))


def is_postgresql_engine(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def test_an_untouched_registry_verifies(registry: Registry, tmp_path: Path) -> None:
    populated(registry, tmp_path)
    with transaction(registry.engine) as session:
        report = verify_registry(session, registry.store)
        actions = session.scalars(select(CustodyEvent.action).order_by(CustodyEvent.seq)).all()
    assert report.ok, report.problems
    assert report.objects == 2 and report.imports == 2 and report.rows == 240
    assert actions[-1] == Action.FIXITY_CHECKED
    assert report.head == head_hash_of(registry)


def head_hash_of(registry: Registry) -> str:
    with transaction(registry.engine) as session:
        return head_hash(session)


Tamper = Callable[[Registry, str], None]


def edit_a_stored_file(registry: Registry, sha: str) -> None:
    path = registry.store.path_for(sha)
    os.chmod(path, 0o644)
    path.write_bytes(path.read_bytes() + b"\n")


def delete_a_stored_file(registry: Registry, sha: str) -> None:
    registry.store.path_for(sha).unlink()


def edit_a_custody_event(registry: Registry, _sha: str) -> None:
    sql(
        registry.engine,
        "UPDATE custody_events SET agent = 'someone else' WHERE seq = 2",
        "custody_events_no_update",
    )


def delete_a_custody_event(registry: Registry, _sha: str) -> None:
    sql(registry.engine, "DELETE FROM custody_events WHERE seq = 2", "custody_events_no_delete")


def edit_an_accession(registry: Registry, sha: str) -> None:
    sql(
        registry.engine,
        f"UPDATE accessions SET received_from_org = 'nobody' WHERE sha256 = '{sha}'",
    )


def edit_a_record(registry: Registry, _sha: str) -> None:
    sql(
        registry.engine,
        "UPDATE source_records SET given_name = 'مزور' WHERE ordinal = 7",
        "source_records_no_update",
    )


def delete_a_record(registry: Registry, _sha: str) -> None:
    sql(registry.engine, "DELETE FROM source_records WHERE ordinal = 9 AND ingest_run_id = 1")


def insert_a_record(registry: Registry, _sha: str) -> None:
    """A forged row that copies a real row's hash, as someone covering their tracks might."""
    columns = (
        "id, source_id, ingest_run_id, accession_id, ordinal, row_number, local_id, "
        "given_name, disclosure, flags, original, content_sha256"
    )
    copied = (
        "'x/forged', source_id, ingest_run_id, accession_id, 9999, 9999, 'forged', "
        "'مزور', disclosure, '[]', '[]', content_sha256"
    )
    sql(
        registry.engine,
        f"INSERT INTO source_records ({columns}) SELECT {copied} FROM source_records "
        "WHERE ordinal = 1 AND ingest_run_id = 1",
    )


def move_a_record_to_another_source(registry: Registry, _sha: str) -> None:
    sql(
        registry.engine,
        "UPDATE source_records SET source_id = 99 WHERE ordinal = 3 AND ingest_run_id = 1",
        "source_records_no_update",
    )


def insert_a_record_of_no_import(registry: Registry, _sha: str) -> None:
    sql(
        registry.engine,
        "INSERT INTO source_records (id, source_id, ingest_run_id, accession_id, ordinal, "
        "row_number, local_id, disclosure, flags, original, content_sha256) "
        "VALUES ('x/stray', 1, 77, 'acc-x', 1, 1, 'stray', 'public', '[]', '[]', 'x')",
    )


def delete_a_quarantined_row(registry: Registry, _sha: str) -> None:
    sql(registry.engine, "DELETE FROM quarantine WHERE id = (SELECT MIN(id) FROM quarantine)")


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        (edit_a_stored_file, "file: the stored file now hashes to"),
        (delete_a_stored_file, "file: the stored file is missing"),
        (edit_a_custody_event, "custody: its content does not match its hash (edited)"),
        (delete_a_custody_event, "custody: does not follow the previous event"),
        (edit_an_accession, "accession: differs from the facts recorded when accessioned"),
        (edit_a_record, "records: edited rows: "),
        (delete_a_record, "records: records were added, removed or edited since import"),
        (insert_a_record, "records: edited rows: x/forged"),
        (move_a_record_to_another_source, "records: 1 records name another source or document"),
        (insert_a_record_of_no_import, "records: 1 records belong to no recorded import"),
        (delete_a_quarantined_row, "records: records were added, removed or edited since import"),
    ],
)
def test_tampering_is_detected(
    registry: Registry, tmp_path: Path, tamper: Tamper, expected: str
) -> None:
    sha = populated(registry, tmp_path)
    assert verify(registry) == []
    tamper(registry, sha)
    problems = verify(registry)
    assert any(p.startswith(expected) for p in problems), problems


def test_truncating_the_newest_events_is_caught_by_a_recorded_head(
    registry: Registry, tmp_path: Path
) -> None:
    populated(registry, tmp_path)
    recorded = head_hash_of(registry)
    assert verify(registry, expect_head=recorded) == []
    sql(
        registry.engine,
        "DELETE FROM custody_events WHERE seq = (SELECT MAX(seq) FROM custody_events)",
        "custody_events_no_delete",
    )
    problems = verify(registry, expect_head=recorded)
    assert any("no longer contains event" in p for p in problems)


def test_custody_events_and_records_refuse_changes(registry: Registry, tmp_path: Path) -> None:
    populated(registry, tmp_path)
    for statement in (
        "UPDATE custody_events SET agent = 'x'",
        "DELETE FROM custody_events",
        "UPDATE source_records SET given_name = 'x'",
    ):
        with (
            pytest.raises(Exception, match=r"append-only|never edited"),
            registry.engine.begin() as connection,
        ):
            connection.execute(text(statement))


def test_the_chain_links_every_event(registry: Registry, tmp_path: Path) -> None:
    populated(registry, tmp_path)
    with transaction(registry.engine) as session:
        events = list(walk_chain(session))
    assert all(isinstance(event, CustodyEvent) for event in events)
    hashes = [e.hash for e in events if isinstance(e, CustodyEvent)]
    prevs = [e.prev_hash for e in events if isinstance(e, CustodyEvent)]
    assert prevs[1:] == hashes[:-1]
    assert prevs[0] == "0" * 64


def test_receipt_metadata_is_recorded(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "photo-list.csv"
    path.write_text("الاسم\nمحمد\n", encoding="utf-8")
    receipt = Receipt(
        received_from_org="Synthetic Archive",
        received_from_person="A. Person (synthetic)",
        received_via="usb",
        origin_producer="Branch 215 (stated)",
        origin_obtained="copied from a branch computer (stated)",
        restriction=Disclosure.PARTNERS,
        notes="synthetic test",
    )
    with transaction(registry.engine) as session:
        accession, created = accession_file(session, registry.store, path, receipt, AGENT)
        again, created_again = accession_file(session, registry.store, path, receipt, AGENT)
    assert created and not created_again and again.id == accession.id
    with transaction(registry.engine) as session:
        stored = session.scalar(select(Accession))
        assert stored is not None
        assert (stored.received_via, stored.restriction, stored.original_filename) == (
            "usb",
            "partners",
            "photo-list.csv",
        )
        assert stored.accessioned_by == AGENT
        append_event(
            session, Action.EXPORTED, AGENT, accession_id=stored.id, details={"to": "nobody"}
        )
    assert verify(registry) == []
