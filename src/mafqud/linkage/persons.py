"""Stable person ids: a new clustering keeps the ids people already have.

A person id is what a reviewer's notes, a family's case and a partner's copy
point at, so re-linking must not renumber. Each new cluster inherits the id
of the earlier person it shares most records with (ties to the older id), as
long as no other cluster has taken that id; other clusters get new ids. What
changed is recorded as events, never silently:

* ``created`` — a new person (its records had none, or split off, see below);
* ``grew`` — a person gained records and lost none;
* ``merged`` — a person absorbed records of other persons (``related``);
* ``split`` — a person lost records to other persons (``related``);
* ``retired`` — an id no cluster inherited; ``related`` names the person now
  holding most of its records (none if its records are gone).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonEvent:
    kind: str
    person: str
    related: tuple[str, ...] = ()
    records: int = 0
    """How many records the person holds after the change (0 for a retired id)."""


def assign_person_ids(
    clusters: Mapping[str, str],
    previous: Mapping[str, str],
    new_id: Callable[[], str],
) -> tuple[dict[str, str], list[PersonEvent]]:
    """Record id → person id for a new clustering, and the events that explain the change.

    ``clusters`` maps every record to a cluster label; ``previous`` maps the
    records that had a person to its id; ``new_id`` mints an unused id.
    """
    members: dict[str, list[str]] = defaultdict(list)
    for record, label in clusters.items():
        members[label].append(record)
    before: dict[str, set[str]] = defaultdict(set)
    for record, person in previous.items():
        before[person].add(record)
    heir = _inherit(members, previous)
    for label in sorted(members, key=lambda lbl: min(members[lbl])):
        if label not in heir:
            heir[label] = new_id()
    assigned = {record: heir[label] for label, records in members.items() for record in records}
    return assigned, _events(members, heir, before, assigned)


def _inherit(members: Mapping[str, list[str]], previous: Mapping[str, str]) -> dict[str, str]:
    """Cluster label → the earlier person id it keeps, greedily by records shared."""
    shared: list[tuple[int, str, str]] = []
    for label, records in members.items():
        counts = Counter(previous[record] for record in records if record in previous)
        shared += [(count, person, label) for person, count in counts.items()]
    shared.sort(key=lambda item: (-item[0], item[1], item[2]))
    heir: dict[str, str] = {}
    taken: set[str] = set()
    for _, person, label in shared:
        if label not in heir and person not in taken:
            heir[label] = person
            taken.add(person)
    return heir


def _events(
    members: Mapping[str, list[str]],
    heir: Mapping[str, str],
    before: Mapping[str, set[str]],
    assigned: Mapping[str, str],
) -> list[PersonEvent]:
    events: list[PersonEvent] = []
    for label, records in members.items():
        person, now = heir[label], set(records)
        had = before.get(person, set())
        absorbed = sorted({p for p, recs in before.items() if p != person and recs & now})
        if not had:
            events.append(PersonEvent("created", person, tuple(absorbed), len(now)))
            continue
        lost_to = sorted({assigned[r] for r in had - now if r in assigned})
        if absorbed:
            events.append(PersonEvent("merged", person, tuple(absorbed), len(now)))
        if lost_to:
            events.append(PersonEvent("split", person, tuple(lost_to), len(now)))
        if not absorbed and not lost_to and now != had:
            events.append(PersonEvent("grew", person, (), len(now)))
    kept = set(heir.values())
    for person, had in sorted(before.items()):
        if person not in kept:
            holders = Counter(assigned[r] for r in had if r in assigned)
            related = (holders.most_common(1)[0][0],) if holders else ()
            events.append(PersonEvent("retired", person, related, 0))
    return events
