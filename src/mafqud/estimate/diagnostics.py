"""Convergence diagnostics for Markov chains: effective sample size and split R-hat.

A posterior summary from a chain that has not mixed looks as precise as one
that has; these two numbers are how a reader of the estimate can tell.
Formulas follow Gelman et al., *Bayesian Data Analysis* (3rd ed., §11.4–11.5):
autocorrelations by FFT, summed in pairs until a pair turns negative (Geyer's
initial positive sequence), across chains by the pooled variance.
"""

from __future__ import annotations

import numpy as np

R_HAT_OK = 1.01
"""Split R-hat above this: the chains disagree; run more iterations."""
ESS_OK = 400
"""Effective draws below this: the interval's ends are themselves uncertain."""


def _autocovariance(chain: np.ndarray) -> np.ndarray:
    """Autocovariance of one chain at every lag, by FFT."""
    n = len(chain)
    centred = chain - chain.mean()
    size = 1 << (2 * n - 1).bit_length()
    spectrum = np.fft.rfft(centred, size)
    return np.fft.irfft(spectrum * np.conjugate(spectrum), size)[:n].real / n


def _split(chains: np.ndarray) -> np.ndarray:
    """Each chain cut into halves, so a chain that drifts disagrees with itself."""
    half = chains.shape[1] // 2
    return np.vstack([chains[:, :half], chains[:, half : 2 * half]])


def split_r_hat(chains: np.ndarray) -> float:
    """Potential scale reduction over split chains (1.0 when every half agrees)."""
    halves = _split(np.atleast_2d(chains).astype(float))
    n = halves.shape[1]
    within = halves.var(axis=1, ddof=1).mean()
    if within == 0:
        return 1.0 if np.ptp(halves.mean(axis=1)) == 0 else float("inf")
    between = n * halves.mean(axis=1).var(ddof=1)
    pooled = (n - 1) / n * within + between / n
    return float(np.sqrt(pooled / within))


def effective_size(chains: np.ndarray) -> float:
    """How many independent draws the chains are worth, pooled over chains."""
    chains = np.atleast_2d(chains).astype(float)
    m, n = chains.shape
    if n < 4:
        return float(m * n)
    covariances = np.array([_autocovariance(c) for c in chains])
    within = covariances[:, 0].mean() * n / (n - 1)
    if within == 0:
        return float(m * n)
    pooled = (n - 1) / n * within + (chains.mean(axis=1).var(ddof=1) if m > 1 else 0.0)
    rho = 1 - (within - covariances.mean(axis=0)) / pooled
    rho[0] = 1.0
    total = 0.0
    for lag in range(0, n - 1, 2):
        pair = rho[lag] + rho[lag + 1]
        if pair < 0:
            break
        total += pair
    tau = max(2 * total - 1, 1 / np.log10(max(m * n, 10)))
    return float(m * n / tau)
