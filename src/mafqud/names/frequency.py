"""Name frequencies: how common each name unit is, so that rare names count for more.

Two records agreeing on محمد say little — it is the given or father's name of
a large share of Syrian men — while agreeing on البقاعي says a lot. Linkage
(the Fellegi–Sunter term-frequency adjustment) and search ranking weigh an
agreement by how often the agreed unit occurs in the population at hand.

Units are counted at two levels:

* the unit as its script writes it, after folding: the normalised Arabic core
  (حلبي for الحلبي) or the folded Latin sound (muhamad for Mohammad);
* its cross-script key (MHMD), so that a Latin spelling looked up in a
  registry of Arabic registers still finds how common the name is.

A unit never seen gets the frequency of a half occurrence, so that its weight
is large but finite.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from mafqud.names.keys import name_units

UNSEEN = 0.5
"""The count a unit never seen is given."""


@dataclass(frozen=True)
class UnitFrequency:
    """How common one unit of a name is."""

    unit: str
    key: str
    count: float
    """Occurrences of the unit, or of its key when the unit itself was never seen."""
    frequency: float
    """Share of all counted units."""

    @property
    def bits(self) -> float:
        """Information in an agreement on this unit: -log2(frequency); rare names weigh more."""
        return -math.log2(self.frequency)


@dataclass
class NameFrequencies:
    """Counts of name units over a population of names."""

    units: Counter[str] = field(default_factory=Counter)
    keys: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.units.values())

    def add(self, name: str | None) -> None:
        """Count the units of one name (None and empty names count nothing)."""
        if not name:
            return
        for unit, key in name_units(name):
            self.units[unit] += 1
            if key:
                self.keys[key] += 1

    def update(self, names: Iterable[str | None]) -> NameFrequencies:
        for name in names:
            self.add(name)
        return self

    def merge(self, other: NameFrequencies) -> NameFrequencies:
        """Both populations counted together (e.g. given and father's names)."""
        return NameFrequencies(self.units + other.units, self.keys + other.keys)

    def of(self, name: str) -> list[UnitFrequency]:
        """How common each unit of a name is: by the unit itself, else by its key."""
        total = max(self.total, 1)
        found = []
        for unit, key in name_units(name):
            count: float = self.units.get(unit, 0) or self.keys.get(key, 0) or UNSEEN
            found.append(UnitFrequency(unit, key, count, count / (total + UNSEEN)))
        return found

    def most_common(self, limit: int) -> list[tuple[str, int]]:
        return self.units.most_common(limit)
