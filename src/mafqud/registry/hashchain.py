"""Hash chains: append-only logs in which every link's hash covers the link before.

The custody log (evidence) and the audit log (access) are both chains: each
link carries ``seq``, ``prev_hash`` and ``hash``, and the hash is computed
from the link's content and ``prev_hash``. Editing, inserting or deleting a
past link breaks the chain from there on; walking it says where.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol, TypeVar

GENESIS = "0" * 64
"""The ``prev_hash`` of a chain's first link."""


class Link(Protocol):
    seq: int
    prev_hash: str
    hash: str


L = TypeVar("L", bound=Link)


@dataclass(frozen=True)
class ChainBreak:
    """Where a chain stops being consistent, and how."""

    seq: int
    problem: str


def walk_links(
    links: Iterable[L], link_hash: Callable[[L], str], noun: str = "event"
) -> Iterator[L | ChainBreak]:
    """Every link in order, with a ChainBreak before each one that does not fit."""
    expected_prev, expected_seq = GENESIS, 1
    for link in links:
        if link.seq != expected_seq:
            yield ChainBreak(link.seq, f"expected {noun} {expected_seq} here: {noun}s are missing")
        if link.prev_hash != expected_prev:
            yield ChainBreak(link.seq, f"does not follow the previous {noun} (deleted or inserted)")
        if link_hash(link) != link.hash:
            yield ChainBreak(link.seq, "its content does not match its hash (edited)")
        yield link
        expected_prev, expected_seq = link.hash, link.seq + 1


def after(head: Link | None) -> tuple[int, str]:
    """The sequence number and ``prev_hash`` of the link to append after ``head``."""
    return (head.seq + 1, head.hash) if head is not None else (1, GENESIS)
