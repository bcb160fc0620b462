"""Cases as case workers see them: their own organisation's, and only with the permission.

Which cases a principal may handle is a query filter (:func:`cases_clause`),
so a list, a count and a lookup by code give the same answer; a case of
another organisation is "no such case", exactly like a code that does not
exist. Opening a case reads a family's contact details, so it is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import ColumnElement, false, or_, select
from sqlalchemy.orm import Session

from mafqud.access import Permission, Principal, RecordView, audit, read_records
from mafqud.cases.codes import normalise_code
from mafqud.cases.consent import Scope
from mafqud.cases.history import HistoryLine, add_event, case_history
from mafqud.cases.status import CaseStatus
from mafqud.errors import InvalidInput, NotFound
from mafqud.registry import Case, CaseFinding, MatchProposal, PersonRecord, as_utc, utc_now
from mafqud.review import Decision, decisions_involving


def cases_clause(principal: Principal) -> ColumnElement[bool]:
    """The cases ``principal`` may handle: its organisation's, with the cases permission."""
    if not principal.can(Permission.CASES):
        return false()
    return Case.organisation_id == principal.organisation_id


def staff_case(session: Session, principal: Principal, code: str) -> Case:
    """The case with this code if the principal may handle it; NotFound either way otherwise."""
    case = session.scalar(
        select(Case).where(Case.code == normalise_code(code), cases_clause(principal))
    )
    if case is None:
        raise NotFound("no such case")
    return case


@dataclass(frozen=True)
class CaseSummary:
    code: str
    status: CaseStatus
    opened_at: datetime
    last_update_at: datetime
    age_days: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "status": self.status.value,
            "opened_at": self.opened_at.isoformat(),
            "last_update_at": self.last_update_at.isoformat(),
            "age_days": self.age_days,
        }


def list_cases(
    session: Session, principal: Principal, status: CaseStatus | None = None, limit: int = 200
) -> list[CaseSummary]:
    """The principal's cases, oldest open first (the ones waiting longest need most care)."""
    query = select(Case).where(cases_clause(principal))
    if status is not None:
        query = query.where(Case.status == status.value)
    now = utc_now()
    rows = session.scalars(query.order_by(Case.closed_at.is_not(None), Case.opened_at).limit(limit))
    return [
        CaseSummary(
            row.code,
            CaseStatus(row.status),
            as_utc(row.opened_at),
            as_utc(row.last_update_at),
            (now - as_utc(row.opened_at)).days,
        )
        for row in rows
    ]


@dataclass(frozen=True)
class CaseDetail:
    """A case as its case worker handles it: the report, the family, history, candidates."""

    code: str
    status: CaseStatus
    scope: Scope
    opened_at: datetime
    reporter: dict[str, str | None]
    report: RecordView | None
    history: list[HistoryLine]
    findings: list[dict[str, Any]]
    candidates: list[RecordView]
    """Records proposed with the report or linked into its person, that the worker may read."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "status": self.status.value,
            "scope": self.scope.value,
            "opened_at": self.opened_at.isoformat(),
            "reporter": self.reporter,
            "report": self.report.as_dict() if self.report else None,
            "history": [
                {
                    "at": h.at.isoformat(),
                    "kind": h.kind,
                    "actor": h.actor,
                    "for_family": h.for_family,
                    "details": h.details,
                }
                for h in self.history
            ],
            "findings": self.findings,
            "candidates": [view.as_dict() for view in self.candidates],
        }


def case_detail(session: Session, principal: Principal, code: str) -> CaseDetail:
    case = staff_case(session, principal, code)
    audit(session, principal, "read-case", f"case {case.id}")
    candidates = _candidate_ids(session, case.record_id)
    views = read_records(session, principal, [case.record_id, *candidates])
    findings = [
        {
            "id": row.id,
            "kind": row.kind,
            "record_id": row.record_id,
            "message": row.message,
            "fields": orjson.loads(row.shown_fields),
            "released_at": as_utc(row.released_at).isoformat(),
        }
        for row in session.scalars(
            select(CaseFinding).where(CaseFinding.case_id == case.id).order_by(CaseFinding.id)
        )
    ]
    return CaseDetail(
        code=case.code,
        status=CaseStatus(case.status),
        scope=Scope(case.scope),
        opened_at=as_utc(case.opened_at),
        reporter={
            "name": case.reporter_name,
            "relationship": case.relationship,
            "email": case.email,
            "phone": case.phone,
            "address": case.address,
            "channel": case.channel,
            "language": case.language,
        },
        report=views.get(case.record_id),
        history=case_history(session, case.id, family_only=False),
        findings=findings,
        candidates=[views[c] for c in candidates if c in views],
    )


def _candidate_ids(session: Session, record_id: str) -> list[str]:
    """Records reviewers said are the reported person, then those the model proposed with the
    report (most likely first), then the other records of its person."""
    latest = {  # oldest first, so each pair keeps its decision in force
        (d.record_l, d.record_r): d.decision for d in decisions_involving(session, [record_id])
    }
    decided = [
        right if left == record_id else left
        for (left, right), decision in latest.items()
        if decision is Decision.SAME
    ]
    proposed = session.execute(
        select(MatchProposal.record_l, MatchProposal.record_r)
        .where(or_(MatchProposal.record_l == record_id, MatchProposal.record_r == record_id))
        .order_by(MatchProposal.probability.desc())
    ).all()
    person = select(PersonRecord.person_id).where(PersonRecord.record_id == record_id)
    grouped = session.scalars(
        select(PersonRecord.record_id).where(PersonRecord.person_id.in_(person))
    ).all()
    ordered = [
        *decided,
        *(right if left == record_id else left for left, right in proposed),
        *grouped,
    ]
    return list(dict.fromkeys(c for c in ordered if c != record_id))


def close_case(session: Session, principal: Principal, code: str, reason: str) -> None:
    case = staff_case(session, principal, code)
    reason = reason.strip()
    if not reason or len(reason) > 4000:
        raise InvalidInput("say why the case is closed")
    if case.closed_at is not None:
        return
    previous = case.status
    case.status, case.closed_at = CaseStatus.CLOSED.value, utc_now()
    add_event(
        session,
        case,
        "status-changed",
        principal.actor,
        for_family=True,
        details={"from": previous, "to": case.status, "reason": reason},
    )
    audit(session, principal, "close-case", f"case {case.id}")
