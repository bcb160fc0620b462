"""The latent-class sampler: reproducible, right on published and simulated populations, and honest
about its own convergence."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from mafqud.errors import InvalidInput
from mafqud.estimate import fit, read_table, sample
from mafqud.estimate.diagnostics import effective_size, split_r_hat
from mafqud.estimate.lcmcr import Sampling
from mafqud.synth.captures import SCENARIOS, simulate

DATA = Path(__file__).parents[1] / "data" / "estimate"
SHORT = Sampling(iterations=2_000, burn_in=500, thin=10, chains=2, seed=7)


def _kosovo():
    return read_table(DATA / "kosovo.csv")["all"]


def test_same_seed_same_draws_other_seed_other_draws() -> None:
    table = _kosovo()
    first, again = sample(table, SHORT), sample(table, SHORT)
    other = sample(table, Sampling(iterations=2_000, burn_in=500, thin=10, chains=2, seed=8))
    assert np.array_equal(first.draws, again.draws)
    assert not np.array_equal(first.draws, other.draws)
    assert first.draws.shape == (2, 200)
    assert not np.array_equal(first.draws[0], first.draws[1])  # chains start apart
    assert (first.draws >= table.observed).all()


def test_kosovo_posterior_holds_the_published_estimate() -> None:
    """Ball et al. (2002) estimated 10,356 killings from these four lists (stratified log-linear
    models); the latent-class posterior on the pooled table must contain it."""
    case = json.loads((DATA / "published.json").read_text(encoding="utf-8"))["lcmcr"][0]
    posterior = sample(_kosovo(), Sampling(iterations=20_000, burn_in=5_000, thin=20, seed=1))
    low, high = posterior.interval()
    assert low <= case["published_N"] <= high
    assert high < 4 * posterior.observed  # an interval, not the whole line


def test_heterogeneity_is_what_it_corrects() -> None:
    """Two groups captured at very different rates: independence is far too low and sure of it;
    the latent classes find the missing."""
    scenario = SCENARIOS[1]
    table = simulate(scenario, np.random.default_rng(3))
    independence = fit(table)
    assert independence.high < scenario.size
    posterior = sample(table, Sampling(iterations=20_000, burn_in=5_000, thin=20, seed=2))
    low, high = posterior.interval()
    assert low <= scenario.size <= high
    assert abs(posterior.median - scenario.size) < abs(independence.total - scenario.size)


def test_too_short_a_run_is_flagged() -> None:
    posterior = sample(_kosovo(), Sampling(iterations=200, burn_in=0, thin=1, chains=2, seed=1))
    assert any("effective draws" in w or "chains disagree" in w for w in posterior.warnings)


def test_sampling_settings_are_checked() -> None:
    with pytest.raises(InvalidInput):
        Sampling(iterations=5, thin=10)
    with pytest.raises(InvalidInput):
        Sampling(chains=0)


def test_effective_size_of_independent_and_correlated_draws() -> None:
    rng = np.random.default_rng(0)
    independent = rng.normal(size=(2, 5_000))
    assert effective_size(independent) == pytest.approx(10_000, rel=0.15)
    phi, noise = 0.9, rng.normal(size=(2, 20_000))
    correlated = np.zeros_like(noise)
    for t in range(1, noise.shape[1]):
        correlated[:, t] = phi * correlated[:, t - 1] + noise[:, t]
    expected = 40_000 * (1 - phi) / (1 + phi)
    assert effective_size(correlated) == pytest.approx(expected, rel=0.3)


def test_split_r_hat_sees_chains_that_disagree() -> None:
    rng = np.random.default_rng(1)
    agree = rng.normal(size=(2, 2_000))
    assert split_r_hat(agree) == pytest.approx(1.0, abs=0.01)
    apart = agree + np.array([[0.0], [3.0]])
    assert split_r_hat(apart) > 1.5
    drifting = np.linspace(0, 5, 2_000)[None, :] + agree  # each chain disagrees with itself
    assert split_r_hat(drifting) > 1.5
