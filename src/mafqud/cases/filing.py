"""Filing a family's report: evidence first, then a source record, then the case.

A report is a document like any other: it is written as a one-row CSV with
the canonical column names, accessioned into the evidence store and imported
into the organisation's ``family-reports`` source by the same importer as a
prison register. So the report's record has provenance, its dates keep their
precision, Eastern Arabic digits are read, and `mafqud verify` re-checks it.
The reporter's name and contact details are not in that document: they stay
in the case, which only the receiving organisation's case workers read.
"""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from mafqud.access import hash_password
from mafqud.cases.codes import ACCESS_CODE_LENGTH, CASE_CODE_LENGTH, new_code
from mafqud.cases.consent import Scope
from mafqud.cases.contact import MAX_CONTACT, contact_problems
from mafqud.cases.history import add_event
from mafqud.cases.status import CaseStatus, Channel
from mafqud.errors import InvalidInput
from mafqud.evidence import EvidenceStore, Receipt
from mafqud.ingest import IngestRequest, ingest_file
from mafqud.registry import (
    FAMILY_REPORTS,
    FIELDS_BY_NAME,
    PERSON_NAME_FIELDS,
    Case,
    Disclosure,
    FieldKind,
    add_source,
    get_organisation,
    source_records,
    transaction,
    utc_now,
)

REPORT_FIELDS = (
    "given_name",
    "father_name",
    "grandfather_name",
    "family_name",
    "mother_name",
    "sex",
    "birth_date",
    "birth_place",
    "governorate",
    "national_id",
    "event_date",
    "event_place",
    "facility",
    "notes",
)
"""The record fields a family can fill in (``notes`` holds who took them and how)."""
FILED_BY = "family report form"


class InvalidReport(InvalidInput):
    """A report with one or more problems, all listed so the form can show them together."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{field}: {problem}" for field, problem in problems.items()))


@dataclass(frozen=True)
class FamilyReport:
    """What a family tells us, as typed into the form (cleaning happens on import)."""

    given_name: str = ""
    father_name: str = ""
    grandfather_name: str = ""
    family_name: str = ""
    mother_name: str = ""
    sex: str = ""
    birth_date: str = ""
    birth_place: str = ""
    governorate: str = ""
    national_id: str = ""
    event_date: str = ""
    event_place: str = ""
    facility: str = ""
    notes: str = ""
    reporter_name: str = ""
    relationship: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    channel: str = Channel.EMAIL.value
    language: str = "ar"
    scope: str = Scope.ORGANISATION.value

    def record_values(self) -> dict[str, str]:
        return {name: " ".join(getattr(self, name).split()) for name in REPORT_FIELDS}


@dataclass(frozen=True)
class FiledCase:
    """What the family is told once: the access code is not stored and cannot be shown again."""

    case_id: int
    code: str
    access_code: str
    record_id: str


def check_report(report: FamilyReport) -> dict[str, str]:
    """Every problem with a report, by field: empty when it can be filed."""
    problems: dict[str, str] = {}
    values = report.record_values()
    for name, value in values.items():
        if "\x00" in value:
            problems[name] = "contains a NUL character"
        elif len(value) > _typed_limit(name):
            problems[name] = f"at most {_typed_limit(name)} characters"
    if not any(values[name] for name in PERSON_NAME_FIELDS if name in values):
        problems["given_name"] = "write at least one name of the missing person"
    if not report.reporter_name.strip():
        problems["reporter_name"] = "say who is reporting"
    for name in ("reporter_name", "relationship"):
        value = getattr(report, name)
        if len(value) > MAX_CONTACT or "\x00" in value:
            problems[name] = f"at most {MAX_CONTACT} characters, no NUL"
    problems.update(contact_problems(report.channel, report.email, report.phone, report.address))
    if report.scope not in set(Scope):
        problems["scope"] = "choose with whom the report may be shared"
    if report.language not in ("ar", "en"):
        problems["language"] = "ar or en"
    return problems


def _typed_limit(name: str) -> int:
    """How much may be typed: the stored limit, or a line for sex and dates (cleaned later)."""
    field = FIELDS_BY_NAME[name]
    return field.max_length if field.kind in (FieldKind.NAME, FieldKind.TEXT) else 100


def family_source_name(domain: str) -> str:
    return f"Family reports ({domain})"


def file_report(
    engine: Engine, store: EvidenceStore, domain: str, report: FamilyReport, via: str = "web form"
) -> FiledCase:
    """File a report with the organisation ``domain``: accession, record, case, first event.

    The family-reports source is created on first use with a public default,
    and each report's document carries the restriction its consent scope asks
    for, so the record's level is exactly the scope (see :mod:`.consent`).
    The import and the case are two transactions (the importer owns its own):
    if opening the case failed, the report would stay as evidence and a
    record without a case, which a case worker can find in the source; never
    a case without its record.
    """
    problems = check_report(report)
    if problems:
        raise InvalidReport(problems)
    scope = Scope(report.scope)
    with transaction(engine) as session:
        organisation = get_organisation(session, domain)
        source, _new = add_source(
            session,
            family_source_name(domain),
            domain,
            Disclosure.PUBLIC,
            "reports filed by families",
            kind=FAMILY_REPORTS,
        )
        source_name = source.name
    code = new_code(CASE_CODE_LENGTH)
    access_code = new_code(ACCESS_CODE_LENGTH)
    with tempfile.TemporaryDirectory() as folder:
        path = _write_document(
            Path(folder) / f"family-report-{utc_now():%Y%m%dT%H%M%S}.csv", report
        )
        receipt = Receipt(
            received_via=via,
            restriction=scope.disclosure,
            notes="report filed by a family; contact details are in the case",
        )
        imported = ingest_file(
            engine, store, IngestRequest(path, source_name, FILED_BY, receipt=receipt)
        )
    with transaction(engine) as session:
        record_id = _the_record(session, imported.run_id)
        case = _open_case(session, organisation.id, record_id, code, access_code, report)
        add_event(
            session,
            case,
            "filed",
            FILED_BY,
            for_family=True,
            details={"scope": scope.value, "accession_id": imported.accession_id},
        )
        return FiledCase(case.id, code, access_code, record_id)


def _write_document(path: Path, report: FamilyReport) -> Path:
    """The report as the one-row CSV the importer reads; its digest makes it unique."""
    values = report.record_values()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["filed_at", *REPORT_FIELDS])
        writer.writerow([utc_now().isoformat(), *(values[name] for name in REPORT_FIELDS)])
    return path


def _the_record(session: Session, run_id: int | None) -> str:
    record_id = session.scalar(
        select(source_records.c.id).where(source_records.c.ingest_run_id == run_id)
    )
    if record_id is None:  # check_report guards this; the importer's verdict is final
        raise InvalidReport({"given_name": "the report could not become a record"})
    return str(record_id)


def _open_case(
    session: Session,
    organisation_id: int,
    record_id: str,
    code: str,
    access_code: str,
    report: FamilyReport,
) -> Case:
    now = utc_now()
    contact = {
        name: getattr(report, name).strip() or None
        for name in ("relationship", "email", "phone", "address")
    }
    case = Case(
        code=code,
        access_hash=hash_password(access_code),
        organisation_id=organisation_id,
        record_id=record_id,
        status=CaseStatus.RECEIVED.value,
        scope=report.scope,
        opened_at=now,
        closed_at=None,
        reporter_name=report.reporter_name.strip(),
        channel=report.channel,
        language=report.language,
        last_update_at=now,
        failed_sign_ins=0,
        locked_until=None,
        **contact,
    )
    session.add(case)
    session.flush()
    return case
