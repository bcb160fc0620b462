"""Tables that cannot say how many were missed get a reason, never a number that looks real."""

from __future__ import annotations

import pytest

from mafqud.errors import InvalidInput, NotIdentifiable
from mafqud.estimate import CaptureTable, Options, estimate, fit, sample, search
from mafqud.estimate.lcmcr import Sampling

QUICK = Sampling(iterations=200, burn_in=50, thin=2, chains=2)


def test_a_single_list_is_not_identifiable() -> None:
    table = CaptureTable.from_counts(["A"], {(1,): 120})
    for method in (fit, search):
        with pytest.raises(NotIdentifiable, match="one list alone"):
            method(table)
    with pytest.raises(NotIdentifiable, match="one list alone"):
        sample(table, QUICK)


def test_lists_without_overlap_are_not_identifiable() -> None:
    table = CaptureTable.from_counts(["A", "B", "C"], {(1, 0, 0): 50, (0, 1, 0): 40, (0, 0, 1): 9})
    with pytest.raises(NotIdentifiable, match="shares nobody"):
        fit(table)
    with pytest.raises(NotIdentifiable, match="shares nobody"):
        sample(table, QUICK)


def test_a_list_that_overlaps_no_other_is_named() -> None:
    table = CaptureTable.from_counts(
        ["A", "B", "C"], {(1, 0, 0): 50, (0, 1, 0): 40, (1, 1, 0): 9, (0, 0, 1): 7}
    )
    with pytest.raises(NotIdentifiable, match="'C' shares nobody"):
        search(table)


def test_zero_counts_are_not_identifiable() -> None:
    table = CaptureTable.from_counts(["A", "B"], {(1, 0): 0, (0, 1): 0, (1, 1): 0})
    with pytest.raises(NotIdentifiable, match="nobody is counted"):
        fit(table)


def test_one_person_stratum_gets_a_reason_and_the_sum_is_withheld() -> None:
    good = CaptureTable.from_counts(["A", "B"], {(1, 0): 80, (0, 1): 60, (1, 1): 20})
    alone = CaptureTable.from_counts(["A", "B"], {(1, 0): 1})
    report = estimate({"Homs": good, "Hama": alone}, Options())
    rows = {row.stratum: row for row in report.rows}
    assert rows["Homs"].estimate == pytest.approx(400)
    assert rows["Hama"].estimate is None and rows["Hama"].documented == 1
    assert "one list alone" in (rows["Hama"].not_identifiable or "")
    assert report.total is not None and report.total.estimate is None
    assert "Hama" in (report.total.not_identifiable or "")
    assert report.pooled.documented == 161 and report.pooled.estimate is not None


def test_an_estimate_running_to_infinity_is_refused() -> None:
    """[A*B][A*C] estimates the missed as n(B only) n(C only) / n(B and C, not A): here / 0."""
    counts = {
        (1, 0, 0): 50,
        (0, 1, 0): 40,
        (0, 0, 1): 30,
        (1, 1, 0): 12,
        (1, 0, 1): 9,
        (1, 1, 1): 4,
    }
    table = CaptureTable.from_counts(["A", "B", "C"], counts)
    with pytest.raises(NotIdentifiable, match="runs to infinity"):
        fit(table, [frozenset({0, 1}), frozenset({0, 2})])
    assert search(table).best.model != "[A * B][A * C]"


def test_a_tiny_overlap_gives_a_flagged_estimate() -> None:
    counts = {
        (1, 0, 0): 500,
        (0, 1, 0): 400,
        (0, 0, 1): 300,
        (1, 1, 0): 1,
        (0, 1, 1): 1,
        (1, 0, 1): 1,
    }
    table = CaptureTable.from_counts(["A", "B", "C"], counts)
    result = fit(table)
    assert result.high > 10 * result.observed
    assert any("little overlap" in w for w in result.warnings)


def test_little_overlap_is_warned() -> None:
    table = CaptureTable.from_counts(["A", "B"], {(1, 0): 40, (0, 1): 30, (1, 1): 3})
    assert any("little overlap" in w for w in fit(table).warnings)


def test_the_k_way_interaction_is_refused() -> None:
    table = CaptureTable.from_counts(["A", "B"], {(1, 0): 40, (0, 1): 30, (1, 1): 10})
    with pytest.raises(NotIdentifiable, match="cannot be estimated"):
        fit(table, [frozenset({0, 1})])


def test_patterns_must_be_zero_or_one_and_never_all_zero() -> None:
    with pytest.raises(InvalidInput, match="on no list"):
        CaptureTable.from_counts(["A", "B"], {(0, 0): 5})
    with pytest.raises(InvalidInput, match="0/1"):
        CaptureTable.from_counts(["A", "B"], {(2, 0): 5})
    with pytest.raises(InvalidInput, match="negative"):
        CaptureTable.from_counts(["A", "B"], {(1, 0): -5})
