"""What an import reports: per sheet and for the whole document."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class SheetReport:
    """How one sheet was read."""

    name: str | None
    header_row: int | None = None
    headers: list[str] = field(default_factory=list)
    """The header row, once per sheet: records keep their cells as arrays in this order."""
    columns: dict[str, object] = field(default_factory=dict)
    skipped: str | None = None
    rows: int = 0


@dataclass
class IngestReport:
    """What an import did, for the command line, the API and the ingest run."""

    filename: str
    source: str
    accession_id: str
    sha256: str
    new_accession: bool
    already_imported: bool = False
    run_id: int | None = None
    kind: str | None = None
    encoding: str | None = None
    encoding_evidence: str | None = None
    sheets: list[SheetReport] = field(default_factory=list)
    rows_read: int = 0
    records_created: int = 0
    records_replaced: int = 0
    """Of the records created, those replacing a mirror copy its home node changed."""
    rows_unchanged: int = 0
    rows_quarantined: int = 0
    rows_blank: int = 0
    quarantine_reasons: dict[str, int] = field(default_factory=dict)
    flagged_values: dict[str, int] = field(default_factory=dict)
    output_sha256: str | None = None
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
