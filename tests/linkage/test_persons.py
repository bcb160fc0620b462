"""Stable person ids across re-linking: kept when membership holds or grows, events otherwise."""

from __future__ import annotations

from itertools import count

from mafqud.linkage.persons import PersonEvent, assign_person_ids


def _minter(start: int = 1):  # type: ignore[no-untyped-def]
    numbers = count(start)
    return lambda: f"P{next(numbers):03d}"


def test_first_run_creates_one_person_per_cluster() -> None:
    assigned, events = assign_person_ids({"a": "x", "b": "x", "c": "y"}, {}, _minter())
    assert assigned == {"a": "P001", "b": "P001", "c": "P002"}
    assert [e.kind for e in events] == ["created", "created"]


def test_unchanged_and_grown_persons_keep_their_ids() -> None:
    previous = {"a": "P001", "b": "P001", "c": "P002"}
    clusters = {"a": "k1", "b": "k1", "c": "k2", "d": "k2", "e": "k3"}
    assigned, events = assign_person_ids(clusters, previous, _minter(3))
    assert assigned == {"a": "P001", "b": "P001", "c": "P002", "d": "P002", "e": "P003"}
    assert PersonEvent("grew", "P002", (), 2) in events
    assert PersonEvent("created", "P003", (), 1) in events
    assert not [e for e in events if e.person == "P001"]  # unchanged: nothing to say


def test_a_merge_keeps_the_larger_id_and_retires_the_other() -> None:
    previous = {"a": "P001", "b": "P001", "c": "P002"}
    assigned, events = assign_person_ids({"a": "k", "b": "k", "c": "k"}, previous, _minter(3))
    assert set(assigned.values()) == {"P001"}
    assert PersonEvent("merged", "P001", ("P002",), 3) in events
    assert PersonEvent("retired", "P002", ("P001",), 0) in events


def test_a_split_keeps_the_id_on_the_larger_part() -> None:
    previous = {"a": "P001", "b": "P001", "c": "P001"}
    assigned, events = assign_person_ids({"a": "k1", "b": "k1", "c": "k2"}, previous, _minter(2))
    assert assigned == {"a": "P001", "b": "P001", "c": "P002"}
    assert PersonEvent("split", "P001", ("P002",), 2) in events
    assert PersonEvent("created", "P002", ("P001",), 1) in events


def test_ties_go_to_the_older_id() -> None:
    previous = {"a": "P002", "b": "P001"}
    assigned, _ = assign_person_ids({"a": "k", "b": "k"}, previous, _minter(3))
    assert set(assigned.values()) == {"P001"}
