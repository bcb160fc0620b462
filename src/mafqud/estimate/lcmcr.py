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

    iterations: int = 50_000
    burn_in: int = 10_000
    thin: int = 50
    chains: int = 2
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
    """Posterior draws of the population size N by Gibbs sampling, one seeded stream per chain."""
    table = identifiable(table)
    streams = np.random.SeedSequence(sampling.seed).spawn(sampling.chains)
    draws = np.array([
        _Chain(table, prior, np.random.default_rng(stream)).run(sampling) for stream in streams
    ])  # fmt: skip
    r_hat = split_r_hat(draws) if draws.shape[1] >= 4 else math.nan
    ess = effective_size(draws)
    notes = overlap_warnings(table)
    if math.isfinite(r_hat) and r_hat > R_HAT_OK:
        notes.append(f"chains disagree (split R-hat {r_hat:.3f} > {R_HAT_OK}): run more iterations")
    if ess < ESS_OK:
        notes.append(f"few effective draws ({ess:.0f} < {ESS_OK}): run more iterations")
    return Posterior(table.lists, table.observed, draws, r_hat, ess, tuple(notes))


class _Chain:
    """One Markov chain: the state of every parameter, updated in place by each sweep."""

    def __init__(self, table: CaptureTable, prior: Prior, rng: np.random.Generator) -> None:
        self.rng = rng
        self.prior = prior
        self.x = table.patterns.astype(np.float64)
        self.counts = table.counts
        self.n = table.observed
        k, lists = prior.classes, len(table.lists)
        self.alpha = 1.0
        self.weights = rng.dirichlet(np.ones(k))
        self.capture = rng.beta(1.0, 1.0, size=(lists, k))
        self.missing = self.n

    def run(self, sampling: Sampling) -> np.ndarray:
        kept = []
        for sweep in range(sampling.burn_in + sampling.iterations):
            self.sweep()
            if sweep >= sampling.burn_in and (sweep - sampling.burn_in) % sampling.thin == 0:
                kept.append(self.n + self.missing)
        return np.array(kept, dtype=np.float64)

    def sweep(self) -> None:
        rng, k = self.rng, self.prior.classes
        log_capture = np.log(np.clip(self.capture, _EDGE, 1))
        log_escape = np.log(np.clip(1 - self.capture, _EDGE, 1))
        # The unseen: how many (given every parameter), then their classes.
        unseen_by_class = self.weights * np.exp(log_escape.sum(axis=0))
        unseen = min(float(unseen_by_class.sum()), 1 - _EDGE)
        self.missing = int(rng.negative_binomial(self.n, 1 - unseen))
        missing_in = rng.multinomial(self.missing, unseen_by_class / unseen_by_class.sum())
        # The seen: each pattern's persons spread over classes by their posterior odds.
        log_odds = (
            np.log(np.maximum(self.weights, _EDGE))
            + self.x @ log_capture
            + (1 - self.x) @ log_escape
        )
        odds = np.exp(log_odds - log_odds.max(axis=1, keepdims=True))
        seen_in = rng.multinomial(self.counts, odds / odds.sum(axis=1, keepdims=True))
        size = seen_in.sum(axis=0) + missing_in
        recorded = self.x.T @ seen_in
        self.capture = rng.beta(1 + recorded, 1 + size - recorded)
        # Stick-breaking weights and their concentration.
        after = np.concatenate([np.cumsum(size[::-1])[::-1][1:], [0]])
        sticks = rng.beta(1 + size[:-1], self.alpha + after[:-1])
        sticks = np.clip(sticks, 0, 1 - _EDGE)
        remaining = np.concatenate([[1.0], np.cumprod(1 - sticks)])
        self.weights = np.concatenate([sticks, [1.0]]) * remaining
        self.alpha = rng.gamma(
            self.prior.alpha_shape + k - 1, 1 / (self.prior.alpha_rate - np.log1p(-sticks).sum())
        )
