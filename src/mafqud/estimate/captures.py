"""Capture histories: who is on which list, as counts per pattern of lists.

Every estimator here reads the same thing — for each pattern of lists (on A
and C but not B, …) how many distinct persons have exactly that pattern — so
the registry, a published table and a simulation all become a
:class:`CaptureTable` first. The all-zero pattern (on no list) is the unknown
the estimators are for; a table that gives it is refused rather than trusted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import product

import numpy as np

from mafqud.errors import InvalidInput, NotIdentifiable

SMALL_OVERLAP = 10
"""Fewer persons than this on two lists or more: the estimate is flagged as unreliable."""


@dataclass(frozen=True)
class CaptureTable:
    """Counts of persons per capture pattern over named lists.

    ``patterns`` holds one row of 0/1 per observed pattern, ``counts`` how many
    persons have it; patterns are unique and never all zero.
    """

    lists: tuple[str, ...]
    patterns: np.ndarray
    counts: np.ndarray

    @classmethod
    def from_counts(
        cls, lists: Sequence[str], counts: Mapping[tuple[int, ...], int]
    ) -> CaptureTable:
        """A table from ``{pattern: count}``; patterns of zero count may be given or left out."""
        if len(set(lists)) != len(lists):
            raise InvalidInput(f"list names repeat: {', '.join(lists)}")
        width = len(lists)
        merged: Counter[tuple[int, ...]] = Counter()
        for pattern, count in counts.items():
            if len(pattern) != width or any(bit not in (0, 1) for bit in pattern):
                raise InvalidInput(f"pattern {pattern} is not one 0/1 per list ({width} lists)")
            if count < 0:
                raise InvalidInput(f"pattern {pattern} has a negative count ({count})")
            if not any(pattern):
                raise InvalidInput(
                    "a row says how many persons are on no list: that is what is being "
                    "estimated and cannot be given"
                )
            if count:
                merged[tuple(pattern)] += int(count)
        ordered = sorted(merged)
        patterns = np.array(ordered, dtype=np.int8).reshape(len(ordered), width)
        return cls(tuple(lists), patterns, np.array([merged[p] for p in ordered], dtype=np.int64))

    @classmethod
    def from_memberships(
        cls, lists: Sequence[str], memberships: Iterable[Iterable[str]]
    ) -> CaptureTable:
        """A table from each person's set of list names (one iterable per person)."""
        index = {name: position for position, name in enumerate(lists)}
        counts: Counter[tuple[int, ...]] = Counter()
        for member_of in memberships:
            bits = [0] * len(lists)
            for name in member_of:
                bits[index[name]] = 1
            if any(bits):
                counts[tuple(bits)] += 1
        return cls.from_counts(lists, counts)

    @property
    def observed(self) -> int:
        """Distinct persons on at least one list: the documented count."""
        return int(self.counts.sum())

    @property
    def list_sizes(self) -> dict[str, int]:
        return {
            name: int(self.counts[self.patterns[:, j] == 1].sum())
            for j, name in enumerate(self.lists)
        }

    @property
    def on_several(self) -> int:
        """Persons on two lists or more: the overlap every estimate rests on."""
        return int(self.counts[self.patterns.sum(axis=1) >= 2].sum())

    def without_empty_lists(self) -> CaptureTable:
        """The same table without lists that hold nobody (a source silent on this stratum)."""
        keep = [j for j, name in enumerate(self.lists) if self.list_sizes[name] > 0]
        if len(keep) == len(self.lists):
            return self
        rows: Counter[tuple[int, ...]] = Counter()
        for pattern, count in zip(self.patterns, self.counts, strict=True):
            rows[tuple(int(pattern[j]) for j in keep)] += int(count)
        return CaptureTable.from_counts([self.lists[j] for j in keep], rows)

    def complete(self) -> tuple[np.ndarray, np.ndarray]:
        """Every pattern but the all-zero one, with zeros where nobody has it.

        Log-linear models are fitted to the whole incomplete table: a pattern
        nobody has is an observed zero, not a missing value.
        """
        every = np.array(list(product((0, 1), repeat=len(self.lists)))[1:], dtype=np.int8)
        counts = dict(zip(map(tuple, self.patterns.tolist()), self.counts.tolist(), strict=True))
        return every, np.array(
            [counts.get(tuple(row), 0) for row in every.tolist()], dtype=np.int64
        )


def identifiable(table: CaptureTable) -> CaptureTable:
    """The table without empty lists, or :class:`NotIdentifiable` saying why no estimate exists."""
    if table.observed == 0:
        raise NotIdentifiable("nobody is counted: there is nothing to estimate from")
    table = table.without_empty_lists()
    if len(table.lists) < 2:
        raise NotIdentifiable(
            f"only one list holds anyone ({table.lists[0]}): one list alone cannot say how many "
            "it missed; an estimate needs two lists or more that overlap"
        )
    for j, name in enumerate(table.lists):
        shared = table.counts[(table.patterns[:, j] == 1) & (table.patterns.sum(axis=1) >= 2)]
        if shared.sum() == 0:
            raise NotIdentifiable(
                f"list {name!r} shares nobody with the other lists: its size says nothing about "
                "how many were missed"
            )
    return table


def overlap_warnings(table: CaptureTable) -> list[str]:
    """Why an estimate from this table deserves less trust than its interval suggests."""
    warnings = []
    if table.on_several < SMALL_OVERLAP:
        warnings.append(
            f"little overlap: only {table.on_several} of {table.observed} persons are on more "
            "than one list"
        )
    return warnings
