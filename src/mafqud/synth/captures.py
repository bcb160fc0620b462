"""Synthetic populations of known size, captured by lists, for testing the estimators.

An estimator can only be judged against a truth, and real populations of the
disappeared have none. These populations break the textbook assumptions the
way real lists do:

- **heterogeneity** — persons fall in latent groups with different capture
  probabilities (a detainee moved through many branches is on many
  registers; someone taken at a checkpoint and never transferred is on few);
- **list dependence** — being on one list changes the odds of being on
  another (an NGO that copies from a prison register), drawn here as
  "list j copies a share of list i".

Every figure is invented; the lists are named L1, L2, … .
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from mafqud.estimate.captures import CaptureTable


@dataclass(frozen=True)
class Scenario:
    """A population and how lists capture it."""

    name: str
    size: int
    capture: Sequence[Sequence[float]]
    """One row per latent group: each list's capture probability for that group."""
    weights: Sequence[float] = (1.0,)
    """Share of the population in each group."""
    copies: Sequence[tuple[int, int, float]] = field(default=())
    """(from, to, share): list ``to`` also records that share of list ``from``'s persons."""

    @property
    def lists(self) -> tuple[str, ...]:
        return tuple(f"L{j + 1}" for j in range(len(self.capture[0])))


def simulate(scenario: Scenario, rng: np.random.Generator) -> CaptureTable:
    """One draw of who each list records; the persons on no list are dropped, as in life."""
    groups = rng.choice(len(scenario.weights), size=scenario.size, p=np.asarray(scenario.weights))
    probabilities = np.asarray(scenario.capture)[groups]
    captured = rng.random(probabilities.shape) < probabilities
    for source, target, share in scenario.copies:
        captured[:, target] |= captured[:, source] & (rng.random(scenario.size) < share)
    patterns, counts = np.unique(
        captured[captured.any(axis=1)].astype(int), axis=0, return_counts=True
    )
    return CaptureTable.from_counts(
        scenario.lists, {tuple(p): int(c) for p, c in zip(patterns.tolist(), counts, strict=True)}
    )


SCENARIOS = (
    Scenario("independent, homogeneous", 2000, [[0.3, 0.25, 0.2, 0.35]]),
    Scenario(
        "heterogeneous (two groups)", 2000,
        [[0.55, 0.5, 0.6, 0.45], [0.08, 0.12, 0.1, 0.15]], weights=(0.3, 0.7),
    ),
    Scenario("dependent (L2 copies L1)", 2000, [[0.3, 0.2, 0.25, 0.3]], copies=((0, 1, 0.5),)),
    Scenario(
        "heterogeneous and dependent", 3000,
        [[0.5, 0.45, 0.5, 0.4, 0.35], [0.1, 0.08, 0.12, 0.1, 0.06]],
        weights=(0.25, 0.75), copies=((0, 2, 0.3),),
    ),
)  # fmt: skip
"""The scenarios the coverage benchmark and tests run: from the textbook case to the realistic."""
