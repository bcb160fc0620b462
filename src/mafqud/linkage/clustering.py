"""From scored pairs to persons, without letting one vague record chain namesakes together.

Connected components at a threshold — Splink's default — joins A and B as soon
as some record C matches both, so one sparse record ("Mohammad", born 1980)
can make one person of many namesakes. Here components only propose
candidates; inside each, clusters are built by average linkage: two groups
merge when their records match *on average* above the threshold, counting
every pair between them, scored or not. A pair the model never scored
counts as a non-match, which is why :class:`~mafqud.linkage.engine.Linkage`
scores the missing pairs inside each candidate component first.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping

Pair = tuple[str, str, float]


def connected_components(
    ids: Iterable[str], pairs: Iterable[Pair], threshold: float
) -> dict[str, str]:
    """Record id → component id (the smallest record id in it), over pairs at or above threshold."""
    parent: dict[str, str] = {record: record for record in ids}

    def find(record: str) -> str:
        root = record
        while parent[root] != root:
            root = parent[root]
        while parent[record] != root:  # path compression
            parent[record], record = root, parent[record]
        return root

    for left, right, probability in pairs:
        if probability >= threshold:
            a, b = find(left), find(right)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {record: find(record) for record in parent}


def average_linkage(
    members: list[str], scores: Mapping[tuple[str, str], float], threshold: float
) -> list[list[str]]:
    """Groups of ``members`` whose pairs match on average at or above ``threshold``.

    ``scores`` holds probabilities between members, keyed by (smaller id,
    larger id); a missing pair counts as 0. Agglomerative: the two groups with the highest average
    merge first, until no two groups reach the threshold.
    """
    if len(members) == 1:
        return [members]
    groups: dict[int, list[str]] = {i: [member] for i, member in enumerate(members)}
    index = {member: i for i, member in enumerate(members)}
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    for (left, right), probability in scores.items():
        a, b = index[left], index[right]
        sums[a][b] = sums[b][a] = probability
    heap = [
        (-total, a, b) for a, neighbours in sums.items() for b, total in neighbours.items() if a < b
    ]
    heapq.heapify(heap)
    next_id = len(members)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in groups or b not in groups:
            continue  # merged away since this entry was pushed
        average = sums[a][b] / (len(groups[a]) * len(groups[b]))
        if abs(-negative - average) > 1e-12:
            continue  # stale
        if average < threshold:
            break
        merged = next_id
        next_id += 1
        groups[merged] = groups.pop(a) + groups.pop(b)
        for other in set(sums.pop(a, {})) | set(sums.pop(b, {})):
            if other in (a, b):
                continue
            total = sums[other].pop(a, 0.0) + sums[other].pop(b, 0.0)
            sums[merged][other] = sums[other][merged] = total
            size = len(groups[merged]) * len(groups[other])
            heapq.heappush(heap, (-total / size, min(merged, other), max(merged, other)))
    return list(groups.values())


CANNOT_LINK = -1e6
"""Score given to a pair a reviewer decided are different people: no average can recover."""


def with_decisions(
    pairs: Iterable[Pair], decisions: Mapping[tuple[str, str], str], ids: set[str]
) -> list[Pair]:
    """Scored pairs with reviewers' decisions in force: "same" scores 1, "different" cannot link.

    A "same" pair the model never scored is added; decisions about records
    not being linked are ignored; "unsure" changes nothing.
    """
    out: list[Pair] = []
    seen: set[tuple[str, str]] = set()
    for left, right, probability in pairs:
        key = (left, right) if left < right else (right, left)
        seen.add(key)
        decision = decisions.get(key)
        if decision == "same":
            probability = 1.0
        elif decision == "different":
            probability = CANNOT_LINK
        out.append((left, right, probability))
    out.extend(
        (left, right, 1.0)
        for (left, right), decision in decisions.items()
        if decision == "same" and (left, right) not in seen and left in ids and right in ids
    )
    return out


def cluster(ids: Iterable[str], pairs: Iterable[Pair], threshold: float) -> dict[str, str]:
    """Record id → cluster id (the smallest record id of its cluster), by average linkage."""
    pair_list = list(pairs)
    components = connected_components(ids, pair_list, threshold)
    members: dict[str, list[str]] = defaultdict(list)
    for record, component in components.items():
        members[component].append(record)
    scores: dict[str, dict[tuple[str, str], float]] = defaultdict(dict)
    for left, right, probability in pair_list:
        component = components[left]
        if component == components[right] and len(members[component]) > 2:
            scores[component][(min(left, right), max(left, right))] = probability
    assigned: dict[str, str] = {}
    for component, group in members.items():
        if len(group) <= 2:
            parts = [group]
        else:
            parts = average_linkage(sorted(group), scores[component], threshold)
        for part in parts:
            label = min(part)
            for record in part:
                assigned[record] = label
    return assigned
