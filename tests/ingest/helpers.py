"""Small helpers shared by the ingest tests."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import Engine, func, select

from mafqud.registry import FIELD_NAMES, QuarantinedRow, source_records, transaction


def count_records(engine: Engine) -> int:
    with transaction(engine) as session:
        return session.scalar(select(func.count()).select_from(source_records)) or 0


def count_quarantined(engine: Engine) -> int:
    with transaction(engine) as session:
        return session.scalar(select(func.count()).select_from(QuarantinedRow)) or 0


def records(engine: Engine, **where: Any) -> list[dict[str, Any]]:
    """Records as dicts, in import order, with flags and original decoded."""
    query = select(source_records).order_by(
        source_records.c.ingest_run_id, source_records.c.ordinal
    )
    for column, value in where.items():
        query = query.where(source_records.c[column] == value)
    with transaction(engine) as session:
        rows = [dict(row._mapping) for row in session.execute(query)]
    for row in rows:
        row["flags"] = orjson.loads(row["flags"])
        row["original"] = orjson.loads(row["original"])
    return rows


def field_values(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Only the canonical fields, to compare imports of the same register in other forms."""
    return [tuple(row[name] for name in FIELD_NAMES) for row in rows]
