"""The registry's persons as capture tables: each person, the sources that list them, their stratum.

Lists are the registry's sources (a family-reports source is a list like any
other: families who report are one more way of being recorded). A person is
a linkage cluster as the last ``mafqud link`` left it, so the estimate rests on
the same persons the reviewers see; records imported since are not yet
persons and are reported as such, never counted silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mafqud.errors import InvalidInput, NotFound, NotIdentifiable
from mafqud.estimate import strata
from mafqud.estimate.captures import CaptureTable
from mafqud.registry.models import PersonRecord, Source, source_records

_MERGED = frozenset({"governorate", "facility"})
"""Dimensions whose values are names, so spellings of one name count as one stratum."""


@dataclass(frozen=True)
class RegistryCaptures:
    """Capture tables by stratum (one ``all`` table when not stratified) and what was left out."""

    by: str | None
    tables: dict[str, CaptureTable]
    pooled: CaptureTable
    unlinked: int


def read_captures(
    session: Session, by: str | None = None, sources: Sequence[str] = ()
) -> RegistryCaptures:
    """Every current person's lists and stratum, as tables.

    ``sources`` limits the lists to those named (a source that is not a capture
    of the population — a copy of another list, a list of one village — can
    then be left out); persons on none of them are not counted.
    """
    if by is not None and by not in strata.DIMENSIONS:
        raise InvalidInput(f"--by must be one of {', '.join(strata.DIMENSIONS)}")
    lists = _lists(session, sources)
    persons = [
        (member_of & set(lists), value)
        for member_of, value in _persons(session, by)
        if not member_of.isdisjoint(lists)
    ]
    if not persons:
        raise NotIdentifiable("no persons yet: run `mafqud link` after importing lists")
    members = [m for m, _ in persons]
    pooled = CaptureTable.from_memberships(lists, members)
    tables = {"all": pooled}
    if by is not None:
        values = Counter(value for _, value in persons)
        labels = strata.merge_spellings(values) if by in _MERGED else {v: v for v in values}
        grouped: dict[str, list[frozenset[str]]] = {}
        for member_of, value in persons:
            grouped.setdefault(labels[value], []).append(member_of)
        tables = {
            label: CaptureTable.from_memberships(lists, grouped[label])
            for label in sorted(grouped, key=lambda v: (v == strata.UNKNOWN, v))
        }
    return RegistryCaptures(by, tables, pooled, _unlinked(session))


def _lists(session: Session, wanted: Sequence[str]) -> tuple[str, ...]:
    every = tuple(session.execute(select(Source.name).order_by(Source.id)).scalars())
    unknown = [name for name in wanted if name not in every]
    if unknown:
        raise NotFound(f"no source named {unknown[0]!r}; sources: {', '.join(every)}")
    return tuple(name for name in every if name in wanted) if wanted else every


def _persons(session: Session, by: str | None) -> Iterator[tuple[frozenset[str], str]]:
    """(the names of the sources listing the person, their stratum) for every person."""
    fields = [source_records.c[f] for f in strata.FIELDS]
    query = (
        select(PersonRecord.person_id, Source.name, *fields)
        .join(source_records, source_records.c.id == PersonRecord.record_id)
        .join(Source, Source.id == source_records.c.source_id)
        .order_by(PersonRecord.person_id)
    )
    rows = session.execute(query.execution_options(yield_per=10_000))
    dimension = strata.DIMENSIONS[by] if by else None
    for _, group in groupby(rows, key=lambda row: row[0]):
        records = list(group)
        member_of = frozenset(row[1] for row in records)
        value = ""
        if dimension is not None:
            value = dimension([dict(zip(strata.FIELDS, row[2:], strict=True)) for row in records])
        yield member_of, value


def _unlinked(session: Session) -> int:
    """Records that no linking has assigned to a person yet."""
    total = session.execute(select(func.count()).select_from(source_records)).scalar_one()
    linked = session.execute(
        select(func.count()).select_from(PersonRecord).join(
            source_records, source_records.c.id == PersonRecord.record_id
        )
    ).scalar_one()  # fmt: skip
    return int(total - linked)
