"""Verifying that nothing in custody has changed: files, custody chain, accessions, records.

Four independent checks, each reported with what is wrong and where:

1. every stored file (received, or derived from one: a page image, an OCR
   reading) still hashes to its name, is read-only, and was logged;
2. the custody chain is unbroken (and still contains a head recorded earlier);
3. every accession matches the facts recorded in its `accessioned` event;
4. every import's records and quarantined rows still hash to the digest its
   `ingested` event recorded, so a record edited, added or removed in the
   database is found, and named.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

import orjson
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mafqud import SOFTWARE
from mafqud.evidence.accession import accession_facts
from mafqud.evidence.custody import Action, append_event, head_hash, walk_chain
from mafqud.evidence.redaction import redacted_objects
from mafqud.evidence.store import EvidenceStore
from mafqud.registry import (
    QUARANTINE_COLUMNS,
    RECORD_COLUMNS,
    Accession,
    ChainBreak,
    CustodyEvent,
    DerivedObject,
    IngestRun,
    QuarantinedRow,
    RetiredRecord,
    content_hash,
    digest_of,
    source_records,
)

Progress = Callable[[str, int, int | None], None]
MAX_NAMED_RECORDS = 20


@dataclass(frozen=True)
class Problem:
    """One thing that does not match; warnings do not fail verification."""

    check: str
    subject: str
    detail: str
    severity: str = "error"


@dataclass
class VerifyReport:
    objects: int = 0
    events: int = 0
    accessions: int = 0
    imports: int = 0
    rows: int = 0
    head: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        return data


def verify_registry(
    session: Session,
    store: EvidenceStore,
    expect_head: str | None = None,
    progress: Progress | None = None,
    record: bool = True,
) -> VerifyReport:
    """Run every check; if ``record``, append the outcome to the custody log."""
    report = VerifyReport()
    events = _check_chain(session, report, expect_head)
    _check_accessions(session, store, events, report, progress)
    _check_imports(session, events, report, progress)
    if record:
        append_event(
            session,
            Action.FIXITY_CHECKED,
            SOFTWARE,
            outcome="ok" if report.ok else "failed",
            details={
                "objects": report.objects,
                "events": report.events,
                "imports": report.imports,
                "rows": report.rows,
                "problems": len(report.problems),
            },
        )
    report.head = head_hash(session)
    return report


def _check_chain(
    session: Session, report: VerifyReport, expect_head: str | None
) -> dict[tuple[str, str], CustodyEvent]:
    """Walk the chain; return accessioned/ingested events keyed by what they are about."""
    keyed: dict[tuple[str, str], CustodyEvent] = {}
    hashes: set[str] = set()
    for item in walk_chain(session):
        if isinstance(item, ChainBreak):
            report.problems.append(Problem("custody", f"event {item.seq}", item.problem))
            continue
        report.events += 1
        hashes.add(item.hash)
        if item.action == Action.ACCESSIONED and item.accession_id:
            keyed[("accession", item.accession_id)] = item
        elif item.action == Action.DERIVED and item.output_sha256:
            keyed[("derived", item.output_sha256)] = item
        elif item.action == Action.INGESTED:
            run_id = str(orjson.loads(item.details).get("run_id"))
            keyed[("run", run_id)] = item
    if expect_head and expect_head not in hashes:
        report.problems.append(
            Problem("custody", "head", f"the chain no longer contains event {expect_head}")
        )
    return keyed


def _check_accessions(
    session: Session,
    store: EvidenceStore,
    events: dict[tuple[str, str], CustodyEvent],
    report: VerifyReport,
    progress: Progress | None,
) -> None:
    accessions = list(session.scalars(select(Accession).order_by(Accession.id)))
    redacted = redacted_objects(session)
    held = {accession.id: redacted.get(accession.id, accession.sha256) for accession in accessions}
    known = set(held.values())
    for done, accession in enumerate(accessions, start=1):
        report.accessions += 1
        subject = f"{accession.id} ({accession.original_filename})"
        event = events.get(("accession", accession.id))
        if event is None:
            report.problems.append(Problem("accession", subject, "no accessioned event in custody"))
        elif orjson.loads(event.details) != accession_facts(accession):
            report.problems.append(
                Problem("accession", subject, "differs from the facts recorded when accessioned")
            )
        _check_file(store, held[accession.id], subject, report)
        if progress:
            progress("files", done, len(accessions))
    known |= _check_derived(session, store, events, report, known)
    for name in store.stored():
        if name not in known:
            report.problems.append(
                Problem(
                    "file",
                    name,
                    "stored but never accessioned (an interrupted accession?)",
                    severity="warning",
                )
            )


def _check_file(store: EvidenceStore, expected: str, subject: str, report: VerifyReport) -> None:
    actual = store.rehash(expected)
    report.objects += 1
    if actual is None:
        report.problems.append(Problem("file", subject, "the stored file is missing"))
    elif actual != expected:
        report.problems.append(Problem("file", subject, f"the stored file now hashes to {actual}"))
    elif not store.is_read_only(expected):
        report.problems.append(
            Problem("file", subject, "the stored file is writable", severity="warning")
        )


def _check_derived(
    session: Session,
    store: EvidenceStore,
    events: dict[tuple[str, str], CustodyEvent],
    report: VerifyReport,
    checked: set[str],
) -> set[str]:
    """Each derived object's file (unless accessioned too, and so checked already), and the
    custody event that made it; their hashes."""
    hashes: set[str] = set()
    for derived in session.scalars(select(DerivedObject).order_by(DerivedObject.sha256)):
        subject = f"{derived.kind} {derived.sha256[:16]} (from {derived.accession_id})"
        if derived.sha256 not in checked:
            _check_file(store, derived.sha256, subject, report)
        event = events.get(("derived", derived.sha256))
        if event is None or event.input_sha256 != derived.derived_from:
            report.problems.append(
                Problem("derived", subject, "no derived event in custody links it to its origin")
            )
        hashes.add(derived.sha256)
    return hashes


def _check_imports(
    session: Session,
    events: dict[tuple[str, str], CustodyEvent],
    report: VerifyReport,
    progress: Progress | None,
) -> None:
    runs = list(session.scalars(select(IngestRun).order_by(IngestRun.id)))
    known = select(IngestRun.id)
    orphans = session.scalar(
        select(func.count())
        .select_from(source_records)
        .where(source_records.c.ingest_run_id.not_in(known))
    )
    if orphans:
        report.problems.append(
            Problem("records", "registry", f"{orphans} records belong to no recorded import")
        )
    total = sum(run.records_created + run.rows_quarantined for run in runs)
    for run in runs:
        report.imports += 1
        subject = f"import {run.id} of {run.accession_id}"
        event = events.get(("run", str(run.id)))
        if event is None:
            report.problems.append(Problem("import", subject, "no ingested event in custody"))
        elif event.output_sha256 != run.output_sha256:
            report.problems.append(
                Problem("import", subject, "its digest differs from the one in custody")
            )
        strays = session.scalar(
            select(func.count())
            .select_from(source_records)
            .where(source_records.c.ingest_run_id == run.id)
            .where(
                (source_records.c.source_id != run.source_id)
                | (source_records.c.accession_id != run.accession_id)
            )
        )
        if strays:
            report.problems.append(
                Problem("records", subject, f"{strays} records name another source or document")
            )
        edited: list[str] = []
        entries = _digest_entries(session, run.id, edited, report, total, progress)
        digest = digest_of(entries)
        if edited:
            named = ", ".join(edited[:MAX_NAMED_RECORDS])
            more = (
                f" and {len(edited) - MAX_NAMED_RECORDS} more"
                if len(edited) > MAX_NAMED_RECORDS
                else ""
            )
            report.problems.append(Problem("records", subject, f"edited rows: {named}{more}"))
        expected = event.output_sha256 if event is not None else run.output_sha256
        if digest != expected:
            report.problems.append(
                Problem("records", subject, "records were added, removed or edited since import")
            )


def _digest_entries(
    session: Session,
    run_id: int,
    edited: list[str],
    report: VerifyReport,
    total: int,
    progress: Progress | None,
) -> Iterator[tuple[str, str, str]]:
    """(kind, key, hash) for every row of one import in row order, recomputing each hash."""
    records = session.execute(
        select(*[source_records.c[c] for c in RECORD_COLUMNS], source_records.c.content_sha256)
        .where(source_records.c.ingest_run_id == run_id)
        .order_by(source_records.c.ordinal)
        .execution_options(yield_per=10_000)
    )
    quarantined = session.execute(
        select(*[getattr(QuarantinedRow, c) for c in QUARANTINE_COLUMNS])
        .add_columns(QuarantinedRow.content_sha256)
        .where(QuarantinedRow.ingest_run_id == run_id)
        .order_by(QuarantinedRow.ordinal)
        .execution_options(yield_per=10_000)
    )
    retired = session.execute(
        select(RetiredRecord.ordinal, RetiredRecord.record_id, RetiredRecord.content_sha256)
        .where(RetiredRecord.ingest_run_id == run_id)
        .order_by(RetiredRecord.ordinal)
    )
    ordinal_r = RECORD_COLUMNS.index("ordinal")
    ordinal_q = QUARANTINE_COLUMNS.index("ordinal")
    merged = heapq.merge(
        (("R", row[ordinal_r], tuple(row)) for row in records),
        (("Q", row[ordinal_q], tuple(row)) for row in quarantined),
        (("retired", ordinal, (record, sha)) for ordinal, record, sha in retired),
        key=lambda item: item[1],
    )
    for kind, ordinal, row in merged:
        if kind == "retired":  # its home node replaced or expired it: only its hash is held
            report.rows += 1
            yield "R", str(row[0]), str(row[1])
            continue
        values, stored = list(row[:-1]), row[-1]
        actual = content_hash(values)
        key = str(values[0]) if kind == "R" else str(ordinal)
        if actual != stored:
            edited.append(key if kind == "R" else f"quarantined row {ordinal}")
        report.rows += 1
        if progress and report.rows % 50_000 == 0:
            progress("rows", report.rows, total)
        yield kind, key, actual
