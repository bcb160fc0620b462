"""Disclosure levels: who may see a document or a record.

Ordered from the most open to the most closed, so that combining the level of
a source with the restriction of the document it came from is a ``max``.
"""

from __future__ import annotations

from enum import StrEnum


class Disclosure(StrEnum):
    """public: anyone; partners: organisations this node shares with; restricted: this node."""

    PUBLIC = "public"
    PARTNERS = "partners"
    RESTRICTED = "restricted"

    @property
    def rank(self) -> int:
        """Position from most open (0) to most closed."""
        return list(Disclosure).index(self)


def most_restrictive(*levels: Disclosure) -> Disclosure:
    """The level that protects every input: data never becomes more open by combination."""
    return max(levels, key=lambda level: level.rank)
