"""A pair of records is written smaller id first, everywhere (proposals, decisions)."""

from __future__ import annotations

from mafqud.errors import InvalidInput


def ordered_pair(a: str, b: str) -> tuple[str, str]:
    if a == b:
        raise InvalidInput("a record cannot be paired with itself")
    return (a, b) if a < b else (b, a)
