"""Clustering scored pairs into persons: one vague record must not chain namesakes."""

from __future__ import annotations

from mafqud.linkage.clustering import (
    CANNOT_LINK,
    average_linkage,
    cluster,
    connected_components,
    with_decisions,
)


def test_a_vague_record_does_not_chain_two_namesakes() -> None:
    # "Mohammad, born 1980" matches two different Mohammads; they do not match each other.
    pairs = [("vague", "a", 0.95), ("vague", "b", 0.95), ("a", "b", 0.01)]
    ids = ["a", "b", "vague"]
    chained = connected_components(ids, pairs, 0.9)
    assert len(set(chained.values())) == 1  # what connected components do
    clusters = cluster(ids, pairs, 0.9)
    assert clusters["a"] != clusters["b"]
    assert clusters["vague"] in (clusters["a"], clusters["b"])


def test_a_true_group_stays_together() -> None:
    pairs = [("a", "b", 0.99), ("b", "c", 0.97), ("a", "c", 0.95), ("c", "d", 0.2)]
    clusters = cluster(["a", "b", "c", "d"], pairs, 0.9)
    assert clusters["a"] == clusters["b"] == clusters["c"] == "a"
    assert clusters["d"] == "d"


def test_unscored_pairs_count_as_non_matches() -> None:
    groups = average_linkage(["a", "b", "c"], {("a", "b"): 0.99, ("b", "c"): 0.99}, 0.9)
    assert sorted(map(sorted, groups)) in (
        [["a", "b"], ["c"]],
        [["a"], ["b", "c"]],
    )


def test_records_without_pairs_are_their_own_clusters() -> None:
    assert cluster(["x", "y"], [], 0.5) == {"x": "x", "y": "y"}


def test_decisions_override_scores_in_clustering() -> None:
    ids = ["a", "b", "c", "d"]
    pairs = [("a", "b", 0.99), ("b", "c", 0.99), ("a", "c", 0.99)]
    decisions = {("a", "c"): "different", ("c", "d"): "same", ("x", "y"): "same"}
    adjusted = with_decisions(pairs, decisions, set(ids))
    assert ("a", "c", CANNOT_LINK) in adjusted and ("c", "d", 1.0) in adjusted
    assert not [p for p in adjusted if "x" in p]  # decisions about other records are ignored
    clusters = cluster(ids, adjusted, 0.3)
    assert clusters["a"] != clusters["c"]  # never together, however strong the chain
    assert clusters["c"] == clusters["d"]
    assert cluster(ids, pairs, 0.3)["a"] == cluster(ids, pairs, 0.3)["c"]  # without: together
