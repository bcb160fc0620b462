"""The prior re-estimated from scored pairs: the λ step of expectation-maximisation."""

from __future__ import annotations

import numpy as np
import pytest

from mafqud.linkage import metrics
from mafqud.linkage.engine import Linkage
from mafqud.linkage.prior import expected_matches, logit2, re_estimated_prior
from mafqud.synth.linkage import LinkageSpec, generate_linkage_records


def test_the_estimate_is_a_fixed_point() -> None:
    """At the returned prior, the pairs' expected matches over all pairs give it back."""
    start = 1e-6
    weights = np.concatenate([np.full(300, 5.0), np.full(3000, -12.0)])
    after = re_estimated_prior(weights, start, 1e6)
    shift = logit2(after) - logit2(start)
    assert expected_matches(weights, shift) / 1e6 == pytest.approx(after, rel=0.02)
    assert after > 2 * start  # 300 near-sure pairs in a million are far more than 1e-6


def test_a_prior_too_high_comes_down() -> None:
    weights = np.full(10, -3.0)  # ten doubtful pairs scored with a prior of 1 in 10
    after = re_estimated_prior(weights, 0.1, 1e5)
    assert after < 1e-3


def test_nothing_scored_keeps_the_prior() -> None:
    assert re_estimated_prior(np.array([]), 2e-5, 1e6) == 2e-5
    assert re_estimated_prior(np.array([3.0]), 2e-5, 0) == 2e-5


def test_linking_re_estimates_the_prior_towards_the_true_share() -> None:
    """On synthetic lists the near-certain rules catch fewer matches than assumed, so the
    prior they give is too low; the scored pairs bring it closer to the true share."""
    records = list(generate_linkage_records(LinkageSpec(records=4000, seed=3)))
    truth = {record["record_id"]: record["person_id"] for record in records}
    linkage = Linkage(records)
    linkage.train()
    before = linkage.model()["probability_two_random_records_match"]
    pairs = linkage.predict()
    after = linkage.model()["probability_two_random_records_match"]
    true_share = len(metrics.true_pairs(truth)) / (len(records) * (len(records) - 1) / 2)
    assert abs(np.log(after / true_share)) < abs(np.log(before / true_share))
    assert any("prior re-estimated" in note for note in linkage.training_notes)
    assert all(pair.probability >= 0.1 for pair in pairs)
    for pair in pairs[:50]:  # probability and weight agree after the shift
        assert pair.probability == pytest.approx(1 / (1 + 2**-pair.match_weight))


def test_a_floor_of_zero_keeps_every_blocked_pair() -> None:
    """Benchmarks ask for every blocked pair (FEBRL's blocking recall): no probability is
    too low, and re-estimating the prior must not stumble on log(0)."""
    records = list(generate_linkage_records(LinkageSpec(records=1500, seed=9)))
    linkage = Linkage(records)
    linkage.train()
    everything = linkage.predict(floor=0.0)
    assert any(pair.probability < 0.1 for pair in everything)
    assert len({(p.left, p.right) for p in everything}) == len(everything)
