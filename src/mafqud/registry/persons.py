"""Persons and match proposals in the registry: read what the last linking left, store a new one.

A linking is stored whole in one transaction — its run, its proposals, the
persons it created or retired, every record's person, and the events that
say what changed — so a reader sees either the previous linking or this one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ScalarSelect, delete, func, insert, select, update
from sqlalchemy.orm import Session

from mafqud.registry.dialect import refresh_statistics
from mafqud.registry.models import (
    LinkageRun,
    MatchProposal,
    Person,
    PersonEventRow,
    PersonRecord,
    ReviewDecision,
    source_records,
)

_BATCH = 10_000
PERSON_PREFIX = "P"


@dataclass(frozen=True)
class ProposalRow:
    record_l: str
    record_r: str
    probability: float
    match_weight: float
    explanation: list[tuple[str, str, float]]
    queue_rank: float


@dataclass(frozen=True)
class EventRow:
    kind: str
    person: str
    related: Sequence[str]
    records: int


def records_for_linkage(session: Session, columns: Sequence[str]) -> Iterator[dict[str, str]]:
    """Every source record as the linkage engine reads it: id, source, canonical fields."""
    wanted = [c for c in columns if c not in ("record_id", "source") and c in source_records.c]
    query = select(source_records.c.id, source_records.c.source_id, *[
        source_records.c[c] for c in wanted
    ]).order_by(source_records.c.id)  # fmt: skip
    for row in session.execute(query.execution_options(yield_per=_BATCH)):
        record = {"record_id": row[0], "source": str(row[1])}
        record.update({column: value or "" for column, value in zip(wanted, row[2:], strict=True)})
        yield record


def latest_model(session: Session) -> dict[str, Any] | None:
    """The model of the last linking, to reuse rather than train again."""
    text = session.execute(
        select(LinkageRun.model).order_by(LinkageRun.id.desc()).limit(1)
    ).scalar_one_or_none()
    return json.loads(text) if text else None


def decisions_in_force() -> ScalarSelect[int]:
    """The ids of the decisions in force: the newest note on each decided pair."""
    return (
        select(func.max(ReviewDecision.id))
        .group_by(ReviewDecision.record_l, ReviewDecision.record_r)
        .scalar_subquery()
    )


def pair_decisions(session: Session) -> dict[tuple[str, str], str]:
    """The decision in force (the newest note) on every pair a reviewer has decided."""
    rows = session.execute(
        select(ReviewDecision.record_l, ReviewDecision.record_r, ReviewDecision.decision).where(
            ReviewDecision.id.in_(decisions_in_force())
        )
    )
    return {(left, right): decision for left, right, decision in rows}


def current_persons(session: Session) -> dict[str, str]:
    """Record id → person id, as the last linking left them."""
    return dict(session.execute(select(PersonRecord.record_id, PersonRecord.person_id)).all())


def person_id_minter(session: Session) -> Iterator[str]:
    """New person ids after the highest ever issued (retired ids are never reused)."""
    highest = session.execute(select(func.max(Person.id))).scalar_one_or_none()
    number = int(highest[len(PERSON_PREFIX) :]) if highest else 0
    while True:
        number += 1
        yield f"{PERSON_PREFIX}{number:08d}"


def store_linkage(
    session: Session,
    run: LinkageRun,
    proposals: Iterable[ProposalRow],
    assigned: dict[str, str],
    events: Sequence[EventRow],
) -> int:
    """Write one linking; returns its run id."""
    session.add(run)
    session.flush()
    _insert(session, MatchProposal, (
        {"run_id": run.id, "record_l": p.record_l, "record_r": p.record_r,
         "probability": p.probability, "match_weight": p.match_weight,
         "explanation": json.dumps(p.explanation, ensure_ascii=False),
         "queue_rank": p.queue_rank}
        for p in proposals
    ))  # fmt: skip
    created = [e.person for e in events if e.kind == "created"]
    _insert(session, Person, ({"id": p, "created_run_id": run.id} for p in created))
    retired = [e.person for e in events if e.kind == "retired"]
    for start in range(0, len(retired), _BATCH):
        session.execute(
            update(Person)
            .where(Person.id.in_(retired[start : start + _BATCH]))
            .values(retired_run_id=run.id)
        )
    session.execute(delete(PersonRecord))
    _insert(session, PersonRecord, (
        {"record_id": record, "person_id": person, "run_id": run.id}
        for record, person in assigned.items()
    ))  # fmt: skip
    _insert(session, PersonEventRow, (
        {"run_id": run.id, "kind": e.kind, "person_id": e.person,
         "related": json.dumps(list(e.related)), "records": e.records}
        for e in events
    ))  # fmt: skip
    refresh_statistics(session, ("match_proposals", "person_records", "persons"))
    return run.id


def _insert(session: Session, model: type[Any], rows: Iterable[dict[str, Any]]) -> None:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            session.execute(insert(model), batch)
            batch = []
    if batch:
        session.execute(insert(model), batch)
