"""The public progress page's figures: aggregates only, computed live.

What a commission can publish to show the work is moving: documents
received, records, matches reviewers confirmed, families told a reviewed
finding, open cases and how long they have waited. Only whole-registry
counts: no figure is broken down finely enough to point at a person or to
tell that a particular restricted record exists.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from mafqud.registry import (
    Accession,
    Case,
    CaseFinding,
    IngestRun,
    ReviewDecision,
    as_utc,
    decisions_in_force,
    utc_now,
)

AGE_BANDS = ((0, 30), (30, 90), (90, 365), (365, None))
"""Open cases by days since filing: under a month, a quarter, a year, and longer."""


@dataclass(frozen=True)
class Progress:
    documents: int
    records: int
    reviewed_matches: int
    families_informed: int
    open_cases: int
    open_case_ages: dict[str, int]
    median_open_days: int | None
    as_of: datetime

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "as_of": self.as_of.isoformat()}


def public_progress(session: Session) -> Progress:
    now = utc_now()
    opened = sorted(
        (now - as_utc(moment)).days
        for moment in session.scalars(select(Case.opened_at).where(Case.closed_at.is_(None)))
    )
    return Progress(
        documents=session.scalar(select(func.count()).select_from(Accession)) or 0,
        records=session.scalar(select(func.coalesce(func.sum(IngestRun.records_created), 0))) or 0,
        reviewed_matches=_confirmed_matches(session),
        families_informed=session.scalar(select(func.count(distinct(CaseFinding.case_id)))) or 0,
        open_cases=len(opened),
        open_case_ages={
            _band_label(low, high): _in_band(opened, low, high) for low, high in AGE_BANDS
        },
        median_open_days=opened[len(opened) // 2] if opened else None,
        as_of=now,
    )


def _in_band(ages: list[int], low: int, high: int | None) -> int:
    return sum(1 for age in ages if age >= low and (high is None or age < high))


def _band_label(low: int, high: int | None) -> str:
    return f"{low}-{high}" if high is not None else f"{low}+"


def _confirmed_matches(session: Session) -> int:
    """Pairs whose decision in force (the newest note) is "same person"."""
    return (
        session.scalar(
            select(func.count()).where(
                ReviewDecision.id.in_(decisions_in_force()), ReviewDecision.decision == "same"
            )
        )
        or 0
    )
