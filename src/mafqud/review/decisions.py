"""Decisions on pairs of records: same person, different people, or unsure.

A decision is a note. Deciding again on the same pair (by anyone with the
review permission) puts a new note in force and leaves the old one in the
history. The next linking reads the notes in force: "different" pairs are
never proposed again and never clustered together, "same" pairs are joined.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from mafqud.access import Permission, Principal, audit, visible_ids
from mafqud.errors import InvalidInput, NotFound
from mafqud.registry import ReviewDecision, User, as_utc, utc_now
from mafqud.review.pairs import ordered_pair

MAX_REASON = 4000


class Decision(StrEnum):
    SAME = "same"
    DIFFERENT = "different"
    UNSURE = "unsure"


@dataclass(frozen=True)
class DecisionView:
    id: int
    record_l: str
    record_r: str
    decision: Decision
    reason: str
    reviewer: str
    decided_at: datetime


def decide(
    session: Session,
    principal: Principal,
    record_a: str,
    record_b: str,
    decision: Decision,
    reason: str,
) -> DecisionView:
    """Write a decision on a pair both of whose records the reviewer may read."""
    left, right = ordered_pair(record_a, record_b)
    if not principal.can(Permission.REVIEW):
        raise NotFound("no such proposal")  # a non-reviewer learns nothing, not even that it exists
    if visible_ids(session, principal, (left, right)) != {left, right}:
        raise NotFound("no such proposal")
    reason = reason.strip()
    if not reason:
        raise InvalidInput("a decision needs a reason")
    if len(reason) > MAX_REASON:
        raise InvalidInput(f"a reason has at most {MAX_REASON} characters")
    row = ReviewDecision(
        record_l=left,
        record_r=right,
        decision=Decision(decision).value,
        reason=reason,
        user_id=principal.user_id,
        decided_at=utc_now(),
    )
    session.add(row)
    session.flush()
    audit(session, principal, f"decide-{row.decision}", f"{left} {right}", {"decision_id": row.id})
    return DecisionView(row.id, left, right, Decision(row.decision), reason,
                        principal.username, as_utc(row.decided_at))  # fmt: skip


def pair_history(session: Session, record_a: str, record_b: str) -> list[DecisionView]:
    """Every decision on a pair, oldest first (callers check the reader may see both records)."""
    left, right = ordered_pair(record_a, record_b)
    rows = session.execute(
        select(ReviewDecision, User.username)
        .join(User, User.id == ReviewDecision.user_id)
        .where(ReviewDecision.record_l == left, ReviewDecision.record_r == right)
        .order_by(ReviewDecision.id)
    ).all()
    return [_view(row, username) for row, username in rows]


def decisions_involving(session: Session, record_ids: list[str]) -> list[DecisionView]:
    """Every decision touching any of these records, oldest first."""
    if not record_ids:
        return []
    rows = session.execute(
        select(ReviewDecision, User.username)
        .join(User, User.id == ReviewDecision.user_id)
        .where(ReviewDecision.record_l.in_(record_ids) | ReviewDecision.record_r.in_(record_ids))
        .order_by(ReviewDecision.id)
    ).all()
    return [_view(row, username) for row, username in rows]


def _view(row: ReviewDecision, username: str) -> DecisionView:
    return DecisionView(row.id, row.record_l, row.record_r, Decision(row.decision), row.reason,
                        username, as_utc(row.decided_at))  # fmt: skip
