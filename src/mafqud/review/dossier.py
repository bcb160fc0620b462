"""A person's page: every readable record with its provenance, a timeline, and the conflicts.

Sources disagree — two birth years, three spellings, a death date on one list
only. The dossier never picks a winner: each field lists every distinct value
with the records that give it, and the timeline lists every dated event with
its source, so a reviewer (and later a family) sees what each document says.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mafqud.access import Principal, RecordView, read_records, visible_ids
from mafqud.errors import NotFound
from mafqud.registry import FIELD_NAMES, Person, PersonEventRow, PersonRecord
from mafqud.review.conclusions import ConclusionView, person_conclusions
from mafqud.review.decisions import DecisionView, decisions_involving

TIMELINE_FIELDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("birth_date", "born", ("birth_place", "governorate")),
    ("event_date", "detained or disappeared", ("event_place", "facility", "detainee_number")),
    ("death_date", "died", ("death_place", "death_cause")),
)
"""(date field, what happened, fields that say where and how)."""


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    what: str
    field: str
    details: dict[str, str]
    record_id: str
    source_name: str


@dataclass(frozen=True)
class FieldValues:
    """One field's distinct values across the person's records; a conflict if more than one."""

    field: str
    values: dict[str, list[str]]
    """Value → ids of the records that give it."""

    @property
    def conflict(self) -> bool:
        return len(self.values) > 1


@dataclass
class Dossier:
    person_id: str
    retired: bool
    records: list[RecordView]
    fields: list[FieldValues]
    timeline: list[TimelineEntry]
    events: list[dict[str, Any]]
    decisions: list[DecisionView]
    conclusions: list[ConclusionView] = field(default_factory=list)


def person_dossier(session: Session, principal: Principal, person_id: str) -> Dossier:
    """The person as this reader may see them; NotFound if they may see none of the records.

    Records the reader may not see are left out without a trace — not even
    counted, since a count of hidden records says that restricted ones exist.
    """
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"no person {person_id!r}")
    members = list(
        session.scalars(select(PersonRecord.record_id).where(PersonRecord.person_id == person_id))
    )
    views = read_records(session, principal, members)
    if not views:
        raise NotFound(f"no person {person_id!r}")
    records = sorted(views.values(), key=lambda v: (v.source_name, v.id))
    return Dossier(
        person_id=person_id,
        retired=person.retired_run_id is not None,
        records=records,
        fields=_field_values(records),
        timeline=_timeline(records),
        events=_events(session, person_id),
        decisions=_readable_decisions(session, principal, sorted(views)),
        conclusions=person_conclusions(session, person_id),
    )


def _readable_decisions(
    session: Session, principal: Principal, records: list[str]
) -> list[DecisionView]:
    """Decisions touching the person's records whose other record the reader may see too.

    A "same person" decision usually joins records of two persons until the
    next linking merges them, so it must show on both persons' pages.
    """
    decisions = decisions_involving(session, records)
    others = {d.record_l for d in decisions} | {d.record_r for d in decisions}
    readable = visible_ids(session, principal, others)
    return [d for d in decisions if d.record_l in readable and d.record_r in readable]


def _field_values(records: list[RecordView]) -> list[FieldValues]:
    values: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for record in records:
        for name, value in record.fields.items():
            values[name][value].append(record.id)
    return [
        FieldValues(name, {v: ids for v, ids in values[name].items()})
        for name in FIELD_NAMES
        if name in values
    ]


def _timeline(records: list[RecordView]) -> list[TimelineEntry]:
    entries = [
        TimelineEntry(
            date=record.fields[date_field],
            what=what,
            field=date_field,
            details={f: record.fields[f] for f in detail_fields if f in record.fields},
            record_id=record.id,
            source_name=record.source_name,
        )
        for record in records
        for date_field, what, detail_fields in TIMELINE_FIELDS
        if date_field in record.fields
    ]
    return sorted(entries, key=lambda e: (e.date, e.field, e.record_id))


def _events(session: Session, person_id: str) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(PersonEventRow)
        .where(PersonEventRow.person_id == person_id)
        .order_by(PersonEventRow.id)
    )
    return [
        {"run_id": r.run_id, "kind": r.kind, "related": json.loads(r.related), "records": r.records}
        for r in rows
    ]
