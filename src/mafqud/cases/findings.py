"""Releasing a reviewed finding to a family: the one way anything found reaches them.

A score never reaches a family. A case worker may release a record to a
case only when reviewers have said it is the reported person: the latest
review decision on the pair (report, record) is "same", or a confirmed
case-match conclusion rests on the report. "Believed dead" needs more: a
confirmed believed-dead conclusion (two reviewers) on the person the record
belongs to. The family is then told that there is news and to sign in: the
finding itself is never in a message.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mafqud.access import Principal, audit, read_records
from mafqud.cases.history import add_event
from mafqud.cases.status import CaseStatus
from mafqud.cases.updates import queue_notice
from mafqud.cases.worker import staff_case
from mafqud.errors import InvalidInput, NotFound
from mafqud.registry import CaseFinding, PersonRecord, dumps, utc_now
from mafqud.review import (
    ConclusionKind,
    ConclusionState,
    ConclusionView,
    Decision,
    pair_history,
    person_conclusions,
)

MAX_MESSAGE = 4000
DEFAULT_FIELDS = (
    "given_name",
    "father_name",
    "grandfather_name",
    "family_name",
    "mother_name",
    "birth_date",
    "event_date",
    "event_place",
    "facility",
)
DEATH_FIELDS = ("death_date", "death_place")


class FindingKind(StrEnum):
    RECORD_FOUND = "record-found"
    BELIEVED_DEAD = "believed-dead"


class NotReviewed(InvalidInput):
    """The release lacks the review it needs; nothing was released."""

    message_key = "not_reviewed"


def release_finding(
    session: Session,
    principal: Principal,
    case_code: str,
    record_id: str,
    kind: FindingKind,
    message: str,
    shown: tuple[str, ...] | None = None,
) -> int:
    """Release ``record_id`` to the case as a finding of ``kind``; returns the finding's id."""
    case = staff_case(session, principal, case_code)  # the cases permission is in its filter
    record = read_records(session, principal, [record_id]).get(record_id)
    if record is None:
        raise NotFound(f"no record {record_id!r}")
    message = message.strip()
    if not message or len(message) > MAX_MESSAGE:
        raise InvalidInput(f"write the family a message of 1 to {MAX_MESSAGE} characters")
    kind = FindingKind(kind)
    basis = _match_basis(session, case.record_id, record_id)
    if kind is FindingKind.BELIEVED_DEAD:
        basis["believed_dead"] = _death_basis(session, record_id)
    wanted = shown or (DEFAULT_FIELDS + (DEATH_FIELDS if kind is FindingKind.BELIEVED_DEAD else ()))
    values = {name: record.fields[name] for name in wanted if name in record.fields}
    finding = CaseFinding(
        case_id=case.id,
        kind=kind.value,
        record_id=record_id,
        shown_fields=dumps(values),
        message=message,
        basis=dumps(basis),
        user_id=principal.user_id,
        released_at=utc_now(),
    )
    session.add(finding)
    session.flush()
    case.status = CaseStatus.FINDING_SHARED.value
    add_event(
        session,
        case,
        "finding-released",
        principal.actor,
        for_family=True,
        details={"finding_id": finding.id, "kind": kind.value},
    )
    audit(
        session,
        principal,
        "release-finding",
        f"case {case.id}",
        {"finding_id": finding.id, "record_id": record_id, "kind": kind.value},
    )
    queue_notice(session, case)
    return finding.id


def _match_basis(session: Session, report_id: str, record_id: str) -> dict[str, Any]:
    """The review that says ``record_id`` is the reported person, or NotReviewed."""
    if record_id == report_id:
        raise InvalidInput("the family's own report is not a finding")
    history = pair_history(session, report_id, record_id)
    if history and history[-1].decision is Decision.SAME:
        return {"decision_id": history[-1].id}
    for conclusion in _confirmed(session, record_id, ConclusionKind.CASE_MATCH):
        if conclusion.record_id == report_id:
            return {"case_match_conclusion_id": conclusion.id}
    raise NotReviewed(
        "no review says this record is the reported person: a reviewer must decide "
        "'same person' on the pair, or confirm a case match, first"
    )


def _death_basis(session: Session, record_id: str) -> int:
    confirmed = _confirmed(session, record_id, ConclusionKind.BELIEVED_DEAD)
    if not confirmed:
        raise NotReviewed(
            "'believed dead' is released only after two reviewers confirmed it on this person"
        )
    return confirmed[-1].id


def _confirmed(session: Session, record_id: str, kind: ConclusionKind) -> list[ConclusionView]:
    """Confirmed conclusions of ``kind`` on the person ``record_id`` belongs to."""
    person_id = session.scalar(
        select(PersonRecord.person_id).where(PersonRecord.record_id == record_id)
    )
    if person_id is None:
        return []
    return [
        view
        for view in person_conclusions(session, person_id)
        if view.kind is kind and view.state is ConclusionState.CONFIRMED
    ]
