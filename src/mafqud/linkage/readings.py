"""Scoring a pair when one record was read two ways (:func:`~mafqud.linkage.features.readings`).

A Latin full name that says nothing of its order is scored as written and
family name first. The reading that explains the pair better counts, less
:data:`FAMILY_FIRST_PENALTY`: the odds that a name was written family name
first, so that the second reading can rescue a true pair without making every
namesake whose names come in another order ("Ali Hasan Mahmoud", "Hasan
Mahmoud Ali") look like a match. The penalty appears in the pair's
explanation, so a reviewer sees which reading was used.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from mafqud.linkage.explain import Contribution

FAMILY_FIRST_PENALTY = 2.0
"""Bits taken from a pair scored on a family-name-first reading: prior odds of about 1 in 4
that such a name was written that way (lists that do it often do it throughout)."""

PAIR_COLUMNS: tuple[str, ...] = (
    "record_id_l", "record_id_r", "reading_l", "reading_r", "match_weight",
)  # fmt: skip
"""The prediction columns that say which records and readings a scored row compares."""


@dataclass(frozen=True)
class Reading:
    """What the readings of a scored row take from its weight, and why."""

    penalty: float
    note: Contribution | None


AS_WRITTEN = Reading(0.0, None)


def reading_of(record_l: str, record_r: str, reading_l: object, reading_r: object) -> Reading:
    """The penalty of a row in which one record (never both) is read another way."""
    if reading_l is None and reading_r is None:
        return AS_WRITTEN
    record, reading = (record_l, reading_l) if reading_l is not None else (record_r, reading_r)
    return Reading(
        FAMILY_FIRST_PENALTY,
        Contribution("name order", f"{record} read: {reading}", -FAMILY_FIRST_PENALTY),
    )


def best_weights(rows: pa.Table) -> np.ndarray:
    """Each record pair's best weight over its readings, penalties taken: one per pair, as the
    prior's re-estimate counts them (a pair scored two ways is still one pair)."""
    left, right = rows["record_id_l"], rows["record_id_r"]
    first = pc.less(left, right)
    read = pc.or_(pc.is_valid(rows["reading_l"]), pc.is_valid(rows["reading_r"]))
    penalty = pc.multiply(pc.cast(read, pa.float64()), FAMILY_FIRST_PENALTY)
    pairs = pa.table({
        "low": pc.if_else(first, left, right),
        "high": pc.if_else(first, right, left),
        "weight": pc.subtract(pc.cast(rows["match_weight"], pa.float64()), penalty),
    })  # fmt: skip
    best = pairs.group_by(["low", "high"]).aggregate([("weight", "max")])
    return np.asarray(best["weight_max"].to_numpy(), dtype=float)
