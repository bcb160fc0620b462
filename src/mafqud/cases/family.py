"""What a family can do with its case: sign in with its codes, read it, update it, withdraw.

A family is not a staff principal and never reads the registry: it reads its
own case, the report it filed, and the findings a case worker released to
it — nothing else is reachable from here. Signing in is throttled per case
(five wrong access codes lock the case for a quarter of an hour) and an
unknown case code costs the same time as a wrong access code, so codes
cannot be probed; the web layer also limits attempts per client.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from mafqud.access import audit, override_disclosure, verify_password
from mafqud.cases.codes import normalise_code
from mafqud.cases.consent import Scope
from mafqud.cases.contact import contact_problems
from mafqud.cases.history import HistoryLine, add_event, case_history
from mafqud.cases.status import CaseStatus, Channel
from mafqud.errors import InvalidInput, NotFound
from mafqud.evidence import EvidenceStore, Receipt, accession_file
from mafqud.registry import (
    FIELD_NAMES,
    Case,
    CaseFinding,
    Disclosure,
    as_utc,
    source_records,
    utc_now,
)
from mafqud.registry.entries import COMMISSION_CONSENT, republish

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MAX_INFORMATION = 4000


def family_actor(case_id: int) -> str:
    """How logs name a family: by its case's internal id, never its code."""
    return f"family of case {case_id}"


def open_case(session: Session, code: str, access_code: str) -> int | None:
    """The case id if the codes match and the case is not locked; None otherwise, always alike."""
    case = session.scalar(select(Case).where(Case.code == normalise_code(code)))
    now = utc_now()
    locked = case is not None and case.locked_until is not None and as_utc(case.locked_until) > now
    stored = case.access_hash if case is not None and not locked else None
    good = verify_password(stored, normalise_code(access_code))
    if case is None:
        return None
    if locked or not good:
        if not locked:
            case.failed_sign_ins += 1
            if case.failed_sign_ins >= MAX_FAILURES:
                case.locked_until, case.failed_sign_ins = now + LOCKOUT, 0
        audit(session, "anonymous", "family-sign-in-failed", f"case {case.id}")
        return None
    case.failed_sign_ins, case.locked_until = 0, None
    add_event(session, case, "signed-in", family_actor(case.id), for_family=False)
    return case.id


@dataclass(frozen=True)
class FamilyFinding:
    kind: str
    message: str
    released_at: datetime
    fields: dict[str, str]


@dataclass(frozen=True)
class FamilyView:
    """Everything the family's page shows, and nothing else."""

    code: str
    status: CaseStatus
    opened_at: datetime
    scope: Scope
    channel: Channel
    contact: dict[str, str | None]
    report: dict[str, str]
    history: list[HistoryLine]
    findings: list[FamilyFinding]


def family_view(session: Session, case_id: int) -> FamilyView:
    case = _case(session, case_id)
    record = session.execute(
        select(*(source_records.c[name] for name in FIELD_NAMES)).where(
            source_records.c.id == case.record_id
        )
    ).one()
    findings = [
        FamilyFinding(
            row.kind, row.message, as_utc(row.released_at), orjson.loads(row.shown_fields)
        )
        for row in session.scalars(
            select(CaseFinding).where(CaseFinding.case_id == case.id).order_by(CaseFinding.id)
        )
    ]
    return FamilyView(
        code=case.code,
        status=CaseStatus(case.status),
        opened_at=as_utc(case.opened_at),
        scope=Scope(case.scope),
        channel=Channel(case.channel),
        contact={"email": case.email, "phone": case.phone, "address": case.address},
        report={name: value for name, value in record._mapping.items() if value},
        history=case_history(session, case.id, family_only=True),
        findings=findings,
    )


def update_contact(
    session: Session, case_id: int, email: str, phone: str, address: str, channel: str
) -> None:
    """New contact details replace the old; the history says that they changed, not to what."""
    case = _case(session, case_id)
    problems = contact_problems(channel, email, phone, address)
    if problems:
        raise InvalidInput("; ".join(f"{name}: {problem}" for name, problem in problems.items()))
    changed = [
        name
        for name, value in (("email", email), ("phone", phone), ("address", address))
        if (getattr(case, name) or "") != value.strip()
    ]
    case.email, case.phone = email.strip() or None, phone.strip() or None
    case.address, case.channel = address.strip() or None, Channel(channel).value
    add_event(
        session,
        case,
        "contact-changed",
        family_actor(case.id),
        for_family=True,
        details={"changed": changed, "channel": case.channel},
    )


def add_information(session: Session, case_id: int, text: str) -> None:
    """Something the family remembered later: kept in the history for the case worker."""
    case = _case(session, case_id)
    text = text.strip()
    if not text or len(text) > MAX_INFORMATION or "\x00" in text:
        raise InvalidInput(f"write between 1 and {MAX_INFORMATION} characters")
    add_event(
        session,
        case,
        "information-added",
        family_actor(case.id),
        for_family=True,
        details={"text": text},
    )


def add_document(session: Session, store: EvidenceStore, case_id: int, path: Path) -> str:
    """A document the family sends (a photo, an ID card): evidence, restricted, tied to the case."""
    case = _case(session, case_id)
    receipt = Receipt(
        received_via="family case page",
        restriction=Disclosure.RESTRICTED,
        notes=f"sent by the family of case {case.id}",
    )
    accession, _new = accession_file(session, store, path, receipt, family_actor(case.id))
    add_event(
        session,
        case,
        "document-added",
        family_actor(case.id),
        for_family=True,
        details={"accession_id": accession.id, "filename": path.name},
    )
    return accession.id


def withdraw_consent(session: Session, case_id: int) -> None:
    """Take the report out of every shared view and export from now on.

    The report's record becomes restricted (only the receiving organisation
    reads it) through the same override staff use, so search, pages and
    feeds drop it at once; the case stays open with the narrowest scope.
    """
    case = _case(session, case_id)
    before = override_disclosure(
        session,
        case.record_id,
        Disclosure.RESTRICTED,
        "the family withdrew consent to sharing",
        None,
    )
    previous_scope, case.scope = case.scope, Scope.ORGANISATION.value
    if previous_scope == Scope.COMMISSION.value:  # the commission's node must delete its copy
        republish(session, case.record_id, COMMISSION_CONSENT)
    audit(
        session,
        family_actor(case.id),
        "withdraw-consent",
        case.record_id,
        {"from": before, "to": Disclosure.RESTRICTED.value, "scope_was": previous_scope},
    )
    add_event(
        session,
        case,
        "consent-withdrawn",
        family_actor(case.id),
        for_family=True,
        details={"scope_was": previous_scope},
    )


def _case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("no such case")
    return case
