"""The Bayesian latent-class estimator LCMCR (Manrique-Vallier 2016, *Biometrics* 72:1246).

Persons differ in how likely each list is to record them — a detainee
transferred through many branches is on many registers — and that
heterogeneity is what biases the simpler estimators. LCMCR lets the
population be a mixture of classes, within each of which lists record people
independently; a truncated stick-breaking (Dirichlet process) prior lets the
data decide how many classes matter. The persons on no list are treated as
missing data and sampled with everything else, giving a posterior for N.

Priors are those of the paper and of the R package LCMCR: class capture
probabilities Beta(1, 1), concentration α ~ Gamma(0.25, 0.25), N ∝ 1/N,
K = 10 classes at most. N mixes slowly (successive draws are strongly
correlated; the package's own example thins by 100), hence the long default
run and the effective-size warning. Each Gibbs sweep works on pattern counts, not on
persons, so its cost does not grow with the population.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from mafqud.errors import InvalidInput
from mafqud.estimate.captures import CaptureTable, identifiable, overlap_warnings
from mafqud.estimate.diagnostics import ESS_OK, R_HAT_OK, effective_size, split_r_hat

_EDGE = 1e-12


@dataclass(frozen=True)
class Prior:
    """The sampler's settings; the defaults are the published ones."""

    classes: int = 10
    alpha_shape: float = 0.25
    alpha_rate: float = 0.25


@dataclass(frozen=True)
class Sampling:
    """Per chain: ``burn_in`` sweeps discarded, then ``iterations`` sweeps kept every ``thin``."""

    iterations: int = 100_000
    burn_in: int = 20_000
    thin: int = 100
    chains: int = 4
    seed: int = 0

    def __post_init__(self) -> None:
        if self.iterations < 2 * self.thin or self.burn_in < 0 or self.thin < 1 or self.chains < 1:
            raise InvalidInput(
                "sampling needs at least two kept draws per chain (iterations ≥ 2 × thin), "
                "burn-in ≥ 0 and one chain or more"
            )


@dataclass(frozen=True)
class Posterior:
    """Draws of N (one row per chain) with their summary and diagnostics."""

    lists: tuple[str, ...]
    observed: int
    draws: np.ndarray
    r_hat: float
    ess: float
    warnings: tuple[str, ...]

    @property
    def median(self) -> float:
        return float(np.median(self.draws))

    @property
    def mean(self) -> float:
        return float(self.draws.mean())

    def interval(self, level: float = 0.95) -> tuple[float, float]:
        """The equal-tailed credible interval."""
        tail = (1 - level) / 2 * 100
        low, high = np.percentile(self.draws, [tail, 100 - tail])
        return float(low), float(high)


def sample(
    table: CaptureTable, sampling: Sampling = Sampling(), prior: Prior = Prior()
) -> Posterior:
    """Posterior draws of N by Gibbs sampling (the same seed gives the same draws)."""
    table = identifiable(table)
    draws = _Chains(table, prior, sampling.chains, np.random.default_rng(sampling.seed)).run(
        sampling
    )
    r_hat = split_r_hat(draws) if draws.shape[1] >= 4 else math.nan
    ess = effective_size(draws)
    notes = overlap_warnings(table)
    if math.isfinite(r_hat) and r_hat > R_HAT_OK:
        notes.append(f"chains disagree (split R-hat {r_hat:.3f} > {R_HAT_OK}): run more iterations")
    if ess < ESS_OK:
        notes.append(f"few effective draws ({ess:.0f} < {ESS_OK}): run more iterations")
    return Posterior(table.lists, table.observed, draws, r_hat, ess, tuple(notes))


class _Chains:
    """Every chain's state, one row per chain, advanced together by each sweep.

    The chains are independent (each starts from its own random state); they
    are stored side by side only so that one NumPy call updates all of them —
    a sweep costs about the same for four chains as for one, because its time
    is the calls' overhead, not their arithmetic.
    """

    def __init__(self, table: CaptureTable, prior: Prior, chains: int, rng: np.random.Generator):
        self.rng = rng
        self.prior = prior
        self.x = table.patterns.astype(np.float64)
        self.counts = np.broadcast_to(table.counts, (chains, len(table.counts)))
        self.n = table.observed
        k, lists = prior.classes, len(table.lists)
        self.alpha = np.ones(chains)
        self.weights = rng.dirichlet(np.ones(k), size=chains)
        self.capture = rng.beta(1.0, 1.0, size=(chains, lists, k))
        self.missing = np.full(chains, self.n)

    def run(self, sampling: Sampling) -> np.ndarray:
        kept = []
        for sweep in range(sampling.burn_in + sampling.iterations):
            self.sweep()
            if sweep >= sampling.burn_in and (sweep - sampling.burn_in) % sampling.thin == 0:
                kept.append(self.n + self.missing)
        return np.array(kept, dtype=np.float64).T

    def sweep(self) -> None:
        rng, k = self.rng, self.prior.classes
        log_capture = np.log(np.clip(self.capture, _EDGE, 1))
        log_escape = np.log(np.clip(1 - self.capture, _EDGE, 1))
        # The unseen: how many (given every parameter), then their classes.
        unseen_by_class = self.weights * np.exp(log_escape.sum(axis=1))
        unseen = np.minimum(unseen_by_class.sum(axis=1), 1 - _EDGE)
        self.missing = rng.negative_binomial(self.n, 1 - unseen)
        shares = unseen_by_class / unseen_by_class.sum(axis=1, keepdims=True)
        missing_in = rng.multinomial(self.missing, shares)
        # The seen: each pattern's persons spread over classes by their posterior odds.
        log_odds = (
            np.log(np.maximum(self.weights, _EDGE))[:, None, :]
            + self.x @ log_capture
            + (1 - self.x) @ log_escape
        )
        odds = np.exp(log_odds - log_odds.max(axis=2, keepdims=True))
        seen_in = rng.multinomial(self.counts, odds / odds.sum(axis=2, keepdims=True))
        size = seen_in.sum(axis=1) + missing_in
        recorded = self.x.T @ seen_in
        self.capture = rng.beta(1 + recorded, 1 + size[:, None, :] - recorded)
        # Stick-breaking weights and their concentration.
        after = np.cumsum(size[:, ::-1], axis=1)[:, ::-1] - size
        sticks = np.clip(
            rng.beta(1 + size[:, :-1], self.alpha[:, None] + after[:, :-1]), 0, 1 - _EDGE
        )
        remaining = np.concatenate(
            [np.ones((len(sticks), 1)), np.cumprod(1 - sticks, axis=1)], axis=1
        )
        self.weights = np.concatenate([sticks, np.ones((len(sticks), 1))], axis=1) * remaining
        rate = self.prior.alpha_rate - np.log1p(-sticks).sum(axis=1)
        self.alpha = rng.gamma(self.prior.alpha_shape + k - 1, 1 / rate)
