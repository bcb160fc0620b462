"""Why a pair scored as it did: each comparison's level and weight (Splink's waterfall).

A reviewer deciding whether two records are one person needs more than a
probability: "same Arabic given name (+6.1), father's name a spelling apart
(+3.2), birth year a year apart (−1.4), mother's name missing (0)". Splink
computes a match weight per comparison, in bits, term-frequency adjustment
included; this module turns its columns into that list, labelled with the
level names of :mod:`mafqud.linkage.settings`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

MISSING = "missing"


@dataclass(frozen=True)
class Contribution:
    """One comparison's part in a pair's score."""

    comparison: str
    level: str
    weight: float
    """Match weight in bits (log2 of the Bayes factor), term frequencies included."""


def scored_levels(comparison: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A saved comparison's levels other than "missing", most alike first."""
    return [level for level in comparison["comparison_levels"] if not level.get("is_null_level")]


def level_labels(model: Mapping[str, Any]) -> dict[str, dict[int, str]]:
    """For each comparison, its levels by Splink's comparison vector value (-1 = missing).

    Splink numbers the non-null levels from the most to the least alike,
    counting down to 0 for "else".
    """
    labels: dict[str, dict[int, str]] = {}
    for comparison in model["comparisons"]:
        levels = scored_levels(comparison)
        by_value = {-1: MISSING}
        for position, level in enumerate(levels):
            label = level.get("label_for_charts") or level.get("sql_condition", "")
            by_value[len(levels) - 1 - position] = str(label)
        labels[comparison["output_column_name"]] = by_value
    return labels


def prior(model: Mapping[str, Any]) -> Contribution:
    """Where every pair starts: the odds that two records taken at random are one person."""
    probability = float(model["probability_two_random_records_match"])
    return Contribution(
        "prior", "two records at random", round(math.log2(probability / (1 - probability)), 3)
    )


def columns_for(labels: Mapping[str, Mapping[int, str]]) -> list[str]:
    """The prediction columns an explanation reads, for each comparison."""
    return [
        column for name in labels for column in (f"gamma_{name}", f"mw_{name}", f"mw_tf_adj_{name}")
    ]


def contributions(
    row: Sequence[Any],
    columns: Sequence[str],
    labels: Mapping[str, Mapping[int, str]],
    start: Contribution,
) -> tuple[Contribution, ...]:
    """The explanation of one predicted pair, from the columns :func:`columns_for` names.

    The weights, ``start`` (the prior) included, add up to the pair's match weight.
    """
    values = dict(zip(columns, row, strict=True))
    found = [start]
    for name, by_value in labels.items():
        gamma = values.get(f"gamma_{name}")
        level = by_value.get(int(gamma), str(gamma)) if gamma is not None else MISSING
        weight = float(values.get(f"mw_{name}") or 0.0)
        weight += float(values.get(f"mw_tf_adj_{name}") or 0.0)
        found.append(Contribution(name, level, round(weight, 3)))
    return tuple(found)
