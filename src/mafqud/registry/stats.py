"""What the registry holds: records and quarantined rows per source, and why rows were set aside."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mafqud.registry.models import (
    Accession,
    IngestRun,
    Organisation,
    QuarantinedRow,
    Source,
    source_records,
)


@dataclass(frozen=True)
class SourceStats:
    source: str
    organisation: str
    disclosure: str
    documents: int
    records: int
    quarantined: int


@dataclass(frozen=True)
class RegistryStats:
    accessions: int
    sources: list[SourceStats]
    quarantine_reasons: dict[str, int] = field(default_factory=dict)

    @property
    def records(self) -> int:
        return sum(s.records for s in self.sources)

    @property
    def quarantined(self) -> int:
        return sum(s.quarantined for s in self.sources)

    def as_dict(self) -> dict[str, object]:
        return {
            "accessions": self.accessions,
            "records": self.records,
            "quarantined": self.quarantined,
            "sources": [asdict(s) for s in self.sources],
            "quarantine_reasons": self.quarantine_reasons,
        }


def registry_stats(session: Session) -> RegistryStats:
    """Counts per source from the tables themselves (not from run summaries, which could lie)."""
    per_run = (
        select(source_records.c.ingest_run_id, func.count().label("records"))
        .group_by(source_records.c.ingest_run_id)
        .subquery()
    )  # counted on the (ingest_run_id, ordinal) index
    records: dict[int, int] = {
        source_id: int(count)  # PostgreSQL sums to a decimal
        for source_id, count in session.execute(
            select(IngestRun.source_id, func.sum(per_run.c.records))
            .join(per_run, per_run.c.ingest_run_id == IngestRun.id)
            .group_by(IngestRun.source_id)
        )
    }
    quarantined: dict[int, int] = dict(
        session.execute(
            select(IngestRun.source_id, func.count())
            .join(QuarantinedRow, QuarantinedRow.ingest_run_id == IngestRun.id)
            .group_by(IngestRun.source_id)
        ).all()
    )
    documents: dict[int, int] = dict(
        session.execute(
            select(IngestRun.source_id, func.count()).group_by(IngestRun.source_id)
        ).all()
    )
    sources = [
        SourceStats(
            source=source.name,
            organisation=organisation.domain,
            disclosure=source.disclosure,
            documents=documents.get(source.id, 0),
            records=records.get(source.id, 0),
            quarantined=quarantined.get(source.id, 0),
        )
        for source, organisation in session.execute(
            select(Source, Organisation)
            .join(Organisation, Source.organisation_id == Organisation.id)
            .order_by(Source.name)
        ).all()
    ]
    reasons: dict[str, int] = dict(
        session.execute(
            select(QuarantinedRow.reason_code, func.count())
            .group_by(QuarantinedRow.reason_code)
            .order_by(func.count().desc())
        ).all()
    )
    accessions = session.scalar(select(func.count()).select_from(Accession)) or 0
    return RegistryStats(accessions=accessions, sources=sources, quarantine_reasons=reasons)
