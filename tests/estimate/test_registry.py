"""Estimates from the registry's persons: the right counts per list and stratum, on each backend."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from typer.testing import CliRunner

from mafqud.cli import app
from mafqud.errors import InvalidInput, NotFound
from mafqud.estimate import CaptureTable, Options, estimate, read_captures
from mafqud.registry import transaction
from tests.estimate.conftest import LISTS, Linked


def test_pooled_table_is_the_truth(linked: Linked) -> None:
    with transaction(linked.engine) as session:
        captures = read_captures(session)
    truth = CaptureTable.from_memberships(LISTS, linked.memberships)
    assert captures.unlinked == 0
    assert captures.pooled.lists == LISTS
    assert captures.pooled.patterns.tolist() == truth.patterns.tolist()
    assert captures.pooled.counts.tolist() == truth.counts.tolist()


def test_governorate_strata_merge_latin_spellings(linked: Linked) -> None:
    """One person's records say حلب on one list and Aleppo on another: one stratum, in Arabic."""
    with transaction(linked.engine) as session:
        captures = read_captures(session, "governorate")
    sizes = {name: table.observed for name, table in captures.tables.items()}
    assert sizes == dict(linked.governorates)
    assert "Aleppo" not in sizes and "Rif Dimashq" not in sizes


def test_unknown_dimension_is_refused(linked: Linked) -> None:
    with transaction(linked.engine) as session, pytest.raises(InvalidInput, match="--by"):
        read_captures(session, "religion")


def test_cli_estimate_by_governorate_keeps_documented_beside_estimates(linked: Linked) -> None:
    result = CliRunner().invoke(
        app,
        [
            "--database-url",
            linked.settings.database_url,
            "estimate",
            "--by",
            "governorate",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    rows = {row["stratum"]: row for row in report["strata"]}
    assert {s: r["documented"] for s, r in rows.items()} == dict(linked.governorates)
    for row in rows.values():  # an estimate, or a reason: never the documented count in its place
        assert (row["estimate"] is None) == (row["not_identifiable"] is not None)
        if row["estimate"] is not None:
            assert row["estimate"] >= row["documented"]
    pooled = report["pooled"]
    assert pooled["documented"] == len(linked.memberships)
    alone = estimate({"all": CaptureTable.from_memberships(LISTS, linked.memberships)}, Options())
    assert pooled["estimate"] == pytest.approx(alone.pooled.estimate)
    assert pooled["model"] == alone.pooled.model


def test_cli_estimate_lcmcr(linked: Linked) -> None:
    result = CliRunner().invoke(app, [
        "--database-url", linked.settings.database_url, "estimate", "--method", "lcmcr",
        "--iterations", "4000", "--burn-in", "1000", "--json",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    pooled = json.loads(result.stdout)["pooled"]
    assert pooled["low"] <= 400 <= pooled["high"]
    assert pooled["details"]["draws"] == 4 * 1000


def test_records_not_linked_are_reported(linked: Linked, tmp_path) -> None:
    from mafqud.evidence import EvidenceStore
    from mafqud.ingest import IngestRequest, ingest_file

    path = tmp_path / "late.csv"
    path.write_text("معرف,الاسم\nlate1,سجل تجريبي\n", encoding="utf-8")
    ingest_file(linked.engine, EvidenceStore(linked.settings.evidence_dir),
                IngestRequest(path=path, source=LISTS[0], agent="pytest"))  # fmt: skip
    with transaction(linked.engine) as session:
        captures = read_captures(session)
    assert captures.unlinked == 1
    assert captures.pooled.observed == len(linked.memberships)
    assert Counter(len(m) for m in linked.memberships)  # the truth has persons to count


def test_lists_can_be_chosen(linked: Linked) -> None:
    with transaction(linked.engine) as session:
        captures = read_captures(session, sources=[LISTS[2], LISTS[0]])
    assert captures.pooled.lists == (LISTS[0], LISTS[2])  # in the registry's order
    expected = [m & {LISTS[0], LISTS[2]} for m in linked.memberships]
    assert captures.pooled.observed == sum(1 for m in expected if m)
    with transaction(linked.engine) as session, pytest.raises(NotFound, match="no source"):
        read_captures(session, sources=["Nowhere"])
