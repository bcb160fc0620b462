"""Name frequencies counted from a registry, on every database under test."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from mafqud.errors import InvalidInput
from mafqud.ingest import IngestRequest, ingest_file
from mafqud.names import name_units
from mafqud.registry import (
    compute_name_frequencies,
    load_name_frequencies,
    transaction,
)
from mafqud.synth import RegisterSpec, write_register
from tests.conftest import Registry
from tests.ingest.helpers import records


def _import(registry: Registry, tmp_path: Path) -> None:
    info = write_register(tmp_path / "register.csv", RegisterSpec(rows=400, seed=5))
    request = IngestRequest(path=info.path, source=registry.source, agent="pytest (synthetic)")
    ingest_file(registry.engine, registry.store, request)


def test_stored_counts_are_the_counts_of_the_records(registry: Registry, tmp_path: Path) -> None:
    _import(registry, tmp_path)
    expected: Counter[str] = Counter()
    for record in records(registry.engine):
        for unit, _ in name_units(record["given_name"] or ""):
            expected[unit] += 1
    with transaction(registry.engine) as session:
        summary = compute_name_frequencies(session)
    assert summary.records == 400
    assert summary.units["given_name"] == sum(expected.values())
    with transaction(registry.engine) as session:
        given = load_name_frequencies(session, ["given_name"])
        everything = load_name_frequencies(session)
    assert given.units == expected
    (top, count), *_ = expected.most_common(1)
    assert everything.units[top] >= count  # other fields add to the given names


def test_recomputing_replaces_rather_than_adds(registry: Registry, tmp_path: Path) -> None:
    _import(registry, tmp_path)
    with transaction(registry.engine) as session:
        compute_name_frequencies(session)
    with transaction(registry.engine) as session:
        first = load_name_frequencies(session)
        compute_name_frequencies(session)
    with transaction(registry.engine) as session:
        again = load_name_frequencies(session)
    assert again.units == first.units and again.keys == first.keys


def test_an_empty_registry_has_no_frequencies(registry: Registry) -> None:
    with transaction(registry.engine) as session:
        summary = compute_name_frequencies(session)
        frequencies = load_name_frequencies(session)
    assert summary.records == 0 and frequencies.total == 0
    (unseen,) = frequencies.of("محمد")
    assert unseen.count == 0.5


def test_unknown_fields_are_refused(registry: Registry) -> None:
    with transaction(registry.engine) as session, pytest.raises(InvalidInput, match="birth"):
        load_name_frequencies(session, ["birth_date"])
