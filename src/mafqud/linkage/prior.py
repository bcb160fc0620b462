"""How likely two records taken at random are one person, estimated from the scored pairs.

Training starts the prior from near-certain rules (same chain, mother and
birth year; same national id), assuming they catch a fixed share of the true
matches. They catch fewer on lists where most records lack a mother's name or
an id: on synthetic lists the estimate came out 2.2 to 2.4 times too low (at
100,000 and at a million records), which acts as a stricter threshold than
the one asked for and loses the matches with the least evidence — often an
Arabic record and its Latin spelling.

Once every blocked pair is scored, the expected number of matches is the sum
of their match probabilities, and the prior is that number over all pairs:
the λ step of Fellegi–Sunter expectation-maximisation. The probabilities
depend on the prior, so the step is repeated until it settles. Matches that
no blocking rule reaches are not counted, so the estimate stays on the low
(cautious) side.
"""

from __future__ import annotations

import math

import numpy as np

TOLERANCE = 0.01
"""Relative change of the prior under which the iteration stops."""

MAX_STEPS = 50


def logit2(probability: float) -> float:
    return math.log2(probability / (1 - probability))


def probability_of(weight: float) -> float:
    """The match probability of a match weight in bits, prior included (logit2's inverse)."""
    return 1.0 / (1.0 + math.pow(2.0, -weight))


def expected_matches(weights: np.ndarray, shift: float) -> float:
    """The sum of match probabilities of pairs whose match weights (bits) move by ``shift``."""
    return float(np.sum(1.0 / (1.0 + np.exp2(-(weights + shift)))))


def re_estimated_prior(weights: np.ndarray, start: float, all_pairs: float) -> float:
    """The prior at which the scored pairs' expected matches, over ``all_pairs``, give it back.

    ``weights`` are the pairs' match weights as scored with the prior ``start``.
    """
    if all_pairs <= 0 or weights.size == 0:
        return start
    estimate = start
    for _ in range(MAX_STEPS):
        shift = logit2(estimate) - logit2(start)
        found = min(expected_matches(weights, shift) / all_pairs, 0.5)
        if found <= 0:
            return start
        settled = abs(found - estimate) <= TOLERANCE * estimate
        estimate = found
        if settled:
            break
    return estimate
