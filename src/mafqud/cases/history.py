"""A case's history: one appended line per thing that happened to it.

Lines marked ``for_family`` are what the family reads under "history of
updates"; the rest (who opened the case file, contact changes) is for staff.
Details never carry contact details in clear: staff of the organisation read
the history, and the case row is the one place those live.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from mafqud.registry import Case, CaseEvent, as_utc, dumps, utc_now


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    kind: str
    actor: str
    for_family: bool
    details: dict[str, Any]


def add_event(
    session: Session,
    case: Case,
    kind: str,
    actor: str,
    for_family: bool,
    details: dict[str, Any] | None = None,
) -> CaseEvent:
    event = CaseEvent(
        case_id=case.id,
        at=utc_now(),
        kind=kind,
        actor=actor,
        for_family=for_family,
        details=dumps(details or {}),
    )
    session.add(event)
    session.flush()
    return event


def case_history(session: Session, case_id: int, family_only: bool) -> list[HistoryLine]:
    """The case's history, oldest first; only the family's lines when ``family_only``."""
    query = select(CaseEvent).where(CaseEvent.case_id == case_id)
    if family_only:
        query = query.where(CaseEvent.for_family.is_(True))
    return [
        HistoryLine(as_utc(row.at), row.kind, row.actor, row.for_family, orjson.loads(row.details))
        for row in session.scalars(query.order_by(CaseEvent.id))
    ]
