"""Name frequencies of a registry: counted from its records, stored, read back.

Counting is the names package's business (:class:`NameFrequencies`); this
module feeds it every name field of every record and keeps the result in the
``name_frequencies`` table, replaced as a whole so that a reader never sees
half of one count and half of another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from mafqud.errors import InvalidInput
from mafqud.names import NameFrequencies
from mafqud.registry.fields import NAME_FIELDS
from mafqud.registry.models import NameFrequency, source_records

FREQUENCY_FIELDS: tuple[str, ...] = tuple(sorted(NAME_FIELDS))
_BATCH = 10_000
_MAX_UNIT = 400  # the column's length; a longer "unit" is noise, not a name


@dataclass(frozen=True)
class FrequencySummary:
    """What one computation counted."""

    records: int
    units: dict[str, int]
    """Units counted per field."""
    distinct: dict[str, int]
    """Distinct folded units per field."""


def compute_name_frequencies(
    session: Session, progress: Callable[[int, int], None] | None = None
) -> FrequencySummary:
    """Count name units over every record and replace the stored frequencies.

    ``progress`` is told (records read, records in all) batch by batch, for a
    progress bar. The caller's transaction makes the replacement atomic.
    """
    counted = {field: NameFrequencies() for field in FREQUENCY_FIELDS}
    columns = [source_records.c[field] for field in FREQUENCY_FIELDS]
    total = session.execute(select(func.count()).select_from(source_records)).scalar_one()
    records = 0
    for batch in session.execute(select(*columns).execution_options(yield_per=_BATCH)).partitions():
        for row in batch:
            for field, name in zip(FREQUENCY_FIELDS, row, strict=True):
                counted[field].add(name)
        records += len(batch)
        if progress is not None:
            progress(records, total)
    session.execute(delete(NameFrequency))
    for field, frequencies in counted.items():
        _store(session, field, "unit", frequencies.units.items())
        _store(session, field, "key", frequencies.keys.items())
    return FrequencySummary(
        records=records,
        units={field: f.total for field, f in counted.items()},
        distinct={field: len(f.units) for field, f in counted.items()},
    )


def _store(session: Session, field: str, level: str, counts: Iterable[tuple[str, int]]) -> None:
    rows = [
        {"field": field, "level": level, "unit": unit, "count": count}
        for unit, count in counts
        if len(unit) <= _MAX_UNIT
    ]
    for start in range(0, len(rows), _BATCH):
        session.execute(insert(NameFrequency), rows[start : start + _BATCH])


def load_name_frequencies(session: Session, fields: Iterable[str] | None = None) -> NameFrequencies:
    """The stored counts of the given name fields (all of them by default), added together."""
    chosen = list(fields) if fields is not None else list(FREQUENCY_FIELDS)
    unknown = set(chosen) - set(FREQUENCY_FIELDS)
    if unknown:
        raise InvalidInput(f"not name fields: {', '.join(sorted(unknown))}")
    frequencies = NameFrequencies()
    rows = session.execute(
        select(NameFrequency.level, NameFrequency.unit, func.sum(NameFrequency.count))
        .where(NameFrequency.field.in_(chosen))
        .group_by(NameFrequency.level, NameFrequency.unit)
    )
    for level, unit, count in rows:
        target = frequencies.units if level == "unit" else frequencies.keys
        target[unit] = int(count)  # PostgreSQL sums to a decimal
    return frequencies
