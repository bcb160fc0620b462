"""Updates to families: the regular one, a case worker's personal one, and news notices.

Amnesty asked the commission for regular progress updates; families left
without word stop trusting, and stop being reachable. So every open case is
sent an update at least every ``interval`` (30 days by default), even when
it only says that the search goes on and how many documents were examined
since. Updates are written to the outbox here and delivered by
:mod:`mafqud.cases.delivery`, so a mail server being down delays a message
but never loses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from mafqud.access import Principal, audit
from mafqud.cases.contact import CHANNEL_FIELD
from mafqud.cases.history import add_event
from mafqud.cases.messages import finding_notice, personal_subject, regular_update
from mafqud.cases.status import CaseStatus, Channel
from mafqud.cases.worker import staff_case
from mafqud.errors import InvalidInput
from mafqud.registry import (
    Case,
    IngestRun,
    LinkageRun,
    MatchProposal,
    OutboxMessage,
    PersonRecord,
    as_utc,
    utc_now,
)

DEFAULT_INTERVAL = timedelta(days=30)
MAX_PERSONAL = 4000


@dataclass(frozen=True)
class UpdateRun:
    """What one pass of the regular updates did."""

    queued: int
    advanced: int


def queue_regular_updates(
    session: Session, interval: timedelta = DEFAULT_INTERVAL, now: datetime | None = None
) -> UpdateRun:
    """Queue an update for every open case not written to within ``interval``."""
    now = now or utc_now()
    due = session.scalars(
        select(Case)
        .where(Case.status != CaseStatus.CLOSED.value, Case.last_update_at <= now - interval)
        .order_by(Case.id)
    ).all()
    advanced = 0
    for case in due:
        if _advance(session, case):
            advanced += 1
        documents = _documents_since(session, as_utc(case.last_update_at))
        subject, body = regular_update(
            case.language, case.code, CaseStatus(case.status), documents, interval.days
        )
        _queue(session, case, "regular", subject, body, now)
        add_event(
            session,
            case,
            "update-sent",
            "regular updates",
            for_family=True,
            details={"documents_examined": documents, "status": case.status},
        )
    return UpdateRun(queued=len(due), advanced=advanced)


def queue_personal_update(session: Session, principal: Principal, case_code: str, text: str) -> int:
    """A case worker's own words to the family; the regular clock restarts from it."""
    case = staff_case(session, principal, case_code)
    text = text.strip()
    if not text or len(text) > MAX_PERSONAL or "\x00" in text:
        raise InvalidInput(f"write the family between 1 and {MAX_PERSONAL} characters")
    message = _queue(
        session, case, "personal", personal_subject(case.language, case.code), text, utc_now()
    )
    add_event(
        session, case, "personal-update", principal.actor, for_family=True, details={"text": text}
    )
    audit(session, principal, "personal-update", f"case {case.id}", {"outbox_id": message.id})
    return message.id


def queue_notice(session: Session, case: Case) -> None:
    """Tell the family there is news to read, without saying what it is."""
    subject, body = finding_notice(case.language, case.code)
    _queue(session, case, "notice", subject, body, utc_now())


def _queue(
    session: Session, case: Case, kind: str, subject: str, body: str, now: datetime
) -> OutboxMessage:
    channel = Channel(case.channel)
    recipient = getattr(case, CHANNEL_FIELD[channel])
    message = OutboxMessage(
        case_id=case.id,
        kind=kind,
        channel=channel.value,
        recipient=recipient or "",
        subject=subject,
        body=body,
        created_at=now,
        status="pending",
        attempts=0,
    )
    session.add(message)
    case.last_update_at = now
    session.flush()
    return message


def _advance(session: Session, case: Case) -> bool:
    """Move an early case forward when the registry shows progress; never backward."""
    status = CaseStatus(case.status)
    target = status
    if status is CaseStatus.RECEIVED and _linked_since(session, as_utc(case.opened_at)):
        target = CaseStatus.SEARCHING
    if target is CaseStatus.SEARCHING and _has_candidates(session, case.record_id):
        target = CaseStatus.UNDER_REVIEW
    if target is status:
        return False
    case.status = target.value
    add_event(
        session,
        case,
        "status-changed",
        "regular updates",
        for_family=True,
        details={"from": status.value, "to": target.value},
    )
    return True


def _linked_since(session: Session, moment: datetime) -> bool:
    """A linking of the registry has run since the report: it has been searched for."""
    return bool(session.scalar(select(exists().where(LinkageRun.finished_at >= moment))))


def _has_candidates(session: Session, record_id: str) -> bool:
    """The model proposed the report with another record, or linked it into a person with others."""
    proposed = exists().where(
        or_(MatchProposal.record_l == record_id, MatchProposal.record_r == record_id)
    )
    person = select(PersonRecord.person_id).where(PersonRecord.record_id == record_id)
    grouped = exists().where(
        PersonRecord.person_id.in_(person), PersonRecord.record_id != record_id
    )
    return bool(session.scalar(select(proposed | grouped)))


def _documents_since(session: Session, moment: datetime) -> int:
    """Documents imported since ``moment``: the honest measure of "we kept looking"."""
    return session.scalar(select(func.count()).where(IngestRun.finished_at > moment)) or 0
