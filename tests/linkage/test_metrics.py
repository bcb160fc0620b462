"""Pairwise and B-cubed scores, on clusterings small enough to count by hand."""

from __future__ import annotations

import pytest

from mafqud.linkage.metrics import b_cubed, pair_recall, pairwise, true_pairs

TRUTH = {"a": "1", "b": "1", "c": "1", "d": "2"}


def test_perfect_clustering_scores_one() -> None:
    assert pairwise(TRUTH, TRUTH).f1 == 1.0
    assert b_cubed(TRUTH, TRUTH).f1 == 1.0


def test_one_record_split_off() -> None:
    predicted = {"a": "x", "b": "x", "c": "y", "d": "z"}
    scores = pairwise(TRUTH, predicted)
    assert scores.precision == 1.0 and scores.recall == pytest.approx(1 / 3)
    cubed = b_cubed(TRUTH, predicted)
    assert cubed.precision == 1.0
    assert cubed.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)


def test_everything_merged() -> None:
    merged = {record: "x" for record in TRUTH}
    scores = pairwise(TRUTH, merged)
    assert scores.recall == 1.0 and scores.precision == pytest.approx(3 / 6)


def test_pair_recall() -> None:
    assert sorted(true_pairs(TRUTH)) == [("a", "b"), ("a", "c"), ("b", "c")]
    assert pair_recall(TRUTH, [("b", "a"), ("d", "c")]) == pytest.approx(1 / 3)


def test_summary_rounds_the_four_figures() -> None:
    from mafqud.linkage.metrics import summary

    predicted = {"a": "x", "b": "x", "c": "y", "d": "z"}
    assert summary(TRUTH, predicted) == {
        "pairwise_precision": 1.0,
        "pairwise_recall": 0.3333,
        "pairwise_f1": 0.5,
        "bcubed_f1": round(b_cubed(TRUTH, predicted).f1, 4),
    }
