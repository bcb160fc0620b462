"""How good a clustering is against the truth: pairwise and B-cubed precision, recall, F1.

Pairwise scores count record pairs put together, and so weigh large clusters
quadratically; B-cubed scores each record by how much of its predicted
cluster is its true person and vice versa, so a family with one report
counts as much as a person in ten lists. Linkage is judged on both.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _pairs_within(sizes: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def pairwise(truth: Mapping[str, str], predicted: Mapping[str, str]) -> Scores:
    """Precision and recall over the pairs of records placed in one cluster."""
    both = Counter((truth[record], predicted[record]) for record in truth)
    together = _pairs_within(both.values())
    predicted_pairs = _pairs_within(Counter(predicted[record] for record in truth).values())
    true_pairs = _pairs_within(Counter(truth.values()).values())
    return Scores(
        together / predicted_pairs if predicted_pairs else 1.0,
        together / true_pairs if true_pairs else 1.0,
    )


def b_cubed(truth: Mapping[str, str], predicted: Mapping[str, str]) -> Scores:
    """Mean over records of |cluster ∩ person| / |cluster| and / |person|."""
    if not truth:
        return Scores(1.0, 1.0)
    both = Counter((truth[record], predicted[record]) for record in truth)
    true_size = Counter(truth.values())
    predicted_size = Counter(predicted[record] for record in truth)
    precision = recall = 0.0
    for (person, cluster), shared in both.items():
        precision += shared * shared / predicted_size[cluster]
        recall += shared * shared / true_size[person]
    return Scores(precision / len(truth), recall / len(truth))


def summary(truth: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, float]:
    """Pairwise precision, recall and F1 and B-cubed F1, rounded, as benchmarks report them."""
    scores = pairwise(truth, predicted)
    return {
        "pairwise_precision": round(scores.precision, 4),
        "pairwise_recall": round(scores.recall, 4),
        "pairwise_f1": round(scores.f1, 4),
        "bcubed_f1": round(b_cubed(truth, predicted).f1, 4),
    }


def pair_recall(
    truth: Mapping[str, str],
    found: Iterable[tuple[str, str]],
    which: Iterable[tuple[str, str]] | None = None,
) -> float:
    """Share of true pairs (or of the true pairs in ``which``) among ``found`` pairs."""
    found_set = {(min(a, b), max(a, b)) for a, b in found}
    wanted = list(which) if which is not None else true_pairs(truth)
    if not wanted:
        return 1.0
    return sum((min(a, b), max(a, b)) in found_set for a, b in wanted) / len(wanted)


def true_pairs(truth: Mapping[str, str]) -> list[tuple[str, str]]:
    """Every pair of records of one person."""
    people: dict[str, list[str]] = defaultdict(list)
    for record, person in truth.items():
        people[person].append(record)
    return [
        (min(a, b), max(a, b))
        for records in people.values()
        for i, a in enumerate(records)
        for b in records[i + 1 :]
    ]
