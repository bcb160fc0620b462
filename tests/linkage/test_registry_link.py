"""Linking the registry, on every database under test: proposals, persons, stable ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mafqud.ingest import IngestRequest, ingest_file
from mafqud.linkage.registry_link import link_registry
from mafqud.registry import (
    Disclosure,
    LinkageRun,
    MatchProposal,
    Person,
    PersonEventRow,
    PersonRecord,
    add_source,
    transaction,
)
from mafqud.synth.linkage import LinkageSpec, write_linkage_csv
from tests.conftest import ORG_DOMAIN, Registry

AGENT = "pytest (synthetic data)"


def _import(registry: Registry, path: Path, source: str) -> None:
    with transaction(registry.engine) as session:
        add_source(session, source, ORG_DOMAIN, Disclosure.RESTRICTED)
    ingest_file(
        registry.engine, registry.store, IngestRequest(path=path, source=source, agent=AGENT)
    )


def _persons(registry: Registry) -> dict[str, str]:
    with transaction(registry.engine) as session:
        return dict(session.execute(select(PersonRecord.record_id, PersonRecord.person_id)).all())


def test_linking_twice_keeps_every_person_id(registry: Registry, tmp_path: Path) -> None:
    info = write_linkage_csv(tmp_path / "first.csv", LinkageSpec(records=500, seed=2), truth=False)
    _import(registry, info.path, "First list")
    first = link_registry(registry.engine, AGENT)
    assert first.trained and first.records == 500 and first.persons < 500
    assert first.events == {"created": first.persons}
    before = _persons(registry)
    assert len(before) == 500

    again = link_registry(registry.engine, AGENT)  # same records, the stored model reused
    assert not again.trained and again.model_sha256 == first.model_sha256
    assert _persons(registry) == before
    assert again.events == {}

    with transaction(registry.engine) as session:
        proposal = session.execute(select(MatchProposal).limit(1)).scalar_one()
        parts = json.loads(proposal.explanation)
        assert parts[0][0] == "prior"
        assert sum(weight for _, _, weight in parts) == pytest.approx(
            proposal.match_weight, abs=0.05
        )
        runs = session.execute(select(func.count()).select_from(LinkageRun)).scalar_one()
        persons = session.execute(select(func.count()).select_from(Person)).scalar_one()
    assert runs == 2 and persons == first.persons


def test_new_records_join_persons_without_renumbering(registry: Registry, tmp_path: Path) -> None:
    spec = LinkageSpec(records=500, seed=2)
    info = write_linkage_csv(tmp_path / "all.csv", spec, truth=False)
    lines = info.path.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("".join(lines[:401]), encoding="utf-8")
    second.write_text(lines[0] + "".join(lines[401:]), encoding="utf-8")
    _import(registry, first, "First list")
    link_registry(registry.engine, AGENT)
    before = _persons(registry)
    _import(registry, second, "Second list")
    report = link_registry(registry.engine, AGENT)
    after = _persons(registry)
    assert len(after) == 500 and set(before) <= set(after)
    kept = sum(after[record] == person for record, person in before.items())
    assert kept / len(before) > 0.95  # ids move only where a split or merge says so
    with transaction(registry.engine) as session:
        kinds = set(session.execute(select(PersonEventRow.kind).where(
            PersonEventRow.run_id == report.run_id)).scalars())  # fmt: skip
    assert "grew" in kinds and "created" in kinds
    moved = {after[r] for r, p in before.items() if after[r] != p}
    assert not moved or kinds & {"merged", "split"}
