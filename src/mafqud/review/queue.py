"""The review queue: proposals of the last linking that still need a person's decision.

Ordered by ``queue_rank`` (set when the linking is stored): pairs that touch
a family's report first, then the pairs the model is least sure about — a
probability near 0.5 is where a reviewer adds most. A pair whose latest
decision is "same" or "different" leaves the queue; "unsure" keeps it there,
marked. Only pairs whose two records the reviewer may read are listed, and
nothing is counted over the others. Each item names its two records in a
line, so listing a page reads (and audits) its restricted records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, select, tuple_
from sqlalchemy.orm import Session, aliased

from mafqud.access import Permission, Principal, RecordView, is_visible, read_records
from mafqud.errors import NotFound
from mafqud.registry import LinkageRun, MatchProposal, PersonRecord, ReviewDecision
from mafqud.review.decisions import DecisionView, pair_history
from mafqud.review.pairs import ordered_pair

FAMILY_RANK = 1.0
"""Ranks below this belong to pairs that touch a family's report."""
PAGE = 50


@dataclass(frozen=True)
class QueueItem:
    record_l: str
    record_r: str
    probability: float
    match_weight: float
    rank: float
    family: bool
    unsure: bool
    label_l: tuple[str, ...]
    """Who the left record is about: name chain, birth date, source (those it has)."""
    label_r: tuple[str, ...]


NAME_CHAIN = ("given_name", "father_name", "grandfather_name", "family_name")


def record_label(view: RecordView) -> tuple[str, ...]:
    """A record as a reviewer scans a queue: name, birth date, source.

    Kept as parts, not one string: an Arabic name beside a date in one run
    of text would be reordered by the bidirectional algorithm.
    """
    fields = view.fields
    name = fields.get("full_name") or " ".join(fields[f] for f in NAME_CHAIN if f in fields)
    born = fields.get("birth_date", "")
    return tuple(part for part in (name, born, view.source_name) if part)


Cursor = tuple[float, str, str]
"""Where a page of the queue ends: (queue_rank, record_l, record_r) of its last item."""


def review_queue(
    session: Session, principal: Principal, limit: int = PAGE, after: Cursor | None = None
) -> list[QueueItem]:
    """One page of the queue as this reviewer may see it, from just after ``after``.

    Paged by the last item's position rather than an offset, so that page
    1,000 costs what page 1 does (the index is read from the cursor on).
    """
    if not principal.can(Permission.REVIEW):
        raise NotFound("no review queue")
    run_id = session.scalar(select(func.max(LinkageRun.id)))
    if run_id is None:
        return []
    latest = _latest_decision(MatchProposal.record_l, MatchProposal.record_r)
    query = (
        select(
            MatchProposal.record_l,
            MatchProposal.record_r,
            MatchProposal.probability,
            MatchProposal.match_weight,
            MatchProposal.queue_rank,
            latest.label("latest"),
        )
        .where(
            MatchProposal.run_id == run_id,
            ~exists(_settled(MatchProposal.record_l, MatchProposal.record_r)),
            is_visible(principal, MatchProposal.record_l),
            is_visible(principal, MatchProposal.record_r),
        )
        .order_by(MatchProposal.queue_rank, MatchProposal.record_l, MatchProposal.record_r)
        .limit(max(1, min(limit, 500)))
    )
    if after is not None:
        position = tuple_(MatchProposal.queue_rank, MatchProposal.record_l, MatchProposal.record_r)
        query = query.where(position > tuple_(*after))
    rows = session.execute(query).all()
    views = read_records(
        session, principal, {r.record_l for r in rows} | {r.record_r for r in rows}
    )
    return [
        QueueItem(row.record_l, row.record_r, row.probability, row.match_weight,
                  row.queue_rank, row.queue_rank < FAMILY_RANK, row.latest == "unsure",
                  record_label(views[row.record_l]), record_label(views[row.record_r]))
        for row in rows
    ]  # fmt: skip


def _settled(left: Any, right: Any) -> Any:
    """Rows exist when the pair's decision in force (its newest note) is same or different.

    Written as an anti-join, not as a filter on the newest decision: PostgreSQL
    cannot estimate a filter on a correlated scalar and, taking it for 1 % of
    rows, left the index for a sort of the whole queue at deep pages (0.6 s
    unprepared at 100,000 proposals, measured by bench/web.py).
    """
    note, newer = aliased(ReviewDecision), aliased(ReviewDecision)
    return select(1).where(
        note.record_l == left,
        note.record_r == right,
        note.decision != "unsure",
        ~exists().where(
            newer.record_l == note.record_l, newer.record_r == note.record_r, newer.id > note.id
        ),
    )


def _latest_decision(left: Any, right: Any) -> Any:
    """Correlated scalar: the decision of the newest note on the pair (left, right), or NULL."""
    return (
        select(ReviewDecision.decision)
        .where(ReviewDecision.record_l == left, ReviewDecision.record_r == right)
        .order_by(ReviewDecision.id.desc())
        .limit(1)
        .scalar_subquery()
    )


@dataclass(frozen=True)
class ProposalDetail:
    """Everything a reviewer needs to decide one pair."""

    records: dict[str, Any]
    """Both records (as :meth:`RecordView.as_dict`), left then right."""
    probability: float | None
    match_weight: float | None
    explanation: list[dict[str, Any]]
    persons: dict[str, str | None]
    """Each record's person as of the last linking."""
    history: list[DecisionView]


def proposal_detail(
    session: Session, principal: Principal, record_a: str, record_b: str
) -> ProposalDetail:
    """The pair side by side with the model's reasons and the decisions so far.

    Works for any pair of readable records, proposed or not, so that a
    reviewer can also compare a record with another of a person's records.
    """
    left, right = ordered_pair(record_a, record_b)
    if not principal.can(Permission.REVIEW):
        raise NotFound("no such proposal")
    views = read_records(session, principal, (left, right))
    if set(views) != {left, right}:
        raise NotFound("no such proposal")
    proposal = session.scalar(
        select(MatchProposal)
        .where(MatchProposal.record_l == left, MatchProposal.record_r == right)
        .order_by(MatchProposal.run_id.desc())
        .limit(1)
    )
    persons = dict(
        session.execute(
            select(PersonRecord.record_id, PersonRecord.person_id).where(
                PersonRecord.record_id.in_([left, right])
            )
        ).all()
    )
    explanation = (
        [{"comparison": c, "level": lv, "weight": w} for c, lv, w in
         json.loads(proposal.explanation)]
        if proposal is not None else []
    )  # fmt: skip
    return ProposalDetail(
        records={left: views[left].as_dict(), right: views[right].as_dict()},
        probability=proposal.probability if proposal else None,
        match_weight=proposal.match_weight if proposal else None,
        explanation=explanation,
        persons={left: persons.get(left), right: persons.get(right)},
        history=pair_history(session, left, right),
    )
