"""Intervals hold the truth as often as they claim, when the model's assumptions hold; the
benchmark (bench/estimate.py) reports the same for every method and scenario."""

from __future__ import annotations

import numpy as np

from mafqud.estimate import fit, search
from mafqud.synth.captures import SCENARIOS, Scenario, simulate

REPLICATES = 40


def _coverage(scenario: Scenario, method: object, seed: int) -> float:
    assert callable(method)
    rng = np.random.default_rng(seed)
    covered = 0
    for _ in range(REPLICATES):
        result = method(simulate(scenario, rng))
        covered += result.low <= scenario.size <= result.high
    return covered / REPLICATES


def test_independence_covers_when_lists_are_independent() -> None:
    """Binomial(40, 0.95) falls below 34 (0.85) with probability under 1%."""
    assert _coverage(SCENARIOS[0], fit, seed=1) >= 0.85


def test_model_search_repairs_what_list_dependence_breaks() -> None:
    """One list copying another inflates their overlap: independence is then too low and too
    sure; searching over interactions finds the dependence and covers the truth far more often."""
    dependent = SCENARIOS[2]
    naive = _coverage(dependent, fit, seed=2)
    searched = _coverage(dependent, lambda table: search(table, "aic").best, seed=2)
    assert naive <= 0.2
    assert searched >= 0.8
