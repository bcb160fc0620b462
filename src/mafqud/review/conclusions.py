"""Sensitive conclusions under the two-person rule.

Telling a family that their relative is believed dead, or that a record is
the person they reported, cannot rest on one reviewer (Person Finder gated
"believed dead" behind a permission after false notes spread; ICMP releases a
match only after formal review). A conclusion is proposed by one reviewer and
is in force only when a *different* reviewer confirms it; anyone with the
review permission may reject it, which takes it out of force until someone
confirms again. Every step is a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from mafqud.access import Permission, Principal, audit, visible_ids
from mafqud.errors import InvalidInput, NotFound
from mafqud.registry import (
    Conclusion,
    ConclusionReview,
    PersonRecord,
    User,
    as_utc,
    utc_now,
)


class TwoPersonRule(InvalidInput):
    """The proposer of a conclusion tried to confirm it."""

    message_key = "two_person_rule"


class ConclusionKind(StrEnum):
    BELIEVED_DEAD = "believed-dead"
    CASE_MATCH = "case-match"


class ConclusionState(StrEnum):
    AWAITING_SECOND = "awaiting-second-reviewer"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class Verdict(StrEnum):
    CONFIRM = "confirm"
    REJECT = "reject"


@dataclass(frozen=True)
class ReviewNote:
    verdict: Verdict
    reason: str
    reviewer: str
    decided_at: datetime


@dataclass(frozen=True)
class ConclusionView:
    id: int
    kind: ConclusionKind
    person_id: str
    record_id: str | None
    reason: str
    proposer: str
    proposed_at: datetime
    state: ConclusionState
    reviews: list[ReviewNote] = field(default_factory=list)


def propose_conclusion(
    session: Session,
    principal: Principal,
    person_id: str,
    kind: ConclusionKind,
    reason: str,
    record_id: str | None = None,
) -> ConclusionView:
    """The first reviewer's half of a conclusion about a person they may see."""
    records = _person_records(session, principal, person_id)
    if record_id is not None and record_id not in records:
        raise NotFound(f"no record {record_id!r} of person {person_id}")
    reason = _reason(reason)
    row = Conclusion(
        kind=ConclusionKind(kind).value, person_id=person_id, record_id=record_id,
        reason=reason, user_id=principal.user_id, proposed_at=utc_now(),
    )  # fmt: skip
    session.add(row)
    session.flush()
    audit(session, principal, f"propose-{row.kind}", person_id, {"conclusion_id": row.id})
    return _views(session, [row])[0]


def confirm_conclusion(
    session: Session, principal: Principal, conclusion_id: int, verdict: Verdict, reason: str
) -> ConclusionView:
    """A reviewer's confirm or reject; the proposer may reject (withdraw) but never confirm."""
    row = session.get(Conclusion, conclusion_id)
    if row is None:
        raise NotFound(f"no conclusion {conclusion_id}")
    _person_records(session, principal, row.person_id)
    verdict = Verdict(verdict)
    if verdict is Verdict.CONFIRM and row.user_id == principal.user_id:
        raise TwoPersonRule(
            "the two-person rule: a conclusion you proposed must be confirmed by another reviewer"
        )
    session.add(ConclusionReview(
        conclusion_id=row.id, verdict=verdict.value, reason=_reason(reason),
        user_id=principal.user_id, decided_at=utc_now(),
    ))  # fmt: skip
    session.flush()
    audit(session, principal, f"{verdict.value}-{row.kind}", row.person_id,
          {"conclusion_id": row.id})  # fmt: skip
    return _views(session, [row])[0]


def conclusions_in_force(session: Session, kind: ConclusionKind) -> list[ConclusionView]:
    """Every confirmed conclusion of one kind, oldest first (what may be shared as a finding)."""
    rows = list(
        session.scalars(
            select(Conclusion).where(Conclusion.kind == kind.value).order_by(Conclusion.id)
        )
    )
    return [view for view in _views(session, rows) if view.state is ConclusionState.CONFIRMED]


def person_conclusions(session: Session, person_id: str) -> list[ConclusionView]:
    """Every conclusion proposed about a person, oldest first, with its state."""
    rows = list(
        session.scalars(
            select(Conclusion).where(Conclusion.person_id == person_id).order_by(Conclusion.id)
        )
    )
    return _views(session, rows)


def _person_records(session: Session, principal: Principal, person_id: str) -> set[str]:
    """The person's records the reviewer may see; refuses if none (or no review permission)."""
    if not principal.can(Permission.REVIEW):
        raise NotFound(f"no person {person_id!r}")
    records = session.scalars(select(PersonRecord.record_id).where(
        PersonRecord.person_id == person_id))  # fmt: skip
    visible = visible_ids(session, principal, records)
    if not visible:
        raise NotFound(f"no person {person_id!r}")
    return visible


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise InvalidInput("say why: a conclusion and each review of it need a reason")
    return reason


def _views(session: Session, rows: list[Conclusion]) -> list[ConclusionView]:
    if not rows:
        return []
    names = dict(session.execute(select(User.id, User.username)).all())
    notes: dict[int, list[ConclusionReview]] = {row.id: [] for row in rows}
    for review in session.scalars(
        select(ConclusionReview)
        .where(ConclusionReview.conclusion_id.in_(list(notes)))
        .order_by(ConclusionReview.id)
    ):
        notes[review.conclusion_id].append(review)
    return [
        ConclusionView(
            id=row.id, kind=ConclusionKind(row.kind), person_id=row.person_id,
            record_id=row.record_id, reason=row.reason, proposer=names[row.user_id],
            proposed_at=as_utc(row.proposed_at), state=_state(row, notes[row.id]),
            reviews=[ReviewNote(Verdict(n.verdict), n.reason, names[n.user_id],
                                as_utc(n.decided_at)) for n in notes[row.id]],
        )
        for row in rows
    ]  # fmt: skip


def _state(row: Conclusion, reviews: list[ConclusionReview]) -> ConclusionState:
    """In force when the latest review confirms and a confirmer is not the proposer."""
    if not reviews:
        return ConclusionState.AWAITING_SECOND
    latest = reviews[-1]
    if latest.verdict == Verdict.REJECT.value:
        return ConclusionState.REJECTED
    if latest.user_id != row.user_id:
        return ConclusionState.CONFIRMED
    return ConclusionState.AWAITING_SECOND
