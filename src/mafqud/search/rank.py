"""Ranking: how alike a query and a record's name are, in any order, as a score in [0, 1].

The score is :func:`mafqud.names.chain_similarity` (units aligned in order,
missing units cost little, brothers kept apart), or, for a query whose
parts come in another order than the record's (الحلبي محمد, a family name
first as some lists write it), the best one-to-one matching of units in any
order, at most REORDERED: the order a record gives is evidence too, so the
same units in the same order rank first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import permutations
from typing import Any

from mafqud.names import NameChain, chain_similarity, parse_chain, unit_similarity
from mafqud.names.similarity import MISSING_UNIT
from mafqud.search.terms import CHAIN_FIELDS, MOTHER_FIELD

REORDERED = 0.95
"""A name matched only with its units in another order scores at most this."""
MATCHED = 0.8
"""A field is reported as matched when one of its units is this like a unit of the query."""
MOTHER_SHARE = 0.15
"""How much of the score the mother's name is, when the query gives one and the record has
one; a record without it keeps (1 - MOTHER_SHARE / 3) of its name's score: silence about the
mother is weaker evidence than agreement, but much stronger than disagreement."""
EXHAUSTIVE = 6
"""Up to this many units, every matching in any order is tried (720 at most); beyond, greedy."""


@dataclass(frozen=True)
class SearchHit:
    """One record found: its id, how alike its name is (0-1), and the values that matched."""

    record_id: str
    score: float
    matched: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"record_id": self.record_id, "score": round(self.score, 4), "matched": self.matched}


class Ranker:
    """Scores records against one query (unit similarities are cached by mafqud.names)."""

    def __init__(self, query: str, mother: str | None = None) -> None:
        self.query = parse_chain(query)
        self.mother = parse_chain(mother) if mother else None

    def score(self, fields: Mapping[str, Any]) -> float:
        """The record's best name (its parts joined, or its full name) against the query."""
        best = max(
            (self.name_score(parse_chain(text)) for text in record_names(fields)), default=0.0
        )
        if self.mother is None:
            return best
        mother = fields.get(MOTHER_FIELD)
        if not mother:
            return best * (1 - MOTHER_SHARE / 3)
        return (1 - MOTHER_SHARE) * best + MOTHER_SHARE * chain_similarity(self.mother, mother)

    def name_score(self, record: NameChain) -> float:
        in_order = chain_similarity(self.query, record)
        if in_order >= REORDERED:
            return in_order
        return max(in_order, REORDERED * self.any_order(record, in_order / REORDERED))

    def any_order(self, record: NameChain, enough: float = 0.0) -> float:
        """Best one-to-one matching of units regardless of order; the same rules as in order:
        a unit only one side has costs MISSING_UNIT, and names of equal length score at most
        what the record's given name scores against the unit it is matched with.

        Returns 0 early when even the best unit of each row could not beat ``enough``:
        most candidates are no better in another order, and the matching is the dear part.
        """
        query, units = self.query.names, record.names
        if not query or not units:
            return 0.0
        table = [[unit_similarity(q, r) for r in units] for q in query]
        shorter, longer = sorted((len(query), len(units)))
        penalty = max(0.0, 1 - MISSING_UNIT * (longer - shorter))
        rows = table if len(query) <= len(units) else [list(c) for c in zip(*table, strict=True)]
        if sum(map(max, rows)) / shorter * penalty <= enough:
            return 0.0
        pairs = _best_matching(table)
        score = sum(table[q][r] for q, r in pairs) / shorter * penalty
        if len(query) == len(units):
            score = min(score, next(table[q][r] for q, r in pairs if r == 0))
        return score

    def matched(self, fields: Mapping[str, Any]) -> dict[str, str]:
        """The record's name fields that have a unit like one of the query's, with their value."""
        found: dict[str, str] = {}
        for name in (*CHAIN_FIELDS, MOTHER_FIELD):
            value = fields.get(name)
            if not value:
                continue
            query = self.mother if name == MOTHER_FIELD else self.query
            if query is not None and any(
                unit_similarity(q, r) >= MATCHED
                for q in query.names
                for r in parse_chain(value).names
            ):
                found[name] = value
        return found


def record_names(fields: Mapping[str, Any]) -> list[str]:
    """A record's name as whole chains: its parts in chain order, and its full name."""
    parts = [fields.get(name) or "" for name in CHAIN_FIELDS[:-1]]
    names = [" ".join(part for part in parts if part)] if any(parts) else []
    if fields.get("full_name"):
        names.append(str(fields["full_name"]))
    return names


def _best_matching(table: list[list[float]]) -> list[tuple[int, int]]:
    """(row, column) pairs, one per row or column (whichever are fewer), of highest total."""
    rows, columns = len(table), len(table[0])
    if rows <= columns:
        if columns <= EXHAUSTIVE:
            best = max(
                permutations(range(columns), rows),
                key=lambda cols: sum(table[r][c] for r, c in enumerate(cols)),
            )
            return list(enumerate(best))
        return _greedy(table)
    return [(r, c) for c, r in _best_matching([list(col) for col in zip(*table, strict=True)])]


def _greedy(table: list[list[float]]) -> list[tuple[int, int]]:
    cells = sorted(
        ((v, r, c) for r, row in enumerate(table) for c, v in enumerate(row)), reverse=True
    )
    used_rows: set[int] = set()
    used_columns: set[int] = set()
    pairs = []
    for _value, r, c in cells:
        if r not in used_rows and c not in used_columns:
            pairs.append((r, c))
            used_rows.add(r)
            used_columns.add(c)
    return pairs
